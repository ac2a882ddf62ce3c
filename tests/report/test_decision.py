"""The draft decision of the UBND tỉnh adopting the plan: căn cứ, Điều 1–3, the plan as its annex."""

from __future__ import annotations

import io

from docx import Document

from analyzer.detect.finding import Evidence, Finding, LegalGround, Suggestion
from analyzer.detect.messages import VERBATIM
from analyzer.model import LegalRef, Procedure, Step
from analyzer.report.decision import decision_context, decision_docx
from analyzer.report.keys import ProposalKey
from analyzer.report.official import load_settings
from analyzer.report.plan import build_plan


def plan(actionable_by: str):
    procedure = Procedure(code="P.1", name="Cấp giấy phép", decision="7/QĐ-UBND",
                          steps=[Step(index=i + 1, text=t, title=t) for i, t in enumerate(["Nộp", "Kiểm tra", "Kiểm tra lại"])],
                          legal_basis=[LegalRef(number="50/2014/QH13", kind="Luật", title="Luật Xây dựng")])
    finding = Finding(procedure="P.1", version=procedure.version_key, kind="redundant_step", rule="recheck_step",
                      severity="medium", template=VERBATIM, message_params={"text": "Bước 3 kiểm tra lại."},
                      evidence=[Evidence(field="steps", index=2, text="Kiểm tra lại")],
                      legal_ground=[LegalGround(document="Nghị định 63/2010/NĐ-CP", article="Điều 7")],
                      suggestion=Suggestion(action="remove_step"), confidence=0.9, actionable_by=actionable_by)
    decisions = {(procedure.version_key, ProposalKey.for_finding(finding.key)):
                 {"decision": "accept", "comment": "", "payload": {}, "status": "approved"}}
    return build_plan([procedure], [finding], decisions)


def test_articles_bases_and_annex() -> None:
    settings = load_settings({"province": "Quảng Nam", "decision": {"number": "15"}})
    context = decision_context(plan("central"), settings)
    article = context["decision"]
    assert article["article_1"].startswith("Thông qua phương án đơn giản hóa 1 thủ tục hành chính thuộc phạm vi quản lý "
                                           "của Ủy ban nhân dân tỉnh Quảng Nam")
    assert "Đối với 1 kiến nghị sửa đổi văn bản của cơ quan trung ương" in article["article_2"]
    assert article["article_3"].startswith("Quyết định này có hiệu lực kể từ ngày ký.")
    assert all(line.startswith("Căn cứ ") for line in article["bases"]) and len(article["bases"]) == 4
    assert article["annex_note"].startswith("(Kèm theo Quyết định số 15/QĐ-UBND ngày ")
    assert article["annex_note"].endswith("của Chủ tịch Ủy ban nhân dân tỉnh Quảng Nam)")
    text = "\n".join(p.text for p in Document(io.BytesIO(decision_docx(plan("central"), settings))).paragraphs)
    for part in ("QUYẾT ĐỊNH:", "Điều 1. ", "Điều 2. ", "Điều 3. ", "PHỤ LỤC", "1. Thủ tục «Cấp giấy phép»",
                 "b) Kiến nghị thực thi", "Căn cứ Nghị định số 63/2010/NĐ-CP"):
        assert part in text, part


def test_no_central_sentence_when_the_province_acts_alone() -> None:
    context = decision_context(plan("province"), load_settings())
    assert "cơ quan trung ương" not in context["decision"]["article_2"]
