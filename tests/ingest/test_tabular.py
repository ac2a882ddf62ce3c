"""Spreadsheets and delimited text: documented header aliases, header row search, errors naming headers."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analyzer.ingest import iter_records, tabular
from analyzer.ingest.base import RecordError
from analyzer.model import Procedure
from support import shared_path

HEADERS = ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cơ quan thực hiện", "Cấp thực hiện", "Thời hạn giải quyết",
           "Cách thức thực hiện", "Trình tự thực hiện", "Thành phần hồ sơ", "Phí, lệ phí", "Căn cứ pháp lý"]
ROW = ["1.000001", "Đăng ký khai sinh", "Hộ tịch", "UBND cấp xã", "Cấp Xã", "05 Ngày làm việc",
       "Trực tiếp hoặc trực tuyến", "Bước 1: Nộp hồ sơ. Bước 2: Nhận kết quả.",
       "- Tờ khai đăng ký khai sinh\n- Giấy chứng sinh", "Lệ phí : 8.000 Đồng", "Luật Hộ tịch số 60/2014/QH13"]


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def read_items(path: Path) -> list[Procedure | RecordError]:
    assert tabular.sniff(path, path.read_bytes()[:4096])
    return list(tabular.read(path))


def test_full_row_from_csv(tmp_path: Path) -> None:
    [procedure] = read_items(write_csv(tmp_path / "list.csv", [HEADERS, ROW]))
    assert (procedure.code, procedure.name, procedure.field, procedure.level) == ("1.000001", "Đăng ký khai sinh", "Hộ tịch", "Cấp xã")
    assert procedure.agency == "UBND cấp xã"
    assert [s.index for s in procedure.steps] == [1, 2]
    assert [c.mode for c in procedure.channels] == ["truc_tiep", "truc_tuyen"]
    assert all(c.duration is not None and c.duration.working_days == 5 for c in procedure.channels)
    assert all([f.amount for f in c.fees] == [8000] for c in procedure.channels)
    assert [d.name for _, _, d in procedure.documents] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    assert [r.number for r in procedure.legal_basis] == ["60/2014/QH13"]
    assert procedure.warnings == []
    assert procedure.source is not None and procedure.source.record.endswith("row 2")


@pytest.mark.parametrize("header", ["Tên thủ tục", "TÊN THỦ TỤC", "ten_thu_tuc", "Ten thu tuc", "Tên TTHC", " Tên "])
def test_headers_match_without_accents_case_or_punctuation(tmp_path: Path, header: str) -> None:
    [procedure] = read_items(write_csv(tmp_path / "list.csv", [["Mã số", header], ["1.1", "Cấp phép"]]))
    assert (procedure.code, procedure.name) == ("1.1", "Cấp phép")


def test_tsv(tmp_path: Path) -> None:
    [procedure] = read_items(write_csv(tmp_path / "list.tsv", [HEADERS, ROW], delimiter="\t"))
    assert procedure.code == "1.000001" and len(procedure.channels) == 2


def test_xlsx_with_title_block_and_several_sheets(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        pd.DataFrame([["DANH SÁCH THỦ TỤC HÀNH CHÍNH", "", ""], ["", "", ""], ["Mã số", "Tên", "Lĩnh vực"],
                      ["2.000001", "Cấp giấy phép", "Xây dựng"], ["", "", ""], ["2.000002", "Gia hạn giấy phép", "Xây dựng"]]
                     ).to_excel(writer, sheet_name="Danh sách", header=False, index=False)
        pd.DataFrame().to_excel(writer, sheet_name="Trống", header=False, index=False)
        pd.DataFrame([["Ghi chú", "Người lập"], ["x", "y"]]).to_excel(writer, sheet_name="Ghi chú", header=False, index=False)
    items = read_items(path)
    procedures = [i for i in items if isinstance(i, Procedure)]
    [error] = [i for i in items if isinstance(i, RecordError)]
    assert [(p.code, p.name, p.field) for p in procedures] == [("2.000001", "Cấp giấy phép", "Xây dựng"),
                                                                 ("2.000002", "Gia hạn giấy phép", "Xây dựng")]
    assert procedures[1].source.record == "Danh sách!row 6"
    [missing] = [w for w in procedures[0].warnings if w.code == "fields_missing"]
    assert "steps" in missing.message and "documents" in missing.message and "code" not in missing.message
    assert error.record == "Ghi chú" and '"Ghi chú"' in error.reason and '"Người lập"' in error.reason


def test_sheet_without_name_column_names_file_and_headers(tmp_path: Path) -> None:
    [error] = read_items(write_csv(tmp_path / "bad.csv", [["Mã số", "Lĩnh vực"], ["1.1", "Hộ tịch"]]))
    assert isinstance(error, RecordError)
    assert error.path.endswith("bad.csv") and '"Mã số"' in error.reason and '"Lĩnh vực"' in error.reason


def test_row_without_code_gets_a_derived_id(tmp_path: Path) -> None:
    rows = [["Tên thủ tục", "Cơ quan thực hiện"], ["Cấp phép", "Sở Xây dựng"], ["Cấp phép", "Sở Xây dựng"]]
    first, second = read_items(write_csv(tmp_path / "nocode.csv", rows))
    assert first.code.startswith("tab-") and first.code == second.code
    assert "code_derived" in [w.code for w in first.warnings]


def test_row_without_name_is_an_error(tmp_path: Path) -> None:
    [error] = read_items(write_csv(tmp_path / "noname.csv", [["Mã số", "Tên"], ["1.1", ""]]))
    assert isinstance(error, RecordError) and error.record.endswith("row 2")


def test_duration_without_mode_assumes_in_person_and_says_so(tmp_path: Path) -> None:
    [procedure] = read_items(write_csv(tmp_path / "d.csv", [["Tên", "Thời hạn giải quyết"], ["Cấp phép", "10 ngày"]]))
    [channel] = procedure.channels
    assert channel.mode == "truc_tiep" and channel.duration is not None and channel.duration.value == 10
    assert "channel_mode_assumed" in [w.code for w in procedure.warnings]


def test_unreadable_cells_are_warned(tmp_path: Path) -> None:
    rows = [["Tên", "Căn cứ pháp lý", "Trình tự thực hiện"], ["Cấp phép", "theo quy định hiện hành", "Không có thông tin"]]
    [procedure] = read_items(write_csv(tmp_path / "w.csv", rows))
    assert "legal_basis_unparsed" in [w.code for w in procedure.warnings]
    assert procedure.steps == []  # "Không có thông tin" means absent, not unparsed
    assert "steps_unparsed" not in [w.code for w in procedure.warnings]


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("a.csv", b"Ma so,Ten\n", True),
    ("a.csv", b'{"code": "x"}', False),  # JSON named .csv goes to the JSON readers
    ("a.txt", b"Ma so,Ten\n", False),
])
def test_sniff(tmp_path: Path, name: str, content: bytes, expected: bool) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert tabular.sniff(path, content) is expected


# --- the real official lists ----------------------------------------------------------------------


def expected_rows(path: Path) -> int:
    """Rows with a name below the "Tên" header, counted independently with openpyxl."""
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row and "Tên" in [str(c).strip() for c in row if c])
    name_col = [str(c).strip() if c else "" for c in rows[header]].index("Tên")
    return sum(1 for row in rows[header + 1:] if row[name_col] and str(row[name_col]).strip())


@pytest.mark.slow
def test_real_official_lists() -> None:
    paths = sorted(shared_path("corpus-real", "portal-flat", "lists").glob("*.xlsx"))
    assert paths
    for path in paths:
        items = list(iter_records([path]))
        procedures = [i for i in items if isinstance(i, Procedure)]
        assert [i for i in items if isinstance(i, RecordError)] == [], path.name
        assert len(procedures) == expected_rows(path), path.name
        assert all(p.source.format == "tabular" and p.code[0].isdigit() and p.name for p in procedures)
        assert all(any(w.code == "fields_missing" and "steps" in w.message for w in p.warnings) for p in procedures)
