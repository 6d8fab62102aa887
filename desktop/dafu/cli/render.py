"""`dafu render` and `dafu templates`."""
from __future__ import annotations

from pathlib import Path

import click

from dafu.cli import echo_json, handle_errors, main
from dafu.errors import ExportError
from dafu.fileio import same_file, write_target
from dafu.render import default_output, render
from dafu.templates import TemplateSet

_templates_dir = click.option("--templates", "templates_dir", type=click.Path(file_okay=False, path_type=Path),
                              envvar="DAFU_TEMPLATES", help="用户模板文件夹（user template folder）")


@main.command("render")
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="输出的 .docx（default: beside the draft）")
@click.option("-t", "--template", help="用另一个模板渲染同一草稿，如 feedback_form（征询意见表）")
@click.option("--pdf", "with_pdf", is_flag=True,
              help="同时在 .docx 旁生成 PDF（供公开；需要 LibreOffice）/ also write a PDF beside the .docx")
@_templates_dir
@handle_errors
def render_command(draft: Path, output: Path | None, template: str | None, with_pdf: bool,
                   templates_dir: Path | None) -> None:
    """把草稿渲染成符合 GB/T 9704 的 .docx 答复函。"""
    templates = TemplateSet(user_dir=templates_dir)
    if template is not None:
        templates.path_of(template)  # a name, not a path: refused before any name is built from it
    output = output or default_output(draft, template)
    target = write_target(output)  # through a symbolic link to the file it names; the link stays
    check_output(draft, target)
    render(draft, target, template=template, templates=templates)
    click.echo(str(output))
    if with_pdf:
        from dafu.export.pdf import export_pdf

        click.echo(str(export_pdf(target)))


def check_output(draft: Path, target: Path) -> None:
    """Never write the .docx over the draft it comes from, nor over any other draft."""
    if same_file(draft, target):
        raise ExportError("输出文件就是草稿本身，已停止以免覆盖草稿；请用 -o 另选文件名"
                          "（the output is the draft itself; choose another name with -o）", path=target)
    if target.suffix.lower() == ".dafu":
        raise ExportError("不会把 .docx 写进 .dafu 草稿文件；请用 .docx 文件名"
                          "（refusing to write a .docx over a .dafu draft; name the output .docx）", path=target)


@main.command("templates")
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts")
@_templates_dir
@handle_errors
def templates_command(as_json: bool, templates_dir: Path | None) -> None:
    """列出模板及各自需要的取值。"""
    templates = TemplateSet(user_dir=templates_dir)
    infos = templates.all_info()
    for name, error in templates.broken.items():
        click.echo(f"dafu: 模板 {name} 无法使用（template skipped）: {error}", err=True)
    if as_json:
        echo_json([{"name": i.name, "title": i.title, "kind": i.kind, "description": i.description,
                    "requires": list(i.requires), "optional": list(i.optional), "path": str(i.path),
                    "types": {n: ("|".join(t.choices) if t.choices else t.kind) for n, t in i.types.items()},
                    "user": i.user} for i in infos])
        return
    for i in infos:
        origin = "（用户模板）" if i.user else ""
        click.echo(f"{i.name}  {i.title}{origin}")
        if i.description:
            click.echo(f"    {i.description}")
        click.echo(f"    必填 requires: {' '.join(i.requires)}")
        if i.optional:
            click.echo(f"    可选 optional: {' '.join(i.optional)}")
