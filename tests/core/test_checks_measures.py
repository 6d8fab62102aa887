"""measure.inconsistent / measure.library / measure.validity / measure.unit."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from checks_helpers import TODAY, hits, reply

from dafu.checks import check

pytest.importorskip("dafu.library.measures")

POLICY = "深圳市福田区支持现代时尚产业集群发展若干措施"
CITE = (f"2022年《{POLICY}》推出国际时尚交流平台建设支持，按照总费用的{{rate}}%给予最高{{cap}}万元的一次性支持。")


@dataclass(frozen=True)
class Record:
    id: int
    policy: str | None
    item: str | None
    rate_percent: float | None
    cap_yuan: int | None
    valid_from: str | None = None
    valid_to: str | None = None
    superseded_by: int | None = None


class FakeLibrary:
    def __init__(self, *records: Record):
        self.records = list(records)

    def measures(self):
        return self.records


RECORD = Record(1, POLICY, "国际时尚交流平台建设支持", 30.0, 5_000_000, "2022-01-01", "2025-12-31")


def run(text, rule, library=None, today=TODAY):
    return [(f.text, f.message) for f in check(text, rules=[rule], library=library, today=today)]


def test_same_measure_with_different_figures_in_one_reply():
    body = "一是" + CITE.format(rate=30, cap=500) + "\n二是" + CITE.format(rate=30, cap=300)
    found = run(reply(body=body), "measure.inconsistent")
    assert len(found) == 1
    assert "最高500万元" in found[0][1] and "最高300万元" in found[0][1]
    assert found[0][0].startswith("二是2022年《") and "300万元" in found[0][0]  # the later citation


def test_same_figures_or_different_items_are_consistent():
    same = CITE.format(rate=30, cap=500) + "\n" + CITE.format(rate=30, cap=500)
    assert run(reply(body=same), "measure.inconsistent") == []
    other = CITE.format(rate=30, cap=500) + f"\n《{POLICY}》推出国际品牌首店支持，按照租金的50%给予最高100万元支持。"
    assert run(reply(body=other), "measure.inconsistent") == []


def test_figures_differ_from_the_library():
    text = reply(body=CITE.format(rate=30, cap=300))
    found = run(text, "measure.library", FakeLibrary(RECORD))
    assert len(found) == 1 and "政策库记录为30%、最高500万元" in found[0][1]
    assert run(reply(body=CITE.format(rate=30, cap=500)), "measure.library", FakeLibrary(RECORD)) == []


def test_library_rules_run_only_with_a_library():
    text = reply(body=CITE.format(rate=30, cap=300))
    assert [f.rule for f in check(text, today=TODAY) if f.rule.startswith("measure.")] == []


def test_unrelated_record_is_not_compared():
    other = Record(2, "另一项政策若干措施", "国际时尚交流平台建设支持", 10.0, 100_000)
    assert run(reply(body=CITE.format(rate=30, cap=500)), "measure.library", FakeLibrary(other)) == []


def test_expired_measure():
    expired = Record(1, POLICY, "国际时尚交流平台建设支持", 30.0, 5_000_000, "2020-01-01", "2022-12-31")
    found = run(reply(body=CITE.format(rate=30, cap=500)), "measure.validity", FakeLibrary(expired))
    assert len(found) == 1 and "有效期至2022年12月31日" in found[0][1] and "已失效" in found[0][1]
    assert run(reply(body=CITE.format(rate=30, cap=500)), "measure.validity", FakeLibrary(RECORD)) == []


def test_superseded_measure_names_the_newer_one():
    old = Record(1, POLICY, "国际时尚交流平台建设支持", 30.0, 5_000_000, superseded_by=2)
    new = Record(2, "福田区现代时尚产业集群支持政策", "国际时尚交流平台建设支持", 40.0, 8_000_000, "2023-03-01")
    found = run(reply(body=CITE.format(rate=30, cap=500)), "measure.validity", FakeLibrary(old, new))
    assert len(found) == 1 and "取代" in found[0][1] and "40%、最高800万元" in found[0][1]
    # The reply was written before the newer measure took effect: still valid then.
    later = Record(2, "福田区现代时尚产业集群支持政策", "国际时尚交流平台建设支持", 40.0, 8_000_000, "2023-09-01")
    assert run(reply(body=CITE.format(rate=30, cap=500)), "measure.validity", FakeLibrary(old, later)) == []


def test_measure_checked_against_a_real_library(tmp_path):
    library_module = pytest.importorskip("dafu.library")
    with library_module.Library(tmp_path / "lib.sqlite") as library:
        library.add_measure(policy=POLICY, item="国际时尚交流平台建设支持", text="…", rate_percent=30,
                            cap_yuan=5_000_000, valid_to=dt.date(2022, 12, 31))
        found = check(reply(body=CITE.format(rate=30, cap=300)), library=library, today=TODAY,
                      rules=["measure.library", "measure.validity"])
    assert sorted(f.rule for f in found) == ["measure.library", "measure.validity"]


def test_unit_spelled_two_ways():
    body = "提供超10万平米产业空间，释放超10万平方米优质空间。"
    assert hits(reply(body=body), "measure.unit") == [("平米", "平方米")]
    body = "建成20平米、30平米和40平方米的用房。"
    assert hits(reply(body=body), "measure.unit") == [("平方米", "平米")]  # the reply's own usage wins


@pytest.mark.parametrize("body", [
    "提供超10万平米产业空间，另有5万平米。",
    "辖区面积78.66平方千米，道路总长200千米。",
    "辖区面积78.66平方公里，道路总长200公里。",  # 平方公里 is not 公里 spelled another way
])
def test_one_spelling_is_fine(body):
    assert hits(reply(body=body), "measure.unit") == []


def test_kilometres_two_ways():
    # A tie goes to the standard name (GB 3100: 千米).
    assert hits(reply(body="道路总长200公里，新建绿道30千米。"), "measure.unit") == [("公里", "千米")]
