"""Ingest: files and folders → records → one graph batch → the store, in one transaction.

* A file whose sha256 is already recorded is skipped without being read: under the same path it is
  ``unchanged``; under a new path (a copy, a moved folder) the new path is recorded against the
  document that content already gave.
* A changed file replaces its own document's facts and nothing else (if its document id changed,
  the old document is forgotten).
* A file that cannot be read or parsed is reported as ``(path, one-line reason)`` and the others go
  on, unless ``fail_fast``: then nothing at all is written.
* A path that does not exist stops the run before the store is opened: a typo must not leave an
  empty store behind.
* A text with no header (type, number, date, issuer), no items and no assignment is not a directive:
  it is listed in ``not_directives`` and not stored (a shopping list must not become a document node).
* Records are written in transactions of ``batch_files`` files (bounded memory for big folders); a
  failure, or a kill, loses at most the batch being written, never half of one.

Parsing can run in several processes (``jobs``).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import os
import re
import stat
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from chidao.errors import ChidaoError

Progress = Callable[[str, str], None]
"""Called with (path, outcome) per file: outcome is added, replaced, unchanged, not a directive or failed."""

BATCH_FILES = 2000
"""Files per transaction: bounded memory for large folders; each batch commits or rolls back whole."""

CHECKPOINT_DOCUMENTS = 20_000
"""Documents written between two checkpoints of the embedded store. A checkpoint rewrites what the
batches touched, which in LadybugDB is most of the file (7 s at 10k documents), so one per batch made
an ingest quadratic; never checkpointing keeps every written page pinned in memory. Every 20,000
documents (and at the end) keeps the write cost linear (measured to 100,000 documents) and bounds what
is pinned; the engine's page cache still grows with the store unless ``CHIDAO_BUFFER_POOL_MB`` caps
it (docs/performance.md)."""

DOCUMENTS_PER_POOL_MB = 1
"""Documents written between checkpoints per MB of the engine's page cache, when that is less than
``CHECKPOINT_DOCUMENTS``: LadybugDB keeps every page written since the last checkpoint in its cache,
and the checkpoint itself needs room beside them; once the cache is full it fails the batch or aborts
the process (measured with a 256 MB cache: a crash after 2,500 documents without a checkpoint, and a
failed checkpoint after 1,500 documents since the last one). One document a MB: with the default
1 GiB and batches of 2,000 files, a checkpoint after every batch."""

CHECKPOINT_MIN = 500
"""Fewest documents between two checkpoints, whatever the cache (a checkpoint costs up to seconds)."""


def checkpoint_every(store: Any) -> int:
    """Documents between two checkpoints of ``store`` during an ingest (see ``DOCUMENTS_PER_POOL_MB``)."""
    options = getattr(store, "_options", None)
    pool = (options.get("buffer_pool_size", 0) >> 20) if options else getattr(store, "buffer_pool_mb", None)
    if not pool:
        return CHECKPOINT_DOCUMENTS
    return min(CHECKPOINT_DOCUMENTS, max(CHECKPOINT_MIN, pool * DOCUMENTS_PER_POOL_MB))


@dataclass
class IngestReport:
    """What one ingest did. ``failed`` holds (path, reason) with a one-line reason."""

    seen: int = 0
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    nodes_added: int = 0
    edges_added: int = 0
    documents: list[str] = field(default_factory=list)
    not_directives: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    pruned_files: int = 0
    prune: bool = False
    unit: str = "files"
    """What ``seen`` counts: files, or the lines of record files (``ingest_records``)."""

    @property
    def unchanged(self) -> int:
        """Files skipped because their content (sha256) was already stored."""
        return self.skipped

    def summary(self) -> str:
        skipped = f"{len(self.not_directives)} not a directive, " if self.not_directives else ""
        pruned = f"; pruned {len(self.pruned)} documents of {self.pruned_files} files gone" if self.prune else ""
        return (f"{self.seen} {self.unit}: {self.added} added, {self.replaced} replaced, {self.skipped} unchanged, "
                f"{skipped}{len(self.failed)} failed{pruned}; {self.nodes_added:+d} nodes, "
                f"{self.edges_added:+d} edges")


HEADER_FIELDS = ("type", "number", "date", "issuer", "authority")
"""Header facts any directive has at least one of (a subject line alone is ordinary prose)."""

FACT_LISTS = ("measures", "accountability", "reporting", "recipients", "cc", "citations")
"""Lists of facts a directive without a header still has some of (items, assignments, lines, addressees)."""


def is_directive(record: dict[str, Any]) -> bool:
    """Whether a record has anything that makes it a directive: a header fact, an item, an assignment, an
    accountability or reporting line, an addressee or a citation. A text with none of these is stored
    as nothing but a hash-named empty document, which no query can use and every count would include."""
    doc = record.get("document") or {}
    return any(doc.get(k) for k in HEADER_FIELDS) or any(record.get(k) for k in FACT_LISTS) \
        or bool(record.get("signer"))


def missing_paths(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The paths given that do not exist (checked before anything is opened or created)."""
    return [str(p) for p in paths if not os.path.lexists(p)]


def _sha256(path: str | os.PathLike[str]) -> str:
    """The content hash, read only from a regular file: a FIFO or a link to ``/dev/zero`` named
    ``*.txt`` would never end (the type is checked on the open file, so it cannot change between)."""
    digest = hashlib.sha256()
    with open(path, "rb", opener=_open_regular) as fp:
        for block in iter(lambda: fp.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _open_regular(path: str, flags: int) -> int:
    fd = os.open(path, flags | os.O_NONBLOCK)  # a FIFO with no writer must not block the open
    kind = os.fstat(fd).st_mode
    if not stat.S_ISREG(kind):
        os.close(fd)
        what = ("a FIFO" if stat.S_ISFIFO(kind) else "a device" if stat.S_ISCHR(kind) or stat.S_ISBLK(kind)
                else "a socket" if stat.S_ISSOCK(kind) else "not a regular file")
        raise OSError(0, f"not read: {what}, not a regular file")
    os.set_blocking(fd, True)
    return fd


def source_key(name: str) -> str:
    """The SourceFile key of a path: absolute and NFC (macOS writes names in NFD; the same name in
    either form is the same file's record)."""
    return unicodedata.normalize("NFC", os.path.abspath(name))


def one_line(path: str, message: str) -> str:
    """A reason on one line, without the path the caller prints in front of it."""
    message = " ".join(str(message).split())
    for prefix in (f"{path}: ", f"{os.path.abspath(path)}: "):
        message = message.removeprefix(prefix)
    return message or "unknown error"


def _extract(path: str) -> tuple[str, dict[str, Any] | None, str | None]:
    """Worker: (path, record, error). Never raises, so one bad file cannot stop the pool."""
    from chidao.extract import extract_record
    from chidao.loaders import ocr, read

    try:
        document = read(path)
        return path, ocr.annotate(extract_record(document), document), None
    except ChidaoError as exc:
        return path, None, one_line(path, getattr(exc, "reason", None) or str(exc))
    except Exception as exc:  # a parser bug must not take the batch down; report it on the file
        return path, None, one_line(path, f"internal error while extracting ({type(exc).__name__}: {exc})")


def _extract_chunk(paths: list[str]) -> list[tuple[str, dict[str, Any] | None, str | None]]:
    return [_extract(p) for p in paths]


IN_FLIGHT = 2000
"""Records parsed ahead of the writer at most (in whole chunks, and at least two chunks per worker).
Workers keep parsing while a batch is written, but a slow writer must not make finished records pile
up in memory (``pool.map`` would queue them all)."""


PARALLEL_FROM = 32
"""Fewer files than this are parsed in this process when the number of processes was not chosen:
starting the workers costs more than they save (about 7 ms a document, 0.1–0.5 s to start)."""


def default_jobs(files: int | None = None) -> int:
    """Processes to parse in when the user did not say: the cores this process may run on (a
    container's CPU set, not the host's), at most 64; one for a batch under ``PARALLEL_FROM`` files."""
    if files is not None and files < PARALLEL_FROM:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(64, cores))


WORKER_NICENESS = 10
"""How much lower the parse workers' CPU priority is than the writer's. The writer is one process
that every record passes through, the workers are as many as the cores: when all compete, an equal
share left the writer two thirds of a core and the workers idle at the in-flight bound, waiting for
it. Lower priority only orders who runs first when a core is contested; alone, a worker runs at full
speed (docs/performance.md)."""


GC_THRESHOLDS = (50_000, 20, 100)
"""The cyclic garbage collector's thresholds while an ingest writes (and in its parse workers), in
place of Python's (700, 10, 10). Records and batch graphs are made of millions of small objects, and
at the default a full collection ran every 70,000 allocations, scanning every live object each time:
13 to 17 % of the writer's CPU (docs/performance.md). Cycles are still collected, later; each batch
ends with a collection of its own (:func:`_write_batches`)."""


def _set_up_worker() -> None:
    """A parse worker: below the writer in CPU priority, and collecting as the writer does."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(WORKER_NICENESS)
    gc.set_threshold(*GC_THRESHOLDS)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def extract_many(paths: list[str], jobs: int = 1, in_flight: int = IN_FLIGHT
                 ) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    """(path, record, error) in the order of ``paths``, parsed by ``jobs`` processes."""
    if jobs <= 1 or len(paths) < 2:
        yield from (_extract(p) for p in paths)
        return
    size = max(1, min(64, len(paths) // (jobs * 4) or 1))
    chunks = iter([paths[i:i + size] for i in range(0, len(paths), size)])
    window = max(jobs * 2, in_flight // size)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_set_up_worker)
    try:
        pending = deque(pool.submit(_extract_chunk, c) for c in itertools.islice(chunks, window))
        while pending:
            done = pending.popleft().result()
            more = next(chunks, None)
            if more is not None:
                pending.append(pool.submit(_extract_chunk, more))
            yield from done
    finally:  # the caller may stop early (fail_fast): do not parse what nobody will read
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class _File:
    name: str  # as the user gave it (reports, progress)
    key: str  # absolute path: the SourceFile key, so a different working directory finds the same row
    sha: str


def ingest(paths: Iterable[str | os.PathLike[str]], db: str | os.PathLike[str] | None = None, *, jobs: int = 1,
           fail_fast: bool = False, on_progress: Progress | None = None, store: Any = None,
           batch_files: int = BATCH_FILES, prune: bool = False,
           prune_under: list[str | os.PathLike[str]] | None = None, bulk: bool | None = None) -> IngestReport:
    """Ingest files and folders into the store at ``db`` (or into an open ``store``). ``prune``: then
    forget the documents whose every recorded file under ``paths`` (or ``prune_under``, the folders a
    caller walked itself) is gone from the disk. ``bulk``: the bulk first load into an empty store
    (:mod:`chidao.graph.stores.bulk`) — None: when the store is empty and at least ``BULK_FROM`` files
    are to be written; True: whenever the store is empty; False: never (the same store either way)."""
    from chidao.graph.stores import open_store
    from chidao.loaders import iter_files

    paths = list(paths)
    absent = missing_paths(paths)
    if absent:
        raise ChidaoError(f"{', '.join(absent)}: no such file or folder (nothing was ingested)")
    prune = prune or prune_under is not None
    report = IngestReport(prune=prune)
    own = store is None
    store = store or open_store(db, bulk=True)
    try:
        files: list[_File] = []

        def unlisted(folder: Any, reason: str) -> None:  # a folder the walk cannot list: an error, counted
            report.seen += 1
            report.failed.append((str(folder), reason))
            _notify(on_progress, str(folder), "failed")

        for path in iter_files(paths, on_error=unlisted):
            if fail_fast and report.failed:
                return report
            report.seen += 1
            name = str(path)
            try:
                name.encode("utf-8")
            except UnicodeEncodeError:
                report.failed.append((name, "file name is not valid UTF-8 (rename the file)"))
                _notify(on_progress, name, "failed")
                if fail_fast:
                    return report
                continue
            try:
                files.append(_File(name, source_key(name), _sha256(path)))
            except OSError as exc:
                report.failed.append((name, one_line(name, exc.strerror or str(exc))))
                _notify(on_progress, name, "failed")
                if fail_fast:
                    return report
        if fail_fast and report.failed:
            return report
        todo, twins, copies, by_path = _classify(store, report, files, on_progress)
        store = _write_all(store, own, bulk, report, todo, twins, copies, by_path, jobs, fail_fast, on_progress,
                           batch_files)
        if prune and not (fail_fast and report.failed):
            _prune(store, report, list(prune_under) if prune_under is not None else paths)
        if own and (report.added or report.replaced or copies or report.pruned_files):
            store.checkpoint()  # at the end of the run (and every CHECKPOINT_DOCUMENTS), never per batch
        return report
    finally:
        if own:
            store.close()


def ingest_records(paths: Iterable[str | os.PathLike[str]], db: str | os.PathLike[str] | None = None, *,
                   fail_fast: bool = False, on_progress: Progress | None = None, store: Any = None,
                   batch_files: int = BATCH_FILES, bulk: bool | None = None) -> IngestReport:
    """Ingest directive records made elsewhere (``chidao extract --format jsonl``, one record a line;
    a folder gives its ``*.jsonl`` files) into the store at ``db`` (or into an open ``store``).

    The same path as :func:`ingest` from the records on: a record stands for the file it names
    (``source.path``, made absolute here like a path given to ``ingest``; ``source.sha256``), so a
    record whose file content is stored already is unchanged, a changed one replaces its document's
    facts, and batches go through the store's journal. A line that is not a record of the contract
    is reported as ``("FILE:LINE", reason)`` and the others go on (``fail_fast``: nothing is written).
    The records are read twice (checked, then written in batches), never all held in memory.
    """
    from chidao.graph.stores import open_store
    from chidao.records import Line, iter_lines, record_files

    names = record_files(list(paths))
    absent = missing_paths(names)
    if absent:
        raise ChidaoError(f"{', '.join(absent)}: no such file or folder (nothing was ingested)")
    report = IngestReport(unit="records")
    own = store is None
    store = store or open_store(db, bulk=True)
    try:
        files: list[_File] = []
        where: dict[str, Line] = {}
        first: dict[str, tuple[str, Line]] = {}  # key → (sha, line) of the record first naming that file

        def fail(name: str, reason: str) -> None:
            report.failed.append((name, reason))
            _notify(on_progress, name, "failed")

        for name in names:
            try:
                for line, record, error in iter_lines(name):
                    report.seen += 1
                    if error is None:
                        error = _record_file(record, line, first, files, where, report, on_progress)
                    if error is not None:
                        fail(str(line), error)
                        if fail_fast:
                            return report
            except OSError as exc:
                report.seen += 1
                fail(name, one_line(name, exc.strerror or str(exc)))
                if fail_fast:
                    return report
        todo, twins, copies, by_path = _classify(store, report, files, on_progress)
        store = _write_all(store, own, bulk, report, todo, twins, copies, by_path, 1, fail_fast, on_progress,
                           batch_files, extracted=_reread(todo, where))
        if own and (report.added or report.replaced or copies):
            store.checkpoint()
        return report
    finally:
        if own:
            store.close()


def _record_file(record: dict[str, Any], line: Any, first: dict[str, tuple[str, Any]], files: list[_File],
                 where: dict[str, Any], report: IngestReport, on_progress: Progress | None) -> str | None:
    """Note the file a checked record stands for; a reason when it cannot be taken. The same file
    twice with the same content counts once (overlapping shards); with other content it is an error
    on the later line, since which of the two is right cannot be told."""
    name, sha = record["source"]["path"], record["source"]["sha256"]
    if not name.strip():
        return "not a directive record: source.path is empty"
    if not SHA256.fullmatch(sha):
        return (f"not a directive record: source.sha256 {sha[:20]!r} is not a SHA-256 (64 hex digits): the content "
                "hash is the record's identity, two records with the same one are one file")
    key = source_key(name)
    earlier = first.get(key)
    if earlier is not None:
        if earlier[0] == sha:
            report.skipped += 1
            _notify(on_progress, name, "unchanged")
            return None
        return f"{name}: already given with other content at {earlier[1]}; not ingested"
    first[key] = (sha, line)
    files.append(_File(name, key, sha))
    where[name] = line
    return None


SHA256 = re.compile(r"[0-9a-f]{64}")
"""A file's content hash as chidao writes it (``source.sha256``, lower-case hex)."""


def _reread(todo: list[_File], where: dict[str, Any]
            ) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    """(name, record, error) for the records to write, read again from their lines. Each is first
    built into a graph of its own, so a record the contract allows but the graph cannot take fails
    alone, as a file the parser cannot read would, instead of failing its whole batch."""
    import networkx as nx

    from chidao.graph.build import add_record
    from chidao.records import Reader

    reader = Reader()
    try:
        for f in todo:
            line = where[f.name]
            record = reader.read(line)
            try:
                add_record(nx.MultiDiGraph(), record)
            except Exception as exc:  # any record from elsewhere: report it on its line, go on
                yield f.name, None, one_line(f.name, f"{line}: cannot be made into graph facts "
                                                    f"({type(exc).__name__}: {exc})")
                continue
            yield f.name, record, None
    finally:
        reader.close()


def _classify(store: Any, report: IngestReport, files: list[_File], on_progress: Progress | None
              ) -> tuple[list[_File], list[_File], list[tuple[str, str, str]], dict[str, dict[str, Any]]]:
    """Sort the files into (to read, twins of one read in this run, copies of stored content, what
    the store recorded per path), counting and reporting the unchanged ones."""
    by_path = store.sources([f.key for f in files])
    by_sha = store.sources_with_sha([f.sha for f in files])
    todo: list[_File] = []
    copies: list[tuple[str, str, str]] = []  # new paths of content already stored: (path, sha, document)
    first_of_sha: dict[str, _File] = {}
    for f in files:
        known = by_path.get(f.key)
        if known and known["sha256"] == f.sha:
            report.skipped += 1
            _notify(on_progress, f.name, "unchanged")
        elif known is None and f.sha in by_sha:
            copies.append((f.key, f.sha, by_sha[f.sha]["document"]))
            report.skipped += 1
            _notify(on_progress, f.name, "unchanged")
        elif known is None and f.sha in first_of_sha:  # the same content twice in this run
            report.skipped += 1
            _notify(on_progress, f.name, "unchanged")
        else:
            first_of_sha.setdefault(f.sha, f)
            todo.append(f)
    twins = [f for f in files if f.sha in first_of_sha and first_of_sha[f.sha] is not f
             and by_path.get(f.key) is None]
    return todo, twins, copies, by_path


def _write_all(store: Any, own: bool, bulk: bool | None, report: IngestReport, todo: list[_File],
               twins: list[_File], copies: list[tuple[str, str, str]], by_path: dict[str, dict[str, Any]], jobs: int,
               fail_fast: bool, on_progress: Progress | None, batch_files: int,
               extracted: Iterable[tuple[str, dict[str, Any] | None, str | None]] | None = None) -> Any:
    """Write the batches into ``store``, or through a bulk load when it applies; return the store to go
    on with (the bulk load renames a new store over the empty one, and opens it again)."""
    loader = _bulk_loader(store, own, bulk, len(todo) + len(copies) + len(twins))
    written: list[str] = []
    try:
        with _fewer_collections():
            _write_batches(loader or store, report, todo, twins, copies, by_path, jobs, fail_fast, on_progress,
                           batch_files, written, extracted)
        if loader is not None and not (fail_fast and report.failed):
            store = loader.install(store)
    finally:
        if loader is not None:
            loader.discard()
        report.documents += [doc for batch in written for doc in batch.split("\n")]
    return store


def _bulk_loader(store: Any, own: bool, bulk: bool | None, files: int) -> Any:
    """A bulk load into ``store`` when it applies: a store this run opened, embedded, empty (no node,
    no edge, no file recorded), with ``BULK_FROM`` files or more to write unless ``bulk`` forces it."""
    from chidao.graph.stores import buffer_pool_mb
    from chidao.graph.stores import bulk as bulk_load
    from chidao.graph.stores.embedded import EmbeddedStore

    if not own or bulk is False or not isinstance(store, EmbeddedStore) or store.read_only:
        return None
    bulk_load.discard_stale(store.path)
    if (bulk is None and files < bulk_load.BULK_FROM) or not bulk_load.usable_path(store.path):
        return None
    counts = store.stats()
    if counts["node_count"] or counts["edge_count"] or counts["files"]:
        return None
    return bulk_load.BulkLoad(store.path, buffer_pool_mb=buffer_pool_mb())  # the user's cap, if any


def _write_batches(store: Any, report: IngestReport, todo: list[_File], twins: list[_File],
                   copies: list[tuple[str, str, str]], by_path: dict[str, dict[str, Any]], jobs: int,
                   fail_fast: bool, on_progress: Progress | None, batch_files: int, written: list[str],
                   extracted: Iterable[tuple[str, dict[str, Any] | None, str | None]] | None = None) -> None:
    """Write the records of ``todo`` in batches of ``batch_files``: parsed from the files (``jobs``
    processes), or given as ``extracted`` — (name, record, error) in the order of ``todo`` — by a
    caller that already has records (:func:`ingest_records`). Both take the same path to the store.

    The ids of the documents written go to ``written`` as one string a batch (sorted, joined by line
    breaks), not as the records' own strings: a small string kept from each record pins the
    allocator's arena it was made in, and at 100,000 documents those arenas kept the writer at
    0.6 GB through the bulk load's ``COPY`` phase (docs/performance.md). For the same reason only the
    contents given twice keep their document id."""
    from chidao.graph.build import build_graph

    records: list[dict[str, Any]] = []
    sources: list[tuple[str, str, str]] = []
    replace: set[str] = set()
    doc_of_sha: dict[str, str] = {}
    twin_shas = {t.sha for t in twins}
    unsaved = {"documents": 0}

    def flush() -> None:
        if not records and not sources:
            return
        counts = store.write_graph(build_graph(records), replace=sorted(replace), sources=list(sources))
        unsaved["documents"] += len(records)
        if unsaved["documents"] >= checkpoint_every(store) and hasattr(store, "checkpoint"):
            store.checkpoint()
            unsaved["documents"] = 0
        report.nodes_added += counts["nodes_added"]
        report.edges_added += counts["edges_added"]
        if records:
            written.append("\n".join(sorted({r["document"]["id"] for r in records})))
        records.clear()
        sources.clear()
        replace.clear()
        gc.collect()  # the batch graph is in cycles (networkx caches its views), so only a collection frees it

    files = {f.name: f for f in todo}
    if extracted is None:
        extracted = extract_many([f.name for f in todo], jobs)
    for name, record, error in extracted:
        if error is not None:
            report.failed.append((name, error))
            _notify(on_progress, name, "failed")
            if fail_fast:
                return  # nothing written: the store is as it was
            continue
        f = files[name]
        if not is_directive(record):
            report.not_directives.append(name)
            _notify(on_progress, name, "not a directive")
            continue
        previous = by_path.get(f.key)
        if previous:
            report.replaced += 1
            if previous.get("document"):
                replace.add(previous["document"])  # its document id may have changed
        else:
            report.added += 1
        doc = record["document"]["id"]
        if f.sha in twin_shas:
            doc_of_sha[f.sha] = doc
        records.append(record)
        sources.append((f.key, f.sha, doc))
        _notify(on_progress, name, "replaced" if previous else "added")
        if len(records) >= batch_files and not fail_fast:
            flush()
    sources += copies + [(t.key, t.sha, doc_of_sha[t.sha]) for t in twins if t.sha in doc_of_sha]
    flush()


def _prune(store: Any, report: IngestReport, paths: list[Any]) -> None:
    """Forget what files under ``paths`` gave when those files are gone: their source-file rows, and
    every document none of whose recorded files exists any more — one transaction."""
    roots = [source_key(str(p)) for p in paths]

    def under(path: str) -> bool:
        return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)

    rows = store.all_sources()
    gone = [r for r in rows if under(r["path"]) and _gone(r["path"])]
    if not gone:
        return
    gone_paths = {r["path"] for r in gone}
    alive = {r["document"] for r in rows if r["path"] not in gone_paths}
    docs = sorted({r["document"] for r in gone if r["document"] and r["document"] not in alive})
    counts = store.remove_documents(docs, paths=sorted(gone_paths))
    report.pruned, report.pruned_files = docs, len(gone_paths)
    report.nodes_added += counts["nodes_added"]
    report.edges_added += counts["edges_added"]


def _gone(path: str) -> bool:
    """Whether a recorded file is really gone: only "no such file" says so. A file under a folder
    this process may not read (``EACCES``) or an I/O error is still there, and pruning it would
    forget its documents (``os.path.lexists`` is False for both)."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except (OSError, ValueError):
        return False
    return False


def _notify(callback: Progress | None, path: str, outcome: str) -> None:
    if callback is not None:
        callback(path, outcome)


__all__ = ["BATCH_FILES", "IngestReport", "Progress", "default_jobs", "extract_many", "ingest", "ingest_records", "is_directive"]
