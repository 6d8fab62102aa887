"""`dafu import`, `dafu search`, `dafu similar`, `dafu measures`, `dafu library stats`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from dafu.cli import echo_json, handle_errors, main, printable

library_option = click.option(
    "--library", "library_path", type=str, envvar="DAFU_LIBRARY",
    help="资料库文件或服务器 URL（library file or postgresql://… URL; default: the user's data folder, or DAFU_LIBRARY）")
json_option = click.option("--json", "as_json", is_flag=True, help="JSON output for scripts")


# A suggestion is a page or two; these bound what `dafu similar` reads.
SIMILAR_MAX_CHARS = 1_000_000
SIMILAR_MAX_BYTES = 16 * 1024 * 1024


def open_library(location: str | None):
    """Open the library; a one-line notice (working offline from a server's snapshot) goes to stderr."""
    from dafu.library import Library

    library = Library(location or None)
    if library.notice:
        click.echo(f"dafu: {printable(library.notice)}", err=True)
    return library


def _yuan(value: int | None) -> str:
    if value is None:
        return "—"
    from dafu.filters import wan_yuan

    return wan_yuan(value)


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--explain", is_flag=True,
              help="逐行说明读作哪一部分及原因，不导入（show per line the part it was given and why; imports nothing）")
@library_option
@json_option
@handle_errors
def import_command(paths: tuple[Path, ...], explain: bool, library_path: Path | None, as_json: bool) -> None:
    """导入旧答复（.docx/.doc/.wps/.pdf/.txt 文件或文件夹）。"""
    if explain:
        _explain(paths, as_json)
        return
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
        batch = next((r.batch_id for r in results if r.batch_id is not None), None)
        click.echo(f"导入 {imported} 份，已存在 {sum(r.skipped for r in results)} 份，跳过 {failed} 份"
                   + (f"（导入批次 #{batch}，可用 dafu library remove --batch {batch} 撤回）" if batch else ""))
    if failed:
        sys.exit(1)


def _explain(paths: tuple[Path, ...], as_json: bool) -> None:
    from dafu.library.importer import explain_files

    explained = list(explain_files(paths))
    if as_json:
        echo_json([e.to_json() for e in explained])
    else:
        for e in explained:
            click.echo(f"== {e.file}")
            if e.lines:
                click.echo("\n".join(e.text_rows()))
            if e.error:
                click.echo(f"   跳过：{e.error}")
            else:
                click.echo("   " + "  ".join(f"{name}={value}" for name, value in e.fields.items()
                                            if name != "file" and value))
    if any(e.error for e in explained):
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


@library_group.command("replies")
@click.option("--batch", "batch_id", type=int, help="只列出这一导入批次的答复")
@click.option("--query", "-q", help="标题、编号、发文机关或文件名包含的文字")
@click.option("--limit", type=int)
@library_option
@json_option
@handle_errors
def replies_command(batch_id, query, limit, library_path, as_json: bool) -> None:
    """列出资料库中的答复（最新的在前）。"""
    with open_library(library_path) as library:
        replies = library.list_replies(batch_id=batch_id, query=query, limit=limit)
    if as_json:
        echo_json([r.to_json() for r in replies])
        return
    for r in replies:
        tags = f"  标签：{'、'.join(r.tags)}" if r.tags else ""
        click.echo(f"#{r.id}  {r.date or '（无日期）'}  {r.title}\n    {r.issuing_body or ''}  批次 #{r.batch_id or '—'}"
                   f"  {r.source_file or ''}{tags}")


@library_group.command("batches")
@library_option
@json_option
@handle_errors
def batches_command(library_path, as_json: bool) -> None:
    """列出导入批次（每次导入一个批次，可整批撤回）。"""
    with open_library(library_path) as library:
        batches = library.import_batches()
    if as_json:
        echo_json([b.to_json() for b in batches])
        return
    for b in batches:
        click.echo(f"#{b.id}  {b.started_at}  {b.reply_count} 份  {b.label}")


@library_group.command("remove")
@click.argument("reply_ids", nargs=-1, type=int)
@click.option("--batch", "batch_id", type=int, help="撤回这一导入批次的全部答复")
@click.option("--yes", "-y", is_flag=True, help="不再询问")
@library_option
@json_option
@handle_errors
def remove_command(reply_ids: tuple[int, ...], batch_id, yes: bool, library_path, as_json: bool) -> None:
    """删除答复（及只属于它们的段落和措施）；--batch 撤回一次导入。"""
    if not reply_ids and batch_id is None:
        raise click.UsageError("请给出答复编号，或 --batch 批次编号（give reply ids or --batch）")
    with open_library(library_path) as library:
        known = {r.id: r for r in library.list_replies()}
        if batch_id is not None:
            targets = [r for r in known.values() if r.batch_id == batch_id]
            if not targets:
                raise click.UsageError(f"没有批次 #{batch_id} 的答复（no replies in batch {batch_id}）")
        else:
            missing = [i for i in reply_ids if i not in known]
            if missing:
                raise click.UsageError(f"没有这些答复：{', '.join(map(str, missing))}（no such reply）")
            targets = [known[i] for i in reply_ids]
        if not yes:
            for r in targets[:10]:
                click.echo(f"  #{r.id} {r.title}", err=True)
            if len(targets) > 10:
                click.echo(f"  …等 {len(targets)} 份", err=True)
            if not click.confirm(f"删除这 {len(targets)} 份答复？", err=True):
                click.echo("未删除（nothing removed）", err=True)
                sys.exit(1)
        if batch_id is not None:
            report = library.remove_batch(batch_id)
        else:
            report = library.remove_replies(reply_ids)
    if as_json:
        echo_json(report.to_json())
    else:
        click.echo(f"已删除答复 {report.replies} 份、段落 {report.paragraphs} 段、措施 {report.measures} 项")


@library_group.command("tag")
@click.argument("tag")
@click.option("--reply", "reply_ids", type=int, multiple=True, help="给答复加标签（可重复）")
@click.option("--paragraph", "paragraph_ids", type=int, multiple=True, help="给段落加标签（可重复）")
@click.option("--remove", is_flag=True, help="去掉这个标签")
@library_option
@handle_errors
def tag_command(tag: str, reply_ids, paragraph_ids, remove: bool, library_path) -> None:
    """给答复或段落加（或去掉）标签；dafu search --tag 按标签筛选。"""
    if not reply_ids and not paragraph_ids:
        raise click.UsageError("请给出 --reply 或 --paragraph（give --reply or --paragraph）")
    with open_library(library_path) as library:
        for rid in reply_ids:
            (library.untag_reply if remove else library.tag_reply)(rid, tag)
        for pid in paragraph_ids:
            (library.untag_paragraph if remove else library.tag_paragraph)(pid, tag)
    click.echo(f"{'已去掉' if remove else '已加上'}标签“{tag}”")


@library_group.command("export")
@click.argument("pack", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--year", type=int, help="答复年份")
@click.option("--body", "issuing_body", help="发文机关")
@click.option("--tag", help="标签（答复或段落）")
@click.option("--kind", type=click.Choice(["suggestion", "proposal", "co_handling", "letter"]))
@click.option("--since", help="此日期（含）以后的答复，如 2024-01-01")
@library_option
@json_option
@handle_errors
def export_pack_command(pack: Path, year, issuing_body, tag, kind, since, library_path, as_json: bool) -> None:
    """把资料库的一部分（答复、段落、措施、标签）导出为一个资料包文件。"""
    from dafu.filters import as_date
    from dafu.library.packs import PackFilters

    if since:
        try:
            since = as_date(since).isoformat()
        except (ValueError, TypeError):
            raise click.BadParameter(f"无法识别的日期：{since}", param_hint="--since") from None
    filters = PackFilters(year=year, issuing_body=issuing_body, tag=tag, kind=kind, since=since)
    with open_library(library_path) as library:
        report = library.export_pack(pack, filters)
    if as_json:
        echo_json(report.to_json())
    else:
        click.echo(f"已导出资料包 {report.path}：答复 {report.replies} 份、段落 {report.paragraphs} 段、"
                   f"措施 {report.measures} 项")


@library_group.command("merge")
@click.argument("pack", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--prefer", type=click.Choice(["pack", "mine"]),
              help="措施冲突时以资料包（pack）或本机（mine）为准；不给则保留本机并列出冲突")
@library_option
@json_option
@handle_errors
def merge_pack_command(pack: Path, prefer, library_path, as_json: bool) -> None:
    """合并资料包：答复和段落去重，措施按键匹配，数值或有效期不同的列为冲突。"""
    with open_library(library_path) as library:
        report = None
        for done, total, report in library.iter_merge_pack(pack, prefer=prefer):
            if not as_json and total and (done % 50 == 0 or done == total):
                click.echo(f"[{done}/{total}]", err=True)
    if as_json:
        echo_json(report.to_json())
    else:
        click.echo(f"新增答复 {report.replies_added} 份（已有 {report.replies_present} 份）、段落 {report.paragraphs_added} 段、"
                   f"措施 {report.measures_added} 项，更新措施 {report.measures_updated} 项")
        for conflict in report.conflicts:
            click.echo(f"冲突：{conflict.label}（{', '.join(conflict.differences)}）", err=True)
            for name in conflict.differences:
                click.echo(f"    {name}: 本机 {conflict.mine.get(name)!r} / 资料包 {conflict.pack.get(name)!r}", err=True)
        if report.conflicts:
            click.echo(f"{len(report.conflicts)} 项措施有冲突，已保留本机的数值；用 --prefer pack 采用资料包的数值",
                       err=True)
    if report.conflicts:
        sys.exit(1)
