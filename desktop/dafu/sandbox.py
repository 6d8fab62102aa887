"""The Jinja sandbox a clerk's own templates run in, with bounds on what a template may cost.

Jinja's sandbox keeps a template away from Python internals; it does not stop one from
running forever or filling memory (``'a' * 10**9``, nested ``range`` loops, a macro
that doubles a string on every call). This module adds the bounds, in the same process
so the preview stays quick:

- **files**: templates are read only from inside their folder — a symbolic link that
  leaves it (``p.j2 → /etc/passwd``), a FIFO or device, a file over 1 MB, or one that is
  not UTF-8 is refused with a message naming it;
- **time**: rendering stops after ``Limits.seconds`` (a watchdog raises inside the
  rendering thread, between two Python steps);
- **size**: every operation that can make a value much larger than its inputs — ``*``,
  ``+``, ``%``, ``**``, ``~``, block sets, macro results, filters, ``str.format`` and the
  string methods a template may call — is estimated *before* it runs and refused past
  ``Limits.value``; what a render produces is counted against ``Limits.budget``, and
  its output against ``Limits.output``;
- **recursion**: a recursive macro or a template including itself ends in a message.

What a template can call is Jinja's own globals (``range``, ``dict``, ``namespace``,
``cycler``, ``joiner``), its macros, the filters, and a listed set of methods of text,
numbers, lists, tables and dates.
"""
from __future__ import annotations

import ctypes
import datetime as dt
import functools
import inspect
import os
import re
import string
import threading
import time
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import jinja2
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Concat, Dict as DictNode, List as ListNode, Tuple as TupleNode
from jinja2.runtime import Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Namespace

from dafu.errors import TemplateError
from dafu.fileio import MiB, read_regular


@dataclass(frozen=True)
class Limits:
    template_bytes: int = 1 * MiB       # a template file (the shipped ones are under 3 KB)
    value: int = 4 * 1024 * 1024         # characters in any one value a template makes
    items: int = 1024 * 1024             # entries in any one list it makes
    string_items: int = 256 * 1024       # characters of a text turned into a list (list, sort, …)
    budget: int = 64 * 1024 * 1024       # characters and entries made in one render, all told
    output: int = 8 * 1024 * 1024        # characters of markup one render writes
    int_bits: int = 1 << 16              # size of a whole number (about 20,000 digits)
    seconds: float = 5.0                 # one render, compiling included
    depth: int = 200                     # nesting of lists and tables a template builds


class LimitExceeded(Exception):
    """A template went past one of its bounds (becomes a TemplateError naming the template)."""


class RenderTimeout(BaseException):
    """Raised asynchronously in the rendering thread; a BaseException so no ``except Exception``
    inside Jinja or a filter swallows it."""


# -- reading template files ------------------------------------------------------------


class FolderLoader(jinja2.BaseLoader):
    """Templates from a list of folders (first wins), never from outside them."""

    def __init__(self, folders: list[Path], limits: Limits):
        self.folders = folders
        self.limits = limits

    def locate(self, name: str) -> Path | None:
        """The file for a template name, or None; TemplateError when it exists but may not be read."""
        pieces = jinja2.loaders.split_template_path(name)  # refuses "..": never above a folder
        for folder in self.folders:
            candidate = folder.joinpath(*pieces)
            if not os.path.lexists(candidate):
                continue
            check_inside(candidate, folder)
            return candidate
        return None

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.locate(template)
        if path is None:
            raise jinja2.TemplateNotFound(template)
        source = read_template(path, self.limits)
        mtime = _mtime(path)
        return source, str(path), lambda: _mtime(path) == mtime

    def list_templates(self) -> list[str]:
        found = set()
        for folder in self.folders:
            if folder.is_dir():
                found.update(p.name for p in folder.iterdir() if p.name.endswith(".j2"))
        return sorted(found)


def check_inside(path: Path, folder: Path) -> None:
    """Refuse a template that is, or links to, something outside its folder."""
    real_folder = Path(os.path.realpath(folder))
    real = Path(os.path.realpath(path))
    if real != real_folder and real_folder not in real.parents:
        raise TemplateError(f"模板是指向模板文件夹之外的链接，已拒绝（{path.name} links outside the template "
                            f"folder: {real}）", path=path)


def read_template(path: Path, limits: Limits = Limits()) -> str:
    raw = read_regular(path, limit=limits.template_bytes, error=TemplateError, what="模板文件")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TemplateError("模板文件不是 UTF-8 编码，请另存为 UTF-8（template is not UTF-8）",
                            path=path, line=line) from None


def _mtime(path: Path) -> float | None:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


# -- estimating sizes ------------------------------------------------------------------


class _RenderState(threading.local):
    def __init__(self) -> None:
        self.used = 0
        self.active = False
        self.sizes: dict[int, tuple[Any, int]] = {}


def size_of(value: Any, state: _RenderState | None, limits: Limits, depth: int = 0) -> int:
    """About how many characters ``str(value)`` has — without making that string."""
    if isinstance(value, str):
        return len(value)
    if value is None or isinstance(value, (bool, float, complex)):
        return 24
    if isinstance(value, int):
        return value.bit_length() // 3 + 2
    if isinstance(value, (dt.date, dt.time, Undefined)):
        return 32
    mutable = isinstance(value, Namespace)  # {% set ns.x = … %} changes it: never remember its size
    if mutable:
        value = value._Namespace__attrs  # type: ignore[attr-defined]
    if not isinstance(value, (list, tuple, dict, set, frozenset)):
        return 64
    if depth > limits.depth:
        raise LimitExceeded(f"嵌套超过 {limits.depth} 层（nested too deeply）")
    key = id(value)
    if state is not None and key in state.sizes:
        return state.sizes[key][1]
    total = 2
    entries = value.items() if isinstance(value, dict) else ((None, v) for v in value)
    for k, v in entries:
        total += 4 + size_of(v, state, limits, depth + 1)
        if k is not None:
            total += size_of(k, state, limits, depth + 1)
        if total > limits.budget:
            break  # already far too big; no need to walk the rest
    if state is not None and not mutable and total > 1024:
        # Remembered (and kept alive, so its id stays its own) only when big: every such value was
        # charged to the budget when made, so there are at most budget/1024 of them.
        state.sizes[key] = (value, total)
    return total


_PERCENT = re.compile(r"%(\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])")
_SPEC_WIDTH = re.compile(r"(\d+)")


# -- the environment -------------------------------------------------------------------


class BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with ``~`` and list/tuple/table displays going through checks."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:  # noqa: N802 (Jinja's naming)
        self.write("environment.checked_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def visit_List(self, node: ListNode, frame: Frame) -> None:  # noqa: N802
        self.write("environment.checked_made(")
        super().visit_List(node, frame)
        self.write(")")

    def visit_Dict(self, node: DictNode, frame: Frame) -> None:  # noqa: N802
        self.write("environment.checked_made(")
        super().visit_Dict(node, frame)
        self.write(")")

    def visit_Tuple(self, node: TupleNode, frame: Frame) -> None:  # noqa: N802
        if node.ctx != "load":
            super().visit_Tuple(node, frame)
            return
        self.write("environment.checked_made(")
        super().visit_Tuple(node, frame)
        self.write(")")


# Methods of built-in values a template may call; anything else on these types is refused.
_STR_METHODS = frozenset("""capitalize casefold center count endswith find index isalnum isalpha isascii
isdecimal isdigit isidentifier islower isnumeric isprintable isspace istitle isupper join ljust lower lstrip
partition removeprefix removesuffix replace rfind rindex rjust rpartition rsplit rstrip split splitlines
startswith strip swapcase title upper zfill expandtabs format format_map""".split())
_METHODS: list[tuple[type | tuple[type, ...], frozenset[str]]] = [
    (str, _STR_METHODS),
    (bool, frozenset()),
    ((int, float), frozenset({"bit_length", "is_integer", "conjugate"})),
    ((list, tuple), frozenset({"count", "index"})),
    (dict, frozenset({"get", "items", "keys", "values"})),
    ((dt.date, dt.time), frozenset({"isoformat", "weekday", "isoweekday", "strftime", "timetuple",
                                    "isocalendar", "date", "time", "toordinal"})),
    ((bytes, bytearray, set, frozenset, complex), frozenset()),
]
# Filters that turn a text into a list of its characters.
_ITERATING_FILTERS = frozenset({"list", "sort", "unique", "batch", "slice", "map", "select", "reject",
                                "selectattr", "rejectattr", "groupby", "random", "sum", "dictsort", "items"})


class BoundedSandbox(ImmutableSandboxedEnvironment):
    code_generator_class = BoundedCodeGenerator
    intercepted_binops = frozenset({"+", "*", "%", "**"})

    def __init__(self, *args: Any, limits: Limits = Limits(), **kwargs: Any):
        self.limits = limits
        self._state = _RenderState()
        kwargs.setdefault("finalize", self.checked_str)
        super().__init__(*args, **kwargs)
        self.globals.pop("lipsum", None)  # lipsum(n=10**7) writes that much Latin
        self.concat = self.checked_concat  # type: ignore[method-assign]

    # -- accounting ---------------------------------------------------------------------

    def charge(self, estimate: int, what: str = "") -> None:
        """Refuse an operation whose result would be ``estimate`` characters or entries too many."""
        limits = self.limits
        if estimate > limits.value:
            raise LimitExceeded(f"{what or '取值'}过大（约 {estimate:,} 字符，上限 {limits.value:,}；value too large）")
        state = self._state
        if state.active:
            state.used += estimate
            if state.used > limits.budget:
                raise LimitExceeded(f"模板生成的内容过多（超过 {limits.budget:,} 字符；template made too much）")

    def size(self, value: Any) -> int:
        return size_of(value, self._state if self._state.active else None, self.limits)

    def account(self, result: Any, what: str = "") -> Any:
        """Charge for a value just made (lists and tables: their entries; text: its length)."""
        if isinstance(result, (list, tuple, dict, set, frozenset)):
            if len(result) > self.limits.items:
                raise LimitExceeded(f"{what or '列表'}过长（{len(result):,} 项；list too long）")
            self.charge(self.size(result), what)
        elif isinstance(result, str):
            self.charge(len(result), what)
        elif isinstance(result, int) and not isinstance(result, bool) and result.bit_length() > self.limits.int_bits:
            raise LimitExceeded("数字过大（number too large）")
        return result

    # -- what the generated code calls ----------------------------------------------------

    def checked_str(self, value: Any) -> Any:
        """Every ``{{ … }}``: the text it writes is sized before it is made."""
        if isinstance(value, str) or value is None:
            return value
        self.charge(self.size(value), "输出")
        return value

    def checked_join(self, parts: tuple[Any, ...]) -> str:
        """``a ~ b ~ c``."""
        self.charge(sum(self.size(p) for p in parts), "拼接结果")
        return "".join(str(p) for p in parts)

    def checked_concat(self, parts: Any) -> str:
        """Block sets, macro and caller results, filter blocks (and Jinja's own render)."""
        collected, total = [], 0
        for part in parts:
            total += len(part)
            if total > self.limits.value and self._state.active:
                raise LimitExceeded(f"模板块过长（超过 {self.limits.value:,} 字符；block too long）")
            collected.append(part)
        return "".join(collected)

    def checked_made(self, value: Any) -> Any:
        return self.account(value, "列表")

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self._check_binop(operator, left, right)
        return self.account(super().call_binop(context, operator, left, right), "运算结果")

    def _check_binop(self, operator: str, left: Any, right: Any) -> None:
        limits = self.limits
        ints = all(isinstance(v, int) for v in (left, right))
        if operator == "**":
            if ints and right > 0 and right * max(abs(left).bit_length(), 1) > limits.int_bits:
                raise LimitExceeded("数字过大（number too large）")
            return
        if operator == "*":
            if ints:
                if left.bit_length() + right.bit_length() > limits.int_bits:
                    raise LimitExceeded("数字过大（number too large）")
                return
            seq, count = (left, right) if isinstance(right, int) else (right, left)
            if isinstance(count, int) and isinstance(seq, (str, list, tuple)):
                count = max(count, 0)
                if not isinstance(seq, str) and len(seq) * count > limits.items:
                    raise LimitExceeded(f"列表过长（{len(seq) * count:,} 项；list too long）")
                self.charge(self.size(seq) * count, "重复结果")
            return
        if operator == "+":
            if ints:
                return
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                self.charge(self.size(left) + self.size(right), "相加结果")
            return
        if operator == "%" and isinstance(left, str):
            self.charge(self._percent_size(left, right), "格式化结果")

    def _percent_size(self, fmt: str, args: Any) -> int:
        conversions = 0
        for m in _PERCENT.finditer(fmt):
            for number in (m.group(2), m.group(3)):
                if number == "*" or (number and int(number) > self.limits.value):
                    raise LimitExceeded("格式宽度过大（format width too large）")
            conversions += 1
        values = list(args.values()) if isinstance(args, dict) else list(args) if isinstance(args, tuple) else [args]
        biggest = max((self.size(v) for v in values), default=0)
        widths = sum(int(m.group(2) or 0) + int(m.group(3) or 0) for m in _PERCENT.finditer(fmt))
        return len(fmt) + conversions * biggest + widths

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if owner is not None and not isinstance(owner, types.ModuleType):
            for kind, allowed in _METHODS:
                if isinstance(owner, kind):
                    if name not in allowed:
                        raise SecurityError(f"模板中不能调用 {type(owner).__name__}.{name}（not allowed）")
                    args = __self._check_method(owner, name, args, kwargs)
                    break
        result = super().call(__context, __obj, *args, **kwargs)
        return __self.account(result, "调用结果")

    def _check_method(self, owner: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
        if isinstance(owner, str):
            first = args[0] if args else None
            if name in ("center", "ljust", "rjust", "zfill"):
                width = first if isinstance(first, int) else kwargs.get("width", 0)
                self.charge(max(len(owner), int(width or 0)), "文字")
            elif name == "expandtabs":
                tabsize = first if isinstance(first, int) else kwargs.get("tabsize", 8)
                self.charge(len(owner) + owner.count("\t") * max(int(tabsize), 0), "文字")
            elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
                old, new = args[0], args[1]
                hits = owner.count(old) if old else len(owner) + 1
                self.charge(len(owner) + hits * max(len(new) - len(old), 0), "替换结果")
            elif name == "join" and args:
                items = self.materialise(args[0])
                self.charge(sum(self.size(i) for i in items) + len(owner) * max(len(items) - 1, 0), "拼接结果")
                return (items, *args[1:])
        elif isinstance(owner, (dt.date, dt.time)) and name == "strftime":
            fmt = args[0] if args else kwargs.get("format", "")
            if isinstance(fmt, str) and len(fmt) > 1000:
                raise LimitExceeded("日期格式过长（date format too long）")
        return args

    def materialise(self, value: Any) -> Any:
        """A list of an iterator's items, bounded (so the size of what is made from it is known)."""
        if isinstance(value, (str, list, tuple, dict, set, frozenset)) or isinstance(value, Undefined):
            return value
        if not isinstance(value, Iterator) and not inspect.isgenerator(value):
            return value
        out = []
        for item in value:
            out.append(item)
            if len(out) > self.limits.items:
                raise LimitExceeded(f"列表过长（超过 {self.limits.items:,} 项；list too long）")
        return out

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        plain = super().wrap_str_format(value)
        if plain is None:
            return None
        env = self
        f_self = value.__self__
        is_map = value.__name__ == "format_map"

        def bounded(*args: Any, **kwargs: Any) -> str:
            formatter = _BoundedFormatter(env)
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                kwargs, args = args[0], ()
            return type(f_self)(formatter.vformat(f_self, args, kwargs))

        return functools.update_wrapper(bounded, value)

    # -- filters --------------------------------------------------------------------------

    def guard_filters(self) -> None:
        for name, func in list(self.filters.items()):
            self.filters[name] = self._guarded_filter(name, func)

    def _guarded_filter(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        passes = jinja2.utils._PassArg.from_obj(func)  # context / eval_ctx / environment first
        skip = 1 if passes is not None else 0
        env = self

        @functools.wraps(func)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if len(args) > skip:
                value = env.materialise(args[skip])
                if value is not args[skip]:
                    args = (*args[:skip], value, *args[skip + 1:])
                env.charge(env._filter_estimate(name, value, args[skip + 1:], kwargs), f"{name} 的结果")
            result = func(*args, **kwargs)
            if inspect.isgenerator(result):
                result = env.materialise(result)
            return env.account(result, f"{name} 的结果")

        return guarded

    def _filter_estimate(self, name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
        def arg(index: int, key: str, default: Any) -> Any:
            return args[index] if len(args) > index else kwargs.get(key, default)

        if isinstance(value, str) and name in _ITERATING_FILTERS and len(value) > self.limits.string_items:
            raise LimitExceeded(f"文字过长，不能拆成列表（{len(value):,} 字符；text too long to split）")
        size = self.size(value)
        if name == "center":
            return max(size, _int(arg(0, "width", 80)))
        if name == "indent":
            width = arg(0, "width", 4)
            width = len(width) if isinstance(width, str) else _int(width)
            return size + (str(value).count("\n") + 1) * width if isinstance(value, str) else size
        if name == "wordwrap":
            wrap = arg(2, "wrapstring", None) or "\n"
            return size + (size // max(_int(arg(0, "width", 79)), 1) + 1) * len(str(wrap))
        if name == "replace" and isinstance(value, str):
            old, new = str(arg(0, "old", "")), str(arg(1, "new", ""))
            hits = value.count(old) if old else len(value) + 1
            return size + hits * max(len(new) - len(old), 0)
        if name == "join":
            sep = str(arg(0, "d", ""))
            count = len(value) if hasattr(value, "__len__") else 0
            return size + len(sep) * count
        if name == "format" and isinstance(value, str):
            return self._percent_size(value, tuple(args) if args else kwargs)
        if name in ("batch", "slice"):
            count = _int(arg(0, "linecount" if name == "batch" else "slices", 1))
            if count > self.limits.items:
                raise LimitExceeded(f"{name} 的数目过大（too many）")
            return size + count * (self.size(arg(1, "fill_with", None)) + 4)
        if name == "truncate":
            return min(size, _int(arg(0, "length", 255))) + len(str(arg(2, "end", "...")))
        if name in ("escape", "e", "forceescape", "urlize", "urlencode", "tojson", "pprint", "xmlattr"):
            return size * 6
        if isinstance(value, str) and name in _ITERATING_FILTERS:
            return size * 3
        return size


def _int(value: Any) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError, OverflowError):
        return 0


class _BoundedFormatter(string.Formatter):
    """``str.format`` with the sandbox's attribute rules and a size check per field."""

    def __init__(self, env: BoundedSandbox):
        from jinja2.sandbox import SandboxedFormatter

        super().__init__()
        self.env = env
        self._inner = SandboxedFormatter(env)
        self.total = 0

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> Any:
        return self._inner.get_field(field_name, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> Any:
        widths = [int(w) for w in _SPEC_WIDTH.findall(format_spec)]
        self.total += max([self.env.size(value), *widths]) + 1
        self.env.charge(self.total, "格式化结果")
        return super().format_field(value, format_spec)


# -- running a render within its time --------------------------------------------------


def render(env: BoundedSandbox, name: str, context: dict[str, Any]) -> str:
    """Compile and render template ``name`` within the environment's limits."""
    state = env._state
    if state.active:  # a render inside a render (not done by Dafu): share the outer bounds
        return _render(env, name, context)
    state.active, state.used, state.sizes = True, 0, {}
    try:
        with _deadline(env.limits.seconds):
            return _render(env, name, context)
    finally:
        state.active, state.sizes = False, {}


def _render(env: BoundedSandbox, name: str, context: dict[str, Any]) -> str:
    template = env.get_template(name)
    out, total = [], 0
    for chunk in template.generate(context):
        total += len(chunk)
        if total > env.limits.output:
            raise LimitExceeded(f"模板输出过长（超过 {env.limits.output:,} 字符；output too long）")
        out.append(chunk)
    return "".join(out)


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    # None withdraws an exception posted earlier and not yet raised.
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc is not None else None)


class _Watchdog:
    """One daemon thread that watches every render's deadline (starting a thread per render
    would cost more than rendering a reply)."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.pending: dict[int, tuple[float, int]] = {}  # ticket → (deadline, thread id)
        self.fired: set[int] = set()
        self.tickets = 0
        self.thread: threading.Thread | None = None

    def start(self, seconds: float) -> int:
        with self.cond:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="dafu-template-watchdog", daemon=True)
                self.thread.start()
            self.tickets += 1
            self.pending[self.tickets] = (time.monotonic() + seconds, threading.get_ident())
            self.cond.notify()
            return self.tickets

    def stop(self, ticket: int) -> None:
        with self.cond:
            self.pending.pop(ticket, None)
            if ticket in self.fired:
                self.fired.discard(ticket)
                _set_async_exc(threading.get_ident(), None)  # withdraw it if not yet raised

    def _run(self) -> None:
        with self.cond:
            while True:
                now = time.monotonic()
                for ticket, (deadline, thread_id) in list(self.pending.items()):
                    if deadline <= now:
                        del self.pending[ticket]
                        self.fired.add(ticket)
                        _set_async_exc(thread_id, RenderTimeout)
                soonest = min((d for d, _ in self.pending.values()), default=None)
                self.cond.wait(None if soonest is None else max(soonest - now, 0.001))


_WATCHDOG = _Watchdog()


class _deadline:
    """Raise RenderTimeout in this thread if the block runs past ``seconds``.

    The watchdog posts the exception to this thread (CPython raises it between two
    bytecodes); leaving the block withdraws a posted exception that has not yet been
    raised, so it can never fire outside the block.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds

    def __enter__(self) -> "_deadline":
        self.ticket = _WATCHDOG.start(self.seconds)
        return self

    def __exit__(self, *exc: Any) -> bool:
        _WATCHDOG.stop(self.ticket)
        return False
