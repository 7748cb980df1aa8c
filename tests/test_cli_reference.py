"""The command line reference in docs/cli.md is the parser's own --help, and every option has help."""

from __future__ import annotations

import argparse
import importlib.util

import pytest

from analytics.cli import build_parser
from tests.helpers import REPO, run_cli

spec = importlib.util.spec_from_file_location("cli_reference", REPO / "scripts" / "cli_reference.py")
cli_reference = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cli_reference)
COMMANDS = cli_reference.commands(build_parser())


def test_docs_cli_md_is_what_the_script_prints():
    written = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == cli_reference.reference(), "run: python scripts/cli_reference.py > docs/cli.md"


def test_every_command_of_the_parser_has_its_section():
    written = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    paths = [" ".join(path) for path, _ in COMMANDS]
    assert paths == [
        "",
        "catalog",
        "catalog import",
        "catalog check",
        "assess",
        "validate",
        "import",
        "history",
        "restore",
        "export",
        "report",
        "user",
        "user add",
        "user list",
        "user disable",
        "user enable",
        "user set-role",
        "user reset-password",
        "status",
    ]
    for path, _ in COMMANDS:
        command = " ".join(["python -m analytics", *path])
        assert f"### `{command}`" in written


@pytest.mark.parametrize("path, parser", COMMANDS, ids=[" ".join(p) or "top" for p, _ in COMMANDS])
def test_every_argument_says_what_it_does(path, parser):
    missing = [
        action.dest
        for action in parser._actions
        if not isinstance(action, argparse._HelpAction) and not (action.help or "").strip()
    ]
    assert missing == []
    assert parser.description, f"{' '.join(path) or 'the program'} needs a description"


def test_help_is_printed_and_exits_0(monkeypatch):
    monkeypatch.setenv("COLUMNS", cli_reference.WIDTH)
    result = run_cli("import", "--help")
    assert result.returncode == 0 and result.stdout.startswith("usage: python -m analytics import")
    assert "PLAN_ADMIN_PASSCODE" in result.stdout


def test_the_readme_names_every_command_and_points_at_the_reference():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The command line", 1)[1].split("\n## ", 1)[0]
    assert "[docs/cli.md](docs/cli.md)" in section
    missing = [" ".join(path) for path, _ in COMMANDS if path and f"`{' '.join(path)}`" not in section]
    assert missing == []
