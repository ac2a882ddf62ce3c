"""Schemas of the reviewable data files (pydantic): a malformed file is refused with the file and the
key path of the first error (``state_data.yaml: databases.dan_cu.name: field required``).

Keys starting with "_" hold YAML anchors (``_grounds``) and are not part of the data.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Mapping

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, model_validator

Phrases = Annotated[list[str], Field(min_length=1)]
Confidence = Annotated[float, Field(ge=0.0, le=1.0)]


class ResourceError(ValueError):
    """A data file that cannot be read or does not fit its schema; the message names the file and key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class GroundSchema(_Strict):
    document: str
    article: str | None = None
    summary: str | None = None


# ---------------------------------------------------------------- state_data.yaml


class DatabaseSchema(_Strict):
    name: str
    replaces: list[str] = []  # the papers and data the database stands in for
    legal_ground: list[GroundSchema] = []  # why the agency looks the data up instead of asking for them
    operators: list[str] = []  # agencies that keep it: their own papers are the self_issued_document rule's
    # a central system no provincial body reaches: the lookup needs a link built centrally (actionable_by central)
    central_link: bool = False


class StateHeldSchema(_Strict):
    id: str
    label: str
    database: str
    patterns: Phrases
    head_patterns: list[str] | None = None
    only_copies: StrictBool = False
    copies_only: StrictBool = False  # only a copy is the data asked again; the original is handed in to be acted on
    # with copies_only: the agencies (phrases of the handling agency's name) that act on the paper itself, to whom
    # its original is handed in; to any other agency an original asked is the data asked again. Empty: every agency.
    acted_on_by: list[str] = []
    condition: str | None = None
    # phrases of a procedure's name in which the database does not hold the paper ("đăng ký thuế": organisations that
    # register tax directly are not in the business register)
    not_in_procedures: list[str] = []
    # the paper counts only where it opens the item or one of its parts (or an alternative right after the opening
    # paper): a mention inside a long row is a condition of another paper ("Hợp đồng ủy thác … thuộc diện phải có giấy
    # chứng nhận kiểm tra chuyên ngành")
    opens_part: StrictBool = False
    # phrases of the item that take it out of the entry: the record already routes the paper through the database
    # ("cơ chế một cửa quốc gia"), or it is another kind of paper than the database holds ("hóa đơn thương mại")
    not_with: list[str] = []
    confidence: Confidence = 0.8
    legal_ground: list[GroundSchema] = []
    curated: list[str] = []  # documents.yaml ids of this paper
    # a paper Việt Nam issues to foreigners (a residence card): the entry applies in foreigners' procedures and despite
    # the words naming foreigners (foreigner_words), not in procedures for citizens abroad (abroad_procedures)
    foreigners: StrictBool = False
    # the database's operators asking for the original ask their own record again (a pension settled by the BHXH from
    # its own contribution data): acted_on_by does not exempt the original there (self_issued_document)
    own_original: StrictBool = False


class IssuedPapersSchema(_Strict):
    """Papers another Vietnamese State body issued, named with their issuer ("Giấy phép … do Bộ Công Thương cấp",
    "Quyết định của cấp có thẩm quyền tại Việt Nam phê duyệt …"): the receiving agency gets them from the issuer."""

    id: str
    label: str
    database: str
    papers: Phrases  # the paper's head, opening the item or a part of it ("giấy phép", "văn bản chấp thuận")
    issuers: Phrases  # how a Vietnamese State body's name opens ("bộ", "ủy ban nhân dân", "cơ quan nhà nước có thẩm quyền")
    not_issuers: list[str] = []  # openers that are not a body ("bộ phận", "bộ hồ sơ", "sở hữu")
    foreign: list[str] = []  # in the part: the paper or its issuer is foreign ("vương quốc", "nước sở tại")
    verbs: Phrases  # what the body did to the paper ("cấp", "phê duyệt", "thông báo")
    confidence: Confidence = 0.6
    legal_ground: list[GroundSchema] = []


class OtherPaperSchema(_Strict):
    """Papers a database holds that no rule checks yet."""

    curated: Annotated[list[str], Field(min_length=1)]
    database: str
    legal_ground: list[GroundSchema] = []


class LegalTextPaperSchema(_Strict):
    paper: str  # id of a documents[] entry: its database is the one cited
    id: str
    label: str
    pattern: str  # regular expression on legal text
    legal_ground: list[GroundSchema] = []

    @model_validator(mode="after")
    def _compiles(self) -> "LegalTextPaperSchema":
        try:
            re.compile(self.pattern)
        except re.error as exc:
            raise ValueError(f"pattern: invalid regular expression ({exc})") from None
        return self


class StateDataSchema(_Strict):
    version: int
    databases: dict[str, DatabaseSchema]
    documents: list[StateHeldSchema]
    facts: list[StateHeldSchema]
    exemptions: Phrases
    fallbacks: Phrases
    procedure_exemptions: Phrases
    foreigner_words: list[str] = []  # exemptions that only say the paper is a foreigner's ("người nước ngoài")
    owner_exemptions: list[str] = []  # a foreign owner ("thương nhân nước ngoài"): exempts only its own alternative
    equivalent_papers: list[str] = []  # "giấy tờ có giá trị tương đương": shares the owner of the paper before it
    abroad_procedures: list[str] = []  # procedure_exemptions for citizens abroad: no entry applies there
    lost_record_procedures: list[str] = []  # "đăng ký lại ...": the State's record is what was lost
    waivers: list[str] = []  # "không phải nộp": a waiver, when the item also names the database (waiver_context)
    waiver_context: list[str] = []
    # in a waiver stated in another item, a case's name or the conditions: it covers every paper of the record
    waiver_scope: list[str] = []
    # openers of a list of proofs of a fact ("một hoặc một số giấy tờ"): a paper in it is one proof among many
    proof_lists: list[str] = []
    # openers of a list of alternatives ("một trong các giấy tờ sau"): only the first alternative counts
    choice_lists: list[str] = []
    # in an item or its case's name: the record already offers the lookup, or the case is only the database's fallback
    lookup_offers: list[str] = []
    citizen_procedures: list[str] = []  # in a name: the procedure serves Vietnamese citizens too
    legal_texts: list[LegalTextPaperSchema] = []
    other_papers: list[OtherPaperSchema] = []
    issued_papers: IssuedPapersSchema | None = None

    @model_validator(mode="after")
    def _known_databases(self) -> "StateDataSchema":
        papers = {entry.id for entry in self.documents}
        for n, entry in enumerate(self.legal_texts):
            if entry.paper not in papers:
                raise ValueError(f"legal_texts.{n}.paper: unknown paper {entry.paper!r} (known: {', '.join(sorted(papers))})")
        if self.issued_papers is not None and self.issued_papers.database not in self.databases:
            raise ValueError(f"issued_papers.database: unknown database {self.issued_papers.database!r}")
        for section in ("documents", "facts", "other_papers"):
            for n, entry in enumerate(getattr(self, section)):
                if entry.database not in self.databases:
                    raise ValueError(f"{section}.{n}.database: unknown database {entry.database!r} "
                                     f"(known: {', '.join(sorted(self.databases))})")
        return self


# ---------------------------------------------------------------- detect_cues.yaml


class RecheckCues(_Strict):
    cues: Phrases
    checks: Phrases
    exempt_before: Phrases
    new_information: Phrases
    completeness: Phrases
    completeness_not: Phrases
    consistency: Phrases
    desk: Phrases
    reissue_site_check: Phrases  # redundant_steps.reissue_site_checks
    reissue_issue: Phrases
    reissue_site_changed: Phrases
    reissue_site_hedge: Phrases


class HandoverCues(_Strict):
    cues: Phrases
    decisions: Phrases
    purpose: Phrases
    max_words: Annotated[int, Field(ge=1)]


class LocalCertificationCues(_Strict):
    authorities: Phrases
    certify: Phrases
    bring: Phrases
    paper_officers: Phrases = []
    paper_certify: Phrases = []
    paper_optional: Phrases = []
    paper_copy_form: Phrases = []
    paper_event_record: Phrases = []


class ApprovalChainCues(_Strict):
    consult: Phrases
    public: Phrases
    as_needed: Phrases
    submit: Phrases
    founding: Phrases
    tiers: dict[str, Phrases]
    unit: Phrases  # a specialised body named as a unit of the level it submits to
    unit_of: Phrases


class ApplicantCollectsCues(_Strict):
    collect: Phrases
    bodies: Phrases
    held_paper: Phrases
    event_record: Phrases
    local: Phrases


class SupplementRoundsCues(_Strict):
    request: Phrases
    supplement: Phrases
    needs: Phrases
    desk: Phrases
    condition: Phrases
    later: Phrases
    not_later: Phrases
    negated: Phrases
    once: Phrases
    exception: Phrases  # an exception after the once-only limit
    short: Phrases  # a supplemented file that still falls short
    supplemented: Phrases  # ... what falls short is the supplemented file, not the first filing
    refusal: Phrases  # ... and the agency refuses or closes the file instead of asking again


class PaperMentionCues(_Strict):
    joiners: Phrases  # "và", "hoặc": one paper of an entry ends, the next begins
    attaching: Phrases  # "kèm theo": the papers after it are attached, each asked as a paper of its own
    own_copy_counts: Phrases  # "01", "một": a count before a part's own copy wording
    own_copy: Phrases  # "bản sao": a part with its own copy wording is a paper of its own
    qualifiers: Phrases  # "theo mẫu", "nếu có": a paper's form, ground or condition, cut before parts are compared
    about: Phrases  # "về việc": what the entry's paper is about follows, not a paper it attaches
    condition_openers: Phrases  # "trường hợp": an entry describing another case's filing
    declaration_heads: Phrases  # "tờ khai": a declaration of a request's data
    declaration_words: Phrases  # "thông tin", "đề nghị": optional after the head, in this order
    notice_heads: Phrases  # "văn bản thông báo": the applicant's notification of its decision
    decision_heads: Phrases  # "quyết định"
    subject_openers: Phrases  # "về việc": optional between a notice's or decision's head and its subject
    subject_ends: Phrases  # "theo", "mẫu": where a subject ends

class CertifiedCopyCues(_Strict):
    cues: Phrases
    alternatives: Phrases
    # an electronic copy: an alternative only next to an original or a plain copy of the same paper ("electronic")
    electronic: Phrases = []
    paper_alternatives: Phrases = []  # the original or plain copy an electronic alternative must come with
    postal: Phrases = []  # filing by post (certified_copy_postal)
    other_channels: Phrases = []  # a channel note naming these is not the postal channel's own (certified_copy_postal)


class InStepCues(_Strict):
    requests: Phrases
    dossier_statements: Phrases
    lawful: Phrases
    receipt: Phrases
    collection: Phrases = []  # collecting the result ("nhận kết quả"): papers_again_at_collection
    papers_again: Phrases = []  # ... where the dossier's papers are handed in once more


class DuplicateCues(_Strict):
    noted_requests: Phrases  # a note of an entry asks for a paper on a condition ("thì hồ sơ còn có …")
    paper_files: Phrases  # "Hồ sơ thiết kế …": one paper, not a dossier heading a sub-case's list
    alternatives: Phrases  # a row offering a choice of papers ("một trong các loại giấy tờ …")
    land_papers: Phrases  # land-rights papers, alternatives of one another in such a case


class OriginalPlusCopyCues(_Strict):
    paper_heads: Phrases  # the head of the one paper a case-opening row names after its colon


class SelfIssuedCues(_Strict):
    issue_verbs: Phrases
    already_issued: Phrases
    surrender: Phrases
    exception_clause: Phrases  # "trừ trường hợp …": when the item is not asked, so not a hand-back
    revocation_papers: Phrases  # a revocation decision named as a paper: not a surrender
    renewal_verbs: Phrases  # in a procedure's name: it renews, reissues or amends a paper already issued
    result_approvals: Phrases  # a procedure's name opening with these approves the result of a matter it approved
    approved_marks: Phrases  # "đã được phê duyệt": a paper named as approved
    original_offered: Phrases  # "bản gốc hoặc bản sao": the original of the renewed paper offered, so handed back
    compare_original: Phrases  # "bản chính để đối chiếu": an original only shown, not offered
    confirmed_by: Phrases  # "có xác nhận (của X)": X stamped the paper


class TimeCues(_Strict):
    not_processing: Phrases
    post_result: Phrases
    nothing_decided: Phrases  # names of procedures that decide nothing (declarations, reports, notices)
    scheduled: Phrases  # a time set by a plan or a notice (admissions, exams): not a missing limit
    calendar_deadline: Phrases  # a result due by a day of the year the steps name: not a missing limit
    immediate: Phrases  # a result given at once ("ngay sau khi nhận đủ hồ sơ"): a time without a number of days
    consulted: Phrases  # another body's limit to give its opinion, inside the host agency's limit
    decision_results: Phrases  # results that are a decision after all ("giấy chứng nhận", "quyết định")
    presence_required: Phrases  # the applicant must come in person (biometrics, identification)
    # "phải nộp … trực tiếp tại …": the legal text makes the applicant file in person (demand, then place, one clause)
    presence_demand: Phrases = []
    presence_in_person: Phrases = []
    presence_not_in_person: Phrases = []  # "cơ quan thuế quản lý trực tiếp": who manages, not how to file
    no_filing: Phrases = []  # the record describes no application to file (the State acts, care given on the spot)
    online_mentioned: Phrases  # a channel description that offers online filing anyway
    business_subjects: Phrases  # subjects that make a procedure business-related (Nghị quyết 66/NQ-CP)


class TimeTargetCues(_Strict):
    reissue_names: Phrases  # a reissue or exchange of a paper already issued (start of the name)
    reissue_reexamines: Phrases  # a reissue that examines again or changes the paper's content
    completeness_acts: Phrases  # a clause that only checks a dossier on receipt or acknowledges it
    completeness_also_decides: Phrases  # a clause that appraises, inspects or asks opinions as well
    complete_dossier: Phrases  # a limit counted from a complete dossier
    vague_handling: Phrases  # an agency step that only handles the dossier "theo quy định" (vague_step_time)
    lost_paper: Phrases  # "trường hợp mất chứng nhận …": a text about a lost paper
    lost_paper_waits: Phrases  # a verification, warning or posting the lost-paper case waits for
    excluded_time: Phrases  # "không tính thời gian …": a stage the published time leaves out
    excluded_agency_stages: Phrases  # an agency's stage left out (an assessment, a consultation, a verification)
    excluded_applicant_stages: Phrases  # the applicant's own time left out (a supplement, a remedy): lawful


class StageClockCues(_Strict):
    clock_leads: Phrases  # "kể từ ngày …": a limit counted from an event
    wait_leads: Phrases  # "sau khi …": a step that waits for another body
    result_openers: Phrases  # "có", "hoàn thành": words between the lead and the activity
    result_papers: Phrases  # "biên bản", "kết quả": the paper the activity yields
    activities: Phrases  # an activity whose result starts a clock (a verification, an appraisal, an exam)
    desk_checks: Phrases  # "kiểm tra hồ sơ": the desk's check on receipt, not a stage
    opinions: Phrases  # another body's opinion or approval
    approvals: Phrases  # a body's approval, named after the body
    bodies: Phrases  # the start of a body's name
    own_desk: Phrases  # the agency's own desk: not another body
    recipient_before: Phrases  # words that make the next body a recipient, not the actor
    conditions: Phrases  # "cần xác minh": a condition, not a limit
    requests: Phrases  # an opinion asked, not given
    filing_verbs: Phrases  # the applicant files "hồ sơ đề nghị": its own deadline
    validity: Phrases  # a paper's validity period, not a processing clock
    within_total: Phrases  # a limit counted from the complete dossier: the stage is inside the published time


class FlowCues(_Strict):
    submission: Phrases
    terminal: Phrases


class ActorCues(_Strict):
    agency: Phrases
    applicant: Phrases


class PublicApplicantCues(_Strict):
    bodies: Phrases
    filing: Phrases
    private: Phrases
    public_projects: Phrases = []  # in a procedure's name: a project or asset the State invests in
    project_owners: Phrases = []  # who files for such a project: its owner, a public body


class FeeBearingCues(_Strict):
    names: Phrases


class CuesSchema(_Strict):
    version: int
    recheck: RecheckCues
    handover: HandoverCues
    local_certification: LocalCertificationCues
    approval_chain: ApprovalChainCues
    applicant_collects: ApplicantCollectsCues
    copy_words: Phrases
    supplement_rounds: SupplementRoundsCues
    duplicate: DuplicateCues
    paper_mentions: PaperMentionCues
    certified_copy: CertifiedCopyCues
    original_plus_copy: OriginalPlusCopyCues
    in_step: InStepCues
    self_issued: SelfIssuedCues
    time: TimeCues
    time_targets: TimeTargetCues
    stage_clocks: StageClockCues
    step_distinguishers: dict[str, Phrases]
    flow: FlowCues
    actors: ActorCues
    public_applicant: PublicApplicantCues
    fee_bearing: FeeBearingCues


# ---------------------------------------------------------------- documents.yaml


class CuratedSchema(_Strict):
    id: str
    name: str
    aliases: list[str] = []
    issued_by: str | None = None
    note: str | None = None  # caveats; whether a State database holds the paper is state_data.yaml's


class DocumentsSchema(_Strict):
    version: int
    application_heads: Phrases
    application_head_exceptions: list[str]
    documents: list[CuratedSchema]

    @model_validator(mode="after")
    def _unique_ids(self) -> "DocumentsSchema":
        seen: set[str] = set()
        for n, document in enumerate(self.documents):
            if document.id in seen:
                raise ValueError(f"documents.{n}.id: duplicate id {document.id!r}")
            seen.add(document.id)
        return self


def _without_anchors(data: Any) -> Any:
    if isinstance(data, Mapping):
        return {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("_"))}
    return data


def describe(error: ValidationError) -> str:
    """The first error of a validation as "key.path: message" (messages start in lower case)."""
    first = error.errors()[0]
    path = ".".join(str(part) for part in first["loc"])
    message = first["msg"]
    message = message[:1].lower() + message[1:]
    if message.startswith("value error, "):
        message = message.removeprefix("value error, ")
    if first["type"] not in ("missing", "extra_forbidden") and "input" in first and not isinstance(first["input"], (dict, list)):
        message += f" (got {first['input']!r})"
    return f"{path}: {message}" if path else message


def validate(schema: type[BaseModel], data: Any, filename: str) -> Any:
    """``data`` validated against ``schema``; a ResourceError naming ``filename`` and the key otherwise."""
    try:
        return schema.model_validate(_without_anchors(data))
    except ValidationError as exc:
        raise ResourceError(f"{filename}: {describe(exc)}") from None
