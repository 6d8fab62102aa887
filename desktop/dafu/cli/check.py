"""`dafu check FILE`: what a careful reviewer would mark, and `--fix` for the safe ones.

Exit status: 0 clean, 1 findings, 2 bad input (a DafuError, via handle_errors).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from dafu.checks import Finding, Severity, check, check_file, fix_draft
from dafu.checks.engine import fix_text, read_checkable
from dafu.cli import echo_json, handle_errors, main
from dafu.errors import CheckInputError
from dafu.export.atomic import atomic_write_bytes
from dafu.fileio import same_file, write_target


@main.command("check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 列表输出（findings as a JSON list）")
@click.option("--library", "library_path", type=str,
              help="资料库文件，用于核对政策措施（library file for the measure checks; default: "
                   "the user's library or DAFU_LIBRARY, when it exists）")
@click.option("--fix", is_flag=True, help="自动修正安全项（标点宽度、序号）：草稿或 .txt（safe fixes only）")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="--fix 的输出文件（default: replace FILE whole）")
@handle_errors
def check_command(file: Path, as_json: bool, library_path: str | None, fix: bool, output: Path | None) -> None:
    """检查答复函（.dafu 草稿、.docx 或 .txt）：重复词语、序号、括号配对、标点、格式、政策措施。"""
    if output is not None and not fix:
        raise click.UsageError("-o/--output 只能与 --fix 一起使用（-o needs --fix）")
    library = _open_library(library_path)
    try:
        if fix:
            if output is not None and output.suffix.lower() != file.suffix.lower():
                raise click.UsageError(f"-o 须与 FILE 同为 {file.suffix or '无扩展名'} 文件（-o must have the same "
                                       "suffix as FILE）")
            target = _fix(file, output, library)
            text, findings = check_file(target, library=library)
            shown = output or file
        else:
            text, findings = check_file(file, library=library)
            shown = file
    finally:
        if library is not None:
            library.close()
    if as_json:
        echo_json([f.to_json() for f in findings])
    else:
        _print_human(shown, findings)
    sys.exit(1 if findings else 0)


def _open_library(location: str | None) -> Any:
    from dafu.library.engines import server_url
    from dafu.paths import default_library_path

    if server_url(location or default_library_path()) is not None:
        from dafu.library import Library
        library = Library(location or default_library_path())
        if library.notice:
            click.echo(f"dafu: {library.notice}", err=True)
        return library
    path = Path(location) if location else None
    if path is not None and not path.is_file():
        raise CheckInputError("找不到资料库文件（library file not found）", path=path)
    path = path or default_library_path()
    if not path.is_file():
        return None  # checking never creates a library; measure rules that need one are skipped
    try:
        from dafu.library import Library
    except ImportError:
        return None
    return Library(path)


def _fix(file: Path, output: Path | None, library: Any) -> Path:
    """Check first, fix in memory, check the result, and only then write (never a half-fixed file)."""
    suffix = file.suffix.lower()
    target = write_target(output or file)  # through a symbolic link to the file it names
    if suffix == ".docx":
        raise CheckInputError("不能自动修正 .docx：请在 Word 中修改，或修正草稿（--fix works on .dafu drafts and "
                              ".txt files）", path=file)
    if suffix == ".dafu":
        fixed, count = _fixed_draft_text(file)
        data = fixed.encode("utf-8")
    else:
        text, encoding = read_checkable(file)
        findings = check(text, library=library)
        fixed, count = fix_text(text, findings)
        try:
            data = fixed.encode(encoding or "utf-8")
        except UnicodeEncodeError:
            raise CheckInputError(f"修正后的文字无法按原编码 {encoding} 保存（the fixed text does not fit the "
                                  "file's encoding）", path=file) from None
    if count or not same_file(file, target):
        atomic_write_bytes(target, data)
    click.echo(f"已自动修正 {count} 处，写入 {output or file}（fixed {count}, wrote {output or file}）", err=True)
    return target


def _fixed_draft_text(file: Path) -> tuple[str, int]:
    """The draft's text with the safe fixes made inside its string values, everything else kept."""
    from dafu.draftedit import edit_in_place
    from dafu.draftio import loads, read_draft_text
    from dafu.render import render_document

    text = read_draft_text(file)
    draft = loads(text, path=file)
    render_document(draft)  # a draft that does not render is reported as it is, not rewritten
    fixed_draft = draft.copy()
    count = fix_draft(fixed_draft)
    if not count:
        return text, 0
    fixed, _ = edit_in_place(text, fixed_draft)
    again = loads(fixed, path=file)
    if (again.template, again.values, again.intro, again.sections) != (
            fixed_draft.template, fixed_draft.values, fixed_draft.intro, fixed_draft.sections):
        raise CheckInputError("无法在原文中完成修正，草稿未改动（could not apply the fixes in place; the draft "
                              "is unchanged）", path=file)
    render_document(again)
    return fixed, count


def _print_human(path: Path, findings: list[Finding]) -> None:
    for f in findings:
        click.echo(f"{path}:{f.line}:{f.column}: {f.severity.value} {f.rule} {f.message}")
        click.echo(f"    {f.excerpt}")
        if f.replacement is not None:
            click.echo(f"    → 建议改为“{f.replacement}”")
    if not findings:
        click.echo(f"{path}: 未发现问题（no findings）")
        return
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    summary = "，".join(f"{s.label} {n}" for s, n in counts.items() if n)
    click.echo(f"{path}: 共 {len(findings)} 处（{summary}）")
