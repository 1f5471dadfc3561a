"""The HTML view in headless Chromium with the network blocked: it renders, shows the whole graph,
loads nothing from outside, and runs no script from document text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from chidao.graph.build import build_graph
from chidao.graph.export.html import write_html

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--window-size=1400,900", "--virtual-time-budget=10000"]

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (.ci/run installs Debian's)")]


def chromium(tmp_path: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, url], capture_output=True,
                          text=True, timeout=120, check=False)


def status(dom: str) -> dict[str, str]:
    tag = re.search(r'<div id="chidao-status"[^>]*>', dom).group(0)
    return dict(re.findall(r'data-([\w-]+)="([^"]*)"', tag))


def png_is_not_blank(path: Path) -> bool:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    idat = b"".join(data[i + 8:i + 8 + int.from_bytes(data[i:i + 4], "big")]
                    for i in (m.start() - 4 for m in re.finditer(b"IDAT", data)))
    pixels = zlib.decompress(idat)
    return len(set(pixels[::7])) > 40  # many distinct byte values: drawn, not a flat page


@pytest.fixture(scope="module")
def page(tmp_path_factory, sample_records):
    graph = build_graph(sample_records)
    graph.nodes["body:lai-chau/ban-tuyen-giao-tinh-uy"]["name"] = "<script>document.title='PWNED'</script>"
    graph.nodes["doc:lai-chau/629-cv-tu/2021"]["subject"] = "<img src=x onerror=\"document.title='PWNED'\">"
    path = tmp_path_factory.mktemp("html") / "view.html"
    write_html(graph, path)
    return path, graph


def test_renders_full_graph_offline(page, tmp_path) -> None:
    path, graph = page
    netlog = tmp_path / "netlog.json"
    shot = tmp_path / "view.png"
    run = chromium(tmp_path, path.as_uri(), f"--log-net-log={netlog}", f"--screenshot={shot}")
    assert shot.exists(), run.stderr[-1500:]
    assert png_is_not_blank(shot)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(shot, ARTIFACTS / "html-view.png")
    events = json.loads(netlog.read_text())
    names = {v: k for k, v in json.loads(netlog.read_text())["constants"]["logEventTypes"].items()}
    starts = [e["params"] for e in events["events"]
              if names.get(e["type"]) == "URL_REQUEST_START_JOB" and "url" in e.get("params", {})]
    # Requests the browser itself makes (update checks …) have no origin; anything the page asked for
    # would carry its own (file://) origin as initiator.
    page_requests = [p["url"] for p in starts if p.get("initiator") != "not an origin"]
    assert page_requests == []


def test_dom_state_search_and_no_injection(page, tmp_path) -> None:
    path, graph = page
    run = chromium(tmp_path, path.as_uri() + "#q=tinh%20uy%20lai%20chau", "--dump-dom")
    state = status(run.stdout)
    assert state["ready"] == "true" and state["stabilized"] == "true"
    assert int(state["nodes"]) == graph.number_of_nodes() and int(state["edges"]) == graph.number_of_edges()
    assert state["external-requests"] == "0" and state["violations"] == "0"
    assert state["title"] == "chidao"
    assert "<title>chidao</title>" in run.stdout and "PWNED" not in run.stdout.split("<title>")[1].split("</title>")[0]
    assert '<img src="x"' not in run.stdout and "<img src=x" not in run.stdout


def test_search_focuses_accent_insensitive(page, tmp_path) -> None:
    path, _ = page
    run = chromium(tmp_path, path.as_uri() + "#q=629-CV%2FTU", "--dump-dom")
    assert status(run.stdout)["focused"] == "doc:lai-chau/629-cv-tu/2021"
    run = chromium(tmp_path, path.as_uri() + "#q=ban%20dan%20van%20tinh%20uy", "--dump-dom")
    assert status(run.stdout)["focused"].endswith("/ban-dan-van-tinh-uy")
    assert "Ban Dân vận Tỉnh ủy" in run.stdout  # the details panel shows the node (as text)
