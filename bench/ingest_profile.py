"""Where an ingest's time goes: CPU of the writer, the parse workers and the loader, phase by phase.

    python bench/ingest_profile.py --corpus /tmp/chidao-bench/corpus-100000-7 --db /tmp/me/p.lbug
    python bench/ingest_profile.py --corpus DIR --db STORE --jobs 2 --every 0.5 --timeline out.csv

The ingest runs in a fresh process (as ``chidao ingest`` would); this one samples that process's tree
from /proc every ``--every`` seconds: each process's CPU time (user + system) and the tree's RSS. The
writer is the ingest's own process, the loader the child started as ``chidao.graph.stores.copier``
(the bulk load's ``COPY`` phase), the workers every other child (the parse processes). The parse
phase lasts until the loader starts, the ``COPY`` phase from then on.

For each phase it prints the wall time and each role's CPU seconds and share of the wall time: a
role near 100 % of one core is what the phase waits for. Linux only (it reads /proc).
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
LOADER = "chidao.graph.stores.copier"
ROLES = ("writer", "workers", "loader")


def _ingest(corpus: str, db: str, jobs: int) -> None:
    from chidao.ingest import ingest

    report = ingest([corpus], db, jobs=jobs)
    print(f"ingest: {report.added} added, {len(report.failed)} failed, {report.nodes_added} nodes, "
          f"{report.edges_added} edges", file=sys.stderr)


def _processes() -> dict[int, tuple[int, float, float, str]]:
    """Every process: pid → (parent, CPU seconds, RSS MB, command line)."""
    out: dict[int, tuple[int, float, float, str]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
        parent, cpu = int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK
        rss = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        out[int(entry.name)] = (parent, cpu, rss, cmdline)
    return out


def _tree(root: int, procs: dict[int, tuple[int, float, float, str]]) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, (parent, *_rest) in procs.items():
        children.setdefault(parent, []).append(pid)
    tree, frontier = [root], [root]
    while frontier:
        for child in children.get(frontier.pop(), []):
            tree.append(child)
            frontier.append(child)
    return tree


@dataclass
class Profile:
    """CPU seconds by process (the last value seen: a process that ends keeps its total), its role,
    when the loader first appeared, and the tree's peak RSS."""

    start: float = field(default_factory=time.perf_counter)
    cpu: dict[int, float] = field(default_factory=dict)
    role: dict[int, str] = field(default_factory=dict)
    copy_at: float | None = None
    cpu_at_copy: dict[int, float] = field(default_factory=dict)
    peak_mb: float = 0.0
    rows: list[dict[str, float]] = field(default_factory=list)

    def sample(self, root: int) -> None:
        procs = _processes()
        now = time.perf_counter() - self.start
        rss = 0.0
        for pid in _tree(root, procs):
            if pid not in procs:
                continue
            _parent, cpu, mb, cmdline = procs[pid]
            rss += mb
            self.cpu[pid] = cpu
            self.role.setdefault(pid, "writer" if pid == root else "loader" if LOADER in cmdline else "workers")
        if self.copy_at is None and "loader" in self.role.values():
            self.copy_at, self.cpu_at_copy = now, dict(self.cpu)
        self.peak_mb = max(self.peak_mb, rss)
        self.rows.append({"s": round(now, 2), "rss_mb": round(rss, 1),
                          **{r: round(self.by_role(self.cpu)[r], 2) for r in ROLES}})

    def by_role(self, cpu: dict[int, float]) -> dict[str, float]:
        out = dict.fromkeys(ROLES, 0.0)
        for pid, seconds in cpu.items():
            out[self.role[pid]] += seconds
        return out


def report(profile: Profile, wall: float) -> str:
    end = profile.by_role(profile.cpu)
    at_copy = profile.by_role(profile.cpu_at_copy) if profile.copy_at is not None else end
    phases = [("parse (until the loader starts)", profile.copy_at or wall, at_copy)]
    if profile.copy_at is not None:
        phases.append(("COPY (loader running)", wall - profile.copy_at,
                       {r: end[r] - at_copy[r] for r in ROLES}))
    phases.append(("whole ingest", wall, end))
    lines = [f"{'phase':<34} {'wall s':>8} " + " ".join(f"{r + ' CPU s':>14}" for r in ROLES) + f" {'cores':>6}"]
    for name, seconds, cpu in phases:
        shares = " ".join(f"{cpu[r]:>7.1f} ({cpu[r] / seconds:4.0%})" for r in ROLES)
        lines.append(f"{name:<34} {seconds:>8.1f} {shares} {sum(cpu.values()) / seconds:>6.2f}")
    lines.append(f"peak RSS of the tree: {profile.peak_mb:,.0f} MB")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--db", required=True, help="a new store (it must not exist)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--every", type=float, default=0.5, help="seconds between samples")
    parser.add_argument("--timeline", type=Path, help="write every sample (CPU by role, RSS) as CSV")
    args = parser.parse_args()
    if Path(args.db).exists():
        parser.error(f"{args.db} exists: the profile is of a first load into a new store")
    child = multiprocessing.get_context("spawn").Process(target=_ingest, args=(args.corpus, args.db, args.jobs))
    profile = Profile()
    child.start()
    while child.is_alive():
        profile.sample(child.pid)
        child.join(args.every)
    wall = time.perf_counter() - profile.start
    if child.exitcode:
        sys.exit(f"the ingest failed (exit {child.exitcode})")
    print(report(profile, wall))
    if args.timeline:
        with args.timeline.open("w", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(profile.rows[0]))
            writer.writeheader()
            writer.writerows(profile.rows)


if __name__ == "__main__":
    main()
