"""A procedure whose dossier and steps sit in different articles of one text is one procedure (issue 16 §6)."""

from __future__ import annotations

from pathlib import Path

from analyzer.ingest.legal_files import read_legal_text
from analyzer.parse.legal import parse_legal_text

ROOT = Path(__file__).resolve().parents[3]

SPLIT = """\
Chương II
THỦ TỤC
Điều 2. Hồ sơ đề nghị cấp giấy phép
1. Hồ sơ gồm:
a) Đơn đề nghị;
b) Bản sao sổ hộ khẩu.
2. Hồ sơ nộp trực tiếp tại Ủy ban nhân dân cấp xã.
Điều 3. Trình tự và thời hạn giải quyết
1. Tiếp nhận hồ sơ
a) Ủy ban nhân dân cấp xã tiếp nhận, kiểm tra hồ sơ.
b) Trường hợp hồ sơ chưa đầy đủ, trong thời hạn 02 ngày làm việc kể từ ngày nhận hồ sơ, thông báo để bổ sung.
2. Thẩm định
Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Xây dựng thẩm định hồ sơ.
3. Thời hạn giải quyết: Trong thời hạn 08 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.
"""


def test_dossier_and_steps_in_two_articles_are_one_procedure() -> None:
    [procedure] = parse_legal_text(SPLIT, source="du_thao.txt").procedures
    assert procedure.code.endswith("#Điều 2") and procedure.source.record == "Điều 2, Điều 3"
    assert [d.name for d in procedure.cases[0].documents] == ["Đơn đề nghị", "Bản sao sổ hộ khẩu"]
    assert len(procedure.steps) == 3
    # the time the text states as the procedure's own, not a step's inner deadline
    assert [(c.mode, c.duration.working_days) for c in procedure.channels] == [("truc_tiep", 8)]


def test_two_dossiers_in_one_chapter_stay_apart() -> None:
    text = SPLIT.replace("Điều 3. Trình tự", "Điều 3. Hồ sơ cấp lại\n1. Hồ sơ gồm:\na) Đơn đề nghị cấp lại;\n"
                         "b) Giấy phép cũ.\nĐiều 4. Trình tự")
    procedures = parse_legal_text(text).procedures
    # which dossier the steps serve is not said: each stays its own
    assert sorted(p.source.record for p in procedures) == ["Điều 2", "Điều 3", "Điều 4"]


def test_the_sample_draft_has_one_housing_procedure() -> None:
    document = read_legal_text(ROOT / "corpus" / "legal" / "du_thao_quyet_dinh_ho_tro_nha_o.txt")
    housing = [p for p in document.procedures if p.cases]
    assert len(housing) == 1 and housing[0].source.record == "Điều 4, Điều 5"
    assert len(housing[0].steps) == 6 and len(housing[0].cases[0].documents) == 5
    assert housing[0].channels[0].duration.working_days == 15
