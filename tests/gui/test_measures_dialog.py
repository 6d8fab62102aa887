"""The measure dialog reads figures as policies write them and refuses the rest with a typed error."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog

from dafu.errors import DafuError
from dafu.gui.measures_dialog import MeasureDialog, MeasureInputError, parse_cap, parse_date, parse_percent
from dafu.library import Library, Measure
from tests_paths import SAMPLE_TXT


def test_figures_are_read_as_policies_write_them():
    assert parse_percent("30") == 30.0 and parse_percent("３０％") == 30.0 and parse_percent(" 12.5% ") == 12.5
    assert parse_percent("") is None
    assert parse_cap("500") == 5_000_000 and parse_cap("500万元") == 5_000_000 and parse_cap("1,000万") == 10_000_000
    assert parse_cap("0.8") == 8_000 and parse_cap("") is None
    assert parse_date("valid_to", "2023年5月28日") == dt.date(2023, 5, 28)
    assert parse_date("valid_to", "2023/5/28") == parse_date("valid_to", "2023-05-28") == dt.date(2023, 5, 28)
    assert parse_date("valid_to", " ") is None


@pytest.mark.parametrize("func, text, field", [
    (parse_percent, "百分之三十", "rate_percent"), (parse_percent, "130", "rate_percent"),
    (parse_percent, "NaN", "rate_percent"), (parse_cap, "五百万", "cap_yuan"), (parse_cap, "-5", "cap_yuan"),
    (parse_cap, "Infinity", "cap_yuan"), (lambda t: parse_date("valid_from", t), "2023-13-40", "valid_from"),
    (lambda t: parse_date("valid_from", t), "明年", "valid_from"),
])
def test_bad_figures_raise_a_typed_error_naming_the_field(func, text, field):
    with pytest.raises(MeasureInputError) as raised:
        func(text)
    assert raised.value.field == field and text in str(raised.value)
    assert isinstance(raised.value, DafuError)     # shown like every other clerk error, never a traceback


def measure(**fields) -> Measure:
    values = dict(id=1, policy="某政策", policy_year=2022, item="某支持", text="按不超过总费用的30%给予最高500万元支持",
                  rate_percent=30.0, rate_base="总费用的", rate_kind="不超过", cap_yuan=5_000_000, one_off=True)
    values.update(fields)
    return Measure(**values)


def test_dialog_shows_the_measure_and_gives_back_the_same_values(qtbot):
    m = measure(valid_from="2022-01-01")
    dialog = MeasureDialog(m, [m, measure(id=2, item="新支持")])
    qtbot.addWidget(dialog)
    assert (dialog.rate.text(), dialog.cap.text(), dialog.policy_year.value()) == ("30", "500", 2022)
    assert [dialog.superseded_by.itemData(i) for i in range(dialog.superseded_by.count())] == [None, 2]  # not itself
    assert dialog.values() == {
        "item": "某支持", "policy": "某政策", "policy_year": 2022, "text": m.text, "rate_percent": 30.0,
        "rate_base": "总费用的", "rate_kind": "不超过", "cap_yuan": 5_000_000, "one_off": True,
        "valid_from": "2022-01-01", "valid_to": None, "superseded_by": None}


@pytest.mark.parametrize("setup, field", [
    (lambda d: (d.item.clear(), d.policy.clear()), "item"),
    (lambda d: d.valid_to.setText("2021-12-31"), "valid_to"),          # ends before it starts
    (lambda d: d.cap.setText("abc"), "cap_yuan"),
    (lambda d: d.superseded_by.setCurrentIndex(d.superseded_by.findData(3)), "superseded_by"),  # a cycle
])
def test_ok_with_bad_input_keeps_the_dialog_open_and_says_why(qtbot, setup, field):
    m = measure(valid_from="2022-01-01")
    dialog = MeasureDialog(m, [m, measure(id=3, item="旧支持", superseded_by=1)])
    qtbot.addWidget(dialog)
    dialog.show()
    setup(dialog)
    with pytest.raises(MeasureInputError) as raised:
        dialog.values()
    assert raised.value.field == field
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text() == str(raised.value)
    assert dialog.focusWidget() is dialog.fields[field]


def test_values_are_accepted_by_the_library(qtbot, tmp_path):
    with Library(tmp_path / "lib.sqlite") as library:
        library.import_path(SAMPLE_TXT)
        dialog = MeasureDialog(None, library.measures())
        qtbot.addWidget(dialog)
        dialog.item.setText("新增支持")
        dialog.rate.setText("20")
        dialog.cap.setText("50")
        dialog.valid_to.setText("2025年12月31日")
        new_id = library.add_measure(**dialog.values())
        stored = library.measure(new_id)
    assert (stored.item, stored.rate_percent, stored.cap_yuan, stored.valid_to, stored.one_off) == \
        ("新增支持", 20.0, 500_000, "2025-12-31", False)
