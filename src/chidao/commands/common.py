"""Options and helpers shared by several commands."""

from __future__ import annotations

import click

from chidao.errors import ChidaoError


def fail(exc: ChidaoError) -> click.ClickException:
    """A domain error as a one-line CLI error."""
    return click.ClickException(str(exc))


def echo_error(message: str) -> None:
    click.echo(f"error: {message}", err=True)
