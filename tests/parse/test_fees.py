"""Fee cells: labelled lines, portal-flat cells, Vietnamese number formats, currencies and units."""

from __future__ import annotations

import glob
import gzip
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.parse.fees import parse_fees
from support import shared_path


@pytest.mark.parametrize(
    ("text", "amount", "currency", "per", "kind"),
    [
        ("Phí : 0 Đồng", 0, "VND", None, "phi"),
        ("Lệ phí : 50.000 Đồng", 50_000, "VND", None, "le_phi"),
        ("Lệ phí: 200000 ĐồngXem chi tiết", 200_000, "VND", None, "le_phi"),
        ("1,200,000 Việt Nam Đồng(1.200.000đ/thẻ ABTC.)", 1_200_000, "VND", "thẻ ABTC", None),
        ("10 USD(/lần)", 10, "USD", "lần", None),
        ("Phí : 20 USD (20USD/giấy)", 20, "USD", "giấy", "phi"),
        ("50.000đ", 50_000, "VND", None, None),
        ("1,5 triệu đồng", 1_500_000, "VND", None, None),
        ("500 nghìn đồng/hồ sơ", 500_000, "VND", "hồ sơ", None),
        ("Phí : 15.000.000 Đồng (15.000.000/lần/ đơn vị)", 15_000_000, "VND", "lần/đơn vị", "phi"),
        ("Lệ phí : 200.000 Đồng (200.000 đồng/01 giấy.)", 200_000, "VND", "giấy", "le_phi"),
        ("Lệ phí : 100.000 Đồng (100.000 VNĐ/giấy phép)", 100_000, "VND", "giấy phép", "le_phi"),
        ("Phí :  Đồng (- Cấp lại do thay đổi: 10.000.000 đồng/lần - Cấp lại do mất 5.000.000 đồng/lần)",
         10_000_000, "VND", "lần", "phi"),
        ("Phí : Không Đồng", 0, "VND", None, "phi"),
        ("Phí :  Đồng (Không)", 0, None, None, "phi"),
        ("Lệ phí :  Đồng (Không thu lệ phí)", 0, None, None, "le_phi"),
        ("Miễn phí", 0, None, None, None),
        ("Miễn lệ phí", 0, None, None, None),
        ("Phí: ĐồngXem chi tiết", None, None, None, "phi"),
        ("Phí :  Đồng (Theo quy định của Bộ Tài chính)", None, None, None, "phi"),
        # a year before "Đồng" is not an amount, nor is a percentage
        ("Phí : Mức thu bằng 50% mức thu phí tại Thông tư số 288/2016/TT-BTC ngày 15 tháng 11 năm 2016 Đồng",
         None, None, None, "phi"),
        ("Lệ phí : 100 Đồng (Luật 43/2010/QH12)", 100, "VND", None, "le_phi"),  # "/QH12" is no unit
    ],
)
def test_single_fee(text: str, amount: float | None, currency: str | None, per: str | None, kind: str | None) -> None:
    (fee,) = parse_fees(text)
    assert (fee.amount, fee.currency, fee.per, fee.kind) == (amount, currency, per, kind)
    assert fee.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phí : 100.000 Đồng\nLệ phí : 50.000 Đồng", [(100_000, "phi"), (50_000, "le_phi")]),
        ("Phí : 0 Đồng\nLệ phí : 0 Đồng\nMức giá : 0 Đồng", [(0, "phi"), (0, "le_phi"), (0, None)]),
        ("Phí :   (Theo quy định của Bộ Tài chính)\nFile đính kèm: 123456.pdf\nLệ phí :   (Theo quy định)",
         [(None, "phi"), (None, "le_phi")]),
        ("Lệ phí : 10000 Đồng (chứng nhận lãnh sự)\nLệ phí : 30000 Đồng (hợp pháp hoá lãnh sự)",
         [(10_000, "le_phi"), (30_000, "le_phi")]),
        ("Phí : 1.000.000 Đồng (a; b; c)\nPhí : 2.000.000 Đồng (d)", [(1_000_000, "phi"), (2_000_000, "phi")]),
        ("50.000đ; 1,5 triệu đồng", [(50_000, None), (1_500_000, None)]),
        ("100.000 đồng/lần\n200.000 đồng/lần (cấp lại)", [(100_000, None), (200_000, None)]),
    ],
)
def test_several_fees_in_one_cell(text: str, expected: list[tuple[float | None, str | None]]) -> None:
    assert [(fee.amount, fee.kind) for fee in parse_fees(text)] == expected


@pytest.mark.parametrize("text", [None, "", "  ", "Không có thông tin", "Xem chi tiết"])
def test_no_fee_information(text: str | None) -> None:
    assert parse_fees(text) == []


def test_unpriced_text_is_kept_for_a_warning() -> None:
    (fee,) = parse_fees("Theo quy định của Hội đồng nhân dân tỉnh")
    assert fee.amount is None and fee.text == "Theo quy định của Hội đồng nhân dân tỉnh"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 .,;:-/()\nPhíLệ phíĐồngđồngđUSD$triệunghìnMiễnKhông")), max_size=80))
def test_parse_fees_never_raises_on_fee_like_text(text: str) -> None:
    for fee in parse_fees(text):
        assert fee.amount is None or fee.amount >= 0


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_parse_fees_never_raises(text: str) -> None:
    parse_fees(text)


_PRICED_LINE = re.compile(r"(?:Phí|Lệ phí|Mức giá)\s*:\s*[\d.,]+\s*(?:Đồng|USD)")


def _fee_cells() -> list[str]:
    corpus = shared_path("corpus-real")
    cells: list[str] = []
    with gzip.open(corpus / "portal-docx" / "records.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            cells += [row.get("Phí, lệ phí") or "" for row in json.loads(line).get("cach_thuc_thuc_hien") or []]
    for path in glob.glob(str(corpus / "bqp-structured" / "*.json")):
        with open(path, encoding="utf-8") as handle:
            rows = (json.load(handle).get("tables") or {}).get("hinh_thuc_nop") or []
        cells += [row.get("phi_le_phi") or "" for row in rows]
    return [cell for cell in cells if cell.strip()]


@pytest.mark.slow
@pytest.mark.shared
def test_real_fee_cells() -> None:
    """Every labelled line becomes a fee; amounts are found wherever a priced amount is written."""
    cells = _fee_cells()
    fees = [fee for cell in cells for fee in parse_fees(cell)]
    assert len(cells) > 2000
    assert len(fees) >= len(cells)
    priced_lines = [fee for fee in fees if _PRICED_LINE.match(fee.text)]
    assert len(priced_lines) > 1000
    assert all(fee.amount is not None and fee.currency for fee in priced_lines)
    assert sum(1 for fee in fees if fee.amount is not None) / len(fees) > 0.6
