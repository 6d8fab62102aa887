import datetime as dt

import pytest

from dafu.draft import Draft, Paragraph, Section
from dafu.errors import DraftValueError, MissingValueError, TemplateError
from dafu.model import BlockKind
from dafu.render import render_document
from dafu.templates import TemplateSet, assemble, parse_markup

SHIPPED = {"suggestion_reply", "proposal_reply", "co_handling_opinion", "letter", "feedback_form"}


def values(**extra):
    base = {"meeting": "区第八届人民代表大会第三次会议", "suggestion_title": "关于加快数字化转型的建议",
            "number": "JY20230126", "deputies": "张昊等代表", "issuing_body": "福田区文化广电旅游体育局",
            "date": dt.date(2023, 5, 28), "contact_person": "刘轩逸", "contact_phone": "83131539"}
    base.update(extra)
    return base


def test_shipped_templates_are_listed_with_their_values():
    infos = {i.name: i for i in TemplateSet().all_info()}
    assert SHIPPED <= set(infos)
    assert "meeting" in infos["suggestion_reply"].requires
    assert "members" in infos["proposal_reply"].requires


def test_every_requirement_is_really_required():
    """Dropping any value a template declares as required must fail, naming that value."""
    templates = TemplateSet()
    for info in templates.all_info():
        full = values(proposal_title="关于X的提案", members="崔银雷", lead_unit="区发展改革局",
                      subject="X事项", addressee="区政协")
        assemble(Draft(info.name, full), templates)
        for name in info.requires:
            with pytest.raises(MissingValueError) as err:
                assemble(Draft(info.name, {k: v for k, v in full.items() if k != name}), templates)
            assert err.value.name == name
            assert err.value.path.endswith(".j2") and err.value.line


def test_suggestion_reply_blocks_in_order():
    draft = Draft("suggestion_reply", values(result_class="A", disclosure="主动公开",
                                              cc=["区人大常委会代表工作委员会", "区政府督查室"]),
                  intro=[Paragraph("背景。")],
                  sections=[Section("工作开展情况", sections=[Section("政策引导", [Paragraph("内容。")]),
                                                         Section("空间打造", [Paragraph("内容。")])]),
                            Section("下一步工作安排", [Paragraph("加快。"), Paragraph("加强。")], enumerate=True)])
    doc = assemble(draft)
    kinds = [b.kind for b in doc.blocks]
    assert kinds[:4] == [BlockKind.CLASS_MARK, BlockKind.DISCLOSURE, BlockKind.TITLE, BlockKind.SALUTATION]
    assert kinds[-7:] == [BlockKind.CLOSING, BlockKind.ISSUER, BlockKind.DATE, BlockKind.NOTE, BlockKind.CC,
                          BlockKind.PRINTED_BY, BlockKind.PRINTED_ON]  # 抄送 brings the 版记's 印发 line
    headings = [b.display_text for b in doc.of_kind(BlockKind.HEADING)]
    assert headings == ["一、工作开展情况", "（一）政策引导", "（二）空间打造", "二、下一步工作安排"]
    texts = [b.text for b in doc.of_kind(BlockKind.PARAGRAPH)]
    assert texts[0].startswith("你们在区第八届人民代表大会第三次会议上提出的《关于加快数字化转型的建议》（JY20230126）已收悉。")
    assert texts[-2:] == ["一是加快。", "二是加强。"]
    assert doc.first(BlockKind.DATE).text == "2023年5月28日"
    assert doc.first(BlockKind.NOTE).text == "（联系人：刘轩逸，联系电话：83131539）"
    assert doc.first(BlockKind.CC).text == "抄送：区人大常委会代表工作委员会，区政府督查室。"
    assert doc.first(BlockKind.CLOSING).text == "特此答复。"
    assert doc.meta.number == "JY20230126" and doc.meta.date == dt.date(2023, 5, 28)


def test_single_deputy_is_addressed_as_nin():
    doc = assemble(Draft("suggestion_reply", values(deputies=["张昊"])))
    assert doc.first(BlockKind.SALUTATION).text == "尊敬的张昊代表："
    assert doc.of_kind(BlockKind.PARAGRAPH)[0].text.startswith("您在")


def test_numbering_follows_order_after_a_move():
    draft = Draft("letter", {"subject": "X", "addressee": "区政协", "issuing_body": "局", "date": "2023-05-28",
                             "contact_person": "甲", "contact_phone": "83131539"},
                  sections=[Section("甲"), Section("乙"), Section("丙")])
    draft.move_section((2,), (), 0)
    assert [b.display_text for b in assemble(draft).of_kind(BlockKind.HEADING)] == ["一、丙", "二、甲", "三、乙"]


def test_inline_enumeration_is_generated():
    draft = Draft("suggestion_reply", values(), sections=[Section("工作", [Paragraph("我区：", ["制定；", "落实。"])])])
    assert "我区：一是制定；二是落实。" in [b.text for b in assemble(draft).blocks]


def test_contact_in_footer_drops_the_note():
    doc = assemble(Draft("suggestion_reply", values(contact_placement="footer")))
    assert doc.first(BlockKind.NOTE) is None and doc.meta.contact_placement == "footer"
    with pytest.raises(DraftValueError, match="contact_placement"):
        assemble(Draft("suggestion_reply", values(contact_placement="header")))


def test_newlines_and_control_characters_in_values_cannot_break_blocks():
    doc = assemble(Draft("suggestion_reply", values(suggestion_title="关于\n@closing 伪造\x07的建议")))
    assert len(doc.of_kind(BlockKind.CLOSING)) == 1
    assert "\x07" not in doc.plain_text()


def test_feedback_form_is_a_table_from_the_same_values(sample_draft):
    doc = render_document(sample_draft, template="feedback_form")
    table = doc.first(BlockKind.TABLE)
    assert ("建议编号", "JY20230126") in table.rows
    assert ("对办理结果的意见", "□满意\u3000□基本满意\u3000□不满意") in table.rows


def user_template(tmp_path, body, name="mine"):
    folder = tmp_path / "tpl"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.j2").write_text(body, encoding="utf-8")
    return TemplateSet(user_dir=folder)


def test_syntax_error_names_template_and_line(tmp_path):
    templates = user_template(tmp_path, "@title 标题\n@p {{ number }\n")
    with pytest.raises(TemplateError) as err:
        assemble(Draft("mine", values()), templates)
    assert err.value.path.endswith("mine.j2") and err.value.line == 2


def test_missing_value_names_it_and_its_line(tmp_path):
    templates = user_template(tmp_path, "@title 标题\n\n@p {{ nonexistent_value }}\n")
    with pytest.raises(MissingValueError) as err:
        assemble(Draft("mine", values()), templates)
    assert err.value.name == "nonexistent_value" and err.value.line == 3
    assert "nonexistent_value" in str(err.value)


def test_sandbox_keeps_templates_out_of_python(tmp_path):
    templates = user_template(tmp_path, "@p {{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    with pytest.raises(TemplateError):
        assemble(Draft("mine", values()), templates)


def test_user_template_overrides_shipped_one(tmp_path):
    templates = user_template(tmp_path, "{#\ntitle: 我的\n#}\n@title 自定义\n", name="letter")
    assert templates.info("letter").user and templates.info("letter").title == "我的"
    assert assemble(Draft("letter", {}), templates).first(BlockKind.TITLE).text == "自定义"


def test_unknown_template():
    with pytest.raises(TemplateError, match="no such template"):
        assemble(Draft("nope", values()))


def test_markup_numbering_resets_per_level():
    blocks = parse_markup("@h1 A\n@h2 a\n@h3 x\n@h3 y\n@h2 b\n@h3 z\n@h1 B\n@h2 c\n@enum e\n@enum f\n@p g\n@enum h")
    assert [b.display_text for b in blocks] == ["一、A", "（一）a", "1.x", "2.y", "（二）b", "1.z", "二、B",
                                                "（一）c", "一是e", "二是f", "g", "一是h"]
