"""The ``COPY`` phase of a bulk load, run in a process of its own.

Why a process: at 100,000 documents the writer ends its staging holding about 0.7 GB of Python heap
(what the allocator keeps of the batches it built), and the engine then needs its page cache plus
what it allocates beside it while it loads parts of 500,000 rows: together 2.2–2.6 GB, over the 2 GB
an office laptop can give (docs/performance.md). A fresh interpreter holds the engine and nothing
else. And the two processes overlap: while the child loads one part, the writer writes the next
part's ``COPY`` file from the staged rows, so the files and the engine's work share the two cores.

The protocol is lines on the child's standard input and output: the parent starts ``python -m
chidao.graph.stores.copier STORE POOL_MB PARENT_PID THREADS`` and writes one JSON object per part —
``{"cypher": "COPY …", "file": "…"}`` — then ``{"end": true}``; the child answers each with
``ok`` (the part is loaded and checkpointed, and its file deleted; the end: the store is checkpointed
and closed) or ``error: <reason>`` and stops. The child dies with its parent (``PR_SET_PDEATHSIG``),
and stops at the end of its input, so a killed ingest never leaves a loader running; nothing it does
touches the target store — the parent renames the finished store into place.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, TextIO

from chidao.errors import StoreError

AHEAD = 2
"""Parts sent to the child and not yet loaded, at most: one being loaded, one waiting (its file
written meanwhile). More would only hold more files on disk."""

THREADS = 1
"""The engine's threads in the loader. Each ``COPY`` thread holds its own buffers in the page cache:
at 100,000 documents two threads needed a 1 GiB cache and peaked at 2.0 GB, one thread loads the same
parts with 768 MiB and peaks at 1.3 GB, for about the same CPU (docs/performance.md). The writer,
meanwhile, uses the other core for the next part's file."""

POOL_MB = 768
"""The loader's page cache when ``CHIDAO_BUFFER_POOL_MB`` does not set one (nor less memory forces
less: ``stores.default_pool_mb``). It must hold what one ``COPY`` part writes until its checkpoint
and the engine's rewrite of the busiest relationship groups, which grows with the corpus: 512 MiB
failed at 100,000 documents, 768 MiB loads them."""

PR_SET_PDEATHSIG = 1


class Copier:
    """The parent's side: start the child, hand it the parts, raise a one-line ``StoreError`` when it
    fails. ``load`` and ``finish`` are what :meth:`BulkLoad._copy` calls on any sink."""

    def __init__(self, store: str, pool_mb: int | None, log: Path, threads: int = 0) -> None:
        self.store, self.log, self.pending = store, log, 0
        with open(log, "wb") as err:  # the child's stderr: its last line explains a death without a reply
            self._proc = subprocess.Popen(
                [*self.command(), store, str(pool_mb or 0), str(os.getpid()), str(threads or THREADS)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True, encoding="utf-8")

    @staticmethod
    def command() -> list[str]:
        """The child's command line before its arguments (the fault tests wrap it)."""
        return [sys.executable, "-m", __name__]

    def load(self, path: Path, cypher: str) -> None:
        """Hand one ``COPY`` file to the child; wait first while ``AHEAD`` parts are queued."""
        while self.pending >= AHEAD:
            self._ack()
        self._send({"cypher": cypher, "file": str(path)})
        self.pending += 1

    def finish(self) -> None:
        """Wait for every part, then for the checkpointed, closed store."""
        while self.pending:
            self._ack()
        self._send({"end": True})
        self.pending = 1
        self._ack()
        self._proc.wait()

    def close(self) -> None:
        """Stop the child if it still runs (an error on the parent's side), and forget it."""
        with contextlib.suppress(Exception):
            if self._proc.poll() is None:
                self._proc.kill()
            self._proc.wait()
        for stream in (self._proc.stdin, self._proc.stdout):
            with contextlib.suppress(Exception):
                stream.close()

    def _send(self, message: dict[str, Any]) -> None:
        try:
            self._proc.stdin.write(json.dumps(message) + "\n")
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError):  # it stopped: with its reason, when it gave one
            for line in self._proc.stdout:
                if line.startswith("error: "):
                    raise StoreError(line[len("error: "):].strip()) from None
            raise StoreError(self._died()) from None

    def _ack(self) -> None:
        line = self._proc.stdout.readline()
        if not line:
            raise StoreError(self._died())
        self.pending -= 1
        if line.startswith("error: "):
            raise StoreError(line[len("error: "):].strip())
        if line.strip() != "ok":
            raise StoreError(f"{self.store}: the loader process answered {line.strip()[:200]!r}")

    def _died(self) -> str:
        code = self._proc.wait()
        reason = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"
        with contextlib.suppress(OSError):
            tail = self.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            if tail:
                reason += f": {tail[-1][:300]}"
        return f"{self.store}: the loader process stopped ({reason})"


def _die_with(parent: int) -> None:
    """Be killed when the parent dies (Linux); if it is gone already, stop now."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        raise SystemExit(1)


def load_part(store: Any, cypher: str, file: str | os.PathLike[str]) -> None:
    """One part: its ``COPY``, a checkpoint (the engine holds what it wrote until then), its file gone.
    The loader does this for every part; a bulk load that goes on transactionally does it in-process."""
    store._run(cypher)
    store._run("CHECKPOINT")
    os.unlink(file)


def serve(store_path: str, pool_mb: int, stdin: TextIO, stdout: TextIO, threads: int = THREADS) -> int:
    """The child's loop (see the module docstring); 0 once the store is closed, 1 otherwise."""
    from chidao.errors import ChidaoError
    from chidao.graph.stores.embedded import EmbeddedStore

    def reply(text: str) -> None:
        stdout.write(text + "\n")
        stdout.flush()

    try:
        store = EmbeddedStore(store_path, auto_checkpoint=False, buffer_pool_mb=pool_mb or None)
        store._conn.set_max_threads_for_exec(threads)
    except ChidaoError as exc:
        reply(f"error: {exc}")
        return 1
    for line in stdin:
        message = json.loads(line)
        try:
            if message.get("end"):
                store.checkpoint()
                store.close()
                reply("ok")
                return 0
            load_part(store, message["cypher"], message["file"])
        except (ChidaoError, OSError) as exc:
            reply(f"error: {exc}")
            return 1
        reply("ok")
    return 1  # the parent stopped sending: the load was abandoned, the folder is discarded


def main(argv: list[str]) -> int:
    store_path, pool_mb, parent = argv[0], int(argv[1]), int(argv[2])
    threads = int(argv[3]) if len(argv) > 3 else THREADS
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which ends the load
    return serve(store_path, pool_mb, io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8"),
                 io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8"), threads)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
