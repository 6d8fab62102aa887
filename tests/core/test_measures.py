import pytest

from dafu.library.measures import extract_measures
from dafu.reading import read_reply
from tests_paths import SAMPLE_TXT


def sample_measures():
    doc = read_reply(SAMPLE_TXT)
    return [m for block in doc.blocks for m in extract_measures(block.text)]


def test_four_measures_of_the_sample_with_correct_figures():
    found = {m.item: m for m in sample_measures()}
    hy = found["行业提升支持"]
    assert (hy.policy, hy.rate_percent, hy.rate_base, hy.rate_kind, hy.cap_yuan, hy.one_off) == (
        "深圳市福田区支持商协会发展若干措施", 50.0, "项目审计核准金额", "不超过", 1_000_000, True)
    fashion = found["现代时尚产业国际时尚交流平台建设支持"]
    assert (fashion.policy, fashion.policy_year, fashion.rate_percent, fashion.rate_base, fashion.cap_yuan,
            fashion.one_off) == ("深圳市福田区支持现代时尚产业集群发展若干措施", 2022, 30.0, "总费用", 5_000_000, True)
    trade = found["网络交易平台建设支持"]
    assert (trade.policy_year, trade.rate_percent, trade.rate_base, trade.rate_kind, trade.cap_yuan) == (
        2022, 30.0, "项目实际投入", "不超过", 2_000_000)
    assert trade.policy == "深圳市福田区支持战略性新兴产业集群和未来产业区发展若干措施"
    returnee = found["海归创业港补贴"]
    assert (returnee.policy, returnee.rate_percent, returnee.rate_base, returnee.rate_kind, returnee.cap_yuan) == (
        None, 40.0, "运营成本", "不低于", 10_000_000)


def test_offsets_point_at_the_clause():
    text = "我区出台措施。一是推出“人才安居支持”，按租金的50%给予最高2万元补贴。二是加强宣传。"
    (m,) = extract_measures(text)
    assert text[m.start:m.end].startswith("一是推出“人才安居支持”") and "2万元" in text[m.start:m.end]
    assert (m.item, m.rate_percent, m.cap_yuan) == ("人才安居支持", 50.0, 20_000)


@pytest.mark.parametrize("text, rate, cap", [
    ("根据《福田区产业发展专项资金管理办法》，对企业给予“技术改造支持”，按不超过设备投资额的20%给予支持，最高支持1.5亿元。", 20.0, 150_000_000),
    ("推出首店经济奖励，按照不超过装修投入的10%给予奖励，最高奖励50万元。", 10.0, 500_000),
])
def test_other_phrasings(text, rate, cap):
    (m,) = extract_measures(text)
    assert (m.rate_percent, m.cap_yuan) == (rate, cap)


@pytest.mark.parametrize("text", ["2022年福田区GDP增长6%，规模居全市前列。", "直播零售额超百亿元。", "最高100万元的装修资金"])
def test_figures_that_are_not_measures(text):
    assert extract_measures(text) == []
