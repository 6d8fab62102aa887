"""The drafts of the render matrix: every shipped template × the variants a bureau uses every day.

Bodies come from the bundled sample reply; the "date alone" variant is built so that, without
keep-together, the last page would hold only the date (line counts from the same grid model the
exporter uses, on pure Chinese filler text whose breaks are certain).
"""
from __future__ import annotations

import copy
import datetime as dt

from dafu.draft import Draft, Paragraph, Section
from dafu.draftio import read_draft
from dafu.export.linebreak import line_starts
from dafu.templates import TemplateSet, assemble
from dafu.titles import break_title
from tests_paths import SAMPLE_DRAFT

TEMPLATES = ("suggestion_reply", "proposal_reply", "co_handling_opinion", "letter", "feedback_form")
VARIANTS = ("plain", "cc", "marks", "one_page", "long_title", "date_alone", "sealed", "footer")
FORM_VARIANTS = ("plain", "long_title")   # the feedback form has no signature, 版记 or header marks

CC = ["区人大常委会代表工作委员会", "区政协提案委员会", "区政府督查室", "区发展和改革局"]
LONG_TITLE = "关于进一步加强中小学生心理健康教育和校园安全管理工作并完善家校协同育人机制的建议"
OPENING = "你们在区第八届人民代表大会第三次会议上提出的建议已收悉。感谢你们对我们工作的关心和支持。经认真研究，现将办理情况答复如下："
FILLER = ("我局高度重视代表建议办理工作认真研究逐项落实加快推进时尚产业数字化转型持续优化营商环境"
          "推动商协会企业提升转型水平完善公共服务体系强化人才支撑促进产业集聚发展") * 40


def base_values(template: str) -> dict:
    common = {"issuing_body": "福田区文化广电旅游体育局", "date": dt.date(2023, 5, 28),
              "contact_person": "刘轩逸", "contact_phone": "83131539", "opening": OPENING}
    meeting = {"meeting": "深圳市福田区第八届人民代表大会第三次会议", "number": "JY20230126"}
    if template == "suggestion_reply":
        return {**common, **meeting, "suggestion_title": "关于加快数字化转型，推动科技赋能时尚产业的建议",
                "deputies": "张昊等代表"}
    if template == "proposal_reply":
        return {**common, "meeting": "政协深圳市福田区第七届委员会第二次会议", "number": "ZX2023045",
                "proposal_title": "关于完善老旧小区加装电梯的提案", "members": "崔银雷"}
    if template == "co_handling_opinion":
        return {**common, **meeting, "suggestion_title": "关于加快数字化转型，推动科技赋能时尚产业的建议",
                "lead_unit": "福田区工业和信息化局"}
    if template == "letter":
        return {**common, "subject": "推进莲花山公园周边交通综合治理", "addressee": "区政协提案委员会"}
    return {**common, **meeting, "suggestion_title": "关于加快数字化转型，推动科技赋能时尚产业的建议",
            "deputies": "张昊等代表"}


def _sample_body(size: str) -> tuple[list[Paragraph], list[Section]]:
    sample = read_draft(SAMPLE_DRAFT)
    if size == "long":
        return sample.intro, sample.sections
    if size == "short":  # three lines: with the 版记 the reply still fits on one page
        return [Paragraph(sample.intro[0].text[:70] + "。")], []
    work = copy.deepcopy(sample.sections[0])
    work.sections = work.sections[:2]
    return sample.intro, [work, sample.sections[1]]


def draft(template: str, variant: str) -> Draft:
    values = base_values(template)
    size = {"plain": "long", "one_page": "short"}.get(variant, "medium")
    intro, sections = _sample_body(size)
    if variant in ("cc", "one_page"):
        values["cc"] = CC
    elif variant == "marks":
        values.update(doc_number="福文旅体函〔2023〕12号", signer="王五", result_class="A", disclosure="主动公开")
    elif variant == "long_title":
        if template == "letter":
            values["subject"] = LONG_TITLE.removeprefix("关于").removesuffix("的建议")
        else:
            values["proposal_title" if template == "proposal_reply" else "suggestion_title"] = LONG_TITLE
    elif variant == "sealed":
        values["seal"] = True
    elif variant == "footer":
        values["contact_placement"] = "footer"
    result = Draft(template, values, intro=intro, sections=sections)
    if variant == "date_alone":
        result = _date_alone(result)
    return result


def _lines(text: str) -> int:
    return len(line_starts(text)) + 1


def _date_alone(draft: Draft) -> Draft:
    """Fill the body so the issuing body ends a page: the date would open the next one alone."""
    document = assemble(draft, TemplateSet())
    title = next(b for b in document.blocks if b.kind.value == "title")
    fixed = len(title.lines or break_title(title.text)) + 1 + 1 + _lines(OPENING) + 1 + 1 + 1
    filler_lines = 44 - fixed
    paragraphs, at = [], 0
    while filler_lines > 0:
        lines = min(4, filler_lines)
        chars = 28 * lines - 2 - 1
        paragraphs.append(Paragraph(FILLER[at:at + chars] + "。"))
        at += chars
        filler_lines -= lines
    return Draft(draft.template, draft.values, intro=paragraphs, sections=[])


def cases() -> list[tuple[str, str]]:
    return [(t, v) for t in TEMPLATES for v in (FORM_VARIANTS if t == "feedback_form" else VARIANTS)]
