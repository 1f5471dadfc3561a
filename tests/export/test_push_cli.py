"""``chidao push neo4j``: password handling, wipe confirmation, summary — with a fake driver."""

from __future__ import annotations

import pytest

neo4j = pytest.importorskip("neo4j", reason="the neo4j extra is not installed")

from click.testing import CliRunner  # noqa: E402
from export_factories import small_graph  # noqa: E402
from fake_neo4j import FakeDriver, FakeServer  # noqa: E402

from chidao.cli import main  # noqa: E402

SECRET = "s3cr3t-Pässword"


@pytest.fixture()
def server(monkeypatch):
    """The fake server behind every driver the CLI makes; ``server.drivers`` records (uri, auth)."""
    server = FakeServer()
    server.drivers = []

    def driver(uri, auth=None, **config):
        server.drivers.append((uri, auth))
        return FakeDriver(server, auth)

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", driver)
    monkeypatch.setattr("chidao.commands.push.load_graph", lambda *args, **kwargs: small_graph())
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    return server


def push(*args: str, env: dict | None = None, input: str | None = None):
    return CliRunner().invoke(main, ["push", "neo4j", *args], env=env, input=input)


def test_password_from_the_environment_never_echoed(server) -> None:
    result = push("--uri", "bolt://db:7687", env={"NEO4J_PASSWORD": SECRET})
    assert result.exit_code == 0, result.output
    assert server.drivers == [("bolt://db:7687", ("neo4j", SECRET))]
    assert SECRET not in result.output and SECRET not in result.stderr
    graph = small_graph()
    line = result.stdout.strip()
    assert "\n" not in line  # one line
    assert line.startswith(f"pushed {graph.number_of_nodes()} nodes ({graph.number_of_nodes()} new) and "
                           f"{graph.number_of_edges()} edges")
    assert line.endswith(f"holds {graph.number_of_nodes()} chidao nodes and {graph.number_of_edges()} relationships")


def test_password_prompt_hides_input(server) -> None:
    result = push("--uri", "bolt://db:7687", "--user", "analyst", input=SECRET + "\n")
    assert result.exit_code == 0, result.output
    assert server.drivers == [("bolt://db:7687", ("analyst", SECRET))]
    assert "Neo4j password" in result.stderr
    assert SECRET not in result.output and SECRET not in result.stderr


def test_no_password_option_exists(server) -> None:
    result = push("--uri", "bolt://db:7687", "--password", SECRET)
    assert result.exit_code == 2 and "No such option" in result.stderr
    assert server.drivers == []


def test_no_auth_sends_no_credentials_and_does_not_prompt(server) -> None:
    result = push("--uri", "bolt://db:7687", "--no-auth")
    assert result.exit_code == 0, result.output
    assert server.drivers == [("bolt://db:7687", None)]
    assert "password" not in result.stderr


def test_wipe_asks_first_and_no_means_nothing_happens(server) -> None:
    result = push("--uri", "bolt://db:7687", "--wipe", env={"NEO4J_PASSWORD": SECRET}, input="n\n")
    assert result.exit_code == 1 and "Delete every chidao node" in result.stderr and "Aborted" in result.stderr
    assert server.drivers == [] and server.log == []


def test_wipe_confirmed_or_yes_wipes_before_pushing(server) -> None:
    from chidao.graph.stores import neo4j_cypher as q

    for args, answer in ((["--wipe"], "y\n"), (["--wipe", "--yes"], None)):
        server.log.clear()
        result = push("--uri", "bolt://db:7687", *args, env={"NEO4J_PASSWORD": SECRET}, input=answer)
        assert result.exit_code == 0, result.output
        statements = [c for c, _ in server.log]
        assert statements[0] == q.wipe_batch() and q.merge_nodes("Document") in statements
        assert result.stdout.startswith("wiped ")


def test_uri_user_database_from_the_environment(server) -> None:
    result = push(env={"NEO4J_URI": "neo4j://cluster", "NEO4J_USER": "u", "NEO4J_PASSWORD": SECRET,
                       "NEO4J_DATABASE": "chidao"})
    assert result.exit_code == 0, result.output
    assert server.drivers == [("neo4j://cluster", ("u", SECRET))]
    assert "(chidao)" in result.stdout


def test_server_errors_become_one_clean_line(server, monkeypatch) -> None:
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    def refuse(*args, **kwargs):
        raise Neo4jError._hydrate_neo4j(code="Neo.ClientError.Security.Unauthorized", message="bad credentials")

    monkeypatch.setattr(FakeDriver, "verify_connectivity", refuse)
    result = push("--uri", "bolt://db:7687", env={"NEO4J_PASSWORD": SECRET})
    assert result.exit_code == 1 and "authentication failed for user 'neo4j'" in result.stderr
    assert SECRET not in result.stderr and "Traceback" not in result.output

    def down(*args, **kwargs):
        raise ServiceUnavailable("Couldn't connect to db:7687")

    monkeypatch.setattr(FakeDriver, "verify_connectivity", down)
    result = push("--uri", "bolt://db:7687", env={"NEO4J_PASSWORD": SECRET})
    assert result.exit_code == 1 and "cannot connect" in result.stderr


def test_constraint_warnings_go_to_stderr(server) -> None:
    from neo4j.exceptions import Neo4jError

    server.constraint_error = Neo4jError._hydrate_neo4j(code="Neo.DatabaseError.General.UnknownError",
                                                        message="An unknown error occurred")
    result = push("--uri", "bolt://db:7687", "--no-auth")
    assert result.exit_code == 0
    assert result.stderr.count("warning: constraint not created") == 5
    assert result.stdout.startswith("pushed ")


def test_only_bolt_uris_are_accepted(server) -> None:
    for uri in ("http://db:7474", "localhost:7687", "db"):
        result = push("--uri", uri, "--no-auth")
        assert result.exit_code == 2 and "bolt://" in result.stderr, uri
    assert server.drivers == []
    for uri in ("bolt://db", "neo4j+s://x.databases.neo4j.io", "bolt+ssc://db:7687"):
        assert push("--uri", uri, "--no-auth").exit_code == 0, uri


# --- chidao query --backend neo4j: the same credentials and errors as push -----------------------


@pytest.fixture()
def ran(monkeypatch):
    """Stored-query calls the CLI makes on a Neo4j runner (the fake server runs only chidao's writes)."""
    calls = []

    def run_query(runner, name, params, ambiguous="all", limit=None):
        calls.append({"runner": type(runner).__name__, "name": name, "params": params, "limit": limit})
        return [{"document": "629-CV/TU", "cited_by": 2}]

    monkeypatch.setattr("chidao.queries.run_query", run_query)
    return calls


def query(*args: str, env: dict | None = None, input: str | None = None):
    return CliRunner().invoke(main, ["query", "citations", "--backend", "neo4j", *args], env=env, input=input)


def test_query_on_neo4j_uses_the_environment_password(server, ran) -> None:
    result = query("--uri", "bolt://db:7687", "--limit", "5", "--format", "json", env={"NEO4J_PASSWORD": SECRET})
    assert result.exit_code == 0, result.output
    assert server.drivers == [("bolt://db:7687", ("neo4j", SECRET))]
    assert ran == [{"runner": "Neo4jRunner", "name": "citations", "params": {}, "limit": 5}]
    assert '"629-CV/TU"' in result.stdout and SECRET not in result.output + result.stderr


def test_query_on_neo4j_empty_password_is_a_password_not_a_prompt(server, ran) -> None:
    result = query("--uri", "bolt://db:7687", env={"NEO4J_PASSWORD": ""})
    assert result.exit_code == 0, result.output
    assert server.drivers == [("bolt://db:7687", ("neo4j", ""))] and "password" not in result.stderr


def test_query_on_neo4j_without_auth_and_uri_from_the_environment(server, ran) -> None:
    result = query("--no-auth", env={"NEO4J_URI": "neo4j://cluster:7687"})
    assert result.exit_code == 0, result.output
    assert server.drivers == [("neo4j://cluster:7687", None)]


@pytest.mark.parametrize(("args", "message"), [
    ((), "--backend neo4j needs --uri"),
    (("--uri", "http://db:7474"), "expected bolt://"),
])
def test_query_on_neo4j_bad_uri(server, ran, args, message) -> None:
    result = query(*args, "--no-auth")
    assert result.exit_code in (1, 2) and message in result.stderr and ran == []


def test_query_on_neo4j_unreachable_server_is_one_line(monkeypatch) -> None:
    def driver(uri, auth=None, **config):
        raise neo4j.exceptions.ServiceUnavailable("Couldn't connect to db:7687 (resolved to ()):\nrefused")

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", driver)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    result = query("--uri", "bolt://db:7687", "--no-auth")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: bolt://db:7687: cannot connect (Couldn't connect to db:7687 (resolved to ()): refused)"]


# --- a password inside the URI is never shown ------------------------------------------------------

URI_SECRET = "Hunter2-bí-mật"


@pytest.mark.parametrize("uri", [
    f"bolt://analyst:{URI_SECRET}@127.0.0.1:7687",
    f"neo4j+s://analyst:{URI_SECRET}/x?y#z@db.example:7687",  # unencoded / ? # in the password
    f"bolt://analyst:{URI_SECRET}%40@db:7687",
    f"analyst:{URI_SECRET}@db:7687",  # no scheme: the scheme error must not quote it either
    f"http://analyst:{URI_SECRET}@db:7474",
])
@pytest.mark.parametrize("command", ["push", "query"])
def test_a_password_in_the_uri_is_refused_and_never_shown(server, ran, command, uri) -> None:
    call = push if command == "push" else query
    for args, env in (((("--uri", uri)), {"NEO4J_PASSWORD": SECRET}), ((), {"NEO4J_URI": uri, "NEO4J_PASSWORD": SECRET})):
        result = call(*args, env=env)
        assert result.exit_code == 2, result.output
        assert URI_SECRET not in result.output and URI_SECRET not in result.stderr
        assert "analyst:***@" in result.stderr or "got" in result.stderr
        assert server.drivers == [] and ran == []  # nothing sent anywhere


def test_driver_messages_that_quote_the_uri_are_scrubbed() -> None:
    """Defence in depth: the real driver refuses a URI with credentials and quotes it whole; the
    one-line error made of that names the server without the password."""
    import click

    from chidao.commands.common import neo4j_errors

    uri = f"bolt://analyst:{URI_SECRET}@127.0.0.1:7687"
    with pytest.raises(click.ClickException) as caught, neo4j_errors(uri, "analyst"):
        neo4j.GraphDatabase.driver(uri, auth=None)
    message = caught.value.message
    assert URI_SECRET not in message and message.startswith("bolt://analyst:***@127.0.0.1:7687: cannot connect")


from hypothesis import assume, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text(st.sampled_from(":/@?#%*ab") | st.characters(), min_size=1), st.sampled_from(["bolt://", "neo4j+s://", ""]))
def test_redact_uri_masks_any_password(password, scheme) -> None:
    from chidao.commands.common import redact_uri

    assume(scheme or not password.startswith("//"))  # "u://x@host" is scheme u, user x: nothing to mask
    assert redact_uri(f"{scheme}u:{password}@host:7687") == f"{scheme}u:***@host:7687"
    assert redact_uri(f"{scheme}host:7687") == f"{scheme}host:7687"
