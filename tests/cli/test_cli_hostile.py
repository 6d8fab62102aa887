"""The command line with careless arguments: the input is never overwritten, links stay links,
default names are right, `check --fix` validates before it writes and keeps the draft's layout,
and a bug ends in one line naming a log file — never a traceback."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from docx import Document

from dafu.draftedit import edit_in_place, literals, value_literals
from dafu.draftio import loads
from dafu.render import default_output


def dafu(*args, cwd=None, env=None, timeout=60):
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "dafu", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=full_env, timeout=timeout)


@pytest.fixture
def draft(tmp_path, sample_draft):
    path = tmp_path / "reply.dafu"
    path.write_bytes(sample_draft.read_bytes())
    return path


# -- render: where the .docx goes --------------------------------------------------------

def test_render_onto_its_own_draft_is_refused_and_the_draft_kept(draft):
    before = draft.read_bytes()
    proc = dafu("render", draft, "-o", draft)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "draft itself" in proc.stderr and draft.read_bytes() == before


def test_render_onto_the_draft_through_a_link_or_another_spelling_is_refused(draft, tmp_path):
    link = tmp_path / "link.docx"
    link.symlink_to(draft.name)
    before = draft.read_bytes()
    for output in (link, tmp_path / "." / "reply.dafu", tmp_path / "sub" / ".." / "reply.dafu"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        proc = dafu("render", draft, "-o", output)
        assert proc.returncode == 2, output
    assert draft.read_bytes() == before and link.is_symlink()


def test_render_never_writes_over_another_draft(draft, tmp_path):
    other = tmp_path / "other.dafu"
    other.write_text("# 另一份草稿\n", encoding="utf-8")
    proc = dafu("render", draft, "-o", other)
    assert proc.returncode == 2 and other.read_text(encoding="utf-8") == "# 另一份草稿\n"


def test_output_onto_a_link_writes_the_file_it_points_to(draft, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    real = folder / "real.docx"
    real.write_bytes(b"old export")
    link = tmp_path / "latest.docx"
    link.symlink_to(real)
    proc = dafu("render", draft, "-o", link)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "尊敬的张昊等代表：" in [p.text for p in Document(str(real)).paragraphs]
    assert sorted(p.name for p in folder.iterdir()) == ["real.docx"]  # no temporary file left


def test_default_output_names(tmp_path):
    assert default_output(Path("reply.v2.dafu")) == Path("reply.v2.docx")
    assert default_output(Path("a/答复.最终.dafu"), "feedback_form") == Path("a/答复.最终-feedback_form.docx")
    assert default_output(Path("reply")) == Path("reply.docx")


def test_default_output_beside_a_dotted_draft(tmp_path, sample_draft):
    path = tmp_path / "reply.v2.dafu"
    path.write_bytes(sample_draft.read_bytes())
    proc = dafu("render", path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "reply.v2.docx").exists() and not (tmp_path / "reply.docx").exists()


@pytest.mark.parametrize("name", ["../x", "../../etc/passwd", "a/b", "..", ""])
def test_a_template_path_is_refused_cleanly(draft, tmp_path, name):
    proc = dafu("render", draft, "-t", name)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert "template name" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reply.dafu"]


# -- check --fix -------------------------------------------------------------------------

FIXABLE = textwrap.dedent('''\
    # 我的草稿：注释要保留
    template = "suggestion_reply"   # 模板

    [values]
    meeting = "区第八届人民代表大会第三次会议"
    suggestion_title = "关于加快数字化转型,推动科技赋能时尚产业的建议"
    number = "JY20230126"
    deputies = "张昊等代表"
    issuing_body = "福田区文化广电旅游体育局"
    date = 2023-05-28
    contact_person = "刘轩逸"
    contact_phone = "83131539"
    signer = ""   # 以后再填
    cc = []

    [[sections]]
    heading = "工作开展情况"
    paragraphs = [
        # 第一段
        '我区积极推动商协会,加快数字化转型。',
        """多行段落,
    有逗号。""",
        { text = "我区：", items = ["制定,出台；", "落实。"] },
    ]
    ''')


def test_fix_edits_the_draft_in_place_keeping_comments_layout_and_empty_values(tmp_path):
    path = tmp_path / "d.dafu"
    path.write_text(FIXABLE, encoding="utf-8")
    proc = dafu("check", path, "--fix")
    assert proc.returncode in (0, 1), proc.stderr
    fixed = path.read_text(encoding="utf-8")
    expected = (FIXABLE.replace("转型,推动", "转型，推动").replace("商协会,加快", "商协会，加快")
                .replace("多行段落,", "多行段落，").replace("制定,出台", "制定，出台"))
    assert fixed == expected
    assert "# 第一段" in fixed and 'signer = ""   # 以后再填' in fixed and "cc = []" in fixed


def test_fix_does_not_write_a_draft_that_does_not_render(tmp_path):
    path = tmp_path / "d.dafu"
    broken = FIXABLE.replace('contact_phone = "83131539"\n', "").replace('deputies = "张昊等代表"', "deputies = true")
    path.write_text(broken, encoding="utf-8")
    before = path.stat().st_mtime_ns
    proc = dafu("check", path, "--fix")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert path.read_text(encoding="utf-8") == broken and path.stat().st_mtime_ns == before
    assert "deputies" in proc.stderr


def test_fix_with_output_writes_the_copy_only(tmp_path):
    path = tmp_path / "d.dafu"
    path.write_text(FIXABLE, encoding="utf-8")
    out = tmp_path / "fixed.dafu"
    proc = dafu("check", path, "--fix", "-o", out)
    assert proc.returncode in (0, 1), proc.stderr
    assert path.read_text(encoding="utf-8") == FIXABLE and "转型，推动" in out.read_text(encoding="utf-8")


def test_fix_through_a_link_keeps_the_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("我区积极推动商协会,加快数字化转型。\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    proc = dafu("check", link, "--fix")
    assert proc.returncode in (0, 1), proc.stderr
    assert link.is_symlink() and "商协会，加快" in real.read_text(encoding="utf-8")


def test_the_sample_is_fixed_in_place_and_still_reads_the_same(tmp_path, sample_draft):
    path = tmp_path / "reply.dafu"
    text = sample_draft.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    proc = dafu("check", path, "--fix")
    assert proc.returncode in (0, 1), proc.stderr
    fixed = path.read_text(encoding="utf-8")
    assert fixed != text and fixed.splitlines()[:3] == text.splitlines()[:3]
    changed = [a for a, b in zip(text.splitlines(), fixed.splitlines()) if a != b]
    assert len(fixed.splitlines()) == len(text.splitlines()) and 0 < len(changed) < 10


def test_literals_of_every_toml_string_style():
    text = 'a = "x\\"y" # "not a string"\nb = \'lit\'\nc = """m\n"q" """\nd = \'\'\'r\'\'\'\n"e" = 1\n'
    assert [lit.value for lit in literals(text)] == ['x"y', "lit", 'm\n"q" ', "r", "e"]
    assert set(value_literals(text)) == {("a",), ("b",), ("c",), ("d",)}


def test_edit_in_place_changes_only_changed_strings():
    text = 'template = "t" # keep\n[values]\na = \'it\'   # 注释\nb = "same"\nc = \'\'\'\n多行\'\'\'\n'
    draft = loads(text)
    draft.values["a"] = "it's"  # a literal string cannot hold ' : written as a basic string instead
    draft.values["c"] = '多行"\\'
    out, count = edit_in_place(text, draft)
    assert count == 2
    assert out == 'template = "t" # keep\n[values]\na = "it\'s"   # 注释\nb = "same"\nc = \'\'\'\n多行"\\\'\'\'\n'
    assert loads(out).values == {"a": "it's", "b": "same", "c": '多行"\\'}


# -- the last-resort handler ---------------------------------------------------------------

CRASH = textwrap.dedent("""\
    import sys
    import dafu.cli.render as r
    def boom(*args, **kwargs):
        raise KeyError("a bug, not the clerk's fault")
    r.render = boom
    from dafu.cli import main
    sys.argv = ["dafu", "render", sys.argv[1], "-o", sys.argv[2]]
    main()
    """)


def test_a_bug_prints_one_line_naming_a_log_file_and_no_traceback(tmp_path, draft):
    logs = tmp_path / "logs"
    proc = subprocess.run([sys.executable, "-c", CRASH, str(draft), str(tmp_path / "o.docx")],
                          capture_output=True, text=True, env=dict(os.environ, DAFU_LOG_DIR=str(logs)), timeout=60)
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "KeyError" in lines[0]
    [log] = list(logs.iterdir())
    assert str(log) in lines[0]
    report = log.read_text(encoding="utf-8")
    assert "Traceback" in report and "a bug, not the clerk's fault" in report and "render" in report


def test_the_log_goes_to_the_user_log_folder_by_default(tmp_path, draft):
    env = {k: v for k, v in os.environ.items() if k != "DAFU_LOG_DIR"}
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    env["HOME"] = str(tmp_path / "home")
    proc = subprocess.run([sys.executable, "-c", CRASH, str(draft), str(tmp_path / "o.docx")],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 3
    [log] = list((tmp_path / "state").rglob("dafu-error-*.log"))
    assert str(log) in proc.stderr


# -- what the terminal shows ------------------------------------------------------------------

def test_a_name_with_a_line_separator_stays_on_one_line(tmp_path, draft):
    proc = dafu("render", draft, "-t", "x\u2029@cc 注入")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "\\u2029" in proc.stderr


def test_a_file_name_that_is_not_utf8_is_reported_not_crashed_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsencode(folder) + b"/" + "坏文件.docx".encode("gbk")
    with open(name, "wb") as stream:
        stream.write(b"not a docx")
    library = tmp_path / "lib.sqlite"
    for extra in ([], ["--json"]):
        proc = subprocess.run([sys.executable, "-m", "dafu", "import", str(folder), "--library", str(library), *extra],
                              capture_output=True, timeout=60)
        stderr = proc.stderr.decode("utf-8")
        assert proc.returncode == 1 and "Traceback" not in stderr and "internal error" not in stderr, stderr
        if extra:
            import json

            [entry] = json.loads(proc.stdout)
            assert entry["error"] and entry["file"].endswith(".docx")
        else:
            # the GBK name is read as a clerk would read it (or, undecodable, shown escaped)
            assert ("坏文件.docx" in stderr or "\\udc" in stderr) and "跳过" in stderr


def test_similar_reads_bounded_input_and_only_regular_files(tmp_path):
    library = tmp_path / "lib.sqlite"
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run([sys.executable, "-m", "dafu", "similar", "-", "--library", str(library)],
                              stdin=zero, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "too long" in proc.stderr
    pipe = tmp_path / "suggestion.txt"
    os.mkfifo(pipe)
    proc = dafu("similar", pipe, "--library", library, timeout=30)
    assert proc.returncode == 2 and "not a regular file" in proc.stderr


def test_saving_a_draft_through_a_link_keeps_the_link(tmp_path):
    from dafu.draftio import read_draft, save_draft

    real = tmp_path / "drafts" / "real.dafu"
    real.parent.mkdir()
    real.write_text('template = "letter"\n', encoding="utf-8")
    link = tmp_path / "current.dafu"
    link.symlink_to(real)
    draft = read_draft(link)
    draft.values["subject"] = "新事由"
    save_draft(draft, link)
    assert link.is_symlink() and "新事由" in real.read_text(encoding="utf-8")
