"""Careless and hostile values in drafts: typed against the template, never printed as Python,
never able to inject blocks, every missing value named at once, and messages that blame the draft."""

import pytest

from dafu.draft import Draft, Paragraph, Section
from dafu.draftio import loads, read_draft
from dafu.errors import DraftError, DraftValueError, MissingValueError, TemplateError
from dafu.model import BlockKind
from dafu.templates import TemplateSet, assemble, clean_text

HEADER = '''template = "suggestion_reply"

[values]
meeting = "区第八届人民代表大会第三次会议"
suggestion_title = "关于加快数字化转型的建议"
number = "JY20230126"
deputies = "张昊等代表"
issuing_body = "福田区文化广电旅游体育局"
date = 2023-05-28
contact_person = "刘轩逸"
contact_phone = "83131539"
'''


def draft_file(tmp_path, text, name="reply.dafu"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def with_value(line_to_replace, new_line):
    assert line_to_replace in HEADER
    return HEADER.replace(line_to_replace, new_line)


# -- values that would print as Python --------------------------------------------------

@pytest.mark.parametrize("old, new, field, printed", [
    ('deputies = "张昊等代表"', "deputies = true", "deputies", "尊敬的True："),
    ('meeting = "区第八届人民代表大会第三次会议"', "meeting = nan", "meeting", "关于nan建议"),
    ('contact_phone = "83131539"', "contact_phone = 3.5", "contact_phone", "联系电话：3.5"),
    ('contact_person = "刘轩逸"', "contact_person = 2023-05-28T10:00:00", "contact_person", "2023-05-28 10:00"),
    ('issuing_body = "福田区文化广电旅游体育局"', "issuing_body = [1, 2]", "issuing_body", "[1, 2]"),
])
def test_wrong_typed_value_names_draft_line_and_field(tmp_path, old, new, field, printed):
    path = draft_file(tmp_path, with_value(old, new))
    line = with_value(old, new).splitlines().index(new) + 1
    with pytest.raises(DraftValueError) as err:
        assemble(read_draft(path))
    assert err.value.path == str(path) and err.value.line == line and err.value.names == (field,)
    assert str(err.value).startswith(f"{path}:{line}: ") and field in str(err.value)
    assert ".j2" not in str(err.value)  # the draft is at fault, not the shipped template


def test_cc_as_a_table_is_refused(tmp_path):
    path = draft_file(tmp_path, HEADER + "cc = { a = 1 }\n")
    with pytest.raises(DraftValueError) as err:
        assemble(read_draft(path))
    assert err.value.names == ("cc",) and err.value.line == 12


def test_every_bad_value_is_reported_with_its_line(tmp_path):
    text = with_value("deputies = \"张昊等代表\"", "deputies = false").replace(
        'contact_phone = "83131539"', "contact_phone = inf")
    path = draft_file(tmp_path, text)
    with pytest.raises(DraftValueError) as err:
        assemble(read_draft(path))
    assert [(name, line) for name, line, _ in err.value.problems] == [("deputies", 7), ("contact_phone", 11)]
    assert len(str(err.value).splitlines()) == 2


def test_values_a_clerk_writes_naturally_are_accepted(tmp_path):
    text = (with_value('number = "JY20230126"', "number = 126")
            .replace('contact_phone = "83131539"', "contact_phone = 83131539")
            .replace("date = 2023-05-28", 'date = "2023-05-28"'))
    doc = assemble(read_draft(draft_file(tmp_path, text + 'cc = "区政府督查室"\n')))
    assert "（126）" in doc.first(BlockKind.TITLE).text
    assert doc.first(BlockKind.NOTE).text == "（联系人：刘轩逸，联系电话：83131539）"
    assert doc.first(BlockKind.DATE).text == "2023年5月28日"
    assert doc.meta.number == "126" and doc.meta.contact_phone == "83131539"
    assert doc.first(BlockKind.CC).text == "抄送：区政府督查室。"


def test_a_date_that_is_no_date_blames_the_draft_not_the_template(tmp_path):
    path = draft_file(tmp_path, with_value("date = 2023-05-28", 'date = "五月底"'))
    with pytest.raises(DraftValueError) as err:
        assemble(read_draft(path))
    assert err.value.names == ("date",) and err.value.line == 9 and ".j2" not in str(err.value)


def test_template_declares_types_in_its_header(tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "mine.j2").write_text("{#\ntitle: 我的\nrequires: days\ntypes: days=int flag=bool mode=a|b\n#}\n"
                                    "@p {{ days + 1 }}天{{ '是' if flag is defined and flag else '' }}{{ mode | default('') }}\n",
                                    encoding="utf-8")
    templates = TemplateSet(user_dir=folder)
    info = templates.info("mine")
    assert info.value_type("days").kind == "int" and info.value_type("mode").choices == ("a", "b")
    doc = assemble(Draft("mine", {"days": "14", "flag": "是", "mode": "b"}), templates)
    assert doc.first(BlockKind.PARAGRAPH).text == "15天是b"
    with pytest.raises(DraftValueError) as err:
        assemble(Draft("mine", {"days": 1.5, "flag": 3, "mode": "c"}), templates)
    assert err.value.names == ("days", "flag", "mode")


def test_unknown_kind_in_types_is_a_template_error(tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "mine.j2").write_text("{#\ntypes: days=number\n#}\n@p x\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="unknown kind"):
        TemplateSet(user_dir=folder).info("mine")


def test_undeclared_values_used_by_a_user_template_cannot_print_python(tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "mine.j2").write_text("@p {{ extra }}\n", encoding="utf-8")
    templates = TemplateSet(user_dir=folder)
    assert assemble(Draft("mine", {"extra": "文字"}), templates).first(BlockKind.PARAGRAPH).text == "文字"
    with pytest.raises(DraftValueError, match="extra"):
        assemble(Draft("mine", {"extra": {"a": 1}}), templates)
    # A value the template does not use (left from another template) is no one's business.
    assert assemble(Draft("mine", {"extra": "x", "stale": 3.5}), templates)


def test_shipped_templates_declare_their_kinds():
    for info in TemplateSet().all_info():
        for name in ("date", "cc", "deputies", "members", "title_lines", "consulted", "return_days"):
            if name in info.requires + info.optional:
                assert name in info.types, (info.name, name)


# -- control characters and line separators --------------------------------------------------

INJECTIONS = ["\u2029一、注入的标题", "\u2028@h1 注入的标题", "\x85@cc 抄送：注入单位。", "\x0b@closing 伪造",
              "\n@h1 注入", "\x0c@p 注入", "\x1e@h1 注入", "\r@h1 注入"]


@pytest.mark.parametrize("injection", INJECTIONS)
def test_separators_in_a_paragraph_never_make_blocks(injection):
    draft = Draft("suggestion_reply", read_draft_values(),
                  sections=[Section("工作", [Paragraph("正文" + injection + "。")])])
    doc = assemble(draft)
    assert [b.display_text for b in doc.of_kind(BlockKind.HEADING)] == ["一、工作"]
    assert len(doc.of_kind(BlockKind.CLOSING)) == 1 and not doc.of_kind(BlockKind.CC)
    body = doc.of_kind(BlockKind.PARAGRAPH)[-1].text
    assert body.startswith("正文") and body.endswith("。")
    assert not any(ch in doc.plain_text() for ch in "\u2028\u2029\x85\x0b\x0c\x1e\r")


@pytest.mark.parametrize("injection", INJECTIONS + ["\x00", "\x07", "\ufffe", "\uffff", "\x9b"])
def test_separators_and_controls_in_headings_and_values_do_not_blame_the_template(injection):
    values = read_draft_values()
    values["issuing_body"] = "福田区" + injection + "文体局"
    values["number"] = "JY" + injection + "1"
    draft = Draft("suggestion_reply", values, sections=[Section("工作" + injection + "情况", [Paragraph("正文。")])])
    doc = assemble(draft)  # no TemplateError naming suggestion_reply.j2
    assert len(doc.of_kind(BlockKind.HEADING)) == 1
    for text in (doc.plain_text(), doc.meta.number, doc.meta.issuing_body):
        assert not any(0 < ord(ch) < 32 or ch in "\x85\u2028\u2029\ufffe\uffff\x9b\x00" for ch in text
                       if ch != "\n"), repr(text)
    assert doc.meta.issuing_body.startswith("福田区") and doc.meta.issuing_body.endswith("文体局")


def test_a_break_inside_chinese_text_is_joined_without_a_space():
    assert clean_text("加快\u2028推进") == "加快推进"
    assert clean_text("Fashion\u000bChannel") == "Fashion Channel"
    assert clean_text("甲\t乙\x07") == "甲 乙"


def read_draft_values():
    return dict(loads(HEADER).values)


# -- empty and missing values -----------------------------------------------------------------

def test_all_missing_values_are_named_at_once_without_a_template_path(tmp_path):
    path = draft_file(tmp_path, 'template = "suggestion_reply"\n[values]\nnumber = "JY1"\nmeeting = ""\n')
    with pytest.raises(MissingValueError) as err:
        assemble(read_draft(path))
    assert err.value.names == ("meeting", "suggestion_title", "deputies", "issuing_body", "date",
                               "contact_person", "contact_phone")
    message = str(err.value)
    assert ".j2" not in message and "templates" not in message
    assert message.startswith(f"{path}: ") and "会议名称（meeting）" in message and "联系电话（contact_phone）" in message
    # The template's place stays available for the log.
    assert err.value.template.endswith(".j2") and err.value.template_line
    assert ".j2" in err.value.log_text()


def test_a_missing_value_the_template_does_not_declare_is_named_too(tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "mine.j2").write_text("{#\nrequires: a b\n#}\n@p {{ a }}{{ b }}{{ c }}\n", encoding="utf-8")
    with pytest.raises(MissingValueError) as err:
        assemble(Draft("mine", {}), TemplateSet(user_dir=folder))
    assert err.value.names == ("a", "b")
    with pytest.raises(MissingValueError) as err:
        assemble(Draft("mine", {"a": "1", "b": "2"}), TemplateSet(user_dir=folder))
    assert err.value.names == ("c",) and err.value.line == 4


def test_empty_optional_values_leave_their_part_out():
    values = read_draft_values()
    values.update(disclosure="", cc=[], doc_number="  ")
    doc = assemble(Draft("suggestion_reply", values))
    assert not doc.of_kind(BlockKind.DISCLOSURE) and not doc.of_kind(BlockKind.CC)
    assert not doc.of_kind(BlockKind.DOC_NUMBER)


# -- draft structure ----------------------------------------------------------------------------

def test_deeply_nested_toml_is_a_draft_error():
    with pytest.raises(DraftError, match="nested too deeply"):
        loads('template = "x"\n[values]\na = ' + "[" * 5000 + "]" * 5000 + "\n", path="deep.dafu")


@pytest.mark.parametrize("text, line", [
    ('template = "t"\nintro = [{ text = 3 }]\n', 2),
    ('template = "t"\nintro = [{ text = "x", ref = 4 }]\n', 2),
    ('template = "t"\n[[sections]]\nheading = "x"\nenumerate = "yes"\n', 4),
])
def test_wrong_types_in_the_outline_name_their_line(text, line):
    with pytest.raises(DraftError) as err:
        loads(text, path="x.dafu")
    assert err.value.line == line


def test_value_lines_are_found_in_every_toml_form():
    draft = loads('template = "x"\nvalues.a = 1\n# values.b = 0\n"values".b = 2\n')
    assert draft.value_lines == {"a": 2, "b": 4}
    draft = loads('template = "x"\nvalues = { a = 1, "b" = 2 }\n')
    assert draft.value_lines == {"a": 2, "b": 2}
    draft = loads('template = "x"\n[values]\nopening = """\nc = 1\n"""\nc = 2\n')
    assert draft.value_lines == {"opening": 3, "c": 6}
