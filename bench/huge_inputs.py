"""Time the parser on huge generated inputs, to show it stays linear (issue 12, item 6).

Shapes, each far larger than any real directive (sizes in items, lines or kilobytes):

* ``items N`` — a directive with N numbered items, each assigning, citing, reporting and giving a deadline;
* ``plain N`` — N short numbered items that name no body (the per-item cost of the finders alone);
* ``report KB`` — one item that is a single sentence repeating "báo cáo …" clauses;
* ``sentence KB`` — one item that is a single sentence of clauses each assigning, citing, setting a
  deadline, holding to account and reporting;
* ``adversarial KB`` — one sentence cycling the clause shapes that once made a finder re-read the
  sentence for every match (bodies after ``;``, ``giao``, ``phát huy vai trò``, ``trong tháng``, ``thì``);
* ``lines N`` — a file of N short lines (items, bullets and wrapped continuation lines).

Each case runs ``chidao extract`` on the file in a fresh process, with a timeout. Texts over
``MAX_TEXT_CHARS`` are refused; ``--max-chars`` raises the limit in that process to time them anyway.

    python bench/huge_inputs.py                                  # default cases, default limit
    python bench/huge_inputs.py --max-chars 100000000            # the same, nothing refused
    python bench/huge_inputs.py --case items:32000 --case report:62 --timeout 120
    PYTHONPATH=/tmp/old/src python bench/huge_inputs.py          # against another source tree

The generators are imported by ``tests/extract/test_huge_inputs.py``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = """TỈNH ỦY LẠNG SƠN * Số 57-CV/TU ĐẢNG CỘNG SẢN VIỆT NAM Lạng Sơn, ngày 12 tháng 3 năm 2024
V/v tăng cường lãnh đạo công tác phòng cháy, chữa cháy rừng mùa khô năm 2024

Kính gửi:
- Ban cán sự đảng Ủy ban nhân dân tỉnh;
- Các huyện ủy, thành ủy.

Thực hiện Chỉ thị số 13-CT/TW ngày 12/01/2017 của Ban Bí thư về tăng cường sự lãnh đạo của Đảng đối với \
công tác quản lý, bảo vệ và phát triển rừng, Ban Thường vụ Tỉnh ủy yêu cầu:

"""

CLOSING = """
Nơi nhận:
- Như trên;
- Thường trực Tỉnh ủy (b/c);
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Hoàng Văn Nghiệm
"""

BODIES = ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Y tế", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
          "Ban Tuyên giáo Tỉnh ủy", "Ủy ban nhân dân các huyện, thành phố", "Văn phòng Tỉnh ủy"]

ITEM = ("{n}. Giao {lead} chủ trì, phối hợp với {coop} rà soát, cập nhật phương án phòng cháy, chữa cháy rừng "
        "theo Chỉ thị số {serial}/CT-TTg ngày 10/7/2023 của Thủ tướng Chính phủ; hoàn thành trước ngày 31/3/2024. "
        "{lead} chịu trách nhiệm trước Ban Thường vụ Tỉnh ủy; định kỳ hằng tháng báo cáo Ban Thường vụ Tỉnh ủy.\n")

REPORT_CLAUSE = "báo cáo kết quả về {body}, "
MIXED_CLAUSE = ("giao {lead} chủ trì, phối hợp với {coop} rà soát phương án theo Công văn số {serial}/UBND-KT, "
                "hoàn thành trước ngày 31/3/2024, {lead} chịu trách nhiệm trước Ban Thường vụ Tỉnh ủy, "
                "báo cáo kết quả về {coop}; ")


def many_items(n: int) -> str:
    """A directive with ``n`` numbered items (numbered 1–99 over and over, as markers have two digits)."""
    parts = [HEADER]
    for i in range(n):
        lead, coop = BODIES[i % len(BODIES)], BODIES[(i + 3) % len(BODIES)]
        parts.append(ITEM.format(n=i % 99 + 1, lead=lead, coop=coop, serial=i % 900 + 10))
    parts.append(CLOSING)
    return "".join(parts)


def long_report(kb: int) -> str:
    """A directive whose one item is a single sentence of "báo cáo …" clauses, ``kb`` KB long."""
    parts, size = ["1. Sở Y tế chủ trì, "], 0
    i = 0
    while size < kb * 1024:
        clause = REPORT_CLAUSE.format(body=BODIES[i % len(BODIES)])
        parts.append(clause)
        size += len(clause.encode("utf-8"))
        i += 1
    parts.append("định kỳ hằng tháng.\n")
    return HEADER + "".join(parts) + CLOSING


def plain_items(n: int) -> str:
    """A directive with ``n`` short items that name no body, report nothing and set no deadline."""
    items = "".join(f"{i % 99 + 1}. Tiếp tục rà soát, cập nhật phương án phòng cháy.\n" for i in range(n))
    return HEADER + items + CLOSING


ADVERSARIAL = ("Sở Y tế; ", "giao Sở Tài chính chủ trì, ", "phát huy vai trò của Công an tỉnh, ",
               "hoàn thành trong tháng 3/2024, ", "nếu chậm thì Sở Y tế chịu trách nhiệm trước Ban Thường vụ Tỉnh ủy, ",
               "báo cáo kết quả về Sở Nội vụ, ", "Ban cán sự đảng lãnh đạo Ủy ban nhân dân tỉnh chỉ đạo Sở Xây dựng, ",
               "phối hợp với Sở Công Thương, ")


def adversarial(kb: int) -> str:
    """One sentence, ``kb`` KB long, cycling the ADVERSARIAL clauses."""
    parts, size, i = ["1. Các sở, ngành "], 0, 0
    while size < kb * 1024:
        clause = ADVERSARIAL[i % len(ADVERSARIAL)]
        parts.append(clause)
        size += len(clause.encode("utf-8"))
        i += 1
    parts.append("thực hiện.\n")
    return HEADER + "".join(parts) + CLOSING


def long_sentence(kb: int) -> str:
    """A directive whose one item is a single sentence of clauses that each assign, cite, set a
    deadline, hold to account and report, ``kb`` KB long: every finder reads the same long sentence."""
    parts, size = ["1. "], 0
    i = 0
    while size < kb * 1024:
        clause = MIXED_CLAUSE.format(lead=BODIES[i % len(BODIES)], coop=BODIES[(i + 3) % len(BODIES)],
                                     serial=i % 900 + 10)
        parts.append(clause)
        size += len(clause.encode("utf-8"))
        i += 1
    parts.append("định kỳ hằng tháng.\n")
    return HEADER + "".join(parts) + CLOSING


def many_lines(n: int) -> str:
    """``n`` short lines: an item, two bullets and a wrapped line, over and over."""
    shapes = ("{k}. {body} chủ trì triển khai nhiệm vụ.", "- {body} báo cáo Ban Thường vụ Tỉnh ủy hằng quý.",
              "- Hoàn thành trước ngày 30/6/2024.", "tiếp tục thực hiện các nội dung đã đề ra")
    lines = [shapes[i % 4].format(k=i // 4 % 99 + 1, body=BODIES[i % len(BODIES)]) for i in range(n)]
    return HEADER + "\n".join(lines) + "\n" + CLOSING


GENERATORS = {"items": many_items, "plain": plain_items, "report": long_report, "sentence": long_sentence,
              "adversarial": adversarial, "lines": many_lines}
DEFAULT_CASES = ["items:2000", "items:8000", "items:32000", "items:64000", "plain:32000", "report:15", "report:62",
                 "sentence:62", "sentence:250", "adversarial:60", "adversarial:240", "lines:200000"]


RUN = ("import sys; import chidao.loaders.document as d; limit = sys.argv.pop(1); "
       "d.MAX_TEXT_CHARS = int(limit) if limit else d.__dict__.get('MAX_TEXT_CHARS'); "
       "from chidao.cli import main; main()")
"""``chidao extract`` with the text limit of the first argument ('' keeps the library's own)."""


def run_case(case: str, workdir: Path, timeout: float, max_chars: int | None = None) -> dict[str, object]:
    """Write the case's file and time ``chidao extract`` on it in a fresh process."""
    kind, _, size = case.partition(":")
    text = GENERATORS[kind](int(size))
    path = workdir / f"{kind}-{size}.txt"
    path.write_text(text, encoding="utf-8")
    cmd = [sys.executable, "-c", RUN, str(max_chars or ""), "extract", str(path)]
    started = time.perf_counter()
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False, env=os.environ)
    except subprocess.TimeoutExpired:
        return {"case": case, "bytes": path.stat().st_size, "seconds": None, "outcome": f"unfinished after {timeout:g} s"}
    seconds = time.perf_counter() - started
    outcome = "ok" if run.returncode == 0 else (run.stderr.strip().splitlines() or [f"exit {run.returncode}"])[-1]
    outcome = outcome.replace(f"error: {path}: ", "refused: ")
    return {"case": case, "bytes": path.stat().st_size, "seconds": seconds, "outcome": outcome}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", help=f"kind:size, kinds {sorted(GENERATORS)}; default "
                                                        f"{' '.join(DEFAULT_CASES)}")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per case")
    parser.add_argument("--max-chars", type=int, help="raise the text limit (MAX_TEXT_CHARS) to time huge texts")
    args = parser.parse_args()
    print("| case | size | time | outcome |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for case in args.case or DEFAULT_CASES:
            r = run_case(case, Path(tmp), args.timeout, args.max_chars)
            secs = "—" if r["seconds"] is None else f"{r['seconds']:.2f} s"
            print(f"| {r['case']} | {int(r['bytes']) / 1e6:.2f} MB | {secs} | {r['outcome']} |", flush=True)


if __name__ == "__main__":
    main()
