"""The review form per procedure (biểu mẫu rà soát, đánh giá thủ tục hành chính), pre-filled from the record, the
findings and the reviewers' decisions: sự cần thiết, tính hợp lý of each element (Có/Không with lý do), tính hợp
pháp and chi phí tuân thủ (Nghị định 63/2010/NĐ-CP, Điều 28; the form of Thông tư 02/2017/TT-VPCP named in
analyzer/data/official.yaml). What the data cannot tell is left for the reviewer, marked as such.

Fills analyzer/data/templates/review_form.docx.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping

from analyzer.detect.finding import Finding
from analyzer.model import Procedure
from analyzer.parse.legal import LegalDocument
from analyzer.report.keys import ProposalKey
from analyzer.report.official import letterhead, load_settings, number, render, vnd, with_province
from analyzer.report.plan import ACCEPTED, Decisions, finding_version
from analyzer.report.savings import apply_changes, change_from_finding, metrics
from analyzer.report.wording import ELEMENTS, MODE_PHRASES, describe, element, legal_name, reason

TO_FILL = "[Người rà soát điền]"
TO_JUDGE = "[Người rà soát đánh giá]"
# the elements of a procedure (Nghị định 63/2010/NĐ-CP, Điều 8), in the order of the form
FORM_ELEMENTS = ("Tên thủ tục hành chính", "Trình tự thực hiện", "Cách thức thực hiện", "Thành phần hồ sơ",
                 "Thời hạn giải quyết", "Đối tượng thực hiện", "Cơ quan thực hiện", "Kết quả thực hiện",
                 "Phí, lệ phí", "Mẫu đơn, mẫu tờ khai", "Yêu cầu, điều kiện")
BY_EVIDENCE = {"name": "Tên thủ tục hành chính", "steps": "Trình tự thực hiện", "documents": "Thành phần hồ sơ",
               "channels": "Thời hạn giải quyết", "conditions": "Yêu cầu, điều kiện", "results": "Kết quả thực hiện"}


def form_element(finding: Finding) -> str:
    """The element a finding judges: by its proposal (analyzer.report.wording), else by where its evidence is."""
    if finding.suggestion.action in ELEMENTS:
        return element(finding.suggestion.action, finding.suggestion.params)
    fields = [e.field for e in finding.evidence]
    return next((BY_EVIDENCE[f] for f in fields if f in BY_EVIDENCE), "Trình tự thực hiện")


def _join(items: Iterable[str], limit: int = 6) -> str:
    items = [i for i in items if i]
    shown = "; ".join(items[:limit])
    return shown + (f"; và {len(items) - limit} mục khác" if len(items) > limit else "")


def _current(procedure: Procedure, element: str) -> str:
    """What the record says of an element, or an empty string when it says nothing."""
    p = procedure
    if element == "Tên thủ tục hành chính":
        return p.name
    if element == "Trình tự thực hiện":
        return f"{len(p.steps)} bước: " + _join(f"bước {s.index} «{s.title or s.text[:60]}»" for s in p.steps) if p.steps else ""
    if element == "Cách thức thực hiện":
        return _join(MODE_PHRASES.get(c.mode, c.mode).capitalize() for c in p.channels)
    if element == "Thành phần hồ sơ":
        return _join(f"{c.name or 'Hồ sơ'}: {len(c.documents)} giấy tờ" for c in p.cases if c.documents)
    if element == "Thời hạn giải quyết":
        return _join(f"{MODE_PHRASES.get(c.mode, c.mode).capitalize()}: {c.duration.text}" for c in p.channels if c.duration)
    if element == "Đối tượng thực hiện":
        return _join(p.subjects)
    if element == "Cơ quan thực hiện":
        return p.agency or _join(p.agencies.values())
    if element == "Kết quả thực hiện":
        return p.results or ""
    if element == "Phí, lệ phí":
        return _join(dict.fromkeys(f.text for c in p.channels for f in c.fees))
    if element == "Mẫu đơn, mẫu tờ khai":
        return _join(dict.fromkeys(d.form for c in p.cases for d in c.documents if d.form))
    if element == "Yêu cầu, điều kiện":
        return p.conditions or ""
    raise ValueError(element)


def _state(finding: Finding, decisions: Decisions) -> tuple[str, Mapping[str, Any] | None]:
    saved = decisions.get((finding_version(finding), ProposalKey.for_finding(finding.key)))
    if not saved or not saved.get("decision"):
        return "open", saved
    return ("accepted" if saved["decision"] in ACCEPTED else "rejected"), saved


Where = Callable[[Finding], str]  # where a finding's evidence sits in the text that prescribes it ("" if unknown)


def _element_row(procedure: Procedure, element: str, judged: list[tuple[Finding, str, Mapping[str, Any] | None]],
                 where: Where | None = None) -> dict[str, str]:
    current = _current(procedure, element)
    standing = [(f, s, saved) for f, s, saved in judged if s != "rejected"]
    if standing:
        reasons = []
        for finding, state, saved in standing:
            change = ((saved or {}).get("payload") or {}).get("change") or change_from_finding(finding)
            note = "" if state == "accepted" else " (phát hiện tự động, người rà soát chưa xem xét)"
            place = where(finding) if where is not None else ""
            place = f" ({place})" if place else ""
            reasons.append(f"{reason(finding)}{place} Đề xuất: {describe(change, procedure, finding)}{note}")
        return {"name": element, "current": current or TO_FILL, "verdict": "Không", "reason": " ".join(reasons)}
    if judged:  # every finding on the element was turned down by the reviewer
        notes = [f"{reason(f)} Người rà soát không chấp nhận phát hiện này"
                 + (f": {saved['comment']}" if saved and saved.get("comment") else ".") for f, _, saved in judged]
        return {"name": element, "current": current or TO_FILL, "verdict": "Có", "reason": " ".join(notes)}
    return {"name": element, "current": current or f"Hồ sơ thủ tục không ghi. {TO_FILL}",
            "verdict": TO_JUDGE, "reason": f"Phân tích tự động không phát hiện vấn đề. {TO_FILL}"}


def review_form(procedure: Procedure, findings: Iterable[Finding], decisions: Decisions,
                params: Mapping[str, float] | None = None, where: Where | None = None) -> dict[str, Any]:
    """The ``form`` part of the review form template's context for one procedure; ``where`` names the provisions a
    finding's evidence sits in (a draft's articles)."""
    judged: dict[str, list[tuple[Finding, str, Mapping[str, Any] | None]]] = {e: [] for e in FORM_ELEMENTS}
    legality = []
    for finding in findings:
        state, saved = _state(finding, decisions)
        if any(e.field == "legal_basis" for e in finding.evidence):
            if state != "rejected":
                legality.append(reason(finding))
            continue
        judged[form_element(finding)].append((finding, state, saved))
    accepted = [f for rows in judged.values() for f, state, saved in rows if state == "accepted"]
    changes = [c for c in ((((decisions.get((finding_version(f), ProposalKey.for_finding(f.key))) or {}).get("payload")
                            or {}).get("change") or change_from_finding(f)) for f in accepted) if c]
    before, after = metrics(procedure, params), metrics(apply_changes(procedure, changes), params)
    texts = [legal_name(ref) for ref in procedure.legal_basis if ref.number or ref.title]
    cost = [f"Chi phí tuân thủ hiện hành ước tính: {vnd(before.cost_per_year)} đồng/năm "
            f"({vnd(before.cost_per_case)} đồng một lần thực hiện)."]
    if changes:
        saved_vnd = before.cost_per_year - after.cost_per_year
        share = f" (cắt giảm {number(round(saved_vnd / before.cost_per_year * 100, 1))}%)" if before.cost_per_year else ""
        cost.append(f"Sau khi thực hiện các đề xuất được chấp nhận: {vnd(after.cost_per_year)} đồng/năm, tiết kiệm "
                    f"{vnd(saved_vnd)} đồng/năm{share}.")
    else:
        cost.append(f"Chưa có đề xuất được chấp nhận; chi phí sau đơn giản hóa: {TO_FILL}")
    return {
        "name": procedure.name,
        "code": procedure.code,
        "code_note": f" (mã {procedure.code})",
        "info": [{"label": "Lĩnh vực", "value": procedure.field or TO_FILL},
                 {"label": "Văn bản quy định thủ tục hành chính", "value": _join(texts, limit=10) or TO_FILL},
                 {"label": "Công bố tại", "value": f"Quyết định số {procedure.decision}" if procedure.decision else TO_FILL}],
        "elements": [_element_row(procedure, e, judged[e], where) for e in FORM_ELEMENTS],
        "legality": legality or [f"Phân tích tự động không phát hiện vấn đề về căn cứ pháp lý. {TO_FILL}"],
        "cost": cost,
    }


def review_forms(procedures: Iterable[Procedure], findings: Iterable[Finding], decisions: Decisions | None = None,
                 cost_params: Mapping[str, Mapping[str, float]] | None = None) -> list[dict[str, Any]]:
    by_version: dict[str, list[Finding]] = {}
    for finding in findings:
        by_version.setdefault(finding_version(finding), []).append(finding)
    return [review_form(p, by_version.get(p.version_key, []), decisions or {}, (cost_params or {}).get(p.version_key))
            for p in procedures]


def impact_form(document: LegalDocument, procedure: Procedure, findings: Iterable[Finding]) -> dict[str, Any]:
    """The impact assessment form of one procedure a draft text prescribes: the review form's questions on the
    provision as drafted, with its place in the draft and the texts the draft rests on."""
    record = procedure.source.record if procedure.source else ""
    articles = [a for a in document.articles() if f"Điều {a.label}" in (record or "").split(", ")]
    form = review_form(procedure, findings, {}, where=lambda finding: _provisions(document, articles, finding))
    draft = " ".join(filter(None, [document.type, document.number])) or "dự thảo văn bản"
    first = min((a.start for a in document.articles()), default=len(document.text))
    inside = lambda c: c.start < first or any(a.start <= c.start < a.end for a in articles)  # noqa: E731
    bases = list(dict.fromkeys(c.text for c in document.citations if inside(c)))
    # a draft's header has no number yet ("Số: /2026/QĐ-UBND"), which a header reader may join to the issuer
    issuer = re.split(r"\s+/|\s+\d+/", document.issuer or "")[0].strip()
    form["info"] = [
        {"label": "Quy định tại", "value": f"{record} của dự thảo {draft}" + (f" «{document.title}»" if document.title else "")},
        {"label": "Căn cứ pháp lý", "value": _join(bases, limit=10) or TO_FILL},
        {"label": "Cơ quan ban hành văn bản", "value": issuer or TO_FILL},
    ]
    form["cost"] = [form["cost"][0].replace("hiện hành", "theo dự thảo"), f"Chi phí sau khi hoàn thiện dự thảo: {TO_FILL}"]
    form["code_note"] = ""  # a draft's procedure has no code yet (its id here names the article, for the program)
    return form


def _provisions(document: LegalDocument, articles: list, finding: Finding) -> str:
    """"quy định tại Điều 2 khoản 1 điểm b và Điều 3 khoản 2 của dự thảo": the units of the procedure's articles
    that hold the finding's papers and steps (each found by its first words, spacing and punctuation aside)."""
    units: dict[str, int] = {}  # unit -> offset, to name them in the draft's order
    for evidence in finding.evidence:
        words = re.findall(r"\w+", evidence.text or "")[:8]
        if evidence.field not in ("documents", "steps") or not words:
            continue
        pattern = re.compile(r"\W+".join(map(re.escape, words)))
        found = next((m for a in articles if (m := pattern.search(document.text, a.start, a.end))), None)
        unit = document.locate(found.start()) if found else None
        if unit and unit not in units:
            units[unit] = found.start()  # type: ignore[union-attr]
    if not units:
        return ""
    *others, last = sorted(units, key=units.__getitem__)
    return "quy định tại " + (f"{', '.join(others)} và {last}" if others else last) + " của dự thảo"


def impact_forms(document: LegalDocument, findings: Iterable[Finding]) -> list[dict[str, Any]]:
    by_code: dict[str, list[Finding]] = {}
    for finding in findings:
        by_code.setdefault(finding.procedure, []).append(finding)
    # a provision with steps but neither a dossier nor a way to file is not a procedure to assess ("Điều 1. Ban hành
    # kèm theo … Quy định trình tự, thủ tục …" reads as steps)
    kept = [p for p in document.procedures if p.cases or p.channels]
    return [impact_form(document, p, by_code.get(p.code, [])) for p in kept]


def review_form_docx(forms: list[dict[str, Any]], settings: Mapping[str, Any] | None = None,
                     kind: str = "review_form") -> bytes:
    """``kind``: review_form (rà soát, đánh giá) or impact_form (đánh giá tác động), the settings part that names
    the form followed, its title and who fills it in."""
    settings = settings if settings is not None else load_settings()
    province = str(settings.get("province") or "")
    part = settings[kind]
    fill = lambda key: with_province(str(part.get(key) or ""), province)  # noqa: E731
    forms = [{**form, "info": form["info"] + [{"label": part.get("reviewer_label") or "Cơ quan rà soát",
                                               "value": fill("reviewer")}]} for form in forms]
    context = {
        "doc": letterhead(settings, kind, draft=False),
        "review": {"title": fill("title"), "follows": fill("follows"), "to_fill": TO_FILL,
                   "current_label": fill("current_label"), "questions": [with_province(str(q), province)
                                                                          for q in part.get("questions") or []]},
        "forms": [{**form, "number": i} for i, form in enumerate(forms, start=1)],
    }
    return render("review_form.docx", context)
