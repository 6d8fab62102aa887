"""`dafu render` and `dafu templates`."""
from __future__ import annotations

from pathlib import Path

import click

from dafu.cli import echo_json, handle_errors, main
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
    output = output or default_output(draft, template)
    written = render(draft, output, template=template, templates=TemplateSet(user_dir=templates_dir))
    click.echo(str(written))
    if with_pdf:
        from dafu.export.pdf import export_pdf

        click.echo(str(export_pdf(written)))


@main.command("templates")
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts")
@_templates_dir
@handle_errors
def templates_command(as_json: bool, templates_dir: Path | None) -> None:
    """列出模板及各自需要的取值。"""
    infos = TemplateSet(user_dir=templates_dir).all_info()
    if as_json:
        echo_json([{"name": i.name, "title": i.title, "kind": i.kind, "description": i.description,
                    "requires": list(i.requires), "optional": list(i.optional), "path": str(i.path),
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
