"""A proposal in the words of a simplification plan: which element of the procedure, what changes, why, and which
provision of which legal text to amend. Never a parameter name or a raw value: every change is read against the
procedure it applies to (step titles, paper names, channel modes)."""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from analyzer.detect.finding import Finding
from analyzer.model import LegalRef, Procedure
from analyzer.report.official import number, vnd
from analyzer.report.savings import shortened_channels
from analyzer.resources.vocabulary import default_vocabulary

# element of a procedure (the names of Nghị định 63/2010/NĐ-CP, Điều 8) each action changes
ELEMENTS = {
    "remove_step": "Trình tự thực hiện",
    "merge_steps": "Trình tự thực hiện",
    "delegate_decision": "Trình tự thực hiện",
    "limit_supplement_requests": "Trình tự thực hiện",
    "remove_document": "Thành phần hồ sơ",
    "accept_plain_copy": "Thành phần hồ sơ",
    "reuse_state_data": "Thành phần hồ sơ",
    "single_set": "Thành phần hồ sơ",
    "shorten_time": "Thời hạn giải quyết",
    "specify_time": "Thời hạn giải quyết",
    "unify_channels": "Thời hạn giải quyết",
    "align_time_limits": "Thời hạn giải quyết",
    "check_on_receipt": "Thời hạn giải quyết",
    "add_online": "Cách thức thực hiện",
}
OTHER_ELEMENT = "Nội dung khác"
MODE_PHRASES = default_vocabulary().mode_phrases  # truc_tuyen -> "nộp trực tuyến"


def fee_rule(fee_sources: Iterable[Iterable[Any]], fees: float) -> str:
    """What the cost counts when the channels state different fees (savings.Metrics.fee_sources); "" when they
    agree: "Phí, lệ phí khác nhau giữa các cách thức (nộp trực tiếp: 10.000 đồng; nộp trực tuyến: 5.000 đồng): tính
    theo mức thấp trung bình 5.000 đồng (Điều 27 Thông tư 02/2017/TT-VPCP)"."""
    stated = [(str(mode), float(amount)) for mode, amount in fee_sources]
    if not stated:
        return ""
    listed = "; ".join(f"{MODE_PHRASES.get(mode, mode)}: {vnd(amount)} đồng" for mode, amount in stated)
    return (f"Phí, lệ phí khác nhau giữa các cách thức ({listed}): tính theo mức thấp trung bình {vnd(fees)} đồng "
            "(Điều 27 Thông tư 02/2017/TT-VPCP)")


def element(action: str, params: Mapping[str, Any] | None = None) -> str:
    """The element an action changes; a paper asked again inside a step (params "remove_from_step") is the step's."""
    if action == "remove_document" and (params or {}).get("remove_from_step") is not None:
        return "Trình tự thực hiện"
    return ELEMENTS.get(action, OTHER_ELEMENT)


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"«{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}»"


def _step(procedure: Procedure, position: int) -> str:
    if not 0 <= position < len(procedure.steps):
        return f"bước {position + 1}"
    step = procedure.steps[position]
    label = step.title or re.sub(r"^\s*Bước\s*\d+\s*[:.]\s*", "", step.text)
    return f"bước {step.index} {_quote(label, 60)}"


def _paper(procedure: Procedure, case: int, index: int) -> str:
    try:
        return _quote(procedure.cases[case].documents[index].name)
    except IndexError:
        return "giấy tờ được nêu"


def _days(value: Any) -> str:
    return f"{number(float(value))} ngày làm việc"


def describe(change: Mapping[str, Any] | None, procedure: Procedure, finding: Finding | None = None) -> str:
    """The proposal as a sentence. ``change`` is the structural change (analyzer.report.savings), if any;
    ``finding`` supplies what a non-structural proposal (supplement requests, delegation) is about."""
    action = (change or {}).get("action") or (finding.suggestion.action if finding else "")
    params: Mapping[str, Any] = (change or {}).get("params") or {}
    hint: Mapping[str, Any] = finding.suggestion.params if finding else {}
    if action == "remove_step":
        return f"Bỏ {_step(procedure, int(params.get('index', 0)))}."
    if action == "merge_steps":
        indices = params.get("indices") or []
        steps = ", ".join(_step(procedure, int(i)) for i in indices)
        return f"Gộp {steps} thành một bước, hoặc liên thông điện tử giữa các bộ phận." if steps else \
            "Gộp các bước xử lý trùng lặp thành một bước."
    if action == "remove_document" and hint.get("remove_from_step") is not None:
        papers = [_paper(procedure, int(d.get("case", 0)), int(d.get("index", 0))) for d in hint.get("documents") or []]
        what = papers[0] if papers else "giấy tờ đã có trong thành phần hồ sơ"
        return (f"Bỏ việc yêu cầu nộp, xuất trình lại {what} tại bước {hint['remove_from_step']}; giấy tờ đã có "
                "trong thành phần hồ sơ.")
    if action == "remove_document":
        return f"Bỏ thành phần hồ sơ {_paper(procedure, int(params.get('case', 0)), int(params.get('index', 0)))}."
    if action == "accept_plain_copy":
        paper = _paper(procedure, int(params.get("case", 0)), int(params.get("index", 0)))
        return (f"Không yêu cầu bản sao có chứng thực {paper}; chấp nhận bản sao kèm bản chính để đối chiếu "
                "hoặc bản sao điện tử.")
    if action == "reuse_state_data":
        database = hint.get("database") or ", ".join(hint.get("databases") or []) or "cơ sở dữ liệu sẵn có"
        if "index" in params:
            paper = _paper(procedure, int(params.get("case", 0)), int(params["index"]))
            return f"Không yêu cầu nộp {paper}; cơ quan giải quyết khai thác thông tin từ {database}."
        return f"Cơ quan giải quyết khai thác thông tin từ {database}, không yêu cầu người dân cung cấp."
    if action == "shorten_time":
        target = params.get("target_working_days")
        if target is None:
            return "Rút ngắn thời hạn giải quyết."
        parts = []
        for i in shortened_channels(procedure, params):  # what the change does to this record, channel by channel
            channel = procedure.channels[i]
            current = channel.duration.working_days if channel.duration else None
            mode = MODE_PHRASES.get(channel.mode, "")
            if current is None:
                parts.append(f"khi {mode} quy định {_days(target)}")
            elif current > float(target):
                parts.append(f"khi {mode} từ {_days(current)} xuống còn {_days(target)}")
        if not parts:
            return f"Giữ thời hạn giải quyết không quá {_days(target)}."
        return f"Rút ngắn thời hạn giải quyết {'; '.join(parts)}."
    if action == "add_online":
        return "Bổ sung cách thức nộp hồ sơ trực tuyến qua Cổng Dịch vụ công quốc gia."
    if action == "single_set":
        sets = hint.get("sets")
        instead = f" thay cho {number(sets)} bộ" if sets else ""
        return f"Chỉ yêu cầu nộp 01 bộ hồ sơ{instead}; cơ quan giải quyết tự sao gửi các cơ quan phối hợp."
    if action == "limit_supplement_requests":
        return ("Quy định chỉ yêu cầu bổ sung hồ sơ một lần, bằng văn bản, nêu rõ toàn bộ nội dung cần bổ sung, "
                "hoàn thiện.")
    if action == "delegate_decision":
        steps = ", ".join(_step(procedure, int(s) - 1) for s in hint.get("steps") or [])
        where = f" tại {steps}" if steps else ""
        return f"Phân cấp hoặc ủy quyền cho cơ quan giải quyết, bỏ việc lấy ý kiến, báo cáo cơ quan khác{where}."
    if action == "align_time_limits":
        steps, declared = hint.get("steps_working_days"), hint.get("declared_working_days")
        if steps is not None and declared is not None:
            return (f"Điều chỉnh thời hạn của từng bước (tổng cộng {_days(steps)}) cho không vượt thời hạn giải "
                    f"quyết đã công bố ({_days(declared)}).")
        return "Điều chỉnh thời hạn của từng bước cho không vượt thời hạn giải quyết đã công bố."
    if action == "check_on_receipt":
        target, check = hint.get("target_working_days"), hint.get("current_working_days")
        within = f" hoặc trong không quá {_days(target)}" if target is not None else ""
        # the limit as the record words it ("60 ngày"), else its working days
        current = hint.get("current_text") or (_days(check) if check is not None else "")
        instead = f", thay cho {current} hiện nay" if current else ""
        return (f"Kiểm tra tính đầy đủ, hợp lệ của hồ sơ và hướng dẫn bổ sung một lần ngay khi tiếp nhận{within}"
                f"{instead}.")
    if action == "specify_time":
        return "Quy định rõ thời hạn giải quyết bằng số ngày làm việc cụ thể."
    if action == "unify_channels":
        return "Thống nhất thời hạn giải quyết giữa các cách thức nộp hồ sơ."
    return "Đơn giản hóa theo nội dung nêu tại phần lý do."


def reason(finding: Finding) -> str:
    """The finding's message without its own proposal clause ("…; đề nghị …"), which the plan states apart."""
    text = re.split(r";\s*đề nghị\b", finding.message, maxsplit=1)[0].strip()
    return text if text.endswith((".", "…")) else text + "."


_CLAUSE = re.compile(r"khoản\s+(\S+?)(?:\s+điểm\s+(.+))?$")


def provision(article: str | None) -> str:
    """"Điều 7 khoản 1, khoản 4" -> "khoản 1, khoản 4 Điều 7", as a legal text names its own provisions."""
    if not article:
        return ""
    parts = []
    for chunk in re.split(r"[,;]\s*(?=Điều\b)", article.strip()):
        match = re.match(r"Điều\s+(\S+)\s*(.*)$", chunk.strip())
        if not match:
            parts.append(chunk.strip())
            continue
        head, rest = f"Điều {match.group(1)}", match.group(2).strip(" ,;")
        clauses = []
        for clause in re.split(r"[,;]\s*(?=khoản\b)", rest) if rest else []:
            m = _CLAUSE.match(clause.strip(" ,;"))
            clauses.append(f"điểm {m.group(2)} khoản {m.group(1)}" if m and m.group(2) else clause.strip(" ,;"))
        parts.append(f"{', '.join(clauses)} {head}" if clauses else head)
    return ", ".join(parts)


def legal_name(ref: LegalRef) -> str:
    """"Luật Hộ tịch số 60/2014/QH13", "Nghị định số 123/2015/NĐ-CP"."""
    kind = ref.kind or "Văn bản"
    if kind == "Luật" and ref.title and ref.title.startswith("Luật"):
        return f"{ref.title} số {ref.number}" if ref.number else ref.title
    return f"{kind} số {ref.number}" if ref.number else (ref.title or kind)


_FEES_ONLY = re.compile(r"^(?:Quy định mức thu|Hướng dẫn về phí và lệ phí|Quy định về phí|Quy định về lệ phí)", re.IGNORECASE)


def implementation(procedure: Procedure, findings: Iterable[tuple[Finding | None, str]]) -> list[str]:
    """Kiến nghị thực thi: for each element changed, the texts to amend (the record's legal basis, or the
    province's publishing decision for what the province can change itself) and the provisions the proposal rests
    on (the findings' legal ground). ``findings``: (finding or None for a free edit, action)."""
    # a text that only sets phí, lệ phí rates prescribes no step, paper or time: it is not the one to amend
    texts = [legal_name(ref) for ref in procedure.legal_basis if (ref.number or ref.title) and not _FEES_ONLY.search(ref.title or "")]
    by_element: dict[str, dict[str, Any]] = {}
    for finding, action in findings:
        entry = by_element.setdefault(element(action, finding.suggestion.params if finding else None),
                                      {"province": True, "grounds": []})
        if finding is None or finding.actionable_by != "province":  # a free edit names no one: the text decides
            entry["province"] = False
        grounds = finding.legal_ground if finding else []
        with_article = {g.document for g in grounds if g.article}
        for ground in grounds:
            if not ground.article and ground.document in with_article:
                continue  # "Điều 9 Luật Căn cước" already cites the law
            cited = " ".join(filter(None, [provision(ground.article), ground.document]))
            if cited not in entry["grounds"]:
                entry["grounds"].append(cited)
    lines = []
    published = f"Quyết định số {procedure.decision}" if procedure.decision else "quyết định công bố thủ tục"
    for name, entry in by_element.items():
        what = name[0].lower() + name[1:]
        if entry["province"]:
            line = (f"Sửa đổi nội dung {what} của thủ tục tại {published} công bố thủ tục hành chính; "
                    "Ủy ban nhân dân tỉnh chỉ đạo cơ quan giải quyết thực hiện trên địa bàn tỉnh")
        elif texts:
            line = f"Sửa đổi, bổ sung quy định về {what} của thủ tục tại {'; '.join(texts)}"
        else:
            line = f"Sửa đổi, bổ sung quy định về {what} tại văn bản quy định thủ tục"
        if entry["grounds"]:
            line += f" (căn cứ {'; '.join(entry['grounds'])})"
        lines.append(line + ".")
    return lines
