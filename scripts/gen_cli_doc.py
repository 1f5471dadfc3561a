"""Regenerate docs/cli.md from the commands' own --help (tests/test_docs.py checks it is current).

    python scripts/gen_cli_doc.py > docs/cli.md
"""

from __future__ import annotations

import click
from click.testing import CliRunner

from chidao.cli import main


def commands(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, command in sorted(group.commands.items()):
        out.append(f"{prefix}{name}")
        if isinstance(command, click.Group):
            out += commands(command, f"{prefix}{name} ")
    return out


def render() -> str:
    lines = ["# Command reference", "",
             "Generated from each command's `--help` by `python scripts/gen_cli_doc.py > docs/cli.md`; "
             "the user guide ([guide.md](guide.md)) shows them at work.", ""]
    runner = CliRunner()
    for name in ["", *commands(main)]:
        result = runner.invoke(main, [*name.split(), "--help"], prog_name="chidao", terminal_width=100)
        title = f"chidao {name}".strip()
        lines += [f"## `{title}`", "", "```", result.output.rstrip(), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render())
