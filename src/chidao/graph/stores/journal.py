"""The store's redo journal: what makes a batch all-or-nothing whatever the engine does.

LadybugDB loses part of a committed transaction when the process dies during the checkpoint that a
``COPY`` forces at commit: the rows that went through the write-ahead log are recovered, the rows
``COPY`` wrote are not (docs/store.md has the reproducer). A full disk can leave a write-ahead log
the engine then refuses to open. So chidao does not rely on the engine's recovery alone:

* before a batch touches the store, the batch itself (the graph, the documents it replaces, the
  source-file rows; or the documents a ``remove`` forgets) is written to ``<store>.journal/`` —
  a temporary file, flushed to disk, then renamed, so an entry is whole or absent;
* an entry is deleted only after a checkpoint has merged the batch into the database file;
* the next open of the store for writing replays every entry still there, in order. Replaying is
  idempotent (a batch replaces its own documents' facts), so it does not matter how much of the
  batch the engine kept: the result is the state the uninterrupted batch would have left.

Before a batch, the free space is checked (``MIN_FREE_ENV``), so a batch that would fill the disk
is refused with a clear message before anything is written.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

from chidao.errors import StoreError

SUFFIX = ".journal"
ENTRY = ".batch"

MIN_FREE_ENV = "CHIDAO_MIN_FREE_MB"
MIN_FREE_MB = 64
"""Free space a batch needs at least, besides ``SPACE_FACTOR`` times its journal entry: the engine
writes the rows, a checkpoint copies the pages it changes (``CHIDAO_MIN_FREE_MB`` overrides)."""

SPACE_FACTOR = 4
"""A batch's rows take about this many times the size of its (pickled) journal entry on disk while
being written: CSV files for ``COPY``, the engine's pages, and the shadow pages of the checkpoint."""


def min_free_bytes() -> int:
    value = os.environ.get(MIN_FREE_ENV, "").strip()
    if not value:
        return MIN_FREE_MB << 20
    if not value.isdigit():
        raise StoreError(f"{MIN_FREE_ENV}={value!r}: expected a whole number of megabytes")
    return int(value) << 20


class Journal:
    """The entries of one store, kept beside it in ``<store>.journal/``."""

    def __init__(self, store_path: str) -> None:
        self.folder = Path(store_path + SUFFIX)

    def entries(self) -> list[Path]:
        """Whole entries, oldest first (a ``.tmp`` file is an entry whose write was interrupted)."""
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.iterdir() if p.name.endswith(ENTRY))

    def pending(self) -> bool:
        return bool(self.entries())

    def write(self, entry: dict[str, Any]) -> Path:
        """Add an entry durably (flushed, renamed into place, folder flushed); return its path."""
        data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        self.check_space(len(data))
        self.folder.mkdir(parents=True, exist_ok=True)
        entries = self.entries()
        number = int(entries[-1].name.removesuffix(ENTRY)) + 1 if entries else 1
        path = self.folder / f"{number:08d}{ENTRY}"
        tmp = path.with_name(path.name + ".tmp")
        try:
            with open(tmp, "wb") as fp:
                fp.write(data)
                fp.flush()
                os.fsync(fp.fileno())
            os.replace(tmp, path)
            _fsync_dir(self.folder)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise StoreError(f"{self.folder}: cannot write the batch journal ({exc.strerror or exc}); "
                             "nothing of this batch was written") from None
        return path

    def read(self, path: Path) -> dict[str, Any]:
        try:
            with open(path, "rb") as fp:
                return pickle.load(fp)  # written by this module only, beside the store it belongs to
        except (OSError, pickle.UnpicklingError, EOFError) as exc:
            raise StoreError(f"{path}: unreadable batch journal entry ({exc}); move it away and re-run "
                             "the ingest of its files") from None

    def clear(self) -> None:
        """Forget every entry: their batches are in the database file (called after a checkpoint)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            with contextlib.suppress(OSError):
                path.unlink()
        with contextlib.suppress(OSError):
            self.folder.rmdir()

    def check_space(self, entry_bytes: int) -> None:
        """Refuse a batch the disk cannot hold, before anything of it is written."""
        folder = self.folder.parent
        if min_free_bytes() == 0:
            return  # CHIDAO_MIN_FREE_MB=0: no check (the fault tests let the engine meet the full disk)
        try:
            free = shutil.disk_usage(folder).free
        except OSError:
            return  # cannot tell: let the write find out
        need = min_free_bytes() + SPACE_FACTOR * entry_bytes
        if free < need:
            raise StoreError(f"{folder}: only {free >> 20} MB free on this disk and this batch needs about "
                             f"{-(-need >> 20)} MB; nothing of it was written — free some space and run it again")


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
