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


URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
"""A URI's scheme and ``://`` (RFC 3986): what precedes the userinfo."""


def _userinfo(uri: str) -> tuple[str, str, str]:
    """``(prefix, userinfo, rest)`` of a URI (``userinfo`` empty without an ``@``). The userinfo
    ends at the *last* ``@``: a password may hold ``/``, ``?``, ``#`` or ``@`` unencoded, and
    cutting earlier would leave part of it in a message."""
    m = URI_SCHEME.match(uri)
    prefix, tail = (m.group(), uri[m.end():]) if m else ("", uri)
    if "@" not in tail:
        return prefix, "", tail
    userinfo, _, rest = tail.rpartition("@")
    return prefix, userinfo, rest


def redact_uri(uri: str) -> str:
    """``uri`` as it may be shown: a password inside it (``bolt://user:secret@host``) becomes ``***``.
    Every message that names a server goes through this."""
    prefix, userinfo, rest = _userinfo(uri)
    if not userinfo:
        return uri
    user, colon, _ = userinfo.partition(":")
    return f"{prefix}{user}{':***' if colon else ''}@{rest}"


def scrub(text: str, uri: str) -> str:
    """``text`` (a driver's message, which may quote the URI whole) without the URI's password."""
    password = _userinfo(uri)[1].partition(":")[2]
    if password:
        from urllib.parse import unquote

        for secret in {password, unquote(password)}:
            text = text.replace(secret, "***")
    return text.replace(uri, redact_uri(uri))


def bolt_uri(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Only Bolt URIs: the neo4j 6 driver would otherwise try its preview HTTP API. Credentials in the
    URI are refused — the driver refuses them too, quoting the URI whole — and the message shows the
    URI with its password masked: a password never belongs on a command line (process list, shell
    history), so it comes from NEO4J_PASSWORD or the prompt."""
    if value is None:
        return value
    shown = printable(redact_uri(value))
    if _userinfo(value)[1]:
        raise click.BadParameter(f"{shown}: a user name or password does not go in the URI; give the user "
                                 f"with --user (or NEO4J_USER) and the password in {PASSWORD_ENV} or at the prompt")
    scheme, sep, _ = value.partition("://")
    if not sep or scheme not in BOLT_SCHEMES:
        raise click.BadParameter(f"expected {', '.join(s + '://…' for s in BOLT_SCHEMES)}, got {shown!r}")
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

    shown = printable(redact_uri(uri))

    def said(text: object) -> str:
        return printable(scrub(" ".join(str(text).split()), uri))

    try:
        yield
    except errors.AuthError:
        raise click.ClickException(f"{shown}: authentication failed for user {printable(user)!r}") from None
    except errors.Neo4jError as exc:
        raise click.ClickException(f"{shown}: {exc.code}: {said(exc.message)}") from None
    except (errors.DriverError, OSError) as exc:
        raise click.ClickException(f"{shown}: cannot connect ({said(exc)[:300]})") from None
