"""Small factories for directive records (the record contract), independent of the parser.

Spans are synthetic but consistent: each factory call takes the next free stretch of an imaginary
text, so every text-derived fact has a span and a quote.
"""

from __future__ import annotations

import itertools
from typing import Any

_offsets = itertools.count(0, 100)


def span() -> list[int]:
    start = next(_offsets)
    return [start, start + 60]


def ref(name: str, node_id: str | None = None, kind: str | None = None) -> dict[str, Any]:
    """A mention as the parser writes it; without ``node_id`` the builder resolves the name."""
    out: dict[str, Any] = {"name": name, "span": span()}
    if node_id is not None:
        out.update(id=node_id, kind=kind or node_id.split(":", 1)[0])
    return out


def assignment(body: str, role: str = "execute", quote: str | None = None) -> dict[str, Any]:
    return {"body": ref(body), "role": role, "quote": quote or f"{body} thực hiện", "span": span()}


def measure(doc_id: str, ordinal: int, *assignments: dict[str, Any], item: str | None = None,
            text: str | None = None) -> dict[str, Any]:
    return {"id": f"measure:{doc_id.removeprefix('doc:')}#{ordinal}", "item": item or str(ordinal),
            "text": text or f"Nội dung mục {ordinal}", "span": span(), "assignments": list(assignments)}


def citation(target_id: str | None, number: str | None, *, type: str = "Chỉ thị", date: str | None = None,
             relation: str = "implements", issuer: str | None = None) -> dict[str, Any]:
    return {"type": type, "number": number, "date": date, "issuer": ref(issuer) if issuer else None,
            "target_id": target_id, "relation": relation,
            "quote": f"{type} số {number}" + (f" của {issuer}" if issuer else ""), "span": span()}


def line(who: str | None, to: str, quote: str | None = None, cadence: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"who": ref(who) if who else None, "to": ref(to),
                           "quote": quote or f"{who or ''} báo cáo {to}".strip(), "span": span()}
    if cadence is not None:
        out["cadence"] = cadence
    return out


def record(doc_id: str, *, number: str | None = None, date: str | None = None, type: str = "Công văn",
           issuer: str | None = None, authority: str | None = None, subject: str = "về việc thực hiện",
           place: str | None = None, signer: tuple[str, str | None, str | None] | None = None,
           recipients: tuple[str, ...] = (), cc: tuple[str, ...] = (), citations: tuple[dict, ...] = (),
           measures: tuple[dict, ...] = (), accountability: tuple[dict, ...] = (), reporting: tuple[dict, ...] = (),
           deadlines: tuple[dict, ...] = (), warnings: tuple[str, ...] = ()) -> dict[str, Any]:
    """A whole record; ``signer`` is (name, title, capacity)."""
    return {
        "source": {"path": f"/corpus/{doc_id.replace('/', '_')}.txt", "sha256": "0" * 64, "format": "txt",
                   "encoding": "utf-8"},
        "document": {"id": doc_id, "type": type, "number": number, "date": date, "place": place,
                     "issuer": ref(issuer) if issuer else None, "authority": ref(authority) if authority else None,
                     "subject": subject},
        "signer": ({"name": signer[0], "title": signer[1], "capacity": signer[2], "span": span()} if signer
                   else None),
        "recipients": [ref(r) for r in recipients],
        "cc": [ref(c) for c in cc],
        "citations": list(citations),
        "measures": list(measures),
        "accountability": list(accountability),
        "reporting": [r if "cadence" in r else {**r, "cadence": None} for r in reporting],
        "deadlines": list(deadlines),
        "warnings": list(warnings),
    }


# --- the records the builder tests use --------------------------------------------------------------

LAI_CHAU_629 = "doc:lai-chau/629-cv-tu/2021"
LAI_CHAU_700 = "doc:lai-chau/700-cv-tu/2021"
DONG_NAI_1747 = "doc:dong-nai/1747-cv-tu/2021"
TTG_16 = "doc:vn/16-ct-ttg/2020"
UNKNOWN_761 = "doc:unknown/761-cv-tu"
NGHE_AN_02 = "doc:nghe-an/02-cd-ubnd/2021"


def lai_chau_629() -> dict[str, Any]:
    d = LAI_CHAU_629
    m2 = measure(d, 2, assignment("Ban cán sự đảng UBND tỉnh", "lead"), assignment("Công an tỉnh", "cooperate"))
    return record(
        d, number="629-CV/TU", date="2021-11-03", issuer="Tỉnh ủy Lai Châu", authority="Ban Thường vụ Tỉnh ủy",
        place="Lai Châu", signer=("Lê Văn Lương", "Phó Bí thư", "T/M"),
        recipients=("Các huyện ủy, thành ủy, đảng ủy trực thuộc", "Các ban đảng, đảng đoàn, ban cán sự đảng, BTV Tỉnh đoàn"),
        cc=("Ban Bí thư (để báo cáo)", "Như trên", "Các đồng chí Tỉnh ủy viên", "Lưu VPTU"),
        citations=(citation("doc:vn/16-ct-ttg", "16/CT-TTg", issuer="Thủ tướng Chính phủ"),
                   citation("doc:lai-chau/02-cd-ubnd/2021", "02/CĐ-UBND", type="Công điện", date="2021-10-30",
                            relation="based_on")),
        measures=(measure(d, 1, assignment("Ban Tuyên giáo Tỉnh ủy"), assignment("Ban Dân vận Tỉnh ủy")), m2,
                  measure(d, 3, assignment("bí thư các huyện ủy, thành ủy"))),
        accountability=(line("bí thư các huyện ủy, thành ủy", "Ban Thường vụ Tỉnh ủy",
                             "Đồng chí bí thư các huyện ủy, thành ủy chịu trách nhiệm trước Ban Thường vụ Tỉnh ủy"),),
        reporting=(line(None, "Thường trực Tỉnh ủy", cadence="weekly"),
                   line("Ban Tuyên giáo Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", cadence="monthly")),
        deadlines=({"what": "hoàn thành", "by": "2021-11-30", "quote": "trước ngày 30/11/2021",
                    "span": [m2["span"][0] + 5, m2["span"][0] + 25]},),
    )


def lai_chau_700() -> dict[str, Any]:
    d = LAI_CHAU_700
    return record(
        d, number="700-CV/TU", date="2021-12-10", issuer="TỈNH ỦY LAI CHÂU", authority="Thường trực Tỉnh ủy",
        signer=("LÊ VĂN LƯƠNG", "Phó Bí thư", "T/M"), recipients=("Ban Tuyên giáo Tỉnh uỷ", "UBND tỉnh"),
        cc=("Thường trực Ban Bí thư (b/c)", "Lưu: VT"),
        citations=(citation(LAI_CHAU_629, "629-CV/TU", type="Công văn", date="2021-11-03", relation="implements"),),
        measures=(measure(d, 1, assignment("Ban Tuyên giáo Tỉnh ủy", "lead"), assignment("Sở Y tế", "cooperate")),),
        accountability=(line("Sở Y tế", "Chủ tịch UBND tỉnh", "Giám đốc Sở Y tế chịu trách nhiệm trước Chủ tịch UBND tỉnh"),),
    )


def dong_nai_1747() -> dict[str, Any]:
    d = DONG_NAI_1747
    return record(
        d, number="1747-CV/TU", date="2021-07-22", issuer="Tỉnh ủy Đồng Nai", authority="Ban Thường vụ Tỉnh ủy",
        signer=("Quản Minh Cường", "Phó Bí thư", "T/M"), recipients=("Các cấp ủy trực thuộc tỉnh",),
        cc=("Ban Bí thư (b/c)", "Lưu VPTU"),
        citations=(citation("doc:vn/16-ct-ttg", "16/CT-TTg", issuer="Thủ tướng Chính phủ"),),
        measures=(measure(d, 1, assignment("Ban Tuyên giáo Tỉnh ủy"), assignment("Các sở, ban, ngành")),),
        reporting=(line(None, "Ban Thường vụ Tỉnh ủy", cadence="regular"),),
    )


def ttg_16() -> dict[str, Any]:
    d = TTG_16
    return record(
        d, number="16/CT-TTg", date="2020-03-31", type="Chỉ thị", issuer="Thủ tướng Chính phủ",
        authority="Thủ tướng Chính phủ", signer=("Nguyễn Xuân Phúc", "Thủ tướng", None),
        recipients=("Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ", "Ủy ban nhân dân các tỉnh, thành phố"),
        measures=(measure(d, 1, assignment("Bộ Y tế", "lead"), assignment("Bộ Công an", "cooperate")),),
    )


def unknown_761() -> dict[str, Any]:
    d = UNKNOWN_761
    return record(
        d, number="761-CV/TU", issuer=None, authority="Ban Thường vụ Tỉnh ủy", signer=("Trần Đình Văn", "Phó Bí thư", "T/M"),
        recipients=("Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",),
        measures=(measure(d, 1, assignment("Ban Tuyên giáo Tỉnh ủy", "lead"), assignment("Tỉnh Đoàn")),),
        accountability=(line("bí thư các huyện ủy, thành ủy", "Ban Thường vụ Tỉnh ủy"),),
    )


def nghe_an_02() -> dict[str, Any]:
    """A state công điện the Chủ tịch signs in person (no TM.): the post issues it."""
    d = NGHE_AN_02
    return record(
        d, number="02/CĐ-UBND", date="2021-08-01", type="Công điện", issuer="Ủy ban nhân dân tỉnh Nghệ An",
        authority="Chủ tịch Ủy ban nhân dân tỉnh", signer=("Nguyễn Đức Trung", "Chủ tịch", None),
        recipients=("Giám đốc các sở, ban, ngành cấp tỉnh", "Chủ tịch UBND các huyện, thành phố, thị xã"),
        cc=("Văn phòng Chính phủ (b/c)", "TT Tỉnh uỷ, TT HĐND tỉnh (b/c)", "Lưu: VT, NN"),
        measures=(measure(d, 1, assignment("Sở Công Thương", "lead")),),
    )


def all_records() -> list[dict[str, Any]]:
    return [lai_chau_629(), lai_chau_700(), dong_nai_1747(), ttg_16(), unknown_761(), nghe_an_02()]
