"""approval_chain and applicant_collects: decisions that climb through levels or wait on other bodies' opinions.

NĐ 61/2018/NĐ-CP makes the steps between agencies the administration's own business: a file that goes up
Phòng → Sở → UBND tỉnh for a routine decision, or a Sở that consults the UBND tỉnh for 7 days, adds time the
applicant waits for (``approval_chain``); a dossier that must carry another agency's opinion or consent makes the
applicant run between offices for what the agencies should exchange among themselves (``applicant_collects``).
One finding per procedure, with every step or paper concerned in its evidence.
"""

from __future__ import annotations

import re
from typing import Iterator

from analyzer.detect import _steps
from analyzer.detect._similarity import clauses, key, shorten
from analyzer.detect.context import DetectionContext
from analyzer.detect.finding import Evidence, Finding
from analyzer.detect.registry import RuleParams, rule as register
from analyzer.detect.rules import Rule
from analyzer.detect.schema import Confidence
from analyzer.model import Procedure
from analyzer.resources import Cues

# how each level of government is named in a message, in the order a file climbs
TIER_LABELS = {
    "commune_office": "cơ quan chuyên môn cấp xã", "commune": "UBND cấp xã", "district": "UBND cấp huyện", "department": "Sở, ngành", "province": "UBND cấp tỉnh",
    "ministry": "Bộ", "government": "Thủ tướng Chính phủ, Chủ tịch nước",
}
_DAYS = re.compile(r"(?<!\w)\d{1,3}\s*(?:\([^)]*\)\s*)?(?:ngày|giờ)(?!\w)")
TARGET_WORDS = 5  # words after "trình"/"báo cáo" within which the body the file goes to is named
APPRAISER_WORDS = 12  # words before "trình" within which the submitting body is named
SIGNER_WORDS = 8  # ... when the body that appraised submits it ("trình Chủ tịch Ủy ban nhân dân tỉnh")
SUBJECT_WORDS = 4  # words at the start of a clause within which its subject is named


def _tier_after(text: str, cues: Cues, words: int = TARGET_WORDS) -> str | None:
    """The level of government named right after a submission verb ("trình Chủ tịch UBND tỉnh ký")."""
    window = " ".join(text.split()[:words])
    best: tuple[int, str] | None = None
    for tier in cues["approval_chain"]["tiers"]:
        match = cues.pattern("approval_chain", "tiers", tier).search(window)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), tier)
    return best[1] if best else None


def _by_applicant(clause: str, cues: Cues) -> bool:
    """The clause's subject is the applicant ("Tổ chức, cá nhân lấy ý kiến ...")."""
    opening = " ".join(clause.split()[:SUBJECT_WORDS])
    applicant = cues.pattern("actors", "applicant").search(opening)
    agency = cues.pattern("actors", "agency").search(opening)
    return bool(applicant) and (agency is None or applicant.start() < agency.start())


def _step_clauses(procedure: Procedure, positions: list[int]) -> Iterator[tuple[int, tuple[int, int], str]]:
    for position in positions:
        text = _steps.text(procedure.steps[position])
        for start, end in clauses(text):
            yield position, (start, end), key(text[start:end])


# ---------------------------------------------------------------- approval_chain

# "trình Lãnh đạo Chi nhánh phê duyệt": who is asked to sign, as a few words before the signing verb
_SIGN_OFF = re.compile(r"(?<!\w)trình\s+(?P<who>(?:[\w/]+\s+){1,8}?)(?:xem xét,?\s+)?(?:ký|phê duyệt|duyệt)(?!\w)")
# "ký phê duyệt và trình người có thẩm quyền ... ký": two signatures on one paper in one step
_DOUBLE_SIGNATURE = re.compile(r"(?<!\w)ký\s+(?:phê duyệt|duyệt|nháy|tắt|xác nhận|thẩm định)(?!\w)[^.;]{0,40}?"
                               r"(?<!\w)trình\s+[^.;]{0,80}?(?<!\w)ký(?!\w)")


# "(nếu cần thiết) trình": a bracketed hedge right before the submission qualifies only the words before it
_HEDGE_BEFORE_SUBMIT = re.compile(r"\)\s*,?\s*(?:và\s+)?trình(?!\w)")


def _qualifies_before(clause: str, hedge: re.Match[str]) -> str | None:
    """The clause without its bracketed hedge when the hedge only qualifies what precedes a submission."""
    if hedge.start() == 0 or clause[hedge.start() - 1] != "(":
        return None
    close = clause.find(")", hedge.start())
    if close < 0 or not _HEDGE_BEFORE_SUBMIT.match(clause, close):
        return None
    return clause[:hedge.start() - 1] + " " + clause[close + 1:].lstrip()


class ApprovalChainParams(RuleParams):
    confidence_consultation_days: Confidence  # an internal consultation with its own time limit
    confidence_consultation: Confidence
    confidence_levels: Confidence  # the file is submitted to two or more levels of government


@register("approval_chain", params=ApprovalChainParams)
def approval_chains(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    cues, params = context.resources.cues, rule.params
    consult, public = cues.pattern("approval_chain", "consult"), cues.pattern("approval_chain", "public")
    submit, as_needed = cues.pattern("approval_chain", "submit"), cues.pattern("approval_chain", "as_needed")
    consultations: list[tuple[int, tuple[int, int], bool]] = []
    chain: dict[str, tuple[int, tuple[int, int]]] = {}
    chain_received: list[tuple[int, tuple[int, int]]] = []  # the upper level's own steps of the chain kept
    signatures: list[tuple[int, tuple[int, int]]] = []
    head_of_state = _names_head_of_state(procedure)
    for flow in _steps.flows(procedure.steps, cues):
        tiers: dict[str, tuple[int, tuple[int, int]]] = {}
        received_at: list[tuple[int, tuple[int, int]]] = []
        approvers: dict[str, list[tuple[int, tuple[int, int]]]] = {}
        for position, span, clause in _step_clauses(procedure, flow):
            hedge = as_needed.search(clause)
            if hedge and not (unhedged := _qualifies_before(clause, hedge)):
                continue  # "(nếu cần)", "trường hợp cần thiết": the exception, not a step every file waits for
            if hedge:  # "thẩm định hồ sơ (nếu cần thiết) trình UBND cấp tỉnh": only the appraisal is hedged
                clause = unhedged
            if _DOUBLE_SIGNATURE.search(clause):
                signatures.append((position, span))
            for match in _SIGN_OFF.finditer(clause):
                approvers.setdefault(" ".join(match.group("who").split()), []).append((position, span))
            if not hedge and consult.search(clause) and not public.search(clause) and not _by_applicant(clause, cues):
                days = bool(_DAYS.search(key(_steps.text(procedure.steps[position]))))
                consultations.append((position, span, days))
            for match in submit.finditer(clause):
                tier = _tier_after(clause[match.end():], cues)
                if _by_applicant(clause, cues) or _ALONGSIDE.search(clause, max(0, match.start() - 16), match.start()):
                    continue  # the applicant's own filing, or a report sent alongside a decision already taken
                if tier:
                    tiers.setdefault(tier, (position, span))
                signer = tier or _tier_after(clause[match.end():], cues, SIGNER_WORDS)
                if _DELEGATION.search(" ".join(clause[match.end():].split()[:SIGNER_WORDS + 4])):
                    continue  # "trình UBND tỉnh ủy quyền, phân cấp cho UBND cấp xã": the delegation asked for, no chain
                lower = signer and _appraiser(procedure, position, span, clause[:match.start()], signer, cues)
                # "Chính phủ" is mostly a decree cited, not a signer; the Thủ tướng named right after the verb signs
                if lower and (signer != "government" or _PRIME_MINISTER.match(clause[match.end():].lstrip())):
                    tiers.setdefault(signer, (position, span))
                    tiers.setdefault(lower, (position, span))
            received = not head_of_state and _received_from(clause, cues)
            if received and not _by_applicant(clause, cues):
                received_at.append((position, span))
                for tier in received:
                    tiers.setdefault(tier, (position, span))
        if len(tiers) >= 2 and len(tiers) > len(chain):
            chain, chain_received = tiers, received_at
        for where in approvers.values():  # the same person signs off twice in one flow (the file, then the vouchers)
            if len({p for p, _ in where}) >= 2:
                signatures.extend(where)
    if not consultations and not chain and not signatures:
        return
    if signatures and not consultations and not chain and _within_a_day(procedure):
        return  # an officer checks and a signer signs within hours: ordinary control, not a chain of levels
    first_span: dict[int, tuple[int, int]] = {}  # one quote per step: its first clause concerned
    for p, span in sorted([(p, s) for p, s, _ in consultations] + list(chain.values()) + chain_received + signatures):
        first_span.setdefault(p, span)
    evidence = [_steps.evidence(procedure.steps[p], p, s) for p, s in first_span.items()]
    numbers = [_steps.number(procedure.steps[p], p) for p in first_span]
    what = []
    if signatures:
        what.append("cùng một hồ sơ phải ký duyệt nhiều lần")
    if chain:
        levels = [TIER_LABELS[t] for t in TIER_LABELS if t in chain]
        what.append(f"hồ sơ được trình qua nhiều cấp ({' → '.join(levels)}) cho cùng một quyết định")
    if consultations:
        what.append("cơ quan giải quyết lấy ý kiến hoặc báo cáo cơ quan khác như một bước riêng"
                    + (", có thời hạn riêng" if any(d for _, _, d in consultations) else ""))
    if consultations and any(d for _, _, d in consultations):
        confidence = params["confidence_consultation_days"]
    elif chain or signatures:
        confidence = params["confidence_levels"]
    else:
        confidence = params["confidence_consultation"]
    yield rule.finding(
        procedure.code,
        evidence=evidence,
        confidence=confidence,
        suggestion_params={"steps": numbers, "levels": sorted(chain), "signer": _signer(chain),
                           "consultations": len(consultations),
                           "sign_offs": len(signatures)},
        where="Bước " + ", ".join(str(n) for n in numbers),
        what="; ".join(what),
    )


_TIER_ORDER = list(TIER_LABELS)


def _signer(chain: dict[str, tuple[int, tuple[int, int]]]) -> str | None:
    """The top level of the chain: who signs, hence who can delegate (impact.yaml ``signers``)."""
    return max(chain, key=_TIER_ORDER.index) if chain else None
# "cơ sở giáo dục", "trụ sở" and the "Sở Giao dịch hàng hóa" (an exchange, the applicant) are no Sở
_SCHOOL = re.compile(r"(?<!\w)(?:cơ sở|trụ sở|sở giao dịch)(?!\w)")
_CENTRAL_TIERS = ("ministry", "government")
# "Giám đốc Sở ... quyết định cấp chứng chỉ hành nghề, đồng thời báo cáo Bộ trưởng": informed after, nobody waits
_ALONGSIDE = re.compile(r"(?<!\w)đồng thời,?\s*$")
_DELEGATION = re.compile(r"(?<!\w)(?:ủy quyền|uỷ quyền|phân cấp)(?!\w)")
_HEAD_OF_STATE = re.compile(r"(?<!\w)chủ tịch nước(?!\w)")
_PRIME_MINISTER = re.compile(r"thủ tướng(?:\s+chính phủ)?\s+(?:xem xét,?\s+)?(?:quyết định|phê duyệt|chấp thuận|cho ý kiến)(?!\w)")


def _names_head_of_state(procedure: Procedure) -> bool:
    return any(_HEAD_OF_STATE.search(key(_steps.text(s))) for s in procedure.steps)


def _appraiser(procedure: Procedure, position: int, span: tuple[int, int], before: str, upper: str,
               cues: Cues) -> str | None:
    """The lower level that appraised and now submits ("Trong 15 ngày, Sở Tư pháp thẩm định, trình Chủ tịch UBND
    tỉnh"), when the step has its own days: a two-level chain the upper level, which only signs, could delegate."""
    raw = _steps.text(procedure.steps[position])
    if _names_head_of_state(procedure):
        return None  # a nationality decision of the Chủ tịch nước
    if upper in _CENTRAL_TIERS and cues.pattern("approval_chain", "founding").match(key(procedure.name).lstrip()):
        return None  # a Cục submits the founding of a college to the Bộ trưởng: the law's level, not a chain to cut
    window = _SCHOOL.sub(" ", " ".join((key(raw[:span[0]]) + " " + before).split()[-APPRAISER_WORDS:]))
    found = [(m.start(), t) for t in _TIER_ORDER[:_TIER_ORDER.index(upper)]
             if (m := cues.pattern("approval_chain", "tiers", t).search(window))]
    if not found:  # "Sở Nội vụ phối hợp với các cơ quan liên quan thẩm định hồ sơ trình UBND tỉnh": the clause's subject
        opening = _SCHOOL.sub(" ", " ".join(before.lstrip("+-• ").split()[:SUBJECT_WORDS]))
        found = [(m.start(), t) for t in _TIER_ORDER[:_TIER_ORDER.index(upper)]
                 if (m := cues.pattern("approval_chain", "tiers", t).search(opening))]
    if not found and _founds(procedure, cues):
        return None  # the wider readings below stay off founding procedures, whose level the law sets (1.010927)
    if not found:  # "Trong thời hạn 15 ngày làm việc ..., cơ quan chuyên môn về nông nghiệp và môi trường cấp xã tổ
        # chức thẩm định (thành lập Hội đồng thẩm định) và trình Chủ tịch UBND cấp xã": the subject after the time limit
        subject = _LEADING_TIME.sub("", _steps.unnumbered(before).lstrip("+-• "))
        subject = _SCHOOL.sub(" ", " ".join(subject.split()[:APPRAISER_WORDS]))
        found = [(0, t) for t in _TIER_ORDER[:_TIER_ORDER.index(upper)]
                 if cues.pattern("approval_chain", "tiers", t).match(subject)]
    lower = min(found)[1] if found else _subordinate(before, upper, cues)
    if lower and not _DAYS.search(key(raw)) and (lower, upper) != ("department", "province"):
        return None  # no days of its own: an officer and a signer, unless a Sở submits to the UBND tỉnh (two bodies)
    return lower


def _founds(procedure: Procedure, cues: Cues) -> bool:
    """The procedure founds, merges or dissolves an institution ("Cấp phép thành lập văn phòng giám định tư pháp")."""
    opening = " ".join(key(procedure.name).split()[:SUBJECT_WORDS])
    return cues.pattern("approval_chain", "founding").search(opening) is not None


# the time limit a step opens with, before its subject ("Trong thời gian 15 ngày, kể từ ngày hết hạn công khai thông tin
# dự án, cơ quan chuyên môn ..."); bounded to one clause of a sentence each
_LEADING_TIME = re.compile(r"^(?:(?:trong (?:thời hạn|thời gian|vòng)|sau khi|kể từ|chậm nhất|không quá)[^,;]{0,120},\s*)+")


# the level just below the one a unit belongs to: a ministry's or a province's specialised body ranks as a Sở/Cục
_BELOW = {"province": "department", "ministry": "department", "commune": "commune_office"}
UNIT_GAP = 60  # characters between the unit ("cơ quan chuyên môn về nhà ở") and "trực thuộc"
# ... which only name the unit's field: no verb or object in between ("cơ quan chuyên môn thẩm định hồ sơ của tổ chức
# thuộc Bộ Quốc phòng": the organisation belongs to the Bộ, not the appraiser)
_UNIT_NAME = re.compile(r"(?:(?!(?<!\w)(?:của|hồ sơ|thẩm định|có trách nhiệm|tổ chức|kiểm tra|trình)(?!\w))[^,;.()])*")


def _subordinate(before: str, upper: str, cues: Cues) -> str | None:
    """The level of a unit that belongs to the very level it submits to ("cơ quan chuyên môn về nhà ở trực thuộc Bộ
    Quốc phòng ... trình Bộ trưởng Bộ Quốc phòng"): the level just below ``upper``, or None."""
    if upper not in _BELOW:
        return None
    unit_of = cues.pattern("approval_chain", "unit_of")
    for unit in cues.pattern("approval_chain", "unit").finditer(before):
        link = unit_of.search(before, unit.end(), unit.end() + UNIT_GAP)
        if not link or not _UNIT_NAME.fullmatch(before[unit.end():link.start()]):
            continue  # no "thuộc" right after the unit's field
        if _tier_after(before[link.end():], cues, SUBJECT_WORDS + 2) == upper:
            return _BELOW[upper]
    return None


# "Trong thời hạn 05 ngày kể từ ngày Sở Tư pháp trình hồ sơ, Chủ tịch UBND tỉnh ...", "kể từ ngày nhận được hồ sơ đề nghị
# của Sở Xây dựng, UBND tỉnh xem xét, chấp thuận": the upper level's own days, counted from the lower level's submission
_RECEIVED_FROM = re.compile(
    r"(?<!\w)kể từ (?:ngày|khi)\s+(?:(?:nhận được|nhận|có)\s+(?:đủ\s+|đầy đủ\s+)?(?:hồ sơ|tờ trình|văn bản|báo cáo)"
    r"[^,;:]{0,40}?(?<!\w)(?:của|do)\s+(?P<lower>[^,;:]{2,60}?)|(?P<submitter>[^,;:]{2,60}?)\s+trình[^,;:]{0,40}?)"
    r"\s*,\s*(?P<upper>[^,;:]{2,80})")


def _received_from(clause: str, cues: Cues) -> tuple[str, str] | None:
    """The (lower, upper) levels of a step the upper level takes on the lower level's submission, or None."""
    match = _RECEIVED_FROM.search(clause)
    if not match:
        return None
    lower = _tier_after(_SCHOOL.sub(" ", match.group("lower") or match.group("submitter")), cues, APPRAISER_WORDS)
    upper = _tier_after(_SCHOOL.sub(" ", match.group("upper")), cues, SUBJECT_WORDS + 4)
    if lower is None or upper is None or _TIER_ORDER.index(lower) >= _TIER_ORDER.index(upper):
        return None
    if upper == "government":
        return None  # "Chính phủ" is mostly a decree cited, not a signer
    return lower, upper


def _within_a_day(procedure: Procedure) -> bool:
    from analyzer.detect.long_processing_time import known_days

    days = [d for c in procedure.channels if (d := known_days(c.duration)) is not None]
    return bool(days) and min(days) <= 1.0


# ---------------------------------------------------------------- applicant_collects


def _collected(text: str, cues: Cues, own_agency: str, plural: bool = False) -> re.Match[str] | None:
    """The first "xin xác nhận của <public body>" / "văn bản chấp thuận của <public body>" in keyed ``text``; with
    ``plural`` (a paper of the dossier), also "ý kiến của các cơ quan, đơn vị liên quan", unless it is the answer to
    opinions ("Báo cáo giải trình, tiếp thu ý kiến của ...")."""
    bodies, local = cues.pattern("applicant_collects", "bodies"), cues.pattern("applicant_collects", "local")
    for match in cues.pattern("applicant_collects", "collect").finditer(text):
        after = text[match.end():].lstrip()
        if plural and _PLURAL.match(after):
            if _ANSWERED.search(text[max(0, match.start() - 30): match.start()]) or _SUBMISSION_FILE.search(text):
                continue  # the answer to opinions, or a body's own submission file ("Tờ trình của Ngân hàng Nhà nước")
            after = _PLURAL.sub("", after, count=1)  # "Văn bản góp ý kiến của các cơ quan, đơn vị liên quan"
        if not bodies.match(after) or local.match(after):
            continue  # a private party's consent, or a commune's certification (local_certification)
        if _WAIVED.search(text[max(0, match.start() - 20): match.start()]):
            continue  # "không cần xác nhận của ..."
        if _COMPILED.search(text[max(0, match.start() - 20): match.start()]):
            continue  # "Tổng hợp ý kiến của …": the record of opinions someone else gathered, not one to fetch
        if _COPY_FORM.search(text[max(0, match.start() - 20): match.end()]):
            continue  # "bản sao có xác nhận của cơ quan cấp bản chính": a form of copy, not an opinion to fetch
        if _BY_STATUTES.search(after[:60]):
            continue  # "cấp có thẩm quyền theo Điều lệ": the applicant's own governing body, not another agency
        if own_agency and after.startswith(own_agency):
            continue  # the receiving agency's own approval is issued_by_same_agency's matter
        if _already_held(text, match, cues):
            continue
        return match
    return None


def _already_held(text: str, match: re.Match[str], cues: Cues) -> bool:
    """The applicant already holds the paper: a copy of another body's paper, or the record of an event."""
    if cues.pattern("applicant_collects", "event_record").search(text[max(0, match.start() - 40): match.start()]):
        return True
    # the copy word heads this very paper ("bản sao giấy xác nhận của"), not another paper of the row ("bản sao văn
    # bản quyết toán thuế hoặc văn bản xác nhận của cơ quan thuế": a confirmation the applicant must still ask for)
    copy_of = re.search(r"(?:^|\s)(?:bản sao|bản chụp|bản photo)\s*$", text[max(0, match.start() - 12): match.start()])
    return copy_of is not None and cues.pattern("applicant_collects", "held_paper").match(text, match.start()) is not None


_PLURAL = re.compile(r"^(?:các|những)\s+")
_ANSWERED = re.compile(r"(?<!\w)(?:giải trình|tiếp thu)(?!\w)")
_SUBMISSION_FILE = re.compile(r"(?<!\w)tờ trình(?!\w)")
# a compilation of the opinions, which whoever ran the consultation draws up: "Tổng hợp ý kiến của cơ quan, tổ chức,
# cá nhân liên quan" in the file the Sở submits for approval beside its "Kết quả thẩm định" (3.000501; round-10 blind
# audit, internal_dossier_row), "Chủ đầu tư … tổng hợp ý kiến của Sở Xây dựng" the developer received (1.115150)
_COMPILED = re.compile(r"(?<!\w)tổng hợp\s*$")
_WAIVED = re.compile(r"(?<!\w)(?:không cần|không phải|không yêu cầu|không bắt buộc)(?:\s+có)?\s*$")
# a copy whose conformity another body confirms, offered as a form of the paper ("có thể là bản gốc, bản sao có xác
# nhận của cơ quan cấp bản chính hoặc có công chứng, chứng thực", round-7 audit 1.000416; "bản chính hoặc bản sao chứng
# thực hoặc bản sao có xác nhận của cơ quan tổ chức cán bộ", 1.003777): the copy, not a confirmation of a fact
_COPY_FORM = re.compile(r"(?<!\w)(?:bản sao|bản chụp|bản sao chụp)\s+(?:có\s+)?xác nhận của$")
_BY_STATUTES = re.compile(r"(?<!\w)theo điều lệ(?!\w)|(?<!\w)của (?:doanh nghiệp|công ty|tổ chức tín dụng|ngân hàng thương mại)(?!\w)")


class ApplicantCollectsParams(RuleParams):
    confidence_document: Confidence  # a paper of the dossier is another body's opinion or consent
    confidence_step: Confidence  # a step makes the applicant go and ask for it


@register("applicant_collects", params=ApplicantCollectsParams)
def applicant_collects(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    cues, params = context.resources.cues, rule.params
    own_agency = key(procedure.agency or "").strip()
    evidence: list[Evidence] = []
    quoted: list[str] = []
    for n, case in enumerate(procedure.cases):
        for index, document in enumerate(case.documents):
            if document.name in quoted:
                continue  # the same paper in another case: one piece of evidence is enough
            match = _collected(key(document.name), cues, own_agency, plural=True)
            if match:
                evidence.append(Evidence(field="documents", case=n, index=index, text=document.name))
                quoted.append(document.name)
    from_documents = bool(evidence)
    for position, span, clause in _step_clauses(procedure, list(range(len(procedure.steps)))):
        if _by_applicant(clause, cues) and _collected(clause, cues, own_agency):
            evidence.append(_steps.evidence(procedure.steps[position], position, span))
            quoted.append(_steps.unnumbered(_steps.text(procedure.steps[position])[span[0]:span[1]]))
    if not evidence:
        return
    yield rule.finding(
        procedure.code,
        evidence=evidence,
        confidence=params["confidence_document"] if from_documents else params["confidence_step"],
        suggestion_params={"items": len(evidence)},
        item=shorten(quoted[0], 90),
        count=len(evidence),
    )
