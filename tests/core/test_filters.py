import datetime as dt

import pytest

from dafu.filters import addressees, book_title, cn_date, cn_list, cn_num, is_plural, pronoun, wan_yuan


def test_numerals_and_dates():
    assert [cn_num(n) for n in (1, 11, 20)] == ["一", "十一", "二十"]
    assert cn_date(dt.date(2023, 5, 28)) == "2023年5月28日"
    assert cn_date("2023-05-08") == "2023年5月8日"
    assert cn_date(dt.date(2023, 5, 28), "chinese") == "二〇二三年五月二十八日"
    with pytest.raises(ValueError):
        cn_date("5/28/2023")


@pytest.mark.parametrize("amount, text", [(5000000, "500万元"), (15000, "1.5万元"), (800, "800元"),
                                          (10000, "1万元"), ("2000000", "200万元"), (1234567, "123.4567万元")])
def test_money_in_wan_yuan(amount, text):
    assert wan_yuan(amount) == text


def test_titles_and_addressees():
    assert book_title("关于加快数字化转型的建议") == "《关于加快数字化转型的建议》"
    assert book_title("《已有书名号》") == "《已有书名号》"
    assert addressees(["张昊", "李明"]) == "张昊、李明代表"
    assert addressees(["崔银雷"], "委员") == "崔银雷委员"
    assert addressees("张昊等代表") == "张昊等代表"
    assert cn_list(["区人大常委会代表工作委员会", "区政府督查室"]) == "区人大常委会代表工作委员会，区政府督查室"


@pytest.mark.parametrize("who, plural", [("张昊等代表", True), (["张昊", "李明"], True), ("各位代表", True),
                                         ("纪占斌等3名代表", True), ("张昊代表", False), (["张昊"], False)])
def test_pronoun_follows_the_salutation(who, plural):
    assert is_plural(who) is plural
    assert pronoun(who) == ("你们" if plural else "您")


@pytest.mark.parametrize("typed", ["2024年5月20日", "2024年05月20日", "2024 年 5 月 20 日", "2024年5月20号", "2024年5月20",
                                   "2024-5-20", "2024-05-20", "2024.5.20", "2024/5/20", "2024 / 5 / 20", "20240520",
                                   "２０２４年５月２０日", "２０２４－５－２０", "二〇二四年五月二十日", " 2024-05-20T09:30:00 "])
def test_as_date_reads_the_forms_clerks_type(typed):
    from dafu.filters import as_date

    assert as_date(typed) == dt.date(2024, 5, 20)


@pytest.mark.parametrize("typed, says", [("5/20/2024", "不是日期"), ("2024-5", "不是日期"), ("2024.5/20", "不是日期"),
                                         ("2024年2月30日", "不存在"), ("二〇二四年二月三十日", "不存在"), ("", "不是日期")])
def test_as_date_names_what_is_wrong(typed, says):
    from dafu.filters import as_date

    with pytest.raises(ValueError, match=says):
        as_date(typed)


def test_draft_dates_as_typed_reach_the_reply():
    from dafu.draftio import coerce_date

    assert coerce_date("2024年5月20日") == dt.date(2024, 5, 20)
    assert cn_date("2024.5.20") == "2024年5月20日"
    assert coerce_date("下周一") is None
