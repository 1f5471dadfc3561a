"""Every stored query on the sample directives (examples/directives), with the exact rows expected.

Each query's ``example`` parameters run on the four samples and must give exactly the rows pinned in
``golden/<name>.json`` (every column, every row, in order). The one sample with neither number nor
date is identified by a hash of its text; that hash is written ``<sha>`` in the golden files so a
change in text normalisation does not hide a real difference behind an id. After an intended change
regenerate with ``CHIDAO_REGEN_GOLDEN=1 pytest tests/queries`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from chidao.errors import QueryError
from chidao.graph.stores import open_store
from chidao.ingest import ingest
from chidao.queries import find_ids, list_queries, resolve_ref, run_query

GOLDEN = Path(__file__).resolve().parent / "golden"


def project(rows, *columns):
    return [tuple(r[c] for c in columns) for r in rows]


@pytest.fixture(scope="module")
def sha(store_path):
    with open_store(store_path, read_only=True) as s:
        (row,) = s.query("MATCH (d:Document) WHERE d.id STARTS WITH 'doc:sha/' RETURN d.id AS id")
    return row["id"].removeprefix("doc:sha/")


@pytest.fixture(scope="module")
def store_path(sample_store):
    return sample_store


def masked(value, sha: str):
    if isinstance(value, str):
        return value.replace(sha, "<sha>")
    if isinstance(value, list):
        return [masked(v, sha) for v in value]
    if isinstance(value, dict):
        return {k: masked(v, sha) for k, v in value.items()}
    return value


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_exact_rows_on_the_samples(store, sha, query) -> None:
    rows = masked(run_query(store, query.name, query.example), sha)
    path = GOLDEN / f"{query.name}.json"
    if os.environ.get("CHIDAO_REGEN_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps({"params": query.example, "rows": rows}, ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    golden = json.loads(path.read_text(encoding="utf-8"))
    assert golden["params"] == query.example
    assert rows == golden["rows"]


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
@pytest.mark.parametrize("limit", [0, 1, 3])
def test_limit_gives_the_first_rows_in_order(store, query, limit) -> None:
    every = run_query(store, query.name, query.example)
    assert run_query(store, query.name, query.example, limit=limit) == every[:limit]


@pytest.mark.parametrize("limit", [-1, 1.5, "3", True])
def test_limit_must_be_a_whole_number(store, limit) -> None:
    with pytest.raises(QueryError, match="limit must be a whole number"):
        run_query(store, "citations", limit=limit)


def test_every_query_has_a_golden_file_and_nothing_else() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(q.name for q in list_queries())


def test_accountability_chain_reaches_the_standing_committee_with_the_quote(store) -> None:
    for spelling in ("bí thư các huyện ủy, thành ủy", "Bí thư các huyện uỷ, thành uỷ", "BÍ THƯ CÁC HUYỆN ỦY, THÀNH ỦY",
                     "post:unknown~unknown-761-cv-tu/bi-thu-cac-huyen-uy-thanh-uy"):
        rows = run_query(store, "accountability-chain", {"body": spelling}, ambiguous="error")
        assert project(rows, "step", "from", "link", "to", "document", "quote") == [
            (1, "Bí thư các huyện ủy, thành ủy", "ACCOUNTABLE_TO", "Ban Thường vụ Tỉnh ủy", "761-CV/TU",
             "Đồng chí bí thư các huyện ủy, thành ủy chịu trách nhiệm trước Ban Thường vụ Tỉnh ủy"),
            (2, "Ban Thường vụ Tỉnh ủy", "PART_OF", "Tỉnh ủy", None, None),
        ]


def test_responsibilities_of_one_province(store) -> None:
    rows = run_query(store, "responsibilities", {"body": "Ban Tuyên giáo Tỉnh ủy Lai Châu"}, ambiguous="error")
    assert project(rows, "body_id", "role", "document", "date", "item", "deadline", "answers_to", "reports_to",
                   "quote") == [
        ("body:lai-chau/ban-tuyen-giao-tinh-uy", "execute", "629-CV/TU", "2021-11-03", "4", None, [], [],
         "Ban Tuyên giáo Tỉnh ủy chỉ đạo các cơ quan truyền thông")]


def test_responsibilities_with_a_reporting_line(store) -> None:
    rows = run_query(store, "responsibilities", {"body": "body:unknown~unknown-761-cv-tu/ban-tuyen-giao-tinh-uy"})
    assert project(rows, "role", "document", "item", "answers_to", "reports_to") == [
        ("lead", "761-CV/TU", "6", [], ["Ban Thường vụ Tỉnh ủy (regular)"])]


def test_lead_conflicts_counts_only_assigned_measures(store) -> None:
    everything = run_query(store, "lead-conflicts")
    shared = run_query(store, "lead-conflicts", {"min_assignees": "2"})
    assert len(everything) == 23 and len(shared) == 13
    assert {r["measure_id"] for r in shared} <= {r["measure_id"] for r in everything}
    assert all(r["assignees"] >= 1 and r["leads"] != 1 for r in everything)
    assert "measure:unknown/761-cv-tu#13" not in {r["measure_id"] for r in everything}  # one lead: no conflict


DEADLINE_DOC = """ỦY BAN NHÂN DÂN
TỈNH SƠN LA

Số: 15/CT-UBND

Sơn La, ngày 10 tháng 11 năm 2023

CHỈ THỊ

Về việc tăng cường phòng, chống dịch tả lợn châu Phi

Thời gian qua, dịch tả lợn châu Phi diễn biến phức tạp trên địa bàn tỉnh, gây thiệt hại cho người chăn nuôi.

1. Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với Sở Tài chính rà soát, hoàn thành trước ngày 15/12/2023.

2. Ủy ban nhân dân các huyện, thành phố tổ chức tiêu hủy lợn bệnh, báo cáo Ủy ban nhân dân tỉnh trước ngày 20/11.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Đặng Ngọc Hậu
"""


def test_deadlines(tmp_path) -> None:
    path = tmp_path / "son-la.txt"
    path.write_text(DEADLINE_DOC, encoding="utf-8")
    ingest([path], tmp_path / "d.lbug")
    with open_store(tmp_path / "d.lbug", read_only=True) as s:
        rows = run_query(s, "deadlines", {"from": "2023-11-01", "to": "2023-12-31"})
        assert project(rows, "deadline", "document", "item", "responsible") == [
            ("2023-11-20", "15/CT-UBND", "2", ["Ủy ban nhân dân các huyện, thành phố"]),
            ("2023-12-15", "15/CT-UBND", "1", ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài chính"]),
        ]
        assert run_query(s, "deadlines", {"from": "2023-12-01"})[0]["deadline"] == "2023-12-15"
        assert run_query(s, "deadlines", {"from": "2024-01-01"}) == []
        rows = run_query(s, "lead-conflicts", {"min_assignees": "2"})
        assert rows == []  # item 1 has exactly one lead; item 2 has one assignee


@pytest.mark.parametrize(("ref", "kind", "ids"), [
    ("Ban Tuyên giáo Tỉnh ủy", "actor", ["body:dong-nai/ban-tuyen-giao-tinh-uy", "body:lai-chau/ban-tuyen-giao-tinh-uy",
                                         "body:unknown~sha-<sha>/ban-tuyen-giao-tinh-uy",
                                         "body:unknown~unknown-761-cv-tu/ban-tuyen-giao-tinh-uy"]),
    ("ban tuyen giao tinh uy", "actor", ["body:dong-nai/ban-tuyen-giao-tinh-uy",  # accents optional (issue 13)
                                         "body:lai-chau/ban-tuyen-giao-tinh-uy",
                                         "body:unknown~sha-<sha>/ban-tuyen-giao-tinh-uy",
                                         "body:unknown~unknown-761-cv-tu/ban-tuyen-giao-tinh-uy"]),
    ("ban tuyen giao tinh uy lai chau", "actor", ["body:lai-chau/ban-tuyen-giao-tinh-uy"]),
    ("BAN TUYÊN GIÁO TỈNH UỶ, Lai-Châu", "actor", ["body:lai-chau/ban-tuyen-giao-tinh-uy"]),
    ("ubnd tinh lai chau", "actor", ["body:lai-chau/uy-ban-nhan-dan-tinh"]),
    ("cong an lai chau", "actor", ["body:lai-chau/cong-an-tinh"]),
    ("Bí thư huyện uỷ, thành uỷ", "actor", ["post:unknown~unknown-761-cv-tu/bi-thu-cac-huyen-uy-thanh-uy"]),
    ("dong chi le van luong", "person", ["person:lai-chau/le-van-luong"]),
    ("Ban Tuyên giáo Tỉnh ủy Hà Giang", "actor", []),  # a province with no such body: no other province's
    ("Ban Tuyên giáo Tỉnh ủy Lai Châu", "actor", ["body:lai-chau/ban-tuyen-giao-tinh-uy"]),
    ("Ban Tuyên giáo Tỉnh ủy tỉnh Đồng Nai", "actor", ["body:dong-nai/ban-tuyen-giao-tinh-uy"]),
    ("UBND tỉnh Lai Châu", "actor", ["body:lai-chau/uy-ban-nhan-dan-tinh"]),
    ("Đồng chí Lê Văn Lương", "person", ["person:lai-chau/le-van-luong"]),
    ("16-CT/TTg", "document", ["doc:vn/16-ct-ttg"]),
    ("629-cv-tu", "document", ["doc:lai-chau/629-cv-tu/2021"]),
    ("doc:vn/21-nq-cp/2021", "document", ["doc:vn/21-nq-cp/2021"]),
])
def test_names_ids_and_numbers_find_nodes(store, sha, ref, kind, ids) -> None:
    assert masked(find_ids(store, ref, kind), sha) == ids


def test_an_ambiguous_name_lists_the_candidates(store, sha) -> None:
    with pytest.raises(QueryError) as err:
        resolve_ref(store, "Ban Dân vận Tỉnh ủy", "actor")
    assert masked(str(err.value), sha) == (
        "'Ban Dân vận Tỉnh ủy' matches 3 bodies or posts: body:dong-nai/ban-dan-van-tinh-uy (Ban Dân vận Tỉnh ủy, "
        "Đồng Nai); body:lai-chau/ban-dan-van-tinh-uy (Ban Dân vận Tỉnh ủy, Lai Châu); "
        "body:unknown~sha-<sha>/ban-dan-van-tinh-uy (Ban Dân vận Tỉnh ủy) — pass one id or add the province to the "
        "name, or run over all of them (--all-matches)")
    assert len(run_query(store, "who-assigned", {"body": "Ban Dân vận Tỉnh ủy"})) == 3  # the library's default: all
    with pytest.raises(QueryError, match="matches 3 bodies or posts"):
        run_query(store, "who-assigned", {"body": "Ban Dân vận Tỉnh ủy"}, ambiguous="error")


def test_every_query_runs_with_its_defaults_and_examples(store) -> None:
    for query in list_queries():
        assert {p.name for p in query.params if p.required} <= set(query.example), query.name
        run_query(store, query.name, query.example)


@pytest.mark.parametrize(("name", "params", "message"), [
    ("nope", {}, "no stored query named 'nope'"),
    ("responsibilities", {}, "needs --param body"),
    ("responsibilities", {"body": "Ban Không Có"}, "no body or post matches 'Ban Không Có'"),
    ("implementation-tree", {"document": "99/CT-TTg"}, "no document matches '99/CT-TTg'"),
    ("responsibilities", {"body": "x", "bogus": "1"}, "takes no parameter bogus"),
    ("deadlines", {"from": "tomorrow"}, "must be a date"),
    ("lead-conflicts", {"min_assignees": "two"}, "whole number"),
])
def test_errors(store, name, params, message) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        run_query(store, name, params)
