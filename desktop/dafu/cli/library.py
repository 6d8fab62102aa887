"""`dafu import`, `dafu search`, `dafu similar`, `dafu measures`, `dafu library stats`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from dafu.cli import echo_json, handle_errors, main, printable

library_option = click.option(
    "--library", "library_path", type=click.Path(dir_okay=False, path_type=Path), envvar="DAFU_LIBRARY",
    help="资料库文件（library file; default: the user's data folder, or DAFU_LIBRARY）")
json_option = click.option("--json", "as_json", is_flag=True, help="JSON output for scripts")


# A suggestion is a page or two; these bound what `dafu similar` reads.
SIMILAR_MAX_CHARS = 1_000_000
SIMILAR_MAX_BYTES = 16 * 1024 * 1024


def open_library(path: Path | None):
    from dafu.library import Library

    return Library(path)


def _yuan(value: int | None) -> str:
    if value is None:
        return "—"
    from dafu.filters import wan_yuan

    return wan_yuan(value)


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@library_option
@json_option
@handle_errors
def import_command(paths: tuple[Path, ...], library_path: Path | None, as_json: bool) -> None:
    """导入旧答复（.docx/.txt 文件或文件夹）。"""
    results = []
    failed = 0
    with open_library(library_path) as library:
        try:
            for done, total, result in library.iter_import(paths):
                results.append(result)
                failed += not result.ok
                if not as_json:
                    state = ("已存在" if result.skipped else "已导入") if result.ok else f"跳过：{result.error}"
                    click.echo(printable(f"[{done}/{total}] {result.file} — {state}"), err=True)
        except KeyboardInterrupt:
            click.echo("dafu: 导入已取消；已导入的答复完整保留（import cancelled）", err=True)
            sys.exit(130)
    if as_json:
        echo_json([r.to_json() for r in results])
    else:
        imported = sum(1 for r in results if r.ok and not r.skipped)
        click.echo(f"导入 {imported} 份，已存在 {sum(r.skipped for r in results)} 份，跳过 {failed} 份")
    if failed:
        sys.exit(1)


def _print_hits(hits, as_json: bool) -> None:
    if as_json:
        echo_json([h.to_json() for h in hits])
        return
    if not hits:
        click.echo("没有找到（no results）")
    for h in hits:
        click.echo(f"#{h.paragraph_id}  {h.score:.2f}  {h.date or ''}  {h.reply}")
        click.echo(f"    {h.snippet}")


@main.command("search")
@click.argument("query")
@click.option("--role", type=click.Choice(["opening", "background", "work_done", "next_steps", "closing", "other"]))
@click.option("--year", type=int)
@click.option("--body", "issuing_body", help="发文机关")
@click.option("--tag")
@click.option("--kind", type=click.Choice(["suggestion", "proposal", "co_handling", "letter"]))
@click.option("--limit", default=20, show_default=True)
@library_option
@json_option
@handle_errors
def search_command(query: str, role, year, issuing_body, tag, kind, limit: int, library_path, as_json: bool) -> None:
    """检索资料库中的段落（支持一两个字的检索）。"""
    with open_library(library_path) as library:
        hits = library.search(query, limit, role=role, year=year, issuing_body=issuing_body, tag=tag, kind=kind)
    _print_hits(hits, as_json)


@main.command("similar")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--limit", default=10, show_default=True)
@library_option
@json_option
@handle_errors
def similar_command(file: Path, limit: int, library_path, as_json: bool) -> None:
    """找出与一份建议（文本文件，- 为标准输入）最相关的段落。"""
    from dafu.errors import CheckInputError

    if str(file) == "-":
        text = sys.stdin.read(SIMILAR_MAX_CHARS + 1)  # `dafu similar - < /dev/zero` must not fill memory
        if len(text) > SIMILAR_MAX_CHARS:
            raise CheckInputError(f"输入过长（超过 {SIMILAR_MAX_CHARS:,} 字；input too long）", path="-")
    else:
        from dafu.fileio import read_regular
        from dafu.reading import read_text

        read_regular(file, limit=SIMILAR_MAX_BYTES, error=CheckInputError)  # a FIFO or device: refused, not read
        text = read_text(file)
    with open_library(library_path) as library:
        hits = library.similar(text, limit)
    _print_hits(hits, as_json)


@main.command("measures")
@library_option
@json_option
@handle_errors
def measures_command(library_path, as_json: bool) -> None:
    """列出政策措施：比例、上限、有效期。"""
    with open_library(library_path) as library:
        measures = library.measures()
    if as_json:
        echo_json([m.to_json() for m in measures])
        return
    for m in measures:
        policy = f"{m.policy_year or ''}《{m.policy}》" if m.policy else "（未注明政策）"
        rate = f"{m.rate_kind or ''}{m.rate_base or ''}{m.rate_percent:g}%" if m.rate_percent is not None else "—"
        validity = f"  有效期 {m.valid_from or '…'} 至 {m.valid_to or '…'}" if m.valid_from or m.valid_to else ""
        superseded = f"  已被 #{m.superseded_by} 取代" if m.superseded_by else ""
        click.echo(f"#{m.id} {m.item or '（未命名）'}  {policy}\n    比例 {rate}  上限 {_yuan(m.cap_yuan)}"
                   f"{'  一次性' if m.one_off else ''}{validity}{superseded}")


@main.group("library")
def library_group() -> None:
    """资料库管理。"""


@library_group.command("stats")
@library_option
@json_option
@handle_errors
def stats_command(library_path, as_json: bool) -> None:
    """资料库统计。"""
    with open_library(library_path) as library:
        stats = library.stats()
    if as_json:
        echo_json(stats)
        return
    click.echo(f"资料库 {stats['path']}\n答复 {stats['replies']} 份，段落 {stats['paragraphs']} 段"
               f"（引用 {stats['paragraph_uses']} 次），措施 {stats['measures']} 项，草稿 {stats['drafts']} 份")
