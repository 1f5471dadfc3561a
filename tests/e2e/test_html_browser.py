"""The HTML view in headless Chromium with the network blocked, driven over the DevTools protocol.

Proves: the page renders (a screenshot that is not blank, kept in tests/artifacts/), the graph
holds every node and edge (read from vis-network inside the page), the sample documents and their
issuing bodies are there, no request leaves the page (CDP ``Network.requestWillBeSent`` and
Chromium's net log), no script in document text runs, and the accent-insensitive search centres
the view on what it finds.

The CDP client is a few lines of stdlib (socket + RFC 6455 framing), so no package is needed.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import socket
import struct
import subprocess
import time
import urllib.parse
import zlib
from pathlib import Path

import pytest

from chidao.graph import schema
from chidao.graph.build import build_graph
from chidao.graph.export.html import write_html

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0"]
WIDTH, HEIGHT = 1500, 950

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (.ci/run installs Debian's "
                                 "with apt-get install chromium fonts-dejavu-core)")]

# A script that would set a flag and the title if it ever ran; put into names, subjects, quotes, text.
PAYLOADS = (
    "<script>window.__pwned=1;document.title='PWNED'</script>",
    "<img src=x onerror=\"window.__pwned=2;document.title='PWNED'\">",
    "</script><script>window.__pwned=3</script><!--<script>",
    "<svg onload=\"window.__pwned=4\"></svg>\u2028line\u2029",
)


# --- a tiny DevTools-protocol client -------------------------------------------------------------


class WebSocket:
    """Just enough RFC 6455 for CDP: one client, text frames, masking, fragmentation, ping/close."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        parts = urllib.parse.urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
                           "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("DevTools closed the connection during the handshake")
            self.buf += chunk
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError(head.decode(errors="replace"))

    def _read(self, n: int) -> bytes:
        while len(self.buf) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buf)))
            if not chunk:
                raise ConnectionError("DevTools closed the connection")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def _frame(self, opcode: int, payload: bytes) -> None:
        n = len(payload)
        head = bytes([0x80 | opcode])
        head += bytes([0x80 | n]) if n < 126 else (bytes([0x80 | 126]) + struct.pack(">H", n) if n < 65536
                                                   else bytes([0x80 | 127]) + struct.pack(">Q", n))
        mask = os.urandom(4)
        masked = (int.from_bytes(payload, "big") ^ int.from_bytes((mask * (n // 4 + 1))[:n], "big")).to_bytes(n, "big")
        self.sock.sendall(head + mask + masked)

    def send(self, text: str) -> None:
        self._frame(0x1, text.encode())

    def recv(self) -> str:
        message = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if b1 & 0x80 else None
            data = self._read(n)
            if mask:
                data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
            opcode = b0 & 0x0F
            if opcode == 0x9:  # ping
                self._frame(0xA, data)
                continue
            if opcode == 0x8:
                raise ConnectionError("DevTools closed the websocket")
            message += data
            if b0 & 0x80:
                return message.decode()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._frame(0x8, b"")
        self.sock.close()


class Browser:
    """Headless Chromium with the network blocked, and a CDP session per page."""

    def __init__(self, workdir: Path) -> None:
        self.profile = workdir / "profile"
        self.netlog = workdir / "netlog.json"
        self.proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}",
                                      f"--log-net-log={self.netlog}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and len(port_file.read_text().split()) >= 2):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.proc.kill()
                raise RuntimeError(f"chromium did not start: {self.proc.stderr.read().decode()[-1500:]}")
            time.sleep(0.05)
        port, path = port_file.read_text().split()[:2]
        self.ws = WebSocket(f"ws://127.0.0.1:{port}{path}")
        self.next_id = 0
        self.events: list[dict] = []

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.call("Browser.close")
        self.ws.close()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Page:
    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for method in ("Network.enable", "Page.enable", "Runtime.enable", "Log.enable"):
            self.call(method)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})

    def call(self, method: str, params: dict | None = None) -> dict:
        return self.browser.call(method, params, self.session)

    def events(self, method: str) -> list[dict]:
        return [e["params"] for e in self.browser.events
                if e.get("sessionId") == self.session and e["method"] == method]

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, expression: str, timeout: float = 30.0):
        deadline = time.monotonic() + timeout
        while True:
            value = self.js(expression)
            if value or time.monotonic() > deadline:
                return value
            time.sleep(0.05)

    def open(self, url: str) -> None:
        self.call("Page.navigate", {"url": url})
        assert self.wait("!!(window.chidao && window.chidao.isStabilized())"), "the graph never stabilised"

    def press(self, key: str, code: str, keycode: int) -> None:
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": code,
                                                 "windowsVirtualKeyCode": keycode, "nativeVirtualKeyCode": keycode})

    def type_search(self, text: str) -> None:
        self.js("document.getElementById('search').value = ''; document.getElementById('search').focus()")
        self.call("Input.insertText", {"text": text})
        self.press("Enter", "Enter", 13)

    def screenshot(self, path: Path) -> Path:
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"})["data"]))
        return path

    def close(self) -> None:
        self.call("Page.close")


# --- PNG check -----------------------------------------------------------------------------------


def png_pixels(path: Path) -> tuple[int, int, list[tuple[int, ...]]]:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes) into rows of pixels."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, channels)])
        prev = line
    return width, height, rows


# --- fixtures --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    b = Browser(tmp_path_factory.mktemp("chromium"))
    yield b
    b.close()


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory, sample_records):
    graph = build_graph(sample_records)
    path = tmp_path_factory.mktemp("html") / "samples.html"
    write_html(graph, path)
    return path, graph


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory, sample_records):
    graph = build_graph(sample_records)
    graph.nodes["body:lai-chau/ban-tuyen-giao-tinh-uy"]["name"] = PAYLOADS[0]
    graph.nodes["doc:lai-chau/629-cv-tu/2021"]["subject"] = PAYLOADS[1]
    graph.nodes["doc:lai-chau/629-cv-tu/2021"]["number"] = PAYLOADS[2]
    measure = next(n for n, d in graph.nodes(data=True) if d["label"] == schema.MEASURE)
    graph.nodes[measure]["text"] = PAYLOADS[3]
    for u, v, data in graph.edges(data=True):
        if "body:lai-chau/ban-tuyen-giao-tinh-uy" in (u, v) and data.get("quote"):
            data["quote"] = PAYLOADS[3] + PAYLOADS[1]
    path = tmp_path_factory.mktemp("html") / "hostile.html"
    write_html(graph, path, title="chidao")
    return path, graph


# --- tests ---------------------------------------------------------------------------------------


def test_renders_whole_graph_offline(browser, sample_page) -> None:
    path, graph = sample_page
    page = Page(browser)
    started = time.monotonic()
    page.open(path.as_uri())
    assert time.monotonic() - started < 20
    assert page.js("chidao.network.body.data.nodes.length") == graph.number_of_nodes()
    assert page.js("chidao.network.body.data.edges.length") == graph.number_of_edges()
    assert page.js("Object.keys(chidao.network.getPositions()).length") == graph.number_of_nodes()
    ids = set(page.js("chidao.network.body.data.nodes.getIds()"))
    documents = [n for n, d in graph.nodes(data=True) if d["label"] == schema.DOCUMENT and not d.get("is_stub")]
    assert len(documents) == 4 and set(documents) <= ids
    issuers = {u for u, v, d in graph.edges(data=True) if d["type"] == schema.ISSUES and v in documents}
    assert issuers and issuers <= ids  # the four documents and the bodies that issued them
    assert page.js("chidao.network.physics.physicsEnabled") is False  # stabilised, then stopped
    assert page.js("document.querySelectorAll('#legend .legend-row').length") == 7
    assert not page.events("Runtime.exceptionThrown")

    page.type_search("629-CV/TU")
    assert page.js("chidao.network.getSelectedNodes()") == ["doc:lai-chau/629-cv-tu/2021"]
    ARTIFACTS.mkdir(exist_ok=True)
    shot = page.screenshot(ARTIFACTS / "html-view.png")
    width, height, rows = png_pixels(shot)
    assert (width, height) == (WIDTH, HEIGHT)
    canvas = [px for row in rows[60:HEIGHT - 10:3] for px in row[260:WIDTH - 360:3]]
    colours = {px for row in rows[::2] for px in row[::2]}
    assert len(colours) > 200, "the page looks blank"
    drawn = sum(1 for px in canvas if px != (255, 255, 255)) / len(canvas)
    assert drawn > 0.02, f"the graph area is almost empty ({drawn:.1%} drawn)"

    requests = [e["request"]["url"] for e in page.events("Network.requestWillBeSent")]
    assert requests and requests[0] == path.as_uri()
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    assert page.js("performance.getEntriesByType('resource').filter(r => !/^(data|file):/.test(r.name)).length") == 0
    assert page.js("document.getElementById('chidao-status').getAttribute('data-violations')") == "0"
    page.close()


def test_no_script_from_document_text_runs(browser, hostile_page) -> None:
    path, graph = hostile_page
    page = Page(browser)
    page.open(path.as_uri())
    assert page.js("chidao.network.body.data.nodes.length") == graph.number_of_nodes()
    # show every payload: details panels, a search, and tooltips by hovering over the nodes
    tips = []
    for node in ("body:lai-chau/ban-tuyen-giao-tinh-uy", "doc:lai-chau/629-cv-tu/2021"):
        page.js(f"chidao.show({json.dumps(node)})")
        page.js(f"chidao.network.focus({json.dumps(node)}, {{scale: 1, animation: false}})")  # on screen
        pos = page.js(f"chidao.network.canvasToDOM(chidao.network.getPositions([{json.dumps(node)}])"
                      f"[{json.dumps(node)}])")
        box = page.js("(r => ({x: r.left, y: r.top}))(document.getElementById('network').getBoundingClientRect())")
        page.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": pos["x"] + box["x"], "y": pos["y"] + box["y"]})
        tips.append(page.wait("(t => t && t.style.visibility !== 'hidden' && t.textContent)"
                              "(document.querySelector('div.vis-tooltip'))", timeout=3))
        page.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": 5, "y": 5})
    page.type_search("pwned")  # the search box and the datalist hold the payloads too
    selected = page.js("chidao.network.getSelectedNodes()")
    page.js("chidao.show('body:lai-chau/ban-tuyen-giao-tinh-uy')")
    time.sleep(0.2)  # give an injected onerror/onload handler time to fire
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.js("document.title") == "chidao"
    assert PAYLOADS[0] in page.js("document.getElementById('panel').textContent")  # shown as text
    assert all(tip and "PWNED" in tip for tip in tips), tips  # tooltips show the payloads as text
    assert selected[0] in ("body:lai-chau/ban-tuyen-giao-tinh-uy", "doc:lai-chau/629-cv-tu/2021")
    assert page.js("document.querySelectorAll('img, svg, iframe').length") == 0
    assert page.js("document.scripts.length") == 3  # data, vis-network, the view: nothing added
    assert not page.events("Runtime.exceptionThrown")
    requests = [e["request"]["url"] for e in page.events("Network.requestWillBeSent")]
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    page.close()


def test_demo_page_shows_the_four_documents_and_their_bodies(browser, tmp_path) -> None:
    """The page ``chidao demo`` writes, opened offline: the samples' documents and every body they name."""
    from click.testing import CliRunner

    from chidao.cli import main
    from chidao.commands.export import load_graph

    html_path = tmp_path / "demo.html"
    result = CliRunner().invoke(main, ["demo", "--db", str(tmp_path / "demo.lbug"), "--html", str(html_path)])
    assert result.exit_code == 0, result.output
    assert str(html_path) in result.output  # the demo names the file to open
    graph = load_graph(str(tmp_path / "demo.lbug"))
    page = Page(browser)
    page.open(html_path.as_uri())
    ids = set(page.js("chidao.network.body.data.nodes.getIds()"))
    assert len(ids) == graph.number_of_nodes()
    documents = {n for n, d in graph.nodes(data=True) if d["label"] == schema.DOCUMENT and not d.get("is_stub")}
    bodies = {v for u, v, d in graph.edges(data=True) if u in documents and d["type"] in
              (schema.ASSIGNS, schema.ADDRESSED_TO)} | {u for u, v, d in graph.edges(data=True)
                                                          if v in documents and d["type"] == schema.ISSUES}
    assert len(documents) == 4 and len(bodies) > 30 and documents | bodies <= ids
    shown = page.js("chidao.nodes.get().map(n => n.label)")
    assert {"629-CV/TU", "761-CV/TU", "1747-CV/TU"} <= set(shown)
    assert [u for u in (e["request"]["url"] for e in page.events("Network.requestWillBeSent"))
            if not u.startswith(("file:", "data:"))] == []
    page.close()


@pytest.mark.parametrize(("query", "expect"), [
    ("uy ban nhan dan tinh", "Ủy ban nhân dân tỉnh"),  # no accents finds the accented name
    ("ban dan van", "Ban Dân vận Tỉnh ủy"),
    ("1747-cv-tu", "1747-CV/TU"),
])
def test_search_selects_and_centres(browser, sample_page, query, expect) -> None:
    path, graph = sample_page
    page = Page(browser)
    page.open(path.as_uri())
    page.type_search(query)
    selected = page.js("chidao.network.getSelectedNodes()")
    assert len(selected) == 1
    data = graph.nodes[selected[0]]
    assert expect in (data.get("name"), data.get("number"))
    view = page.js("chidao.network.getViewPosition()")
    node = page.js(f"chidao.network.getPositions([{json.dumps(selected[0])}])[{json.dumps(selected[0])}]")
    assert abs(view["x"] - node["x"]) < 1 and abs(view["y"] - node["y"]) < 1  # centred on it
    assert expect in page.js("document.getElementById('panel').textContent")
    assert page.js("chidao.highlighted()") == selected[0]  # neighbourhood highlighted, rest dimmed
    dimmed = page.js("chidao.nodes.get().filter(n => n.opacity < 1).length")
    assert 0 < dimmed < graph.number_of_nodes()
    page.close()


def test_filters_hide_and_show(browser, sample_page) -> None:
    path, graph = sample_page
    page = Page(browser)
    page.open(path.as_uri())
    measures = sum(1 for _, d in graph.nodes(data=True) if d["label"] == schema.MEASURE)
    page.js("document.querySelector('#legend input[data-kind=Measure]').click()")
    assert page.js("chidao.network.body.data.nodes.length") == graph.number_of_nodes() - measures
    page.js("var s = document.getElementById('province'); s.value = 'Lai Châu'; s.dispatchEvent(new Event('change'))")
    shown = page.js("chidao.network.body.data.nodes.getIds()")
    assert shown and "doc:lai-chau/629-cv-tu/2021" in shown and "doc:dong-nai/1747-cv-tu/2021" not in shown
    page.js("document.getElementById('reset').click()")
    assert page.js("chidao.network.body.data.nodes.length") == graph.number_of_nodes()
    page.close()


def test_date_range_filters_documents_and_their_items(browser, sample_page) -> None:
    """Documents outside the range, their items and undated documents hide; what the kept documents
    link to stays, the rest hides; the legend counts follow; reset clears the range."""
    path, graph = sample_page
    page = Page(browser)
    page.open(path.as_uri())

    def set_dates(start: str, end: str) -> list[str]:
        page.js(f"var a = document.getElementById('date-from'); a.value = {json.dumps(start)}; "
                f"var b = document.getElementById('date-to'); b.value = {json.dumps(end)}; "
                "b.dispatchEvent(new Event('change'))")
        return page.js("chidao.network.body.data.nodes.getIds()")

    docs = {n: d for n, d in graph.nodes(data=True) if d["label"] == schema.DOCUMENT and not d.get("is_stub")}
    late = set_dates("2021-08-01", "2021-12-31")
    assert [n for n in docs if n in late] == ["doc:lai-chau/629-cv-tu/2021"]
    items_of = {n: d["document"] for n, d in graph.nodes(data=True) if d["label"] == schema.MEASURE}
    assert {items_of[n] for n in late if n in items_of} == {"doc:lai-chau/629-cv-tu/2021"}
    kept = "doc:lai-chau/629-cv-tu/2021"
    linked = {v for _, v in graph.out_edges(kept)} | {u for u, _ in graph.in_edges(kept)}
    linked |= {u for m in items_of if items_of[m] == kept for u, _ in graph.in_edges(m)}
    bodies = [n for n, d in graph.nodes(data=True) if d["label"] == schema.BODY]
    assert all(n in late for n in linked if n in bodies)  # the bodies with a part in 629 stay
    only_1747 = [n for n in bodies if n not in linked and any(
        items_of.get(m) == "doc:dong-nai/1747-cv-tu/2021" for m in graph.successors(n))
        and not any(items_of.get(m) == kept for m in graph.successors(n))]
    assert only_1747 and not any(n in late for n in only_1747)  # bodies only in July's document go
    assert "không rõ ngày" in page.js("document.getElementById('note').textContent")
    assert page.js("document.querySelector('#legend span.count[data-kind=Document]').textContent") == "1"
    swapped = set_dates("2021-07-31", "2021-07-01")  # the wrong way round is read as July
    assert [n for n in docs if n in swapped] == ["doc:dong-nai/1747-cv-tu/2021"]
    assert page.js("document.getElementById('date-from').value") == "2021-07-01"
    page.js("document.getElementById('reset').click()")
    assert page.js("chidao.network.body.data.nodes.length") == graph.number_of_nodes()
    assert page.js("document.getElementById('date-from').value") == ""
    page.close()


def test_no_request_in_the_net_log(sample_page, tmp_path) -> None:
    """Chromium's own log (written when it exits) shows no request started by the page."""
    path, _ = sample_page
    browser = Browser(tmp_path)
    try:
        page = Page(browser)
        page.open(path.as_uri())
        page.type_search("ban tuyen giao")
    finally:
        browser.close()
    log = json.loads(browser.netlog.read_text())
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    starts = [e["params"] for e in log["events"]
              if names.get(e["type"]) == "URL_REQUEST_START_JOB" and "url" in e.get("params", {})]
    # the browser's own housekeeping has no origin; anything a page asked for carries its (file://) origin
    from_pages = [p["url"] for p in starts if p.get("initiator") != "not an origin"]
    assert [u for u in from_pages if not u.startswith(("file:", "data:"))] == []
    connects = [e for e in log["events"] if names.get(e["type"]) in ("TCP_CONNECT", "SOCKET_POOL_CONNECT_JOB")]
    assert connects == []
