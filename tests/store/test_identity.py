"""Document identity: numbers unique only per issuing body carry the body; old stores are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from chidao.errors import StoreError
from chidao.graph.stores import cypher as q
from chidao.graph.stores import open_store
from chidao.ingest import ingest

VAN_CHAN = Path(__file__).resolve().parents[1] / "data" / "corpus" / "005_yenbai_vanchan_covid.txt"


def _district_letter(folder: Path, district: str) -> Path:
    """The Văn Chấn letter re-issued as ``12-CV/HU`` of another district of Lai Châu, in 2021."""
    text = (VAN_CHAN.read_text(encoding="utf-8")
            .replace("ĐẢNG BỘ TỈNH YÊN BÁI", "ĐẢNG BỘ TỈNH LAI CHÂU")
            .replace("HUYỆN UỶ VĂN CHẤN", f"HUYỆN UỶ {district.upper()}")
            .replace("57-CV/HU", "12-CV/HU")
            .replace("Văn Chấn, ngày 01 tháng 4 năm 2020", f"{district}, ngày 01 tháng 4 năm 2021"))
    path = folder / f"{district}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_same_number_of_two_district_committees_is_two_documents(tmp_path) -> None:
    db = tmp_path / "s.lbug"
    ingest([_district_letter(tmp_path, "Mường Tè")], db)
    report = ingest([_district_letter(tmp_path, "Phong Thổ")], db)
    assert report.added == 1 and report.nodes_added > 1
    with open_store(db, read_only=True) as store:
        ids = [r["id"] for r in store.query("MATCH (d:Document) WHERE d.is_stub = false RETURN d.id AS id ORDER BY id")]
    assert ids == ["doc:lai-chau/12-cv-hu~huyen-uy-muong-te/2021", "doc:lai-chau/12-cv-hu~huyen-uy-phong-tho/2021"]


@pytest.mark.parametrize(("id_", "expected"), [
    ({"scope": "lai-chau", "number": "629-CV/TU", "year": 2021}, "doc:lai-chau/629-cv-tu/2021"),
    ({"scope": "lai-chau", "number": "12-CV/HU", "year": 2021, "numbered_by": "Huyện ủy Mường Tè"},
     "doc:lai-chau/12-cv-hu~huyen-uy-muong-te/2021"),
    ({"scope": "vn", "number": "16/CT-TTg"}, "doc:vn/16-ct-ttg"),
    ({"scope": "vn", "sha256": "ab" * 32}, "doc:sha/abababababab"),
])
def test_document_ids(id_, expected) -> None:
    from chidao.graph import schema

    assert schema.document_id(**id_) == expected


def test_a_store_of_the_old_format_is_refused_with_the_rebuild_command(tmp_path, sample_paths) -> None:
    db = tmp_path / "old.lbug"
    ingest([sample_paths[1]], db)
    with open_store(db) as store:
        store.query(q.info_set(), {"key": "format", "value": "1"})
    for read_only in (True, False):
        with pytest.raises(StoreError, match=r"older chidao .*chidao rebuild --db ") as found:
            open_store(db, read_only=read_only)
        assert "\n" not in str(found.value)
