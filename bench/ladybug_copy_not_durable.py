"""The smallest form of the LadybugDB fault in docs/store.md — engine only, no timing.

One transaction: ``COPY`` of 10 nodes from a CSV file, ``CREATE`` of 10 other nodes, ``COMMIT``
(it returns: the transaction is committed). Then the process dies — ``SIGKILL`` sent to itself —
before any checkpoint, with ``auto_checkpoint=False``. Reopened, the store holds the 10 created
nodes and **none** of the 10 copied ones: half of a committed transaction. The rows ``COPY`` wrote
are not in the write-ahead log, only in pages a checkpoint would have written.

    python bench/ladybug_copy_not_durable.py              # auto_checkpoint=False (the fault)
    python bench/ladybug_copy_not_durable.py --auto       # auto_checkpoint=True: the COMMIT checkpoints
    python bench/ladybug_copy_not_durable.py --alone      # the COPY alone, auto-committed: lost too

(With ``auto_checkpoint=True`` the same loss happens only when the kill lands inside that COMMIT's
checkpoint; ``bench/ladybug_kill_repro.py`` times kills there.) Not run by the test suite.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path


def writer(db: str, csv: str, auto: bool, alone: bool) -> None:
    import ladybug

    conn = ladybug.Connection(ladybug.Database(db, auto_checkpoint=auto))
    if alone:
        conn.execute(f"COPY Copied FROM '{csv}'")  # its own (auto-committed) transaction
    else:
        conn.execute("BEGIN TRANSACTION")
        conn.execute(f"COPY Copied FROM '{csv}'")
        conn.execute("UNWIND range(1, 10) AS i CREATE (:Created {id: i})")
        conn.execute("COMMIT")
    os.kill(os.getpid(), signal.SIGKILL)  # a crash after the commit returned, before any checkpoint


def count(conn, label: str) -> int:
    return conn.execute(f"MATCH (n:{label}) RETURN count(n)").get_next()[0]


def main() -> None:
    if sys.argv[1:2] == ["--writer"]:
        writer(sys.argv[2], sys.argv[3], sys.argv[4] == "1", sys.argv[5] == "1")
        return
    import ladybug

    auto, alone = "--auto" in sys.argv, "--alone" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        db, csv = str(Path(tmp) / "s.lbug"), Path(tmp) / "rows.csv"
        csv.write_text("".join(f"{i}\n" for i in range(1, 11)))
        setup = ladybug.Connection(ladybug.Database(db))
        setup.execute("CREATE NODE TABLE Copied(id INT64, PRIMARY KEY(id))")
        setup.execute("CREATE NODE TABLE Created(id INT64, PRIMARY KEY(id))")
        setup.execute("CHECKPOINT")
        del setup
        rc = subprocess.run([sys.executable, __file__, "--writer", db, str(csv), "1" if auto else "0",
                             "1" if alone else "0"]).returncode
        conn = ladybug.Connection(ladybug.Database(db))
        copied, created = count(conn, "Copied"), count(conn, "Created")
    expected = (10, 0) if alone else (10, 10)
    verdict = "consistent" if (copied, created) == expected else "COMMITTED ROWS LOST" if alone else "ATOMICITY VIOLATED"
    print(f"ladybug {ladybug.__version__}, auto_checkpoint={auto}{', COPY alone' if alone else ''}: writer exit {rc} "
          f"after COMMIT; reopened: {copied} of 10 copied rows, {created} of {expected[1]} created rows — {verdict}")
    sys.exit(0 if verdict == "consistent" else 1)


if __name__ == "__main__":
    main()
