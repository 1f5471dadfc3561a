"""The one name matcher (issue 13): every command and run_query find the same nodes for a name."""

from __future__ import annotations

import pytest

from chidao.graph import schema
from chidao.graph.names import find_province, match_names, name_key, split_province


@pytest.mark.parametrize(("a", "b"), [
    ("Ban Tuyên giáo Tỉnh uỷ", "ban tuyen giao tinh uy"),
    ("Ban Tuyên giáo Tỉnh ủy", "BAN TUYÊN GIÁO TỈNH UỶ"),
    ("UBND tỉnh", "ubnd tinh"),
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
    ("đồng chí Lê Văn Lương", "Lê Văn Lương"),
    ("đ/c Lê Văn Lương", "le van luong"),
    ("Bí thư các huyện ủy, thành ủy", "bí thư huyện ủy thành ủy"),
    ("Ban Chỉ đạo phòng, chống dịch", "ban chi dao phong chong dich"),
])
def test_spellings_of_one_name_share_a_key(a, b) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy"),
    ("Tỉnh ủy", "Tỉnh đoàn"),
    ("Ủy ban nhân dân tỉnh", "Hội đồng nhân dân tỉnh"),
])
def test_different_names_keep_different_keys(a, b) -> None:
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(("text", "found"), [
    ("lai chau", ("", ("lai-chau", "Lai Châu"))),
    ("Lai-Châu", ("", ("lai-chau", "Lai Châu"))),
    ("tỉnh Lai Châu", ("", ("lai-chau", "Lai Châu"))),
    ("TP. Hồ Chí Minh", ("", ("ho-chi-minh", "Thành phố Hồ Chí Minh"))),
    ("ho chi minh", ("", ("ho-chi-minh", "Thành phố Hồ Chí Minh"))),
    ("ba ria vung tau", ("", ("ba-ria-vung-tau", "Bà Rịa - Vũng Tàu"))),
    ("ban tuyen giao tinh uy lai chau", ("ban tuyen giao tinh uy", ("lai-chau", "Lai Châu"))),
    ("Ban Tuyên giáo Tỉnh ủy, tỉnh Đồng Nai", ("ban tuyen giao tinh uy", ("dong-nai", "Đồng Nai"))),
    ("Ban Dân vận Tỉnh ủy", None),
    ("Atlantis", None),
])
def test_a_province_at_the_end_of_a_name(text, found) -> None:
    assert split_province(text) == found
    assert find_province(text) == (found[1] if found and not found[0] else None)


NODES = [
    {"id": "body:lai-chau/ban-tuyen-giao-tinh-uy", "name": "Ban Tuyên giáo Tỉnh ủy", "jurisdiction": "Lai Châu"},
    {"id": "body:dong-nai/ban-tuyen-giao-tinh-uy", "name": "Ban Tuyên giáo Tỉnh ủy", "jurisdiction": "Đồng Nai"},
    {"id": "body:lai-chau/cong-an-tinh", "name": "Công an tỉnh", "jurisdiction": "Lai Châu"},
    {"id": "body:unknown~x/tinh-uy", "name": "Tỉnh ủy", "scope": "unknown~x"},
    {"id": "body:lai-chau-2025/tinh-uy", "name": "Tỉnh ủy", "scope": "lai-chau-2025"},
]


@pytest.mark.parametrize(("ref", "ids"), [
    ("body:lai-chau/cong-an-tinh", ["body:lai-chau/cong-an-tinh"]),
    ("ban tuyen giao tinh uy", ["body:dong-nai/ban-tuyen-giao-tinh-uy", "body:lai-chau/ban-tuyen-giao-tinh-uy"]),
    ("ban tuyen giao tinh uy lai chau", ["body:lai-chau/ban-tuyen-giao-tinh-uy"]),
    ("Công an Lai Châu", ["body:lai-chau/cong-an-tinh"]),
    ("công an tỉnh lai chau", ["body:lai-chau/cong-an-tinh"]),
    ("Tỉnh uỷ Lai Châu", ["body:lai-chau-2025/tinh-uy"]),  # by scope, after the 2025 merger
    ("Ban Tuyên giáo Tỉnh ủy Hà Giang", []),
])
def test_match_names(ref, ids) -> None:
    assert match_names(ref, NODES) == ids


def test_graph_focus_and_store_queries_find_the_same_nodes(store, sample_records) -> None:
    """One matcher: ``--body`` on exports (graph) and ``--param body=`` on queries (store) agree."""
    from chidao.graph.build import build_graph
    from chidao.graph.focus import find_actors
    from chidao.queries import find_ids

    graph = build_graph(sample_records)
    for ref in ("ban tuyen giao tinh uy lai chau", "Ban Dân vận Tỉnh ủy", "ubnd tinh dong nai", "Tỉnh ủy viên",
                "bi thu cac huyen uy, thanh uy"):
        assert find_actors(graph, ref, schema.ACTORS) == find_ids(store, ref, "actor"), ref


def _strip_accents(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


def test_every_sample_body_is_found_by_its_name_typed_without_accents(store) -> None:
    """Accents, case and Uỷ/Ủy never matter, and a name plus its province finds that province's node."""
    from chidao.queries import find_ids

    rows = []
    for label in ("Body", "Post"):
        rows += store.query(f"MATCH (n:{label}) RETURN n.id AS id, n.name AS name, n.jurisdiction AS jurisdiction, "
                            "n.scope AS scope")
    assert len(rows) > 90
    for row in rows:
        name = row["name"]
        for spelling in (_strip_accents(name), name.upper(), name.replace("ủy", "uỷ"), _strip_accents(name).lower()):
            assert name_key(spelling) == name_key(name), (name, spelling)
        if row["jurisdiction"] and row["jurisdiction"] != "Việt Nam":  # a country is not a province
            ref = _strip_accents(f"{name} {row['jurisdiction']}").lower()
            found = match_names(ref, rows)
            assert row["id"] in found and all(r["jurisdiction"] == row["jurisdiction"]
                                              for r in rows if r["id"] in found), ref
    assert find_ids(store, "ban tuyen giao tinh uy lai chau", "actor") == ["body:lai-chau/ban-tuyen-giao-tinh-uy"]
