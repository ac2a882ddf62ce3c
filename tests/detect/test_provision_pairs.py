"""Overlap and conflict between provisions: two texts setting a time limit for the same act (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analyzer.detect.legal_overlap import find_provision_pairs, overlap_findings, text_rank
from analyzer.detect.legal_text import apply_text_rules
from analyzer.ingest.legal_files import read_legal_text
from analyzer.parse.legal import parse_legal_text
from support import shared_path

LAW = """\
LUẬT
CƯ TRÚ
Điều 28. Giấy chuyển hộ khẩu
1. Công dân khi chuyển nơi thường trú thì được cấp giấy chuyển hộ khẩu.
2. Trong thời hạn ba ngày làm việc, kể từ ngày nhận đủ hồ sơ, cơ quan có thẩm quyền phải cấp giấy chuyển hộ khẩu cho công dân.
Điều 40. Trách nhiệm thi hành
Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm thi hành Luật này.
"""


def circular(days: str) -> str:
    return f"""\
THÔNG TƯ
Điều 8. Giấy chuyển hộ khẩu
1. Hồ sơ đề nghị cấp giấy chuyển hộ khẩu gồm sổ hộ khẩu và phiếu báo thay đổi hộ khẩu, nhân khẩu.
2. Trong thời hạn {days} ngày làm việc, kể từ ngày tiếp nhận hồ sơ, cơ quan Công an phải cấp giấy chuyển hộ khẩu cho công dân.
Điều 20. Trách nhiệm thi hành
Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm thi hành Thông tư này.
"""


@pytest.mark.parametrize("days, kind", [("02", "conflict"), ("03", "duplication")])
def test_two_limits_for_one_act_are_a_conflict_or_a_duplication(days: str, kind: str) -> None:
    documents = [parse_legal_text(LAW, source="luat.txt"), parse_legal_text(circular(days), source="tt.txt")]
    (pair,) = find_provision_pairs(documents)
    assert pair.kind == kind
    row = pair.row()
    assert (row["first"]["unit"], row["second"]["unit"]) == ("Điều 28 khoản 2", "Điều 8 khoản 2")
    assert (row["first"]["rank"], row["second"]["rank"]) == (2, 7)  # vocabulary.yaml: Luật 2, Thông tư 7
    assert row["prevails"] == "first"
    for side, document in ((row["first"], documents[0]), (row["second"], documents[1])):
        assert document.text[side["start"]:side["end"]].startswith("2. Trong thời hạn")


def test_the_finding_sits_on_the_lower_text_and_names_the_prevailing_one() -> None:
    documents = [parse_legal_text(LAW, source="luat.txt"), parse_legal_text(circular("02"), source="tt.txt")]
    ((index, finding),) = overlap_findings(documents)
    assert index == 1 and finding.rule == "provision_conflict" and finding.severity == "high"
    assert "«Trong thời hạn 02 ngày làm việc»" in finding.message
    assert "Áp dụng quy định của Luật" in finding.message
    assert finding.params["pair"]["second"]["value"] == "Trong thời hạn 02 ngày làm việc"


@pytest.mark.parametrize("second", [
    # the shared enactment clause (the top "overlap" of the textual-similarity finder) is boilerplate
    "THÔNG TƯ\nĐiều 20. Trách nhiệm thi hành\nChủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương "
    "chịu trách nhiệm thi hành Thông tư này.\n",
    # a parallel provision on another object: a limit for the citizen, not for the agency's act
    "THÔNG TƯ\nĐiều 9. Đăng ký tạm trú\nTrong thời hạn 30 ngày, kể từ ngày đến, người đến ở phải đăng ký tạm trú "
    "tại Công an xã.\n",
    # the same object, a different act (re-issuing instead of issuing)
    "THÔNG TƯ\nĐiều 8. Giấy chuyển hộ khẩu\nTrong thời hạn 02 ngày làm việc, kể từ ngày nhận được thông báo, Công an "
    "huyện phải chuyển hồ sơ hộ khẩu cho nơi chuyển đến.\n",
])
def test_look_alikes_are_not_pairs(second: str) -> None:
    assert find_provision_pairs([parse_legal_text(LAW), parse_legal_text(second)]) == []


@pytest.mark.parametrize("kind, issuer, rank", [
    ("Luật", None, 2), ("Nghị định", None, 5), ("Thông tư", None, 7),
    ("Quyết định", "Ủy ban nhân dân tỉnh Bình Thuận", 13), ("Kế hoạch", None, 99),
])
def test_text_rank(kind: str, issuer: str | None, rank: int) -> None:
    assert text_rank(kind, issuer) == rank


@pytest.mark.slow
def test_phap_dien_cu_tru_luat_81_2006_and_thong_tu_35_2014() -> None:
    path = shared_path("corpus-real", "legal-texts", "diepxuan__diepxuan.github.io", "phapdien__cu-tru.md")
    findings = [f for f in apply_text_rules(read_legal_text(path)) if f.rule.startswith("provision_")]
    (finding,) = findings
    assert finding.rule == "provision_conflict"
    assert finding.node == "Điều 39.3.TT.1.8 khoản 3"
    assert finding.params["pair"]["first"]["text_number"] == "81/2006/QH11"


GOLD = Path(__file__).resolve().parents[2] / "corpus" / "gold" / "legal" / "overlap_pairs.yaml"


@pytest.mark.slow
def test_hand_labelled_pairs_test_half() -> None:
    folder = shared_path("corpus-real", "legal-texts")
    pairs = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["pairs"]
    sources = sorted({p[side]["source"] for p in pairs for side in ("first", "second")})
    documents = [read_legal_text(next(folder.rglob(name))) for name in sources]
    found = {frozenset({(d.source.rsplit("/", 1)[-1], d.start) for d in (
        _side(p.first, documents), _side(p.second, documents))}): p.kind for p in find_provision_pairs(documents)}
    test = [p for p in pairs if p["split"] == "test"]
    keys = [frozenset({(p["first"]["source"], p["first"]["start"]), (p["second"]["source"], p["second"]["start"])})
            for p in test]
    true_positive = sum(1 for p, k in zip(test, keys) if p["label"] != "neither" and found.get(k) == p["label"])
    predicted = sum(1 for k in keys if k in found)
    positives = sum(1 for p in test if p["label"] != "neither")
    assert positives >= 1
    assert true_positive / max(predicted, 1) >= 0.8
    assert true_positive / positives >= 0.7


class _Located:
    def __init__(self, source: str, start: int) -> None:
        self.source, self.start = source, start


def _side(frame, documents) -> _Located:
    return _Located(documents[frame.document].source or "", frame.start)
