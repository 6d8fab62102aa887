"""Fuzzing the command line with hostile and careless input (issue 11).

A few hundred seeded cases — mutated drafts, damaged and crafted .docx files, hostile
templates, odd files where a library belongs — each run through `dafu` as a subprocess
with its address space capped at 1 GiB. Every run must end either with a non-zero exit
and a message, or with an output that reopens; never with a traceback, an internal
error, a hang or memory exhaustion.

All cases run up front in a module fixture, two at a time (the machine has two cores);
each case is then its own test item, so a case owned by another part of the code can be
marked xfail by name. Seed and size: FUZZ_SEED, FUZZ_SCALE (cases ×).
"""
from __future__ import annotations

import io
import json
import os
import queue
import random
import re
import sqlite3
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from tests_paths import SAMPLE_DRAFT, SAMPLE_TXT

SEED = int(os.environ.get("FUZZ_SEED", "20240611"))
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))
MEMORY_CAP = 1 << 30        # bytes of address space per run
TIMEOUT = 40                # seconds: a run past this has hung (the template watchdog stops at 5)
WORKERS = 2



@dataclass
class Case:
    id: str
    args: list[str]                                   # after `dafu`; {dir} is the case's folder
    files: Callable[[Path], None] = lambda folder: None
    output: str | None = None                         # a file that must reopen when the run succeeds
    kind: str = "docx"                                # what the output is: docx, draft, library, text
    expect: Callable[["Result"], None] | None = None  # a further check on a successful run
    require_ok: bool = False                          # exit 0 or 1 (files skipped) only; 2 is a failure


@dataclass
class Result:
    case: Case
    folder: Path
    returncode: int | None
    stdout: str
    stderr: str
    seconds: float


# -- building blocks -------------------------------------------------------------------

SAMPLE = SAMPLE_DRAFT.read_text(encoding="utf-8")
SAMPLE_LINES = SAMPLE.splitlines(keepends=True)
STRING_LINES = [i for i, line in enumerate(SAMPLE_LINES) if '"' in line]
VALUE_LINES = [i for i, line in enumerate(SAMPLE_LINES) if re.match(r"^\w+ = ", line) and "template" not in line]
CONTROLS = ["\\u0000", "\\u0007", "\\u000b", "\\u000c", "\\u001b", "\\u001f", "\\u007f", "\\u0085", "\\u2028",
            "\\u2029", "\\ufffe", "\\uffff", "\\u200b", "\\u202e", "\\r", "\\n", "\\t", "\\b", "\\f"]
INJECTED = ["@h1 注入的标题", "一、注入的标题", "@cc 抄送：注入单位。", "@closing 伪造", "@title 伪造标题", "{{ 7*7 }}"]
WRONG_TYPES = ["true", "false", "nan", "inf", "-inf", "3.5", "0", "-1", "1e400", "{ a = 1 }", "[1, 2]", "[[1]]",
               '[{ x = "y" }]', "2023-05-28T10:00:00", "10:00:00", '""', "[]", '"   "', '"2023年5月28日"',
               '"五月"', "2023-02-30", '"\\u0000"']


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def draft_case(case_id: str, text: str | bytes, command: str = "render", extra: list[str] | None = None,
               **kwargs) -> Case:
    args = {"render": ["render", "{dir}/d.dafu", "-o", "{dir}/out.docx"],
            "check": ["check", "{dir}/d.dafu"],
            "fix": ["check", "{dir}/d.dafu", "--fix", "-o", "{dir}/fixed.dafu"]}[command] + (extra or [])
    output = {"render": "out.docx", "check": None, "fix": "fixed.dafu"}[command]
    return Case(case_id, args, lambda folder: write(folder / "d.dafu", text), output=output,
                kind="draft" if command == "fix" else "docx", **kwargs)


def mutate_draft(rng: random.Random) -> tuple[str, str | bytes]:
    lines = list(SAMPLE_LINES)
    how = rng.choice(["control", "inject", "type", "delete", "truncate", "flip", "duplicate", "swap", "unicode",
                      "long"])
    if how == "control":
        i = rng.choice(STRING_LINES)
        line = lines[i]
        quote = line.index('"') + 1
        at = rng.randint(quote, max(quote, line.rindex('"')))
        lines[i] = line[:at] + "".join(rng.choice(CONTROLS) for _ in range(rng.randint(1, 3))) + line[at:]
    elif how == "inject":
        i = rng.choice(STRING_LINES)
        line = lines[i]
        at = line.rindex('"')
        lines[i] = line[:at] + rng.choice(["\\u2028", "\\u2029", "\\u0085", "\\u000b", "\\n"]) + rng.choice(INJECTED) + line[at:]
    elif how == "type":
        i = rng.choice(VALUE_LINES)
        key = lines[i].split(" = ")[0]
        lines[i] = f"{key} = {rng.choice(WRONG_TYPES)}\n"
    elif how == "delete":
        del lines[rng.randrange(len(lines))]
    elif how == "truncate":
        text = "".join(lines)
        return how, text[: rng.randrange(len(text))]
    elif how == "flip":
        data = bytearray("".join(lines).encode("utf-8"))
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return how, bytes(data)
    elif how == "duplicate":
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
    elif how == "swap":
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif how == "unicode":
        i = rng.choice(STRING_LINES)
        line = lines[i]
        at = line.rindex('"')
        junk = "".join(chr(rng.choice([rng.randrange(0x20, 0x7f), rng.randrange(0x4e00, 0x9fff),
                                       rng.randrange(0x10000, 0x1f000), rng.randrange(0xe000, 0xf8ff)]))
                       for _ in range(rng.randint(1, 30)))
        lines[i] = line[:at] + junk.replace("\\", "").replace('"', "") + line[at:]
    elif how == "long":
        i = rng.choice(STRING_LINES)
        line = lines[i]
        at = line.rindex('"')
        lines[i] = line[:at] + "长" * rng.choice([500, 5000, 60_000]) + line[at:]
    return how, "".join(lines)


def values_draft(**values: str) -> str:
    text = SAMPLE
    for key, value in values.items():
        text = re.sub(rf"(?m)^{key} = .*$", lambda m: f"{key} = {value}", text)
    return text


def sections_draft(body: str) -> str:
    return SAMPLE[: SAMPLE.index("[[sections]]")] + body


# -- .docx building ----------------------------------------------------------------------

def sample_docx_bytes(folder: Path) -> bytes:
    cache = folder.parent / "sample.docx"
    if not cache.exists():
        from dafu.render import render

        render(SAMPLE_DRAFT, cache)
    return cache.read_bytes()


def rezip(data: bytes, replace: dict[str, bytes], *, drop: tuple[str, ...] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename in drop:
                continue
            dst.writestr(item.filename, replace.get(item.filename, src.read(item.filename)))
        for name, content in replace.items():
            if name not in src.namelist():
                dst.writestr(name, content)
    return out.getvalue()


def document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode("utf-8")


def with_document(transform: Callable[[str], str]) -> Callable[[Path], bytes]:
    def build(folder: Path) -> bytes:
        data = sample_docx_bytes(folder)
        return rezip(data, {"word/document.xml": transform(document_xml(data)).encode("utf-8")})
    return build


def in_first_paragraph(fragment: str) -> Callable[[str], str]:
    def transform(xml: str) -> str:
        at = xml.index("<w:r>", xml.index("<w:body>")) if "<w:r>" in xml else xml.index("<w:r ", xml.index("<w:body>"))
        return xml[:at] + fragment + xml[at:]
    return transform


def zip_bomb(folder: Path) -> bytes:
    data = sample_docx_bytes(folder)
    xml = document_xml(data)
    at = xml.index("</w:body>")
    filler = "<w:p><w:r><w:t>" + "0" * (1 << 20) + "</w:t></w:r></w:p>"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename == "word/document.xml":
                with dst.open("word/document.xml", "w", force_zip64=True) as stream:
                    stream.write(xml[:at].encode())
                    chunk = filler.encode()
                    for _ in range(3000):  # ~3 GB inflated, ~3 MB on disk
                        stream.write(chunk)
                    stream.write(xml[at:].encode())
            else:
                dst.writestr(item.filename, src.read(item.filename))
    return out.getvalue()


def docx_case(case_id: str, build: Callable[[Path], bytes], command: str = "import") -> Case:
    if command == "import":
        args = ["import", "{dir}/reply.docx", "--library", "{dir}/lib.sqlite"]
        return Case(case_id, args, lambda folder: write(folder / "reply.docx", build(folder)),
                    output="lib.sqlite", kind="library")
    return Case(case_id, ["check", "{dir}/reply.docx"], lambda folder: write(folder / "reply.docx", build(folder)))


def txt_in_encoding(encoding: str) -> Callable[[Path], None]:
    text = SAMPLE_TXT.read_text(encoding="utf-8")

    def build(folder: Path) -> None:
        write(folder / "reply.txt", text.encode(encoding, errors="replace"))
    return build


def imported_text_is_chinese(result: Result) -> None:
    """An import that succeeds must have read the words, not mojibake.

    (人民代表大 is written alike in simplified and traditional characters, so a Big5 file —
    made from the simplified sample, the rest replaced by "?" — still carries it.)"""
    conn = sqlite3.connect(result.folder / "lib.sqlite")
    texts = " ".join(r[0] for r in conn.execute("SELECT text FROM paragraphs"))
    conn.close()
    assert not texts or "人民代表大" in texts, f"imported as mojibake: {texts[:80]}"


def folder_of_bad_files(folder: Path) -> None:
    good = SAMPLE_TXT.read_text(encoding="utf-8")
    for i in range(3):
        write(folder / "in" / f"good{i}.txt", good.replace("JY20230126", f"JY2023012{i}") + f"\n附加{i}。")
    docx = sample_docx_bytes(folder)
    # a comment inside a paragraph is harmless: the reply is read (a fourth good file)
    write(folder / "in" / "ok_comment.docx", with_document(in_first_paragraph("<!-- c -->"))(folder))
    write(folder / "in" / "bad_nobody.docx", rezip(docx, {"word/document.xml": (
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')}))
    write(folder / "in" / "bad_truncated.docx", docx[: len(docx) // 2])
    write(folder / "in" / "bad_random.docx", random.Random(1).randbytes(5000))


def all_good_imported(count: int) -> Callable[[Result], None]:
    def expect(result: Result) -> None:
        conn = sqlite3.connect(result.folder / "lib.sqlite")
        replies = conn.execute("SELECT count(*) FROM replies").fetchone()[0]
        conn.close()
        assert replies == count, f"{replies} of {count} good files imported"
        for line in result.stderr.splitlines():
            if "bad_" in line:
                assert "跳过" in line, line  # each bad file named with the reason it was skipped
    return expect


def gbk_named_folder(folder: Path) -> None:
    good = SAMPLE_TXT.read_text(encoding="utf-8")
    (folder / "in").mkdir(parents=True, exist_ok=True)
    write(folder / "in" / "good.txt", good)
    name = os.fsencode(folder / "in") + b"/" + "答复二.txt".encode("gbk")
    with open(name, "wb") as stream:
        stream.write(good.replace("JY20230126", "JY20230999").encode("utf-8"))


# -- templates -------------------------------------------------------------------------

HOSTILE_TEMPLATES = [
    "@p {{ 'a' * 10**9 }}",
    "@p {{ ['a'] * 10**8 }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}@p x",
    "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}@p {{ m(0) }}",
    "@p x\n{% include 'suggestion_reply.j2' %}",
    "{% set ns = namespace(s='a') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}@p {{ ns.s }}",
    "@p {{ 'a' | center(10**9) }}",
    "@p {{ '{:>1000000000}'.format(1) }}",
    "@p {{ '%1000000000s' % 1 }}",
    "{% set b = 'a' * 4000000 %}{% set l = [b, b, b, b, b, b, b, b] %}{% set m = [l, l, l, l, l, l, l, l] %}@p {{ m }}",
    "@p {{ 9 ** 9999999 }}",
    "@p {{ (1).to_bytes(10**9, 'big') }}",
    "@p {{ lipsum(n=10**7) }}",
    "@p {{ range(10) | batch(10**9, 'x') | list }}",
    "@p {{ ''.__class__.__mro__[1].__subclasses__() }}",
    "@p {{ cycler.__init__.__globals__ }}",
    "@p {{ self.__init__.__globals__.__builtins__ }}",
    "@p {{ request.application.__globals__ }}",
    "@p {{ config.items() }}",
    "@p {{ ().__class__.__base__.__subclasses__() }}",
    "@p {{ namespace.__init__.__globals__.os.popen('id').read() }}",
    "@p {{ joiner.__init__.__globals__ }}",
    "@p {{ range.__self__ }}",
    "@p {{ dict.__base__.__subclasses__() }}",
    "@p {{ 'x'.__class__.__base__ }}",
    "@p {{ number.__class__ }}",
    "@p {{ [].__class__.__class__.__subclasses__([].__class__.__class__)[0].register }}",
    "@p {{ sections.__getitem__ }}",
    "@p {{ date.__class__.__subclasses__() }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{% endfor %}@p x",
    "@p {{ ('中' * 4000000) }}\n@title 标题",
    "{% set x = 'x' * 4000000 %}{% set ns = namespace(l=[]) %}{% for i in range(1000) %}{% set ns.l = ns.l + [x ~ i] %}{% endfor %}@p {{ ns.l | length }}",
    "@p {{ (range(100000) | list) * 100 }}",
    "{% set d = dict(a=1) %}{% for i in range(30) %}{% set d = dict(a=d, b=d) %}{% endfor %}@p {{ d }}",
    "@p {{ 'x' | wordwrap(1, wrapstring='y' * 10**6) }}",
    "@p {{ ('ab' * 2000000) | replace('a', 'xyz' * 1000) }}",
    "@p {{ '%s' * 100000 % ((number,) * 100000) }}",
    "{% filter upper %}{% for i in range(100000) %}{{ 'a' * 1000 }}{% endfor %}{% endfilter %}@p x",
    "@p {{ 'a' ~ 'b' * 10**8 }}",
    "{% raw %}{{ unclosed",
    "@p {{ number | cn_num }}",
    "@p {{ 10**400 | cn_num }}",
    "@p {{ date | cn_date('chinese') }}{{ 'x' | cn_date }}",
    "@p {{ 10**20 | wan_yuan }}",
    "@h9 标题\n@p x",
    "@title {{ 'x' * 300 }}\n@p x",
]


def template_case(case_id: str, body: str | bytes, *, link: str | None = None, fifo: str | None = None) -> Case:
    def files(folder: Path) -> None:
        tpl = folder / "tpl"
        tpl.mkdir(parents=True, exist_ok=True)
        write(tpl / "suggestion_reply.j2", body)
        if link:
            (tpl / "p.j2").symlink_to(link)
        if fifo:
            os.mkfifo(tpl / fifo)
        write(folder / "d.dafu", SAMPLE)

    def no_secrets(result: Result) -> None:
        from docx import Document

        text = "\n".join(p.text for p in Document(str(result.folder / "out.docx")).paragraphs)
        assert "root:" not in text and "<class" not in text and "os.popen" not in text

    return Case(case_id, ["render", "{dir}/d.dafu", "-o", "{dir}/out.docx", "--templates", "{dir}/tpl"], files,
                output="out.docx", expect=no_secrets)


JINJA_ATOMS = ["number", "meeting", "deputies", "date", "sections", "intro", "today", "'文字'", "42", "3.5", "none",
               "true", "[1, 2]", "{'a': 1}", "range(5)", "number ~ number", "cc", "undefined_x"]
JINJA_FILTERS = ["upper", "length", "first", "last", "join", "list", "string", "cn_num", "ordinal", "cn_date",
                 "wan_yuan", "book_title", "addressees", "cn_list", "pronoun", "trim", "title", "reverse", "sort",
                 "unique", "tojson", "center(20)", "replace('a', 'b')", "truncate(5)", "default('x')",
                 "batch(2)", "int", "float", "abs", "round", "e", "wordcount", "indent(2)", "format(1)",
                 "striptags", "sum", "dictsort", "items", "random", "max", "min", "map('upper')"]


def random_template(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 6)):
        expr = rng.choice(JINJA_ATOMS)
        for _ in range(rng.randint(0, 3)):
            expr += " | " + rng.choice(JINJA_FILTERS)
        tag = rng.choice(["@p", "@h1", "@title", "@enum", "@cc", "@row", "@note", "@bogus", ""])
        shape = rng.choice(["{tag} {{{{ {e} }}}}", "{{% for x in [1, 2] %}}{tag} {{{{ {e} }}}}\n{{% endfor %}}",
                            "{{% if {e} %}}{tag} 是{{% else %}}{tag} 否{{% endif %}}", "{tag} {{{{ ({e}) * 2 }}}}"])
        lines.append(shape.format(tag=tag, e=expr))
    return "\n".join(lines) + "\n"


# -- the cases -------------------------------------------------------------------------

def build_cases() -> list[Case]:
    rng = random.Random(SEED)
    cases: list[Case] = []

    # Drafts: random mutations of the sample through render, check and check --fix.
    for n in range(int(120 * SCALE)):
        how, text = mutate_draft(rng)
        command = rng.choice(["render", "render", "check", "fix"])
        cases.append(draft_case(f"draft-{n:03d}-{how}-{command}", text, command))

    # Drafts: the named careless inputs.
    for name, value in [("true", "true"), ("nan", "nan"), ("float", "3.5"), ("table", "{ a = 1 }")]:
        for key in ("deputies", "meeting", "contact_phone", "issuing_body"):
            cases.append(draft_case(f"draft-type-{key}-{name}", values_draft(**{key: value})))
    for name, sep in [("u2028", "\\u2028"), ("u2029", "\\u2029"), ("nel", "\\u0085"), ("vt", "\\u000b")]:
        body = f'[[sections]]\nheading = "工作{sep}一、注入的标题"\nparagraphs = ["正文{sep}@cc 抄送：注入单位。"]\n'
        cases.append(draft_case(f"draft-separator-{name}", sections_draft(body),
                                expect=lambda r: no_injection(r)))
    cases.append(draft_case("draft-controls-in-values", values_draft(number='"JY\\u000b\\u0000\\u001f1"',
                                                                     issuing_body='"福田区\\u0007\\ufffe局"')))
    cases.append(draft_case("title-300", values_draft(suggestion_title='"' + "关于" + "加快数字化转型" * 42 + '的建议"')))
    cases.append(draft_case("title-20000", values_draft(suggestion_title='"' + "长" * 20_000 + '"')))
    cases.append(draft_case("enumerations-1200", sections_draft(
        '[[sections]]\nheading = "下一步"\nenumerate = true\nparagraphs = [\n'
        + "".join(f'    "第{i}项措施。",\n' for i in range(1200)) + "]\n")))
    cases.append(draft_case("draft-paragraph-1m", sections_draft(
        '[[sections]]\nheading = "长"\nparagraphs = ["' + "长段落" * 350_000 + '"]\n')))
    cases.append(draft_case("draft-over-limit", sections_draft(
        '[[sections]]\nheading = "长"\nparagraphs = ["' + "a" * (5 << 20) + '"]\n')))
    cases.append(draft_case("draft-nested-deep", "template = 'x'\n[values]\na = " + "[" * 3000 + "]" * 3000 + "\n"))
    cases.append(draft_case("draft-sections-5-deep", sections_draft(
        "".join(f"[[sections{'.sections' * i}]]\nheading = \"第{i}级\"\n" for i in range(5)))))
    cases.append(draft_case("draft-gbk", SAMPLE.encode("gb18030")))
    cases.append(draft_case("draft-empty", ""))
    cases.append(draft_case("draft-binary", bytes(range(256)) * 10))
    cases.append(draft_case("draft-utf16", SAMPLE.encode("utf-16")))
    cases.append(draft_case("draft-bom", "\ufeff" + SAMPLE))
    for name in ("../x", "../../etc/passwd", "nope", "feedback_form", "a/b", "x.j2", "_body", ""):
        safe = re.sub(r"\W", "_", name) or "empty"
        cases.append(draft_case(f"draft-template-name-{safe}", SAMPLE.replace('"suggestion_reply"', json.dumps(name))))
        cases.append(draft_case(f"cli-t-{safe}", SAMPLE, extra=["-t", name]))
    cases.append(Case("cli-render-self", ["render", "{dir}/d.dafu", "-o", "{dir}/d.dafu"],
                      lambda f: write(f / "d.dafu", SAMPLE), expect=None))
    cases.append(Case("cli-render-fifo", ["render", "{dir}/p.dafu", "-o", "{dir}/out.docx"],
                      lambda f: (f.mkdir(parents=True, exist_ok=True), os.mkfifo(f / "p.dafu"))))
    cases.append(Case("cli-render-dev-zero", ["render", "/dev/zero", "-o", "{dir}/out.docx"]))
    cases.append(Case("cli-check-dev-zero", ["check", "/dev/zero"]))
    cases.append(Case("cli-check-fifo-txt", ["check", "{dir}/p.txt"],
                      lambda f: (f.mkdir(parents=True, exist_ok=True), os.mkfifo(f / "p.txt"))))
    cases.append(Case("cli-render-dir", ["render", "{dir}", "-o", "{dir}/out.docx"]))
    cases.append(Case("cli-render-missing", ["render", "{dir}/none.dafu"]))
    cases.append(Case("cli-output-in-missing-folder", ["render", "{dir}/d.dafu", "-o", "{dir}/no/such/out.docx"],
                      lambda f: write(f / "d.dafu", SAMPLE)))
    cases.append(Case("cli-output-is-a-folder", ["render", "{dir}/d.dafu", "-o", "{dir}"],
                      lambda f: write(f / "d.dafu", SAMPLE)))

    # .docx and text files: import and check.
    sample_builds: dict[str, Callable[[Path], bytes]] = {
        "docx-good": lambda f: sample_docx_bytes(f),
        "docx-truncated": lambda f: sample_docx_bytes(f)[:3000],
        "docx-random": lambda f: random.Random(7).randbytes(20_000),
        "docx-empty": lambda f: b"",
        "docx-not-zip-text": lambda f: "这不是文档".encode(),
        "docx-no-document": lambda f: rezip(sample_docx_bytes(f), {}, drop=("word/document.xml",)),
        "docx-bad-xml": lambda f: rezip(sample_docx_bytes(f), {"word/document.xml": b"<w:document><w:body>"}),
        "docx-comment-in-p": with_document(in_first_paragraph("<!-- 注释 -->")),
        "docx-pi-in-p": with_document(in_first_paragraph("<?dafu x?>")),
        "docx-entity-in-p": with_document(lambda xml: xml.replace(
            "<w:document", '<!DOCTYPE w:document [<!ENTITY e "实体">]><w:document', 1).replace(
            "<w:t>", "<w:t>&e;", 1)),
        "docx-billion-laughs": with_document(lambda xml: xml.replace(
            "<w:document", '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
            '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
            '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]><w:document',
            1).replace("<w:t>", "<w:t>&h;", 1)),
        "docx-no-body": lambda f: rezip(sample_docx_bytes(f), {"word/document.xml": (
            b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')}),
        "docx-zip-bomb": zip_bomb,
    }
    for name, build in sample_builds.items():
        cases.append(docx_case(name, build, "import"))
        cases.append(docx_case(f"check-{name}", build, "check"))
    for n in range(int(30 * SCALE)):
        def flipped(folder: Path, seed: int = rng.randrange(1 << 30)) -> bytes:
            r = random.Random(seed)
            data = bytearray(sample_docx_bytes(folder))
            for _ in range(r.randint(1, 20)):
                data[r.randrange(len(data))] = r.randrange(256)
            return bytes(data)
        cases.append(docx_case(f"docx-flip-{n:02d}", flipped, rng.choice(["import", "check"])))
    for n in range(int(20 * SCALE)):
        def xml_mutated(folder: Path, seed: int = rng.randrange(1 << 30)) -> bytes:
            r = random.Random(seed)
            xml = document_xml(sample_docx_bytes(folder))
            for _ in range(r.randint(1, 5)):
                at = r.randrange(len(xml))
                xml = xml[:at] + r.choice(["<", ">", "&", "\x00", "\x0b", "</w:p>", "<w:p>", "<w:t>", "\ufffe",
                                           "<!-- x -->", "<?x?>", "&amp;", "&#0;", "&#xFFFE;", ""]) + xml[at + r.randint(0, 3):]
            return rezip(sample_docx_bytes(folder), {"word/document.xml": xml.encode("utf-8", "surrogatepass")})
        cases.append(docx_case(f"docx-xml-{n:02d}", xml_mutated, rng.choice(["import", "check"])))
    for name, enc in [("txt-big5", "big5"), ("txt-shift-jis", "shift_jis"), ("txt-euc-kr", "euc_kr")]:
        cases.append(Case(name, ["import", "{dir}/reply.txt", "--library", "{dir}/lib.sqlite"], txt_in_encoding(enc),
                          output="lib.sqlite", kind="library", expect=imported_text_is_chinese))
    cases.append(Case("txt-utf16", ["import", "{dir}/reply.txt", "--library", "{dir}/lib.sqlite"],
                      txt_in_encoding("utf-16"), output="lib.sqlite", kind="library", expect=imported_text_is_chinese))
    cases.append(Case("folder-one-bad-of-each", ["import", "{dir}/in", "--library", "{dir}/lib.sqlite"],
                      folder_of_bad_files, output="lib.sqlite", kind="library", expect=all_good_imported(4),
                      require_ok=True))
    cases.append(Case("folder-gbk-name", ["import", "{dir}/in", "--library", "{dir}/lib.sqlite"],
                      gbk_named_folder, output="lib.sqlite", kind="library", expect=all_good_imported(2),
                      require_ok=True))
    cases.append(Case("import-fifo", ["import", "{dir}/p.txt", "--library", "{dir}/lib.sqlite"],
                      lambda f: (f.mkdir(parents=True, exist_ok=True), os.mkfifo(f / "p.txt"))))
    cases.append(Case("import-dev-zero", ["import", "/dev/zero", "--library", "{dir}/lib.sqlite"]))
    cases.append(Case("similar-fifo", ["similar", "{dir}/p.txt", "--library", "{dir}/lib.sqlite"],
                      lambda f: (f.mkdir(parents=True, exist_ok=True), os.mkfifo(f / "p.txt"))))
    cases.append(Case("similar-docx-random", ["similar", "{dir}/s.docx", "--library", "{dir}/lib.sqlite"],
                      lambda f: write(f / "s.docx", random.Random(3).randbytes(4000))))
    for n, query in enumerate(['"', "*", "时尚 OR", "NEAR(时尚", "a\x07b", "\u2028", "时" * 5000, "-", "AND",
                               "'; DROP TABLE replies; --", "^", "(", "{", "col:时尚", "时尚\"产业"]):
        cases.append(Case(f"search-{n:02d}", ["search", query, "--library", "{dir}/lib.sqlite"]))

    # Templates: hostile ones, files that are not what they seem, and random compositions.
    for n, body in enumerate(HOSTILE_TEMPLATES):
        name = "template-paragraph-12mb" if "('中' * 4000000)" in body else f"template-hostile-{n:02d}"
        cases.append(template_case(name, "{#\ntitle: t\n#}\n" + body + "\n"))
    cases.append(template_case("template-link-passwd", "@p {% include 'p.j2' %}\n", link="/etc/passwd"))
    cases.append(template_case("template-link-dir", "@p {% include 'p.j2' %}\n", link="/"))
    cases.append(template_case("template-fifo-include", "@p {% include 'q.j2' %}\n", fifo="q.j2"))
    cases.append(template_case("template-gbk", "{#\ntitle: 模板\n#}\n@p 正文\n".encode("gb18030")))
    cases.append(template_case("template-binary", bytes(range(256)) * 4))
    cases.append(template_case("template-huge", "@p " + "x" * (2 << 20) + "\n"))
    for n in range(int(50 * SCALE)):
        cases.append(template_case(f"template-random-{n:02d}", random_template(rng)))

    # Where a library belongs: files that are not one.
    def foreign(folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(folder / "lib.sqlite")
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
        conn.close()
    for command in (["library", "stats"], ["search", "时尚"], ["import", str(SAMPLE_TXT)], ["measures"]):
        cases.append(Case(f"library-foreign-{command[0]}", [*command, "--library", "{dir}/lib.sqlite"], foreign))
        cases.append(Case(f"library-text-{command[0]}", [*command, "--library", "{dir}/lib.sqlite"],
                          lambda f: write(f / "lib.sqlite", "不是数据库" * 100)))
    cases.append(Case("library-dev-zero", ["library", "stats", "--library", "/dev/zero"]))
    cases.append(Case("library-folder", ["library", "stats", "--library", "{dir}"]))
    cases.append(Case("check-with-foreign-library", ["check", str(SAMPLE_DRAFT), "--library", "{dir}/lib.sqlite"],
                      foreign))
    return cases


def no_injection(result: Result) -> None:
    from docx import Document

    texts = [p.text for p in Document(str(result.folder / "out.docx")).paragraphs]
    assert "一、注入的标题" not in texts and not any(t.startswith("抄送：注入") for t in texts)


CASES = build_cases()
assert len({c.id for c in CASES}) == len(CASES), "case ids must be unique"


# -- running ---------------------------------------------------------------------------

RUNNER = Path(__file__).with_name("fuzz_runner.py")
# Every SPAWN_EVERY-th case (all with FUZZ_SPAWN=1) runs in a fresh interpreter, the rest in
# children forked from a process that has imported Dafu once (see fuzz_runner.py).
SPAWN_EVERY = 1 if os.environ.get("FUZZ_SPAWN") else 8
LAUNCH = (
    "import resource, runpy, sys\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP}))\n"
    "sys.argv = ['dafu'] + sys.argv[1:]\n"
    "runpy.run_module('dafu', run_name='__main__')\n"
)


class ForkServer:
    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, str(RUNNER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True)

    def run(self, args: list[str], env: dict[str, str], out: Path, err: Path) -> int | None:
        request = {"args": args, "env": env, "stdout": str(out), "stderr": str(err), "timeout": TIMEOUT,
                   "memory": MEMORY_CAP}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())["returncode"]

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(10)
        self.proc.stdout.close()


def run_case(index: int, case: Case, root: Path, servers: "queue.Queue[ForkServer]") -> Result:
    folder = root / case.id
    folder.mkdir(parents=True, exist_ok=True)
    case.files(folder)
    args = [a.replace("{dir}", str(folder)) for a in case.args]
    env = {"DAFU_LOG_DIR": str(folder / "logs"), "DAFU_LIBRARY": str(folder / "default.sqlite"),
           "DAFU_TEMPLATES": str(folder / "no-user-templates")}
    out, err = folder / ".stdout", folder / ".stderr"
    started = time.monotonic()
    if index % SPAWN_EVERY == 0:
        try:
            with open(out, "wb") as o, open(err, "wb") as e:
                returncode = subprocess.run([sys.executable, "-c", LAUNCH, *args], stdout=o, stderr=e,
                                            stdin=subprocess.DEVNULL, env=dict(os.environ, **env),
                                            timeout=TIMEOUT).returncode
        except subprocess.TimeoutExpired:
            returncode = None
    else:
        server = servers.get()
        try:
            returncode = server.run(args, env, out, err)
        finally:
            servers.put(server)
    return Result(case, folder, returncode, out.read_text("utf-8", "replace"), err.read_text("utf-8", "replace"),
                  time.monotonic() - started)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    sample_docx_bytes(root / "x")  # built once, before the workers start
    servers: queue.Queue[ForkServer] = queue.Queue()
    for _ in range(WORKERS):
        servers.put(ForkServer())
    started = time.monotonic()
    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            done = {r.case.id: r for r in pool.map(lambda ic: run_case(*ic, root, servers), enumerate(CASES))}
    finally:
        while not servers.empty():
            servers.get().close()
    elapsed = time.monotonic() - started
    codes = [r.returncode for r in done.values()]
    print(f"\nfuzz: {len(CASES)} cases in {elapsed:.1f} s (seed {SEED}); exit 0: {codes.count(0)}, "
          f"1: {codes.count(1)}, 2: {codes.count(2)}, other: {len(codes) - codes.count(0) - codes.count(1) - codes.count(2)}; "
          f"slowest {max(r.seconds for r in done.values()):.1f} s")
    return done


def reopen(result: Result) -> None:
    case = result.case
    path = result.folder / case.output
    if case.kind == "docx":
        from docx import Document

        from dafu.errors import DafuError
        from dafu.reading import read_reply

        doc = Document(str(path))
        assert doc.paragraphs or doc.tables, "empty document"
        if "--templates" not in case.args:  # a user template may print what it likes; values may not
            text = "\n".join(p.text for p in doc.paragraphs)
            for python in ("{'", "True", "False", "None", "nan", "[1, 2]"):
                assert python not in text, f"Python text {python!r} in the reply"
        try:
            read_reply(path)  # Dafu's own reader opens what Dafu wrote
        except DafuError:
            pass  # a page that is not a reply (a user template's) may be refused, cleanly
    elif case.kind == "draft":
        from dafu.draftio import read_draft

        read_draft(path)
    elif case.kind == "library":
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()


@pytest.mark.parametrize("case_id", [case.id for case in CASES])
def test_fuzz_case(results, case_id):
    check_result(results[case_id])


def check_result(result: Result) -> None:
    case = result.case
    both = result.stdout + result.stderr
    assert result.returncode is not None, f"hung: still running after {TIMEOUT} s"
    assert result.returncode >= 0, f"killed by signal {-result.returncode}"
    assert "Traceback" not in both, both[-2000:]
    assert "MemoryError" not in both and "内存不足" not in both and "out of memory" not in both, both[-500:]
    assert result.returncode != 3 and "internal error" not in both, both[-500:]
    if result.returncode == 0 or (result.returncode == 1 and case.args[0] in ("check", "import")):
        if case.output and (result.folder / case.output).exists():
            reopen(result)
        elif case.output and case.args[0] == "render":
            pytest.fail("exit 0 but no output written")
        if case.expect is not None:
            case.expect(result)
        if result.returncode == 1:
            assert both.strip(), "exit 1 without saying why"
    else:
        assert not case.require_ok, f"exit {result.returncode}: {both[-800:]}"
        assert result.returncode == 2, f"unexpected exit status {result.returncode}: {both[-500:]}"
        lines = result.stderr.strip().split("\n")
        assert lines and (lines[-1].startswith("dafu: ") or lines[0].startswith("dafu: ")
                          or "Usage:" in result.stderr), result.stderr[-500:]
