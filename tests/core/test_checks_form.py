"""form.pronoun / form.citation / form.parts / form.date_format / form.date_invalid / form.phone."""
from __future__ import annotations

import datetime as dt

import pytest

from checks_helpers import TODAY, hits, messages, reply

from dafu.checks import check


# -- pronouns ------------------------------------------------------------------

def test_plural_salutation_with_singular_pronoun():
    opening = "你们在会议上提出的《关于加强社区养老服务设施建设的建议》（JY20230215）已收悉。首先感谢你对我区的关心。"
    assert hits(reply(opening=opening), "form.pronoun") == [("你", "你们")]
    assert "为多人" in messages(reply(opening=opening), "form.pronoun")[0]


@pytest.mark.parametrize("salutation", ["各位代表：", "张昊、李明代表：", "纪占斌等3名代表：", "尊敬的张昊等代表："])
def test_plural_salutations(salutation):
    text = reply(salutation=salutation, body="感谢您对我们工作的支持。")
    assert hits(text, "form.pronoun") == [("您", "你们")]


def test_singular_salutation():
    opening = "您在会议上提出的《关于加强社区养老服务设施建设的建议》（JY20230215）已收悉。感谢你们的支持。"
    assert hits(reply(salutation="李明代表：", opening=opening), "form.pronoun") == [("你们", "您")]
    good = "您在会议上提出的建议已收悉。感谢你对我区工作的关心。"
    assert hits(reply(salutation="崔银雷委员：", opening=good), "form.pronoun") == []


@pytest.mark.parametrize("body", [
    "请你单位配合，你局牵头，形成你追我赶的氛围。",
    "开展“你点我办”活动，打造《你好，福田》栏目。",
    "推广迷你型养老服务站点。",
])
def test_pronoun_near_misses(body):
    assert hits(reply(body=body), "form.pronoun") == []


def test_unit_salutation_is_not_checked():
    assert hits(reply(salutation="区人大常委会：", body="感谢你对我们工作的支持。"), "form.pronoun") == []


# -- the opening cites the title -------------------------------------------------

def test_opening_cites_another_title_or_number():
    opening = "你们提出的《关于加强社区养老设施建设的建议》（JY20230216）已收悉。"
    found = check(reply(opening=opening), rules=["form.citation"], today=TODAY)
    assert [f.text for f in found] == ["《关于加强社区养老设施建设的建议》", "（JY20230216）"]
    assert "JY20230215" in found[1].message


def test_title_broken_over_lines_is_compared_whole():
    text = ("关于第三次会议提案《关于加快数字化转型\n的提案》（JY20230126）的回复\n\n尊敬的崔银雷委员：\n"
            "您提出的《关于加快数字化转型，推动科技赋能时尚产业的建议》（JY20230126）已收悉。\n")
    assert hits(text, "form.citation") == [("《关于加快数字化转型，推动科技赋能时尚产业的建议》", None)]
    same = text.replace("《关于加快数字化转型，推动科技赋能时尚产业的建议》", "《关于加快数字化转型的提案》")
    assert hits(same, "form.citation") == []


def test_opening_citation_near_misses():
    assert hits(reply(), "form.citation") == []
    width = "你们提出的《关于加强社区养老服务设施建设的建议》(JY20230215)已收悉。"
    assert hits(reply(opening=width), "form.citation") == []  # width differences are another rule's
    paraphrase = "你们提出的关于加强社区养老服务设施建设的建议已收悉，现答复如下："
    assert hits(reply(opening=paraphrase), "form.citation") == []


# -- required parts ------------------------------------------------------------

def test_complete_reply_has_all_parts():
    assert hits(reply(), "form.parts") == []


@pytest.mark.parametrize("remove, message", [
    ("特此答复。\n", "缺少结束语"),
    ("福田区民政局\n", "缺少落款"),
    ("（联系人：王小红，联系电话：0755-83131539）\n", "缺少联系人"),
    ("尊敬的李明等代表：\n", "缺少称谓"),
])
def test_missing_parts(remove, message):
    text = reply().replace(remove, "")
    found = messages(text, "form.parts")
    assert len(found) == 1 and found[0].startswith(message), found


def test_missing_date():
    text = reply().replace("2023年6月20日\n", "")
    found = messages(text, "form.parts")
    assert any(m.startswith("缺少成文日期") for m in found)


def test_tail_variants_are_recognised():
    text = reply() + "（此件主动公开）\n抄送：区人大常委会代表工作委员会。\n"
    assert hits(text, "form.parts") == []
    moved = reply().replace("（联系人：王小红，联系电话：0755-83131539）\n", "").replace(
        "特此答复。\n", "特此答复。\n联系人：王小红，联系电话：83131539。\n")
    assert hits(moved, "form.parts") == []


def test_closing_at_the_end_of_the_last_paragraph_counts():
    text = reply().replace("\n特此答复。\n", "特此答复。\n")
    assert hits(text, "form.parts") == []


# -- dates ---------------------------------------------------------------------

def test_leading_zeros():
    assert hits(reply(date="2023年05月28日"), "form.date_format") == [("2023年05月28日", "2023年5月28日")]
    assert hits(reply(body="2022年01月起实施，2022年1月5日印发。"), "form.date_format") == []


def test_chinese_numeral_date():
    assert hits(reply(date="二〇二三年五月二十八日"), "form.date_format") == [
        ("二〇二三年五月二十八日", "2023年5月28日")]


def test_future_and_impossible_dates():
    assert hits(reply(date="2023年6月20日"), "form.date_invalid", today=dt.date(2023, 6, 20)) == []
    assert hits(reply(date="2023年6月21日"), "form.date_invalid", today=dt.date(2023, 6, 20)) == [
        ("2023年6月21日", None)]
    assert hits(reply(date="2023年2月30日"), "form.date_invalid") == [("2023年2月30日", None)]


# -- phone numbers -------------------------------------------------------------

@pytest.mark.parametrize("phone", ["83131539", "0755-83131539", "13812345678", "0755-83131539转8001",
                                   "83131539、13812345678", "12345", "400-123-4567", "(0755)83131539"])
def test_plausible_phones(phone):
    assert hits(reply(phone=phone), "form.phone") == []


@pytest.mark.parametrize("phone", ["8313153", "831315390", "12812345678", "1381234567", "0755-831315"])
def test_implausible_phones(phone):
    found = hits(reply(phone=phone), "form.phone")
    assert found == [(phone, None)]


def test_second_phone_in_a_list_is_checked():
    assert hits(reply(phone="83131539、1381234567"), "form.phone") == [("1381234567", None)]
