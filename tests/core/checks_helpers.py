"""Helpers shared by the checks tests: run one rule over paragraphs or a whole reply."""
from __future__ import annotations

import datetime as dt

from dafu.checks import check, check_paragraphs

TODAY = dt.date(2024, 1, 1)

REPLY = """关于深圳市福田区第八届人民代表大会第三次会议建议《关于加强社区养老服务设施建设的建议》（JY20230215）的答复

{salutation}
{opening}
近年来，我区深入贯彻积极应对人口老龄化国家战略，养老服务网络基本形成。
一、工作开展情况
{body}
特此答复。

福田区民政局
{date}

（联系人：王小红，联系电话：{phone}）
"""

DEFAULTS = dict(
    salutation="尊敬的李明等代表：",
    opening="你们在区第八届人民代表大会第三次会议上提出的《关于加强社区养老服务设施建设的建议》（JY20230215）已收悉。"
            "感谢你们对我区养老服务工作的关心和支持。经认真研究，现将办理情况答复如下：",
    body="我区先后制定出台扶持办法，明确设施建设、运营补贴和人才培养等支持措施。",
    date="2023年6月20日",
    phone="0755-83131539",
)


def reply(**parts: str) -> str:
    return REPLY.format(**(DEFAULTS | parts))


def hits(text: str | list[str], rule: str, *, today: dt.date = TODAY) -> list[tuple[str, str | None]]:
    """(flagged text, replacement) for one rule; a list of strings is checked as sibling paragraphs."""
    if isinstance(text, list):
        found = check_paragraphs(text, rules=[rule])
    else:
        found = check(text, rules=[rule], today=today)
    return [(f.text, f.replacement) for f in found]


def messages(text: str, rule: str, *, today: dt.date = TODAY) -> list[str]:
    return [f.message for f in check(text, rules=[rule], today=today)]
