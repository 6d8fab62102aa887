"""A clerk's own template cannot read outside its folder, run forever, fill memory or recurse
without end: each ends in a TemplateError naming the template (and never a traceback)."""
import os
import resource
import subprocess
import sys
import textwrap
import time

import pytest

from dafu.draft import Draft
from dafu.errors import TemplateError
from dafu.model import BlockKind
from dafu.sandbox import Limits
from dafu.templates import TemplateSet, assemble

VALUES = {"number": "JY1"}


def folder_with(tmp_path, files):
    folder = tmp_path / "tpl"
    folder.mkdir(exist_ok=True)
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def render(tmp_path, body, limits=None, **files):
    folder = folder_with(tmp_path, {"mine.j2": body, **files})
    return assemble(Draft("mine", dict(VALUES)), TemplateSet(user_dir=folder, limits=limits))


# -- files ---------------------------------------------------------------------------------

def test_an_include_through_a_link_out_of_the_folder_is_refused(tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    folder = folder_with(tmp_path, {"mine.j2": "@p {% include 'p.j2' %}\n"})
    (folder / "p.j2").symlink_to(secret)
    with pytest.raises(TemplateError) as err:
        assemble(Draft("mine", VALUES), TemplateSet(user_dir=folder))
    assert "links outside" in str(err.value) and "root:x" not in str(err.value)
    assert err.value.path.endswith("p.j2")


def test_etc_passwd_through_a_link_never_reaches_the_reply(tmp_path):
    folder = folder_with(tmp_path, {"mine.j2": "@p {% include 'p.j2' %}\n"})
    (folder / "p.j2").symlink_to("/etc/passwd")
    with pytest.raises(TemplateError, match="links outside"):
        assemble(Draft("mine", VALUES), TemplateSet(user_dir=folder))


def test_a_template_that_is_itself_a_link_out_is_refused(tmp_path):
    outside = tmp_path / "elsewhere.j2"
    outside.write_text("@p 外面\n", encoding="utf-8")
    folder = folder_with(tmp_path, {})
    (folder / "mine.j2").symlink_to(outside)
    templates = TemplateSet(user_dir=folder)
    assert "mine" in templates.names()
    with pytest.raises(TemplateError, match="links outside"):
        assemble(Draft("mine", VALUES), templates)


def test_a_link_inside_the_folder_is_fine(tmp_path):
    folder = folder_with(tmp_path, {"real.j2": "@p 里面\n"})
    (folder / "mine.j2").symlink_to("real.j2")
    assert assemble(Draft("mine", VALUES), TemplateSet(user_dir=folder)).first(BlockKind.PARAGRAPH).text == "里面"


def test_a_template_that_is_not_utf8_names_its_line(tmp_path):
    folder = folder_with(tmp_path, {})
    (folder / "mine.j2").write_bytes("{#\ntitle: 我的\n#}\n@p 正文\n".encode("gb18030"))
    templates = TemplateSet(user_dir=folder)
    with pytest.raises(TemplateError) as err:
        assemble(Draft("mine", VALUES), templates)
    assert "not UTF-8" in str(err.value) and err.value.line == 2
    assert "mine" not in [i.name for i in templates.all_info()] and "mine" in templates.broken


def test_a_fifo_template_does_not_hang(tmp_path):
    folder = folder_with(tmp_path, {"mine.j2": "@p {% include 'pipe.j2' %}\n"})
    os.mkfifo(folder / "pipe.j2")
    started = time.monotonic()
    with pytest.raises(TemplateError, match="not a regular file"):
        assemble(Draft("mine", VALUES), TemplateSet(user_dir=folder))
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("name", ["../x", "a/b", "a\\b", "..", "", ".hidden", "a\x00b", "a\u2029b", "C:x", "x" * 101])
def test_template_names_are_names_not_paths(name):
    with pytest.raises(TemplateError, match="not a template name"):
        TemplateSet().path_of(name)


def test_a_template_name_may_have_spaces_and_dots(tmp_path):
    folder = folder_with(tmp_path, {"会议 答复.v2.j2": "@p 可以\n"})
    templates = TemplateSet(user_dir=folder)
    assert "会议 答复.v2" in templates.names()
    assert assemble(Draft("会议 答复.v2", VALUES), templates).first(BlockKind.PARAGRAPH).text == "可以"


# -- recursion -----------------------------------------------------------------------------

def test_a_recursive_macro_ends_in_a_message(tmp_path):
    with pytest.raises(TemplateError, match="recursion") as err:
        render(tmp_path, "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}\n@p {{ m(0) }}\n")
    assert err.value.path.endswith("mine.j2")


def test_a_template_including_itself_ends_in_a_message(tmp_path):
    with pytest.raises(TemplateError, match="recursion"):
        render(tmp_path, "@p x\n{% include 'mine.j2' %}\n")


# -- size ----------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "@p {{ 'a' * 10**9 }}",
    "@p {{ ['a'] * 10**9 }}",
    "@p {{ 'a' | center(10**9) }}",
    "@p {{ '{:>1000000000}'.format(1) }}",
    "@p {{ '%1000000000s' % 1 }}",
    "@p {{ 'x' | indent(10**9) }}",
    "{% set b = 'a' * 1000000 %}@p {{ b | replace('a', b) }}",
    "{% set b = 'a' * 1000000 %}@p {{ b.replace('a', b) }}",
    "{% set b = 'a' * 4000000 %}@p {{ ([b] * 100) | join }}",
    "{% set b = 'a' * 4000000 %}{% set l = [b, b, b, b, b, b, b, b, b, b] %}{% set m = [l, l, l, l, l, l, l, l, l, l] %}@p {{ m }}",
    "{% set ns = namespace(s='a') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}@p {{ ns.s | length }}",
    "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s | length }}{% endif %}{% endmacro %}@p {{ d('a', 64) }}",
    "{% set ns = namespace(s='a') %}{% for i in range(64) %}{% set ns.s %}{{ ns.s }}{{ ns.s }}{% endset %}{% endfor %}@p x",
    "@p {{ range(10) | batch(10**9, 'x') | list }}",
    "@p {{ ('中' * 4000000) | list | length }}",
    "@p {{ 9 ** 9999999 }}",
])
def test_runaway_sizes_end_in_a_message(tmp_path, body):
    with pytest.raises(TemplateError, match="limit") as err:
        render_capped(tmp_path, body)
    assert err.value.path.endswith("mine.j2")


def render_capped(tmp_path, body):
    """Render with the address space capped, so a failure to bound shows as MemoryError, not a dead machine."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = 3 << 30
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        return render(tmp_path, body + "\n")
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def test_output_is_bounded(tmp_path):
    limits = Limits(output=10_000)
    with pytest.raises(TemplateError, match="output too long"):
        render(tmp_path, "{% for i in range(2000) %}@p 一二三四五六七八九十\n{% endfor %}", limits)


def test_calls_outside_the_allowed_methods_are_refused(tmp_path):
    for body in ("@p {{ (1).to_bytes(10**9, 'big') }}", "@p {{ 'aaa'.translate({97: 'b' * 10**6}) }}",
                 "@p {{ 'x'.encode('utf-8') }}", "@p {{ lipsum(n=10**7) }}"):
        with pytest.raises(TemplateError):
            render(tmp_path, body + "\n")


def test_ordinary_template_work_is_untouched(tmp_path):
    doc = render(tmp_path, textwrap.dedent("""\
        {% set items = ['甲', '乙', '丙'] %}
        {% macro row(x) %}{{ x | center(5) }}{% endmacro %}
        @p {{ items | join('、') }}，{{ '%s号' % number }}，{{ '{}年'.format(2023) }}，{{ 'ab' * 2 }}，{{ row('中') | trim }}
        @p {{ (items + ['丁']) | length }} {{ range(3) | list }} {{ 'a,b' .split(',') }} {{ number | replace('JY', '建议') }}
        """))
    texts = [b.text for b in doc.of_kind(BlockKind.PARAGRAPH)]
    assert texts == ["甲、乙、丙，JY1号，2023年，abab，中", "4 [0, 1, 2] ['a', 'b'] 建议1"]


# -- time ----------------------------------------------------------------------------------

def test_nested_range_loops_are_stopped_in_time(tmp_path):
    started = time.monotonic()
    with pytest.raises(TemplateError, match="too long") as err:
        render(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}{% for k in range(100000) %}"
                         "{% endfor %}{% endfor %}{% endfor %}@p x\n", Limits(seconds=0.5))
    assert time.monotonic() - started < 5
    assert err.value.path.endswith("mine.j2")


def test_the_watchdog_never_fires_after_a_render(tmp_path):
    """A render that ends just before its deadline must not leave a timeout to go off later."""
    folder = folder_with(tmp_path, {"mine.j2": "@p {{ number }}\n"})
    templates = TemplateSet(user_dir=folder, limits=Limits(seconds=0.02))
    for _ in range(300):
        assemble(Draft("mine", VALUES), templates)
    time.sleep(0.1)
    sum(range(100_000))  # pure Python after the renders: a stray async exception would land here


def test_a_hostile_template_through_the_cli_ends_cleanly(tmp_path, sample_draft):
    folder = folder_with(tmp_path, {"suggestion_reply.j2": "@p {{ 'a' * 10**9 }}\n"})
    out = tmp_path / "out.docx"
    proc = subprocess.run([sys.executable, "-m", "dafu", "render", str(sample_draft), "-o", str(out),
                           "--templates", str(folder)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "suggestion_reply.j2" in proc.stderr and not out.exists()


def test_a_namespace_grown_after_it_was_printed_is_sized_again(tmp_path):
    body = ("{% set ns = namespace(a='x' * 2000) %}@p {{ ns }}\n"
            "{% set b = 'a' * 3000000 %}{% set ns.a = b %}{% set ns.b = b %}{% set ns.c = b %}\n"
            "@p {{ ns }}\n")
    with pytest.raises(TemplateError, match="value too large"):
        render(tmp_path, body, Limits(output=100 << 20))


def test_many_small_lists_do_not_pile_up_in_memory(tmp_path):
    import tracemalloc

    tracemalloc.start()
    try:
        render(tmp_path, "{% for i in range(300) %}{% for j in range(300) %}{% set l = [i, j] %}{% endfor %}"
                         "{% endfor %}@p x\n")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, peak  # 1 MB; 22 MB when every small list was remembered
