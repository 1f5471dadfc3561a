"""A folder the walk cannot list is an error naming it, counted, exit 1 — never a silent skip.

As root, permissions stop nothing, so most tests inject the error the kernel would give
(``PermissionError`` from listing one folder); one test runs the real thing (``chmod 000``) as an
unprivileged user through ``setpriv`` where that is possible.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from chidao.cli import main
from chidao.errors import ReadError
from chidao.graph.stores import open_store
from chidao.ingest import ingest
from chidao.loaders import iter_files

REASON = "cannot list this folder (Permission denied); its files were not read"
ENTER_REASON = "cannot enter this folder (Permission denied); 2 of its entries were not read"


@pytest.fixture()
def tree(tmp_path, sample_paths) -> tuple[Path, Path]:
    """``in/`` with two samples, and ``in/khoá/`` (the folder made unreadable) with the other two."""
    root = tmp_path / "in"
    locked = root / "khoá"
    locked.mkdir(parents=True)
    for i, p in enumerate(sample_paths):
        shutil.copy(p, (root if i < 2 else locked) / p.name)
    return root, locked


def lock(monkeypatch, folder: Path) -> None:
    """Listing ``folder`` fails as it does for a user without read permission on it."""
    real = Path.iterdir

    def iterdir(self: Path):
        if self == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_the_walk_reports_the_folder_and_goes_on(tree, monkeypatch) -> None:
    root, locked = tree
    lock(monkeypatch, locked)
    errors: list[tuple[Path, str]] = []
    found = list(iter_files([root], on_error=lambda folder, reason: errors.append((folder, reason))))
    assert errors == [(locked, REASON)]
    assert found == sorted(p for p in root.iterdir() if p.is_file())
    with pytest.raises(ReadError, match="khoá: cannot list this folder"):  # no handler: never silent
        list(iter_files([root]))


def test_a_folder_listed_but_not_entered_is_reported_too(tree, monkeypatch) -> None:
    """A folder with read but not search permission (r--): its names list, but no entry can be
    stat'ed, so every file in it looked like "not a directive" and was skipped in silence."""
    root, locked = tree
    real = Path.stat

    def stat(self: Path, *args, **kwargs):
        if self.parent == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    errors: list[tuple[Path, str]] = []
    found = list(iter_files([root], on_error=lambda folder, reason: errors.append((folder, reason))))
    assert errors == [(locked, ENTER_REASON)]
    assert found == sorted(p for p in root.iterdir() if p.is_file())
    with pytest.raises(ReadError, match="khoá: cannot enter this folder"):
        list(iter_files([root]))


def test_ingest_cli_names_the_folder_counts_it_and_exits_1(tree, tmp_path, monkeypatch) -> None:
    root, locked = tree
    lock(monkeypatch, locked)
    result = run("ingest", str(root), "--db", str(tmp_path / "s.lbug"))
    assert result.exit_code == 1
    assert f"error: {locked}: {REASON}\n" in result.output
    assert "3 files: 2 added, 0 replaced, 0 unchanged, 1 failed" in result.output


def test_ingest_cli_fail_fast_writes_nothing(tree, tmp_path, monkeypatch) -> None:
    root, locked = tree
    lock(monkeypatch, locked)
    db = tmp_path / "s.lbug"
    result = run("ingest", str(root), "--db", str(db), "--fail-fast")
    assert result.exit_code == 1 and f"{locked}: cannot list this folder" in result.output
    assert not db.exists()


def test_extract_cli_names_the_folder_and_exits_1(tree, monkeypatch) -> None:
    root, locked = tree
    lock(monkeypatch, locked)
    result = run("extract", str(root))
    assert result.exit_code == 1
    assert f"error: {locked}: {REASON}" in result.stderr
    assert len(result.stdout.splitlines()) == 2  # the two readable files still print


def test_library_ingest_counts_the_folder_and_fail_fast_stops(tree, tmp_path, monkeypatch) -> None:
    root, locked = tree
    lock(monkeypatch, locked)
    seen: list[tuple[str, str]] = []
    report = ingest([root], tmp_path / "a.lbug", on_progress=lambda path, outcome: seen.append((path, outcome)))
    assert report.failed == [(str(locked), REASON)] and report.added == 2 and report.seen == 3
    assert (str(locked), "failed") in seen
    stopped = ingest([root], tmp_path / "b.lbug", fail_fast=True)
    assert stopped.failed == [(str(locked), REASON)] and stopped.added == 0
    with open_store(tmp_path / "b.lbug", read_only=True) as store:
        assert store.stats()["files"] == 0


def test_prune_keeps_the_documents_of_a_folder_it_cannot_read(tree, tmp_path, monkeypatch) -> None:
    """``os.path.lexists`` is False for a file under a folder without permission: --prune must not take
    that for "gone" and forget its documents."""
    root, locked = tree
    db = str(tmp_path / "s.lbug")
    assert run("ingest", str(root), "--db", db).exit_code == 0
    lock(monkeypatch, locked)
    real_lstat = os.lstat

    def lstat(path, *args, **kwargs):
        if str(path).startswith(str(locked) + os.sep):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", lstat)
    result = run("ingest", str(root), "--db", db, "--prune")
    assert result.exit_code == 1 and f"error: {locked}: {REASON}" in result.output
    assert "pruned 0 documents of 0 files gone" in result.output


def _can_drop_privileges() -> bool:
    return os.geteuid() == 0 and shutil.which("setpriv") is not None and sys.platform.startswith("linux")


@pytest.mark.skipif(not _can_drop_privileges(), reason="needs root and setpriv to run as an unprivileged user")
@pytest.mark.parametrize(("mode", "reason"), [(0o000, REASON), (0o444, ENTER_REASON.replace("2 of", "1 of"))])
def test_a_real_locked_folder_as_an_unprivileged_user(sample_paths, mode, reason) -> None:
    chidao = Path(sys.executable).with_name("chidao")
    with tempfile.TemporaryDirectory() as tmp:  # pytest's tmp_path is root-only
        base = Path(tmp)
        base.chmod(0o777)
        root = base / "in"
        locked = root / "khoá"
        locked.mkdir(parents=True)
        shutil.copy(sample_paths[0], root / sample_paths[0].name)
        shutil.copy(sample_paths[1], locked / sample_paths[1].name)
        for p in (root, root / sample_paths[0].name, locked / sample_paths[1].name):
            p.chmod(0o755 if p.is_dir() else 0o644)
        locked.chmod(mode)
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", str(chidao),
               "ingest", str(root), "--db", str(base / "s.lbug")]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": tmp})
        if "Permission denied" in done.stderr and "chidao" in done.stderr.split(":")[0]:
            pytest.skip(f"the unprivileged user cannot run chidao here: {done.stderr.strip()}")
        locked.chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert f"error: {locked}: {reason}" in done.stderr
    assert "2 files: 1 added, 0 replaced, 0 unchanged, 1 failed" in done.stdout
