"""Entity resolution: one node per body per province, national bodies shared, groups and posts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.graph.resolve import Context, canonical, province_from, province_scope, resolve
from chidao.loaders.normalize import match_key

LAI_CHAU = Context("lai-chau", dt.date(2021, 11, 3), "lai-chau-629-cv-tu-2021")
DONG_NAI = Context("dong-nai", dt.date(2021, 7, 22), "dong-nai-1747-cv-tu-2021")
UNKNOWN = Context(None, None, "unknown-761-cv-tu")

CASES = [
    (LAI_CHAU, "Ban Tuyên giáo Tỉnh ủy", "body:lai-chau/ban-tuyen-giao-tinh-uy", "body", "Ban Tuyên giáo Tỉnh ủy"),
    (DONG_NAI, "Ban Tuyên giáo Tỉnh ủy", "body:dong-nai/ban-tuyen-giao-tinh-uy", "body", "Ban Tuyên giáo Tỉnh ủy"),
    (LAI_CHAU, "Ban Tuyên giáo Tỉnh uỷ", "body:lai-chau/ban-tuyen-giao-tinh-uy", "body", "Ban Tuyên giáo Tỉnh ủy"),
    (LAI_CHAU, "UBND tỉnh", "body:lai-chau/uy-ban-nhan-dan-tinh", "body", "Ủy ban nhân dân tỉnh"),
    (LAI_CHAU, "Ủy ban nhân dân tỉnh", "body:lai-chau/uy-ban-nhan-dan-tinh", "body", "Ủy ban nhân dân tỉnh"),
    (LAI_CHAU, "Uỷ ban nhân dân tỉnh", "body:lai-chau/uy-ban-nhan-dan-tinh", "body", "Ủy ban nhân dân tỉnh"),
    (LAI_CHAU, "BTV Tỉnh đoàn", "body:lai-chau/ban-thuong-vu-tinh-doan", "body", "Ban Thường vụ Tỉnh đoàn"),
    (LAI_CHAU, "Ban Thường vụ Tỉnh đoàn", "body:lai-chau/ban-thuong-vu-tinh-doan", "body", "Ban Thường vụ Tỉnh đoàn"),
    (LAI_CHAU, "Tỉnh ủy Lai Châu", "body:lai-chau/tinh-uy", "body", "Tỉnh ủy"),
    (DONG_NAI, "TỈNH ỦY ĐỒNG NAI", "body:dong-nai/tinh-uy", "body", "Tỉnh ủy"),
    (LAI_CHAU, "UBND tỉnh Nghệ An", "body:nghe-an/uy-ban-nhan-dan-tinh", "body", "Ủy ban nhân dân tỉnh"),
    (LAI_CHAU, "Thủ tướng Chính phủ", "body:vn/thu-tuong-chinh-phu", "body", "Thủ tướng Chính phủ"),
    (DONG_NAI, "Thủ tướng Chính phủ", "body:vn/thu-tuong-chinh-phu", "body", "Thủ tướng Chính phủ"),
    (UNKNOWN, "Ban Bí thư", "body:vn/ban-bi-thu", "body", "Ban Bí thư"),
    (LAI_CHAU, "Ban Bí thư (để báo cáo)", "body:vn/ban-bi-thu", "body", "Ban Bí thư"),
    (LAI_CHAU, "Thường trực Ban Bí thư", "body:vn/thuong-truc-ban-bi-thu", "body", "Thường trực Ban Bí thư"),
    (LAI_CHAU, "Bộ Y tế", "body:vn/bo-y-te", "body", "Bộ Y tế"),
    (LAI_CHAU, "Chính phủ", "body:vn/chinh-phu", "body", "Chính phủ"),
    (LAI_CHAU, "Bộ Chính trị", "body:vn/bo-chinh-tri", "body", "Bộ Chính trị"),
    (LAI_CHAU, "Bộ Chỉ huy Quân sự tỉnh", "body:lai-chau/bo-chi-huy-quan-su-tinh", "body", "Bộ Chỉ huy Quân sự tỉnh"),
    (LAI_CHAU, "Quân sự tỉnh", "body:lai-chau/bo-chi-huy-quan-su-tinh", "body", "Bộ Chỉ huy Quân sự tỉnh"),
    (LAI_CHAU, "Công an tỉnh", "body:lai-chau/cong-an-tinh", "body", "Công an tỉnh"),
    (LAI_CHAU, "các huyện ủy, thành ủy", "group:lai-chau/cac-huyen-uy-thanh-uy", "group", "Các huyện ủy, thành ủy"),
    (LAI_CHAU, "Các huyện uỷ, thành uỷ", "group:lai-chau/cac-huyen-uy-thanh-uy", "group", "Các huyện ủy, thành ủy"),
    (LAI_CHAU, "Các sở, ban, ngành", "group:lai-chau/cac-so-ban-nganh", "group", "Các sở, ban, ngành"),
    (LAI_CHAU, "bí thư các huyện ủy, thành ủy", "post:lai-chau/bi-thu-cac-huyen-uy-thanh-uy", "post",
     "Bí thư các huyện ủy, thành ủy"),
    (LAI_CHAU, "Đồng chí bí thư các huyện ủy, thành ủy", "post:lai-chau/bi-thu-cac-huyen-uy-thanh-uy", "post",
     "Bí thư các huyện ủy, thành ủy"),
    (LAI_CHAU, "Bí thư các huyện uỷ, thành uỷ", "post:lai-chau/bi-thu-cac-huyen-uy-thanh-uy", "post",
     "Bí thư các huyện ủy, thành ủy"),
    (LAI_CHAU, "Chủ tịch Ủy ban nhân dân tỉnh", "post:lai-chau/chu-tich-uy-ban-nhan-dan-tinh", "post",
     "Chủ tịch Ủy ban nhân dân tỉnh"),
    (LAI_CHAU, "Chủ tịch UBND tỉnh", "post:lai-chau/chu-tich-uy-ban-nhan-dan-tinh", "post",
     "Chủ tịch Ủy ban nhân dân tỉnh"),
    (LAI_CHAU, "Các đồng chí Tỉnh ủy viên", "post:lai-chau/tinh-uy-vien", "post", "Tỉnh ủy viên"),
    (LAI_CHAU, "Ban Chỉ đạo phòng, chống dịch bệnh Covid-19 tỉnh",
     "body:lai-chau/ban-chi-dao-phong-chong-dich-benh-covid-19-tinh", "body",
     "Ban Chỉ đạo phòng, chống dịch bệnh Covid-19 tỉnh"),
    (LAI_CHAU, "Ban chỉ đạo phòng, chống COVID-19 tỉnh",
     "body:lai-chau/ban-chi-dao-phong-chong-dich-benh-covid-19-tinh", "body",
     "Ban Chỉ đạo phòng, chống dịch bệnh Covid-19 tỉnh"),
    (LAI_CHAU, "Sở Văn hóa, Thể thao và Du lịch", "body:lai-chau/so-van-hoa-the-thao-va-du-lich", "body",
     "Sở Văn hóa, Thể thao và Du lịch"),
    (LAI_CHAU, "Sở Y tế, Sở Tài chính", "group:lai-chau/so-y-te-so-tai-chinh", "group", "Sở Y tế, Sở Tài chính"),
    (UNKNOWN, "Ban Thường vụ Tỉnh ủy", "body:unknown~unknown-761-cv-tu/ban-thuong-vu-tinh-uy", "body",
     "Ban Thường vụ Tỉnh ủy"),
    (UNKNOWN, "Tỉnh Đoàn", "body:unknown~unknown-761-cv-tu/tinh-doan", "body", "Tỉnh đoàn"),
]


@pytest.mark.parametrize(("ctx", "mention", "node_id", "kind", "name"), CASES)
def test_resolve(ctx: Context, mention: str, node_id: str, kind: str, name: str) -> None:
    r = resolve(mention, ctx)
    assert (r.id, r.kind, r.name) == (node_id, kind, name)


def test_person() -> None:
    r = resolve("Lê Văn Lương", LAI_CHAU, kind="person")
    assert (r.id, r.kind) == ("person:lai-chau/le-van-luong", "person")


def test_jurisdiction_unknown_is_not_guessed() -> None:
    r = resolve("Ban Tuyên giáo Tỉnh ủy", UNKNOWN)
    assert r.jurisdiction is None
    assert r.scope == "unknown~unknown-761-cv-tu"


def test_parents() -> None:
    assert resolve("Ban Thường vụ Tỉnh ủy", LAI_CHAU).parent == "body:lai-chau/tinh-uy"
    assert resolve("Thường trực Ban Bí thư", LAI_CHAU).parent == "body:vn/ban-bi-thu"
    assert resolve("Sở Y tế", LAI_CHAU).parent is None


@pytest.mark.parametrize(("text", "slug"), [
    ("Tỉnh ủy Lai Châu", "lai-chau"), ("TỈNH ỦY ĐỒNG NAI", "dong-nai"), ("Thanh Hoá", "thanh-hoa"),
    ("Khánh Hoà, ngày", "khanh-hoa"), ("UBND tỉnh Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
    ("TP. Hồ Chí Minh", "ho-chi-minh"), ("Thừa Thiên Huế", "hue"), ("Hà Nội", "ha-noi"),
    ("Ban Tuyên giáo Tỉnh ủy", None), ("Nam", None),
])
def test_province_from(text: str, slug: str | None) -> None:
    found = province_from(text)
    assert (found[0] if found else None) == slug


def test_merged_provinces_are_new_entities_from_july_2025() -> None:
    assert province_scope("dong-nai", dt.date(2025, 6, 30)) == "dong-nai"
    assert province_scope("dong-nai", dt.date(2025, 7, 1)) == "dong-nai-2025"
    assert province_scope("lai-chau", dt.date(2026, 1, 1)) == "lai-chau"  # kept name and borders


def test_time_scoped_lexicon_entry() -> None:
    r = resolve("Ban Tuyên giáo và Dân vận Tỉnh ủy", Context("lai-chau", dt.date(2025, 10, 1), "x"))
    assert r.valid_from == "2025-03-01"
    assert resolve("Ban Tuyên giáo Tỉnh ủy", LAI_CHAU).valid_to == "2025-02-28"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_resolve_never_raises_and_is_deterministic(text: str) -> None:
    first = resolve(text, LAI_CHAU)
    assert first == resolve(text, LAI_CHAU)
    assert first.id.split(":", 1)[0] in ("body", "post", "group")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_match_key_and_canonical_are_idempotent(text: str) -> None:
    assert match_key(match_key(text)) == match_key(text)
    assert canonical(canonical(text)) == canonical(text)
