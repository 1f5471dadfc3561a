"""Options and helpers shared by several commands."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator

import click

from chidao.errors import ChidaoError


def fail(exc: ChidaoError) -> click.ClickException:
    """A domain error as a one-line CLI error."""
    return click.ClickException(str(exc))


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""Characters that would move the cursor, recolour the terminal or break a line if printed raw."""


def printable(text: str) -> str:
    """``text`` with control characters escaped (``\\n``, ``\\x1b``): a file name is data, not a
    terminal command; a name that is not UTF-8 shows its bytes."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def echo_error(message: str) -> None:
    click.echo(f"error: {printable(message)}", err=True)


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def bolt_uri(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Only Bolt URIs: the neo4j 6 driver would otherwise try its preview HTTP API."""
    if value is None:
        return value
    scheme, sep, _ = value.partition("://")
    if not sep or scheme not in BOLT_SCHEMES:
        raise click.BadParameter(f"expected {', '.join(s + '://…' for s in BOLT_SCHEMES)}, got {value!r}")
    return value


PASSWORD_ENV = "NEO4J_PASSWORD"


def neo4j_password(no_auth: bool) -> str | None:
    """From ``NEO4J_PASSWORD``, else a hidden prompt; never a command-line argument, never echoed."""
    if no_auth:
        return None
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = click.prompt("Neo4j password", hide_input=True, err=True)
    return password


@contextlib.contextmanager
def neo4j_errors(uri: str, user: str) -> Iterator[None]:
    """Driver and server failures as one-line errors naming the server (never a traceback, never the
    password)."""
    from neo4j import exceptions as errors

    try:
        yield
    except errors.AuthError:
        raise click.ClickException(f"{uri}: authentication failed for user {user!r}") from None
    except errors.Neo4jError as exc:
        raise click.ClickException(f"{uri}: {exc.code}: {exc.message}") from None
    except (errors.DriverError, OSError) as exc:
        raise click.ClickException(f"{uri}: cannot connect ({' '.join(str(exc).split())[:300]})") from None
