"""The shapes issue 13 lists, each in a small reply: the reader takes them in its stride.

Shapes the real corpus lacks (2023.5.28 dates, 〔2023〕第5号, a 代表团, extensions, 承办人（及电话）)
are here too; the corpus test measures the rest on real replies.
"""
from __future__ import annotations

import datetime as dt

import pytest

from dafu.model import BlockKind
from dafu.reading import explain_reply, parse_reply

BODY = ("你们提出的关于加快老旧小区加装电梯的建议收悉，现答复如下：\n"
        "我局高度重视老旧小区加装电梯工作，今年共完成加装电梯120部，下一步将继续简化审批流程。\n"
        "感谢你们对住房建设工作的关心和支持！\n")


def fields(text: str) -> dict:
    doc = parse_reply(text)
    salutation = doc.first(BlockKind.SALUTATION)
    meta = doc.meta
    return {"title": meta.title or None, "number": meta.number or None,
            "salutation": salutation.text.rstrip("：") if salutation else None,
            "issuing_body": meta.issuing_body or None, "date": meta.date,
            "contact_person": meta.contact_person or None, "contact_phone": meta.contact_phone or None}


def test_web_debris_one_word_per_line_between_heading_and_title():
    text = ("首页\n>\n政务公开\n>\n建议提案办理\n关于市十四届人大一次会议第190号建议的答复\n发布时间：2023-06-01 10:20\n"
            "来源：市住房和建设局\n浏览次数：356\n字号\n大\n中\n小\n打印本页\n关闭窗口\n分享到：\n微信\n微博\n"
            "关于市十四届人大一次会议\n第190号建议的\n答复\n\n\n王刚代表：\n" + BODY +
            "特此答复。\n市住房和建设局\n2023年5月28日\n（联系人：李明，联系电话：0755-83320000）\n打印本页 关闭窗口\n")
    got = fields(text)
    assert got["title"] == "关于市十四届人大一次会议第190号建议的答复"
    assert got["number"] == "190"
    assert got["salutation"] == "王刚代表"
    assert (got["issuing_body"], got["date"]) == ("市住房和建设局", dt.date(2023, 5, 28))
    assert (got["contact_person"], got["contact_phone"]) == ("李明", "0755-83320000")


def test_spaced_title_starting_with_the_body_and_marks_run_together():
    text = ("区教育局\n教文〔2023〕12号  A类  同意公开\n"
            "区教育局关于区七届人大三次会议第25号建议的答  复\n"
            "张红代表:\n" + BODY + "特此答复。\n区教育局\n2023-05-28\n联系人：陈晓\n联系电话：13912345678\n")
    doc = parse_reply(text)
    assert doc.meta.title == "区教育局关于区七届人大三次会议第25号建议的答复"
    assert doc.meta.doc_number == "教文〔2023〕12号"
    assert [b.kind for b in doc.blocks if b.kind in (BlockKind.CLASS_MARK, BlockKind.DISCLOSURE)] == \
        [BlockKind.CLASS_MARK, BlockKind.DISCLOSURE]
    got = fields(text)
    assert (got["number"], got["date"]) == ("25", dt.date(2023, 5, 28))
    assert (got["contact_person"], got["contact_phone"]) == ("陈晓", "13912345678")


@pytest.mark.parametrize("salutation", [
    "尊敬的李华代表", "市工商联、王明代表", "张三、李四、王五代表", "刘洋等8名代表", "福田代表团", "九三学社福田区委员会",
    "陈伟(民革)委员",
])
def test_salutations(salutation):
    text = f"关于区政协七届二次会议第12号提案的答复\n\n\n{salutation}:\n" + BODY + "特此答复。\n区民政局\n2023年6月1日\n"
    assert fields(text)["salutation"] == salutation


@pytest.mark.parametrize("tail, body, date", [
    ("区住房和建设局\n2018年6月4日", "区住房和建设局", dt.date(2018, 6, 4)),
    ("深圳市福田区住房\n和建设局\n二〇二三年五月二十八日", "深圳市福田区住房和建设局", dt.date(2023, 5, 28)),
    ("2023.5.28\n区住房和建设局", "区住房和建设局", dt.date(2023, 5, 28)),
    ("承办单位：区住房和建设局\n2023-05-28", "区住房和建设局", dt.date(2023, 5, 28)),
    ("区住房和建设局  2023年5月28日", "区住房和建设局", dt.date(2023, 5, 28)),
    ("区住房和建设局\n2023年5月28日\n抄送：区人大常委会代表工委\n注：此件主动公开", "区住房和建设局", dt.date(2023, 5, 28)),
])
def test_signatures(tail, body, date):
    text = "关于区八届人大三次会议第126号建议的答复\n李明代表：\n" + BODY + "特此答复。\n" + tail + "\n"
    got = fields(text)
    assert (got["issuing_body"], got["date"]) == (body, date)


def test_issuing_body_only_in_the_title():
    text = "市交通运输局关于市人大十四届一次会议第5号建议的答复\n王伟代表：\n" + BODY + "2023年5月28日\n"
    assert fields(text)["issuing_body"] == "市交通运输局"


@pytest.mark.parametrize("line, person, phone", [
    ("联系人：刘轩逸，联系电话：83131539", "刘轩逸", "83131539"),
    ("联系人：刘轩逸\n联系电话：0755-83131539", "刘轩逸", "0755-83131539"),
    ("承办人（及电话）：王芳 0755-82918899转8021", "王芳", "0755-82918899转8021"),
    ("经办人:张军  电话:13800138000", "张军", "13800138000"),
    ("联系方式：（0755）83131539  联系人：周敏", "周敏", "(0755)83131539"),
    ("承办人及联系电话：陈晓 0755－83320000", "陈晓", "0755-83320000"),
])
def test_contacts(line, person, phone):
    text = ("关于区八届人大三次会议第126号建议的答复\n李明代表：\n" + BODY + "特此答复。\n区教育局\n2023年6月2日\n"
            + line + "\n")
    got = fields(text)
    assert (got["contact_person"], got["contact_phone"]) == (person, phone)


@pytest.mark.parametrize("title, opening, number", [
    ("关于区八届人大三次会议第190号建议的答复", "", "190"),
    ("关于区八届人大三次会议190号建议的答复", "", "190"),
    ("关于〔2023〕第5号建议的答复", "", "〔2023〕5"),
    ("关于加快数字化转型的建议（JY20230126）的答复", "", "JY20230126"),
    ("关于加快老旧小区加装电梯的建议的答复", "您提出的第2023045号提案收悉。", "2023045"),
])
def test_numbers(title, opening, number):
    text = f"{title}\n李明代表：\n{opening}\n" + BODY + "特此答复。\n区教育局\n2023年6月2日\n"
    assert fields(text)["number"] == number


def test_half_width_punctuation_and_dropped_marks():
    text = ("关于区八届人大三次会议第126号建议的答复\n李明代表\n您提出的关于增加学位的建议收悉,现答复如下:\n"
            "近年来,我区学位需求持续增长,今年新增学位5000个.\n特此答复\n区教育局\n2023年6月2日\n"
            "(联系人:陈晓,联系电话:0755-83320000)\n")
    got = fields(text)
    assert got["salutation"] == "李明代表"
    assert (got["issuing_body"], got["date"]) == ("区教育局", dt.date(2023, 6, 2))
    assert (got["contact_person"], got["contact_phone"]) == ("陈晓", "0755-83320000")


def test_an_odd_line_costs_only_itself():
    # A stray line in the signature block (a scanner's mark, a note) does not hide the date or the contact.
    text = ("关于区八届人大三次会议第126号建议的答复\n李明代表：\n" + BODY + "特此答复。\n区教育局\n(盖章)\n####\n"
            "2023年6月2日\n（联系人：陈晓，联系电话：83320000）\n")
    got = fields(text)
    assert (got["issuing_body"], got["date"], got["contact_person"]) == ("区教育局", dt.date(2023, 6, 2), "陈晓")


def test_explanation_names_each_line_part_and_reason():
    lines = explain_reply("发布时间：2023-07-10 09:30\n关于区八届人大三次会议第126号建议的答复\n李明代表：\n" + BODY
                          + "特此答复。\n区教育局\n2023年6月2日\n")
    parts = [a.part.value for a in lines]
    assert parts == ["noise", "title", "salutation", "body", "body", "body", "closing", "issuer", "date"]
    assert any("web page field" in r for r in lines[0].evidence.reasons[lines[0].part])
    assert [a.evidence.line.number for a in lines] == list(range(1, 10))
