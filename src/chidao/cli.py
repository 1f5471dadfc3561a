"""The ``chidao`` command: a thin translator from options to one library call each.

Commands live in ``chidao.commands.*`` modules, one per area, registered here by name so that
``chidao --help`` stays fast (each module imports its heavy libraries inside its functions).
"""

from __future__ import annotations

import importlib

import click

from chidao import __version__

COMMAND_MODULES: tuple[str, ...] = (
    "chidao.commands.extract",
    "chidao.commands.export",
    "chidao.commands.graph",
    "chidao.commands.store",
    "chidao.commands.sparql",
    "chidao.commands.push",
    "chidao.commands.shell",
)
"""Each module exposes ``COMMANDS``: a list of click commands to add to the group."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chidao")
def main() -> None:
    """Turn Vietnamese Party and state directives into a knowledge graph of accountability."""


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(_name).COMMANDS:
        main.add_command(_command)


if __name__ == "__main__":  # python -m chidao.cli
    main()
