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
