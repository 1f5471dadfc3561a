"""Every stored query on the sample directives, with the exact rows expected."""

from __future__ import annotations

import pytest

from chidao.errors import QueryError
from chidao.ingest import ingest
from chidao.queries import list_queries, run_query


def project(rows, *columns):
    return [tuple(r[c] for c in columns) for r in rows]


def test_accountability_chain(store) -> None:
    for spelling in ("bí thư các huyện ủy, thành ủy", "Bí thư các huyện uỷ, thành uỷ",
                     "post:unknown~unknown-761-cv-tu/bi-thu-cac-huyen-uy-thanh-uy"):
        rows = run_query(store, "accountability-chain", {"body": spelling})
        assert project(rows, "from", "link", "to", "document", "quote") == [
            ("Ban Thường vụ Tỉnh ủy", "PART_OF", "Tỉnh ủy", None, None),
            ("Bí thư các huyện ủy, thành ủy", "ACCOUNTABLE_TO", "Ban Thường vụ Tỉnh ủy", "761-CV/TU",
             "Đồng chí bí thư các huyện ủy, thành ủy chịu trách nhiệm trước Ban Thường vụ Tỉnh ủy"),
        ]


def test_responsibilities(store) -> None:
    rows = run_query(store, "responsibilities", {"body": "Ban Tuyên giáo Tỉnh ủy"})
    assert project(rows, "role", "document", "date", "item", "answers_to", "reports_to") == [
        ("execute", "1747-CV/TU", "2021-07-22", "5", [], []),
        ("execute", "629-CV/TU", "2021-11-03", "4", [], []),
        ("lead", "761-CV/TU", None, "6", [], ["Ban Thường vụ Tỉnh ủy (regular)"]),
        ("execute", None, None, "4", [], []),
    ]
    assert rows[1]["quote"] == "Ban Tuyên giáo Tỉnh ủy chỉ đạo các cơ"


def test_implementation_tree(store) -> None:
    rows = run_query(store, "implementation-tree", {"document": "16/CT-TTg"})
    assert {r["level"] for r in rows} == {1}
    assert {r["document"] for r in rows} == {"761-CV/TU"}
    assert project(rows, "role", "assigned", "item")[-3:] == [
        ("execute", "Tỉnh đoàn", "5"), ("lead", "Ban Tuyên giáo Tỉnh ủy", "6"),
        ("cooperate", "Các cơ quan liên quan", "6")]
    assert len(rows) == 15


def test_who_assigned(store) -> None:
    rows = run_query(store, "who-assigned", {"body": "Ban Dân vận Tỉnh ủy"})
    assert project(rows, "issuers", "document", "date", "role", "item") == [
        (["Ban Thường vụ Tỉnh ủy", "Tỉnh ủy"], "1747-CV/TU", "2021-07-22", "execute", "4"),
        (["Ban Thường vụ Tỉnh ủy", "Tỉnh ủy"], "629-CV/TU", "2021-11-03", "execute", "5"),
        (["Ban Thường vụ Tỉnh ủy"], None, None, "execute", "5"),
    ]


def test_unaccountable(store) -> None:
    rows = run_query(store, "unaccountable")
    ids = [r["id"] for r in rows]
    assert len(rows) == 54
    assert "body:lai-chau/ban-tuyen-giao-tinh-uy" in ids
    assert "post:unknown~unknown-761-cv-tu/bi-thu-cac-huyen-uy-thanh-uy" not in ids  # answers to the BTV
    assert "body:unknown~unknown-761-cv-tu/ban-tuyen-giao-tinh-uy" not in ids  # reports to the BTV
    assert rows[0] == {"id": "body:unknown~sha-693115ecab85/mat-tran-to-quoc", "name": "Mặt trận Tổ quốc",
                       "jurisdiction": None, "measures": 2}


def test_signer_reach(store) -> None:
    rows = run_query(store, "signer-reach", {"person": "Lê Văn Lương"})
    assert project(rows, "person", "capacity", "title", "document", "bodies_reached") == [
        ("Lê Văn Lương", "T/M", "Phó Bí thư", "629-CV/TU", 18)]


def test_lead_conflicts(store) -> None:
    rows = run_query(store, "lead-conflicts", {"min_assignees": "3"})
    assert sorted(project(rows, "document", "item", "leads", "assignees"), key=str) == sorted([
        ("1747-CV/TU", "1", 0, 4), ("629-CV/TU", None, 0, 6), ("629-CV/TU", "5", 0, 3), ("629-CV/TU", "3", 0, 3),
        (None, None, 0, 4), (None, "1", 0, 3), (None, "5", 0, 3), (None, None, 0, 5), ("761-CV/TU", "5", 0, 6),
        ("761-CV/TU", "1", 0, 4)], key=str)


def test_citations(store) -> None:
    rows = run_query(store, "citations")
    assert project(rows, "id", "number", "date", "stub", "cited_by", "citing") == [
        ("doc:unknown~sha-693115ecab85/02-cd-ubnd/2021", "02/CĐ-UBND", "2021-04-26", True, 1, ["doc:sha/693115ecab85"]),
        ("doc:vn/16-ct-ttg", "16/CT-TTg", None, True, 1, ["761-CV/TU"]),
        ("doc:vn/21-nq-cp/2021", "21/NQ-CP", "2021-02-26", True, 1, ["doc:sha/693115ecab85"]),
        ("doc:vn/thuong-truc-ban-bi-thu/cong-dien/2021-04-27", None, "2021-04-27", True, 1, ["doc:sha/693115ecab85"]),
        ("doc:vn/thuong-truc-ban-bi-thu/dien/2021-07-21", None, "2021-07-21", True, 1, ["1747-CV/TU"]),
    ]


def test_province_compare(store) -> None:
    rows = run_query(store, "province-compare", {"document": "doc:vn/thuong-truc-ban-bi-thu/dien/2021-07-21"})
    assert {r["province"] for r in rows} == {"Đồng Nai"}
    assert project(rows, "role", "assigned", "item")[:5] == [
        ("execute", "Ban Thường vụ Tỉnh đoàn", "1"), ("execute", "Các ban cán sự đảng", "1"),
        ("execute", "Các cấp ủy trực thuộc tỉnh", "1"), ("execute", "Đảng đoàn", "1"),
        ("execute", "Bí thư các cấp ủy trực thuộc tỉnh", "2")]
    assert len(rows) == 10


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
    from chidao.graph.stores import open_store

    ingest([path], tmp_path / "d.lbug")
    with open_store(tmp_path / "d.lbug", read_only=True) as s:
        rows = run_query(s, "deadlines", {"from": "2023-11-01", "to": "2023-12-31"})
        assert project(rows, "deadline", "document", "item", "responsible") == [
            ("2023-11-20", "15/CT-UBND", "2", ["Ủy ban nhân dân các huyện, thành phố"]),
            ("2023-12-15", "15/CT-UBND", "1", ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài chính"]),
        ]
        assert run_query(s, "deadlines", {"from": "2024-01-01"}) == []


def test_every_query_runs_on_the_samples(store) -> None:
    params = {"body": "Ban Tuyên giáo Tỉnh ủy", "document": "16/CT-TTg", "person": "Lê Văn Lương"}
    for query in list_queries():
        run_query(store, query.name, {p.name: params[p.name] for p in query.params if p.required})


@pytest.mark.parametrize(("name", "params", "message"), [
    ("nope", {}, "no stored query named 'nope'"),
    ("responsibilities", {}, "needs --param body"),
    ("responsibilities", {"body": "Ban Không Có"}, "no body or post matches"),
    ("responsibilities", {"body": "x", "bogus": "1"}, "takes no parameter bogus"),
    ("deadlines", {"from": "tomorrow"}, "must be a date"),
    ("lead-conflicts", {"min_assignees": "two"}, "whole number"),
])
def test_errors(store, name, params, message) -> None:
    with pytest.raises(QueryError, match=message):
        run_query(store, name, params)
