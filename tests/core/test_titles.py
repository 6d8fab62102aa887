from dafu.titles import TITLE_LINE_EMS, break_title, width_em

SAMPLE_TITLE = ("关于深圳市福田区第八届人民代表大会第三次会议建议《关于加快数字化转型，推动科技赋能时尚产业的建议》"
                "（JY20230126）的回复")


def test_short_title_stays_on_one_line():
    assert break_title("关于区八届人大三次会议第126号建议的答复") == ("关于区八届人大三次会议第126号建议的答复",)


def test_long_title_breaks_within_width_without_losing_text():
    lines = break_title(SAMPLE_TITLE)
    assert "".join(lines) == SAMPLE_TITLE
    assert len(lines) > 1 and all(width_em(line) <= TITLE_LINE_EMS for line in lines)


def test_breaks_never_split_a_number_or_strand_punctuation():
    for line in break_title(SAMPLE_TITLE):
        assert line[0] not in "，。、》）"
        assert line[-1] not in "《（"
    assert any("（JY20230126）" in line for line in break_title(SAMPLE_TITLE))


def test_breaks_prefer_punctuation_and_name_ends():
    lines = break_title("关于深圳市福田区政协第七届委员会第二次会议提案《关于完善老旧小区加装电梯的提案》（ZX2023045）的答复")
    assert lines[0].endswith("委员会")
