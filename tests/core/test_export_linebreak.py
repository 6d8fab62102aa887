"""The line-break model the exporter uses to keep numbers and dates whole (LibreOffice is the judge:
tests/core/test_render_matrix.py measures the rendered pages)."""
from dafu.export.linebreak import _PROTECTED, line_starts, stretches

CJK = "甲乙丙丁戊己庚辛壬癸" * 10


def lines(text, extra=None):
    bounds = [0, *line_starts(text, extra=extra), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


def stretched(text):
    extra = [0.0] * len(text)
    for s in stretches(text):
        for i in range(s.start, s.end):
            extra[i] += s.extra
    return lines(text, extra)


def test_the_grid_is_26_then_28_characters():
    assert [len(line) for line in lines(CJK[:80])] == [26, 28, 26]


def test_punctuation_never_starts_a_line():
    text = CJK[:26] + "，" + CJK[:40]
    assert lines(text)[1][:2] == "己，"  # the comma took its character along
    assert not any(line.startswith("，") for line in lines(text))  # the comma took its character along


def test_a_year_at_the_end_of_a_line_moves_whole():
    text = CJK[:23] + "2022年出台若干措施" + CJK[:30]
    assert lines(text)[0].endswith("2022")           # what LibreOffice would do
    fixed = stretched(text)
    assert fixed[0] == CJK[:23] and fixed[1].startswith("2022年")


def test_a_date_is_never_split():
    for k in range(18, 27):
        text = CJK[:k] + "于2023年5月28日召开会议研究部署" + CJK[:30]
        for a, b in zip(stretched(text), stretched(text)[1:]):
            joined = a + b
            assert not any(m.start() < len(a) < m.end() for m in _PROTECTED.finditer(joined)), (a, b)


def test_no_numbers_no_stretch():
    assert stretches(CJK) == []


def test_protected_groups():
    text = "按照50%给予最高100万元，2023-2025年第126号，于2023年5月28日和4月28日"
    assert [m.group() for m in _PROTECTED.finditer(text)] == [
        "50%", "100万元", "2023-2025年", "第126号", "2023年5月28日", "4月28日"]
