"""`dafu server init URL`, `dafu server add-user URL NAME --role reader|editor`: a bureau's shared library.

Both are run by the server's administrator. Passwords are asked for (or read from stdin with
--password-stdin), hashed before they are sent, and written nowhere: a clerk's own password goes
in libpq's password file (~/.pgpass, PGPASSFILE) or is asked for by libpq's service file setup.
"""
from __future__ import annotations

import sys

import click

from dafu.cli import echo_json, handle_errors, main, printable


def _url(url: str) -> str:
    from dafu.errors import LibraryError
    from dafu.library.engines import server_url

    found = server_url(url)
    if found is None:
        raise LibraryError(f"不是服务器地址：{url}（give a postgresql://host/database URL）")
    return found


@main.group("server")
def server_group() -> None:
    """服务器上的共享资料库（PostgreSQL）：建立、升级、添加用户。"""


@server_group.command("init")
@click.argument("url")
@click.option("--reader-role", help="查阅者角色名（default: <database>_reader）")
@click.option("--editor-role", help="编辑者角色名（default: <database>_editor）")
@click.option("--from", "source", type=click.Path(exists=True, dir_okay=False),
              help="把这个资料库文件（SQLite）的内容带到新建的服务器资料库（start from an existing library file）")
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts")
@handle_errors
def init_command(url: str, reader_role, editor_role, source, as_json: bool) -> None:
    """建立（或升级）服务器上的资料库及其两个角色：查阅者（检索、使用）和编辑者（导入、修改措施、删除）。"""
    from dafu.library.engines import postgresql

    report = postgresql.server_init(_url(url), reader=reader_role, editor=editor_role)
    if source:
        db = postgresql.connect(_url(url))
        try:
            report["copied"] = postgresql.load_from_sqlite(
                db, source, progress=None if as_json else lambda done, total: click.echo(
                    f"\r索引 {done}/{total}", nl=False, err=True))
        finally:
            db.close()
        if not as_json:
            click.echo("", err=True)
    if as_json:
        echo_json(report)
        return
    click.echo(printable(f"资料库 {report['url']} 已就绪（schema {report['schema_version']}）\n"
                         f"  查阅者角色 {report['reader_role']}：检索、相似段落、措施\n"
                         f"  编辑者角色 {report['editor_role']}：另可导入、修改措施、删除\n"
                         f"添加用户：dafu server add-user {report['url']} 姓名 --role reader|editor"
                         + (f"\n已从 {source} 带入答复 {report['copied']['replies']} 份、段落 {report['copied']['paragraphs']} 段"
                            if source else "")))


@server_group.command("add-user")
@click.argument("url")
@click.argument("name")
@click.option("--role", type=click.Choice(["reader", "editor"]), required=True,
              help="reader：查阅；editor：查阅并导入、修改、删除")
@click.option("--password-stdin", is_flag=True, help="从标准输入读一行作为密码（for scripts）")
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts")
@handle_errors
def add_user_command(url: str, name: str, role: str, password_stdin: bool, as_json: bool) -> None:
    """添加一个登录（或改其密码、角色）；密码只在这里输入一次，不保存在任何地方。"""
    from dafu.errors import LibraryError
    from dafu.library.engines import postgresql

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt(f"{name} 的密码（password）", hide_input=True, confirmation_prompt=True, err=True)
    if len(password) < 8:
        raise LibraryError("密码至少 8 个字符（password: at least 8 characters）")
    report = postgresql.add_user(_url(url), name, role, password)
    if as_json:
        echo_json(report)
    else:
        click.echo(printable(f"用户 {name} 已加入 {report['group']}（{role}）"))
