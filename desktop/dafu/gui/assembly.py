"""The reply laid out for the preview even while values are missing (no Qt here).

A new draft lacks the meeting, the number, the deputies…: the template stops at the first missing
value. The preview wants all of them at once, named in the clerk's words, and the reply laid out
anyway with each gap marked. So the draft is assembled with a placeholder (【会议】) for each value
the template asks for and does not get, until it goes through. A date that cannot be read is treated
the same way. Template paths and lines go to the log, never to the clerk.

The template module reports every missing name at once (``MissingValueError.names``) and every value
it cannot print as it is (``DraftValueError.problems``: a number where text belongs …), so one or two
rounds do; an older core that names one value per error takes one round per value.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Callable

from dafu.draft import Draft
from dafu.errors import DafuError, DraftValueError, MissingValueError
from dafu.filters import as_date
from dafu.model import BlockKind, ReplyDocument

log = logging.getLogger(__name__)
MAX_ROUNDS = 60
PLACEHOLDER = "【{}】"


def missing_names(exc: MissingValueError) -> list[str]:
    """Every value name a missing-value error carries (one today; all of them once templates say so)."""
    names = getattr(exc, "names", None)
    return list(names) if names else [exc.name]


@dataclass
class Assembly:
    document: ReplyDocument | None
    missing: list[str] = field(default_factory=list)        # value names the template needs, in its order
    invalid: dict[str, str] = field(default_factory=dict)   # value name -> what is wrong with it
    error: str = ""                                         # what stops the layout altogether
    placeholders: list[str] = field(default_factory=list)   # the marks standing in for missing values

    @property
    def complete(self) -> bool:
        return self.document is not None and not self.missing and not self.invalid and not self.error

    def problems(self, label: Callable[[str], str]) -> dict[str, str]:
        out = {name: message for name, message in self.invalid.items()}
        for name in self.missing:
            out.setdefault(name, f"{label(name)}：未填写")
        return out


def assemble_for_preview(draft: Draft, templates, label: Callable[[str], str] = str) -> Assembly:
    """Assemble ``draft``; missing or unreadable values become marked placeholders and are reported."""
    from dafu.templates import assemble

    work = draft.copy()
    result = Assembly(None)
    date = work.values.get("date")
    if isinstance(date, str):
        try:
            work.values["date"] = as_date(date)
        except ValueError as exc:
            result.invalid["date"] = str(exc).split("（")[0]
            work.values["date"] = dt.date.today()
    for _round in range(MAX_ROUNDS):
        try:
            document = assemble(work, templates)
            break
        except DraftValueError as exc:
            fresh = [(name, message) for name, _line, message in exc.problems if name not in result.invalid]
            if not fresh:
                log.warning("cannot lay out the draft: %s", exc)
                result.error = exc.message
                return result
            for name, message in fresh:
                result.invalid[name] = message.strip("：: ")
                if name in result.missing:      # the placeholder itself does not fit this kind of value
                    work.values[name] = 0
                else:
                    mark = PLACEHOLDER.format(label(name))
                    result.placeholders.append(mark)
                    work.values[name] = dt.date.today() if name == "date" else mark
        except MissingValueError as exc:
            fresh = [n for n in missing_names(exc) if n not in result.missing and n not in result.invalid]
            if not fresh:
                log.warning("template keeps missing %s at %s", exc.name, exc.place)
                result.error = exc.message
                return result
            for name in fresh:
                result.missing.append(name)
                mark = PLACEHOLDER.format(label(name))
                result.placeholders.append(mark)
                work.values[name] = dt.date.today() if name == "date" else mark
        except DafuError as exc:
            log.warning("cannot lay out the draft: %s", exc)
            result.error = exc.message
            return result
    else:
        result.error = "too many missing values"
        return result
    if "date" in result.missing or "date" in result.invalid:
        mark = PLACEHOLDER.format(label("date"))
        result.placeholders.append(mark)
        document.blocks = [b.with_text(mark) if b.kind is BlockKind.DATE else b for b in document.blocks]
    _order_by_template(result, templates, draft.template)
    result.document = document
    return result


def _order_by_template(result: Assembly, templates, name: str) -> None:
    try:
        info = templates.info(name)
    except DafuError:
        return
    order = {n: i for i, n in enumerate(list(info.requires) + list(info.optional))}
    result.missing.sort(key=lambda n: order.get(n, len(order)))
