import time

import pytest

from dafu.titles import TITLE_LINE_EMS, break_title, width_em, words

SAMPLE_TITLE = ("关于深圳市福田区第八届人民代表大会第三次会议建议《关于加快数字化转型，推动科技赋能时尚产业的建议》"
                "（JY20230126）的回复")
TITLES = [
    SAMPLE_TITLE,
    "关于深圳市福田区政协第七届委员会第二次会议提案《关于完善老旧小区加装电梯的提案》（ZX2023045）的答复",
    "关于市十七届人大二次会议第20230456号建议的答复",
    "关于深圳市福田区第八届人民代表大会第三次会议建议《关于进一步加强中小学生心理健康教育和校园安全管理工作的建议》"
    "（JY20230301）的答复",
    "关于深圳市福田区第八届人民代表大会第三次会议建议《关于在车公庙片区建设国际时尚产业园区并完善配套公共服务设施的建议》"
    "（JY20230126）的回复",
    "关于福田区第八届人民代表大会第三次会议建议《关于加快数字化转型的建议》（JY20230126）的答复",
    "关于推进莲花山公园周边交通综合治理和停车设施建设的复函",
]


def is_hourglass(lines):
    """A line shorter than a line above it and a line below it (half an em is 'as long as')."""
    w = [round(width_em(line) * 2) for line in lines]
    return any(w[j] < max(w[:j]) and w[j] < max(w[j + 1:]) for j in range(1, len(w) - 1))


def test_short_title_stays_on_one_line():
    assert break_title("关于区八届人大三次会议第126号建议的答复") == ("关于区八届人大三次会议第126号建议的答复",)


@pytest.mark.parametrize("title", TITLES)
def test_long_titles_break_within_width_between_words_in_a_good_shape(title):
    lines = break_title(title)
    assert "".join(lines) == title
    assert all(width_em(line) <= TITLE_LINE_EMS for line in lines)
    assert not is_hourglass(lines), lines
    # every break falls between two words of the segmenter
    bounds, at = set(), 0
    for word, _ in words(title):
        at += len(word)
        bounds.add(at)
    at = 0
    for line in lines[:-1]:
        at += len(line)
        assert at in bounds, (line, lines)
    for line in lines:
        assert line[0] not in "，。、》）" and line[-1] not in "《（"


def test_sample_title_keeps_words_numbers_and_names_whole():
    lines = break_title(SAMPLE_TITLE)
    assert lines == ("关于深圳市福田区第八届人民代表大会", "第三次会议建议《关于加快数字化转型，",
                     "推动科技赋能时尚产业的建议》", "（JY20230126）的回复")


def test_a_name_that_fits_on_a_line_is_never_split():
    lines = break_title(TITLES[1])
    assert "《关于完善老旧小区加装电梯的提案》" in lines
    assert any("第20230456号" in line for line in break_title(TITLES[2]))


def test_no_hourglass_is_detected_by_the_test_helper():
    assert is_hourglass(("一" * 17, "一" * 16, "一" * 20))  # the 17/16/20 title
    assert not is_hourglass(("一" * 17, "一" * 18, "一" * 14, "一" * 10))


def test_titles_of_twenty_thousand_characters_break_fast():
    """Issue 11: a 20,000-character title hit RecursionError in the title breaker."""
    for title in (("关于加快数字化转型推动科技赋能时尚产业的建议" * 1000)[:20000], "《" + "一" * 20000 + "》"):
        start = time.perf_counter()
        lines = break_title(title)
        assert time.perf_counter() - start < 2.0
        assert "".join(lines) == title and all(width_em(line) <= TITLE_LINE_EMS for line in lines)


def test_the_segmenter_loads_only_when_a_title_needs_breaking():
    """jieba-rs costs ~90 ms to load its dictionary: importing Dafu must not pay it."""
    import subprocess
    import sys

    code = ("import sys, dafu.templates, dafu.render, dafu.titles as t; assert 'rjieba' not in sys.modules; "
            "t.break_title('关于区八届人大三次会议第126号建议的答复'); assert 'rjieba' not in sys.modules; "
            "t.break_title('关于' + '加快数字化转型推动科技赋能时尚产业' * 3 + '的建议'); assert 'rjieba' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
