"""The five seed texts: header fields, top-level sections, every citation and every deadline.

Expectations were written by reading the seeds (../shared/seeds); they are not produced by the parser.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from analyzer.ingest.legal_files import read_legal_text
from analyzer.parse.legal import LegalDocument, legal_to_json
from support import shared_path

CT10 = ("Chỉ thị", "10/CT-TTg", 2019, "TTg", "2019-04-22")


def seed(prefix: str) -> LegalDocument:
    folder = shared_path("seeds")
    (path,) = sorted(Path(folder).glob(f"{prefix}_*.txt"))
    return read_legal_text(path)


def citation_counts(document: LegalDocument) -> Counter:
    return Counter((c.type, c.number or c.name, c.year, c.issuer_code, c.date) for c in document.citations)


def deadlines(document: LegalDocument) -> list[tuple]:
    return [(d.text, d.date, d.recurrence, d.day, d.month) for d in document.deadlines]


def header(document: LegalDocument) -> tuple:
    return (document.type, document.number, document.issuer, document.place, document.date)


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_news_and_summaries_have_no_header_or_sections(prefix: str) -> None:
    document = seed(prefix)
    assert header(document) == (None,) * 5
    assert document.title is None
    assert document.structure == []
    assert document.signature is None


def test_seed_000_ministry_plan_summary() -> None:
    document = seed("000")
    assert citation_counts(document) == Counter({CT10: 4})
    assert deadlines(document) == []


def test_seed_001_can_tho_plan_header() -> None:
    document = seed("001")
    assert header(document) == ("Kế hoạch", "17/KH-UBND", "Ủy ban nhân dân thành phố Cần Thơ", "Cần Thơ", "2024-01-15")
    assert document.title.startswith("TIẾP TỤC TRIỂN KHAI, QUÁN TRIỆT VÀ TỔ CHỨC THỰC HIỆN CHỈ THỊ SỐ 10/CT-TTG")
    assert document.title.endswith("DOANH NGHIỆP TRONG GIẢI QUYẾT CÔNG VIỆC")
    assert "\n" not in document.title and "  " not in document.title


def test_seed_001_sections_items_and_points() -> None:
    document = seed("001")
    assert [(n.kind, n.label, n.heading) for n in document.structure] == [
        ("section", "I", "MỤC ĐÍCH, YÊU CẦU"),
        ("section", "II", "NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU"),
        ("section", "III", "TỔ CHỨC THỰC HIỆN"),
    ]
    assert [[c.label for c in section.children] for section in document.structure] == [
        ["1", "2", "3"], ["1", "2", "3", "4", "5", "6"], ["1", "2", "3", "4", "5", "6", "7"]]
    points = {f"{s.label}.{i.label}": [p.label for p in i.children] for s in document.structure for i in s.children}
    assert points["II.3"] == ["a", "b", "c", "d", "đ", "e"]
    assert points["III.1"] == ["a", "b", "c", "d", "đ"]
    assert points["III.4"] == []
    assert document.structure[2].children[3].heading == "Giám đốc Sở Tư pháp"


def test_seed_001_citations() -> None:
    document = seed("001")
    assert citation_counts(document) == Counter({
        CT10: 16,
        ("Nghị định", "157/2007/NĐ-CP", 2007, "CP", "2007-10-27"): 1,
        ("Chỉ thị", "20/CT-TTg", 2017, "TTg", "2017-05-17"): 2,
        ("Nghị quyết", "26-NQ/TW", 2018, "TW", "2018-05-19"): 3,
        ("Nghị quyết", "132/NQ-CP", 2018, "CP", "2018-10-24"): 1,
        ("Kế hoạch", "10-KH/TW", 2018, "TW", "2018-06-06"): 1,
        ("Luật", "Phòng, chống tham nhũng", 2018, None, None): 1,
    })
    assert {c.issuer for c in document.citations if c.number == "10/CT-TTg"} == {"Thủ tướng Chính phủ"}
    assert {c.issuer for c in document.citations if c.number == "10-KH/TW"} == {"Bộ Chính trị"}


def test_seed_001_deadlines_and_their_tasks() -> None:
    document = seed("001")
    assert deadlines(document) == [
        ("định kỳ", None, "periodic", None, None),  # II.4.b "định kỳ báo cáo theo quy định"
        ("trước ngày 30 tháng 3 năm 2024", "2024-03-30", None, None, None),
        ("trước ngày 10 tháng 11 hàng năm", None, "yearly", 10, 11),
        ("trước ngày 20 tháng 11 hàng năm", None, "yearly", 20, 11),
    ]
    tasks = {a.node: a for a in document.assignments}
    assert tasks["III.1.b"].deadline.date == "2024-03-30"
    assert tasks["III.1.c"].deadline.recurrence == "yearly"
    assert tasks["III.2.a"].lead == "Giám đốc Sở Nội vụ" and tasks["III.2.a"].deadline.day == 20
    assert tasks["III.4"].lead == "Giám đốc Sở Tư pháp"
    assert tasks["III.4"].partners == ["Thủ trưởng cơ quan, đơn vị có liên quan"]
    assert tasks["III.1.đ"].lead == "Các cơ quan, đơn vị có liên quan"
    assert tasks["III.1.đ"].partners == ["Văn phòng Ủy ban nhân dân thành phố"]


def test_seed_001_signature_and_recipients() -> None:
    document = seed("001")
    signature = document.signature
    assert (signature.authority, signature.position, signature.signer) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Việt Trường")
    assert document.recipients[0] == "Thanh tra Chính phủ" and document.recipients[-1] == "Lưu: VT, H."
    assert len(document.recipients) == 10
    assert document.structure[-1].end <= signature.start


def test_seed_002_news_noise_and_quarterly_report() -> None:
    document = seed("002")
    assert citation_counts(document) == Counter()
    assert deadlines(document) == [("Định kỳ hàng quý", None, "quarterly", None, None)]
    assert "Ảnh minh" not in document.text and "05:09" not in document.text
    assert document.text.count("vừa ban hành kế hoạch triển khai") == 1  # the repeated lead is dropped
    leads = [a.lead for a in document.assignments]
    assert leads[:3] == ["Sở Tư pháp", "Sở Nội vụ", "Thanh tra tỉnh"]


def test_seed_003_government_office_letter() -> None:
    document = seed("003")
    assert citation_counts(document) == Counter({
        ("Nghị quyết", "84/NQ-CP", 2020, "CP", "2020-05-29"): 3,  # the third is "Nghị quyết trên"
        ("Nghị định", "45/2020/NĐ-CP", 2020, "CP", None): 1,
        ("Nghị quyết", "68/NQ-CP", 2020, "CP", "2020-05-12"): 1,
        ("Nghị định", "9/2019/NĐ-CP", 2019, "CP", None): 1,
    })
    targets = [c.target.path for c in document.citations if c.target]
    assert targets == [[("điểm", "7"), ("mục", "III")], [("tiết", "v"), ("điểm", "3"), ("mục", "II")]]
    assert deadlines(document) == [("trước ngày 30/6/2020", "2020-06-30", None, None, None)]


def test_seed_004_web_form_noise() -> None:
    document = seed("004")
    assert citation_counts(document) == Counter()
    assert deadlines(document) == []
    assert "Bạn còn" not in document.text and "ký tự" not in document.text


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_json_has_the_issue_keys(prefix: str) -> None:
    data = legal_to_json(seed(prefix))
    assert {"source", "type", "number", "issuer", "place", "date", "title", "structure", "citations", "assignments",
            "signature", "recipients", "procedures", "findings"} <= set(data)
