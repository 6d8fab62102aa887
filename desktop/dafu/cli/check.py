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


@main.command("check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 列表输出（findings as a JSON list）")
@click.option("--library", "library_path", type=click.Path(dir_okay=False, path_type=Path),
              help="资料库文件，用于核对政策措施（library file for the measure checks; default: "
                   "the user's library or DAFU_LIBRARY, when it exists）")
@click.option("--fix", is_flag=True, help="自动修正安全项（标点宽度、序号）：草稿或 .txt（safe fixes only）")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="--fix 的输出文件（default: replace FILE whole）")
@handle_errors
def check_command(file: Path, as_json: bool, library_path: Path | None, fix: bool, output: Path | None) -> None:
    """检查答复函（.dafu 草稿、.docx 或 .txt）：重复词语、序号、括号配对、标点、格式、政策措施。"""
    if output is not None and not fix:
        raise click.UsageError("-o/--output 只能与 --fix 一起使用（-o needs --fix）")
    library = _open_library(library_path)
    try:
        if fix:
            target = _fix(file, output, library)
            text, findings = check_file(target, library=library)
            shown = target
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


def _open_library(path: Path | None) -> Any:
    from dafu.paths import default_library_path

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
    suffix = file.suffix.lower()
    target = output or file
    if suffix == ".docx":
        raise CheckInputError("不能自动修正 .docx：请在 Word 中修改，或修正草稿（--fix works on .dafu drafts and "
                              ".txt files）", path=file)
    if suffix == ".dafu":
        from dafu.draftio import read_draft, save_draft

        draft = read_draft(file)
        count = fix_draft(draft)
        save_draft(draft, target)
    else:
        text, encoding = read_checkable(file)
        findings = check(text, library=library)
        fixed, count = fix_text(text, findings)
        _write_text(target, fixed, encoding or "utf-8")
    click.echo(f"已自动修正 {count} 处，写入 {target}（fixed {count}, wrote {target}）", err=True)
    return target


def _write_text(path: Path, text: str, encoding: str) -> None:
    try:
        from dafu.export.atomic import atomic_write_bytes
    except ImportError:  # pragma: no cover - the exporter ships atomic.py
        atomic_write_bytes = None
    data = text.encode(encoding)
    if atomic_write_bytes is not None:
        atomic_write_bytes(path, data)
        return
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


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
