"""Options and helpers shared by several commands."""

from __future__ import annotations

import click

from chidao.errors import ChidaoError


def fail(exc: ChidaoError) -> click.ClickException:
    """A domain error as a one-line CLI error."""
    return click.ClickException(str(exc))


def echo_error(message: str) -> None:
    click.echo(f"error: {message}", err=True)


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def bolt_uri(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Only Bolt URIs: the neo4j 6 driver would otherwise try its preview HTTP API."""
    if value is None:
        return value
    scheme, sep, _ = value.partition("://")
    if not sep or scheme not in BOLT_SCHEMES:
        raise click.BadParameter(f"expected {', '.join(s + '://…' for s in BOLT_SCHEMES)}, got {value!r}")
    return value
