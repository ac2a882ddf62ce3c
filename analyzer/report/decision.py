"""The draft Quyết định of the provincial People's Committee (UBND tỉnh) thông qua phương án đơn giản hóa: căn cứ,
Điều 1 (the plan is adopted, as the annex), Điều 2 (who drafts the implementing texts and who forwards the
proposals that need a central text changed), Điều 3 (entry into force, who carries it out).

Fills analyzer/data/templates/decision.docx; the căn cứ and the signer come from analyzer/data/official.yaml.
"""

from __future__ import annotations

from typing import Any, Mapping

from analyzer.report.official import letterhead, load_settings, render, with_province
from analyzer.report.plan import PlanSection, plan_context


def decision_context(sections: list[PlanSection], settings: Mapping[str, Any]) -> dict[str, Any]:
    province = str(settings.get("province") or "")
    part = settings["decision"]
    fill = lambda key: with_province(str(part.get(key) or ""), province)  # noqa: E731
    doc = letterhead(settings, "decision")
    plan = plan_context(sections, settings)
    central = sum(1 for s in sections for line in s.implementation if line.startswith("Sửa đổi, bổ sung quy định"))
    article_2 = (f"Giao {fill('implementers')} dự thảo văn bản thực thi phương án đơn giản hóa thuộc thẩm quyền "
                 "của Ủy ban nhân dân tỉnh, trình Ủy ban nhân dân tỉnh ban hành; Sở Tư pháp theo dõi, kiểm tra, "
                 "đôn đốc việc thực hiện.")
    if central:
        article_2 += (f" Đối với {central} kiến nghị sửa đổi văn bản của cơ quan trung ương, Sở Tư pháp tổng hợp, "
                      "trình Ủy ban nhân dân tỉnh gửi Bộ, ngành có liên quan xem xét, xử lý.")
    number = doc["number"]
    return {
        "doc": doc,
        "plan": plan,
        "decision": {
            "bases": [with_province(str(line), province) for line in part.get("bases") or []],
            "proposal": f"Theo đề nghị của {fill('proposer')}.",
            "article_1": (f"Thông qua phương án đơn giản hóa {len(sections)} thủ tục hành chính "
                          f"{plan['scope']} (Phụ lục kèm theo)."),
            "article_2": article_2,
            "article_3": (f"Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, "
                          f"{fill('proposer')}, {fill('implementers')} và các tổ chức, cá nhân có liên quan "
                          "chịu trách nhiệm thi hành Quyết định này."),
            "annex_note": (f"(Kèm theo Quyết định số {number}/{doc['symbol']} {doc['place_date'].split(', ', 1)[-1]} "
                           f"của {fill('annex_of')})"),
        },
    }


def decision_docx(sections: list[PlanSection], settings: Mapping[str, Any] | None = None) -> bytes:
    settings = settings if settings is not None else load_settings()
    return render("decision.docx", decision_context(sections, settings))
