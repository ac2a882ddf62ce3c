"""Assignments: who leads (chủ trì), who co-operates (phối hợp), what, and by when.

Two sources. A unit addressed to someone ("2. Giám đốc Sở Nội vụ" in a plan's "Tổ chức thực hiện",
"Điều 12. Trách nhiệm của Bộ Công an") makes each of its points a task of that addressee. Inside any
sentence, explicit wording names the lead: "X chủ trì, phối hợp với Y …", "giao X …", "đề nghị X …",
"Y phối hợp với X trong việc …", or an agency opening the sentence with an action verb
("Sở Nội vụ đôn đốc, kiểm tra …"). Deadlines found in the same point or sentence are attached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.parse.legal.model import Assignment, Deadline, LegalDocument, StructureNode, unit_label
from analyzer.parse.legal.patterns import collapse

_AGENCY_HEAD = (
    r"(?:Sở|Bộ|Ủy ban|Uỷ ban|UBND|HĐND|Thanh tra|Văn phòng|Công an|Ban|Cục|Tổng cục|Phòng|Trung tâm|Giám đốc"
    r"|Chủ tịch|Thủ trưởng|Chánh|Hội đồng|Mặt trận|Đài|Báo|Kho bạc|Ngân hàng|Người đứng đầu|Bộ trưởng|Viện|Tòa án"
    r"|Liên đoàn|Đoàn|Hội|Bảo hiểm|Chi cục|Quân đội|Bộ Chỉ huy|Cơ quan|Các sở|Các bộ|Các cơ quan|Các đơn vị"
    r"|các sở|các bộ|các cơ quan|các đơn vị|các Sở|các Bộ|Các Bộ|Các Sở|Các địa phương|các địa phương|Chính phủ"
    r"|Thủ tướng Chính phủ|Tỉnh ủy|Thành ủy)(?![\wÀ-ỹ])"
)
_VERBS = (
    r"(?:chủ trì|thực hiện|triển khai|tổ chức|xây dựng|rà soát|theo dõi|đôn đốc|kiểm tra|hướng dẫn|tổng hợp"
    r"|báo cáo|chỉ đạo|tham mưu|nghiên cứu|đề xuất|phối hợp|cung cấp|ban hành|tăng cường|đẩy mạnh|tiếp tục"
    r"|khẩn trương|có trách nhiệm|công khai|tuyên truyền|phổ biến|giám sát|bảo đảm|đảm bảo|xử lý|giải quyết"
    r"|cập nhật|quản lý|lập|trình|thẩm định|đánh giá|tiếp nhận|kịp thời|tập trung|chủ động|quyết liệt"
    r"|nâng cao|hoàn thành|hoàn thiện|thường xuyên|định kỳ|gửi|cắt giảm|đơn giản hóa|ứng dụng|bố trí|phân công"
    r"|cần|phải|có biện pháp|nghiêm túc|niêm yết|công bố|phát hiện|chấn chỉnh|chịu trách nhiệm|sửa đổi|bổ sung)"
    r"(?![\wÀ-ỹ])"
)
_PHRASE = r"[^;.:()\n]{0,160}?"
_LEAD_RE = re.compile(
    rf"(?P<lead>{_AGENCY_HEAD}{_PHRASE})\s+(?:là cơ quan\s+)?chủ trì(?:\s*,\s*|\s+và\s+|\s+)"
    rf"(?:phối hợp(?:\s+chặt chẽ)?\s+với\s+(?P<partners>{_PHRASE})\s+(?={_VERBS}|để|trong việc))?(?P<action>.*)",
    re.DOTALL,
)
_GIVEN_RE = re.compile(
    rf"(?<![\wÀ-ỹ])(?:giao|Giao|đề nghị|Đề nghị|yêu cầu|Yêu cầu)\s+(?P<lead>{_AGENCY_HEAD}{_PHRASE})\s+"
    rf"(?:chủ trì(?:\s*,\s*|\s+)(?:phối hợp(?:\s+chặt chẽ)?\s+với\s+(?P<partners>{_PHRASE})\s+(?={_VERBS}))?)?"
    rf"(?P<action>{_VERBS}.*)",
    re.DOTALL,
)
_SUPPORT_RE = re.compile(
    rf"(?P<partners>{_AGENCY_HEAD}{_PHRASE})\s+phối hợp(?:\s+chặt chẽ)?\s+với\s+(?P<lead>{_AGENCY_HEAD}{_PHRASE})\s+"
    rf"(?:trong việc|để|nhằm)\s+(?P<action>.*)",
    re.DOTALL,
)
_OPENING = r"^(?:(?:Cụ thể|Đồng thời|Bên cạnh đó|Ngoài ra|Theo đó|Trong đó|[^,.;]{0,40}?)\s*,\s*)?"
_SUBJECT_RE = re.compile(rf"{_OPENING}(?P<lead>{_AGENCY_HEAD}{_PHRASE})\s+(?P<action>{_VERBS}.*)", re.DOTALL)
# A subject that already holds a verb is a report ("UBND tỉnh vừa ban hành kế hoạch triển khai …").
_NOT_A_LEAD = re.compile(r"(?<![\wÀ-ỹ])(?:vừa|đã|sẽ|đang|ban hành|thực hiện|triển khai|chủ trì|phối hợp)(?![\wÀ-ỹ])")
_HEADLESS_RE = re.compile(
    rf"^(?:Chủ trì|chủ trì)(?:\s*,\s*|\s+)(?:phối hợp(?:\s+chặt chẽ)?\s+với\s+(?P<partners>{_PHRASE})\s+(?={_VERBS}))?"
    r"(?P<action>.*)",
    re.DOTALL,
)
_ADDRESSEE = re.compile(rf"^(?:Đề nghị\s+|Trách nhiệm của\s+|Nhiệm vụ của\s+)?(?P<who>{_AGENCY_HEAD}.*)$")
_ACCOUNTABLE = re.compile(r"^(?:chịu trách nhiệm trước|phải chịu trách nhiệm)")
_SPLIT_PARTNERS = re.compile(rf"\s*(?:,|;|\svà)\s+(?={_AGENCY_HEAD})")
# A sentence ends at ". ", "!", "?" or a line end; a dot inside "10/CT-TTg.2" or "1.1" does not end it.
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?]+(?=[^\s.!?]))+[.!?]*")
_ACTION_LIMIT = 400
# Words before the action proper: "cần tiếp tục …", "phối hợp theo dõi …" (no partner named).
_MODAL = re.compile(r"^(?:(?:cần|phải|cần phải|có trách nhiệm|chịu trách nhiệm|phối hợp)\s+)+(?=\S)")
_WITH = re.compile(rf"^phối hợp(?:\s+chặt chẽ)?\s+với\s+(?P<partners>{_PHRASE})\s+(?P<action>{_VERBS}.*)", re.DOTALL)


@dataclass
class _Unit:
    start: int
    end: int
    addressee: str | None
    node: str | None


def find_assignments(document: LegalDocument, deadlines: list[Deadline]) -> list[Assignment]:
    """Assignments in the body of a parsed document."""
    assignments: list[Assignment] = []
    for unit in _units(document):
        for start, end in _sentences(document.text, unit.start, unit.end):
            assignment = _read(document.text, start, end, unit)
            if assignment is None:
                continue
            assignment.deadline = next((d for d in deadlines if unit.start <= d.start < unit.end and
                                        (start <= d.start < end or unit.addressee)), None)
            assignments.append(assignment)
            if unit.addressee:
                break  # an addressed point is one task, however many sentences it has
    return assignments


def _units(document: LegalDocument) -> list[_Unit]:
    """Leaf units of the body, each with the addressee it inherits; unstructured text is one unit."""
    units: list[_Unit] = []
    body_end = document.body_end or len(document.text)

    def visit(node: StructureNode, ancestors: tuple[StructureNode, ...], addressee: str | None) -> None:
        own = _addressee(node)
        addressee = own or addressee
        path = ancestors + (node,)
        body_start = node.start if not own else _after_heading(document.text, node)
        first_child = node.children[0].start if node.children else node.end
        if body_start < first_child and document.text[body_start:first_child].strip():
            units.append(_Unit(body_start, first_child, addressee, unit_label(path)))
        for child in node.children:
            visit(child, path, addressee)

    covered_from = min((n.start for n in document.structure), default=body_end)
    if document.body_start < covered_from:
        units.append(_Unit(document.body_start, covered_from, None, None))
    for node in document.structure:
        if node.start < body_end:
            visit(node, (), None)
    return units


def _addressee(node: StructureNode) -> str | None:
    if not node.heading or node.kind not in ("item", "dieu", "section"):
        return None
    heading = collapse(node.heading)
    match = _ADDRESSEE.match(heading)
    if not match or len(heading) > 200:
        return None
    return match.group("who").strip()


def _after_heading(text: str, node: StructureNode) -> int:
    line_end = text.find("\n", node.start, node.end)
    return node.end if line_end < 0 else line_end + 1


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text, start, end) if m.group(0).strip()]


def _read(text: str, start: int, end: int, unit: _Unit) -> Assignment | None:
    sentence = text[start:end]
    start += len(sentence) - len(sentence.lstrip())
    sentence = sentence.lstrip()
    body = re.sub(r"^\s*(?:[a-zđ]\)|\d+(?:\.\d+)*\.|[IVX]+\.|-|\+)\s*", "", sentence)
    offset = start + len(sentence) - len(body)
    for pattern in (_LEAD_RE, _GIVEN_RE, _SUPPORT_RE):
        match = pattern.search(body)
        if match:
            return _assignment(match.group("lead"), match.group("partners"), match.group("action"), text, start, end, unit)
    headless = _HEADLESS_RE.match(body)
    if headless and unit.addressee:
        return _assignment(unit.addressee, headless.group("partners"), headless.group("action"), text, start, end, unit)
    subject = _SUBJECT_RE.match(body)
    if subject and not _ACCOUNTABLE.match(subject.group("action")) and not _NOT_A_LEAD.search(subject.group("lead")):
        partnered = _WITH.match(subject.group("action"))  # "X phối hợp chặt chẽ với Y triển khai …": X leads
        if partnered:
            return _assignment(subject.group("lead"), partnered.group("partners"), partnered.group("action"), text, start, end, unit)
        return _assignment(subject.group("lead"), None, subject.group("action"), text, start, end, unit)
    if unit.addressee and body.strip():
        return _assignment(unit.addressee, _partners_in(body), body, text, offset, end, unit)
    return None


def _partners_in(body: str) -> str | None:
    match = re.search(rf"phối hợp(?:\s+chặt chẽ)?\s+với\s+(?P<partners>{_PHRASE})\s+(?={_VERBS}|để|trong việc)", body)
    return match.group("partners") if match else None


def _assignment(lead: str, partners: str | None, action: str, text: str, start: int, end: int, unit: _Unit) -> Assignment:
    action_text = _MODAL.sub("", collapse(action).strip(" ,;"))
    if len(action_text) > _ACTION_LIMIT:
        action_text = action_text[:_ACTION_LIMIT].rsplit(" ", 1)[0] + " …"
    return Assignment(
        lead=_clean_actor(lead),
        partners=[_clean_actor(p) for p in _SPLIT_PARTNERS.split(collapse(partners))] if partners else [],
        action=action_text,
        text=collapse(text[start:end]),
        start=start,
        end=end,
        node=unit.node,
    )


def _clean_actor(actor: str) -> str:
    return collapse(actor).strip(" ,;:").removeprefix("Đề nghị ").strip()
