"""The detail page: findings numbered, each number on the places of the record it quotes, one finding chosen at a
time opened with its evidence; the procedure next to its same-name peers and its field's medians; the findings
the last import added or changed marked."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analyzer.batch.store_import import import_corpus
from analyzer.detect import Finding
from analyzer.report import labels as L
from analyzer.report.numbering import badge, finding_places, place_numbers
from analyzer.report.review import ReviewCorpus
from analyzer.store import Store

pytestmark = pytest.mark.slow


def open_detail(at: AppTest, version: str) -> AppTest:
    at.switch_page("views/detail.py").run()
    return at.selectbox(key="procedure_choice").set_value(version).run()


def table(at: AppTest, column: str):  # noqa: ANN201 - a DataFrame
    """The page's table with ``column`` (AppTest finds no table by its key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def step_leads(at: AppTest) -> dict[str, str]:
    """Each step's text -> what stands before it in bold (the numbers, ▶, "Bước n.")."""
    out = {}
    for body in (e.proto.body for e in at.get("html")):
        found = re.match(r"<div><b>(.*?)</b> (.*)</div>$", body, re.S)
        if found and "Bước" in found.group(1):
            out[found.group(2)] = found.group(1)
    return out


def test_findings_are_numbered_on_their_places_and_one_is_opened(admin_app: AppTest,
                                                                   bundled_corpus: ReviewCorpus) -> None:
    version = next(v for v, fs in bundled_corpus.findings.items()
                   if len(fs) >= 2 and sum(1 for f in fs if any(e.field == "steps" for e in f.evidence)) >= 1)
    findings, procedure = bundled_corpus.findings[version], bundled_corpus.procedures[version]
    at = open_detail(admin_app, version)
    assert not at.exception
    numbers = place_numbers(findings)
    leads = step_leads(at)
    for i, step in enumerate(procedure.steps):
        lead = next(lead for text, lead in leads.items() if text.startswith(("<mark>" if ("steps", None, i) in numbers
                                                                              else "") + html.escape(step.text[:20])))
        assert badge(numbers.get(("steps", None, i), ())) in lead
        assert ("[" in lead) == (("steps", None, i) in numbers)
    labels = [e.label for e in at.expander]
    assert [label.split(" ", 1)[0] for label in labels] == [rf"\[{n}\]" for n in range(1, len(findings) + 1)]
    assert [e.proto.expanded for e in at.expander] == [True] + [False] * (len(findings) - 1)  # the first, chosen

    at.selectbox(key=f"finding_choice_{version}").set_value(2).run()
    assert [e.proto.expanded for e in at.expander] == [n == 2 for n in range(1, len(findings) + 1)]
    chosen = {i for field, _, i in finding_places(findings[1]) if field == "steps"}
    for i, step in enumerate(procedure.steps):
        lead = next(lead for text, lead in step_leads(at).items() if html.escape(step.text[:20]) in text)
        assert lead.startswith("▶") == (i in chosen)


def test_the_peer_panel_shows_same_name_procedures_and_field_medians(admin_app: AppTest,
                                                                     bundled_corpus: ReviewCorpus) -> None:
    version = next(v for v in bundled_corpus.procedures if not bundled_corpus.peers().same_name(v).empty)
    at = open_detail(admin_app, version)
    assert not at.exception
    comparison = table(at, "Chỉ tiêu")
    assert list(comparison.columns) == ["Chỉ tiêu", "Thủ tục này", "Trung vị các thủ tục cùng tên", "Trung vị lĩnh vực"]
    assert list(comparison["Chỉ tiêu"]) == ["Thời hạn giải quyết (ngày làm việc)", "Số giấy tờ (bộ hồ sơ nhiều nhất)",
                                            "Phí, lệ phí (đồng)"]
    expected = bundled_corpus.peers().comparison(version)
    assert list(comparison["Trung vị lĩnh vực"]) == [L.cell(v) for v in expected["field_median"]]
    assert list(comparison["Thủ tục này"]) == [L.cell(v) for v in expected["this_value"]]
    same = table(at, "Phí, lệ phí (đồng)")
    assert list(same["Mã thủ tục"]) == list(bundled_corpus.peers().same_name(version)["code"])
    assert "None" not in comparison.to_string() + same.to_string()

    at.session_state[f"peer_table_{version}"] = {"selection": {"rows": [0], "columns": []}}  # a click on the first
    at.run()
    assert not at.exception
    assert at.selectbox(key="procedure_choice").value == bundled_corpus.peers().same_name(version)["version"][0]

    lonely = next(v for v in bundled_corpus.procedures if bundled_corpus.peers().same_name(v).empty)
    at = open_detail(at, lonely)
    assert any("Không có thủ tục cùng tên" in i.value for i in at.info)


def test_findings_the_last_import_added_or_changed_are_marked(admin_app: AppTest, app_env: Path,
                                                              bundled_corpus: ReviewCorpus) -> None:
    version = next(v for v, fs in bundled_corpus.findings.items() if len(fs) >= 2)
    first, second = bundled_corpus.findings[version][:2]
    edited = first.model_copy(update={"days_saved": (first.days_saved or 0) + 7})
    added = Finding.from_dict({**second.to_dict(), "rule": second.rule, "template": second.template,
                               "evidence": [{"field": "name", "text": "thêm"}]})
    findings = {v: list(fs) for v, fs in bundled_corpus.findings.items()}
    findings[version] = [edited, *findings[version][1:], added]
    store = Store(f"sqlite:///{app_env}")
    summary = import_corpus(store, ReviewCorpus(bundled_corpus.procedures, findings, bundled_corpus.errors), ["lần 2"])
    store.close()
    assert (summary.added, summary.changed) == (1, 1)
    at = open_detail(admin_app, version)
    assert not at.exception
    marks = [c.value for c in at.caption if "lần nhập trước" in c.value]
    assert marks == [r"\[1\] Thay đổi từ lần nhập trước", rf"\[{len(findings[version])}\] Mới từ lần nhập trước"]
    other = next(v for v, fs in bundled_corpus.findings.items() if fs and v != version)
    at = open_detail(at, other)
    assert not [c.value for c in at.caption if "lần nhập trước" in c.value]
