"""The typed procedure model shared by every reader, detector and presenter.

Pydantic does validation and (de)serialisation, so the canonical JSON form is exactly
``to_dict()`` and every command accepts it back through ``from_dict()``. Readers never
guess silently: anything they could not read goes into ``Procedure.warnings``.
"""

from __future__ import annotations

from typing import Any, Literal, Self, get_args

from pydantic import BaseModel, ConfigDict, Field

from analyzer.errors import warnings as warning_codes

ChannelMode = Literal["truc_tiep", "truc_tuyen", "buu_chinh"]
DurationUnit = Literal["working_day", "day", "hour", "month", "year"]
CopyKind = Literal["ban_chinh", "ban_sao", "ban_sao_chung_thuc", "xuat_trinh", "dien_tu"]

# The modes in their fixed order. Their labels and phrasings are vocabulary.yaml channel_modes
# (analyzer.resources.vocabulary; the model sits below resources, so it does not import it), which a test
# checks against this Literal.
CHANNEL_MODES: tuple[ChannelMode, ...] = get_args(ChannelMode)

# Conversion to working days (documented in README "Durations"): a calendar week has
# five working days, a working day eight office hours, a month 22 and a year 260 working days.
WORKING_DAYS_PER_UNIT: dict[str, float] = {
    "working_day": 1.0,
    "day": 5.0 / 7.0,
    "hour": 1.0 / 8.0,
    "month": 22.0,
    "year": 260.0,
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=False)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls.model_validate(data)


class ParseWarning(_Model):
    """Something a reader could not read or had to read with doubt."""

    code: str  # stable type, e.g. "duration_ambiguous", "fee_unparsed"
    field: str  # canonical field: steps, channels, cases, legal_basis, ...
    message: str  # Vietnamese-agnostic English explanation for logs and reports
    text: str | None = None  # the source text concerned

    @property
    def label(self) -> str:
        """What a reviewer reads: the code's registered Vietnamese text."""
        return warning_codes().text(self.code)


class Duration(_Model):
    text: str
    value: float | None = None
    value_max: float | None = None  # "từ 5 đến 7 ngày": value=5, value_max=7
    unit: DurationUnit | None = None
    working_days: float | None = None
    qualifier: str | None = None  # "kể từ ngày nhận đủ hồ sơ hợp lệ"
    ambiguous: bool = False  # e.g. a number without a unit
    unspecified: bool = False  # "Không quy định", "theo quy định", "Không có thông tin"


class Fee(_Model):
    text: str
    amount: float | None = None
    currency: str | None = None  # ISO 4217: VND, USD ...
    per: str | None = None  # "lần", "thẻ ABTC", "hồ sơ"
    kind: str | None = None  # "phi" or "le_phi" when the source says so


class Step(_Model):
    index: int
    text: str
    title: str | None = None  # the short heading after "Bước n:" when present
    actor: str | None = None
    action: str | None = None
    duration: Duration | None = None


class Channel(_Model):
    mode: ChannelMode
    duration: Duration | None = None
    fees: list[Fee] = Field(default_factory=list)
    description: str | None = None


class DocumentRequirement(_Model):
    name: str
    originals: int | None = None
    copies: int | None = None
    copy_kind: CopyKind | None = None
    form: str | None = None  # template name or file ("Mẫu TK06", "to_khai.docx")
    canonical: str | None = None  # id from the curated document list, set by canonicalisation


class Case(_Model):
    name: str | None = None  # "Trường hợp ...", None for the single default case
    documents: list[DocumentRequirement] = Field(default_factory=list)


class LegalRef(_Model):
    number: str | None = None  # "22/2023/TT-BCA"
    kind: str | None = None  # Luật, Nghị định, Thông tư, Quyết định ...
    issuer: str | None = None
    date: str | None = None  # ISO date
    title: str | None = None


class SourceRef(_Model):
    format: str  # portal_flat, portal_docx, portal_docx_raw, bqp, csdl_2021, canonical, tabular
    path: str
    record: str | None = None  # line number, index or file inside the source


VERSION_SEPARATOR = "@"


def version_key(code: str, decision: str | None) -> str:
    """See ``Procedure.version_key``; whitespace inside the decision is collapsed so two crawls agree."""
    decision = " ".join((decision or "").split())
    return f"{code}{VERSION_SEPARATOR}{decision}" if decision else code


class Procedure(_Model):
    code: str
    name: str
    decision: str | None = None
    level: str | None = None
    field: str | None = None
    agency: str | None = None  # the executing agency (cơ quan thực hiện)
    agencies: dict[str, str] = Field(default_factory=dict)  # role -> name
    subjects: list[str] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    cases: list[Case] = Field(default_factory=list)
    legal_basis: list[LegalRef] = Field(default_factory=list)
    conditions: str | None = None
    results: str | None = None
    source: SourceRef | None = None
    # every source the record was read from when two inputs held the same version (see analyzer.versions);
    # empty for a record read once, so single-source outputs keep their shape
    sources: list[SourceRef] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)

    def warn(self, code: str, field: str, message: str, text: str | None = None) -> None:
        """Attach a warning; ``code`` must be registered in analyzer/data/messages.yaml."""
        self.warnings.append(ParseWarning(code=warning_codes().check(code), field=field, message=message, text=text))

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        if not data["sources"]:  # a record read once keeps the canonical form (and content digest) it always had
            del data["sources"]
        return data

    @property
    def version_key(self) -> str:
        """Identity of one version of the procedure: ``code@decision`` (the decision that published it),
        or the code alone when the record names no decision. Readable, stable across runs and crawls."""
        return version_key(self.code, self.decision)

    @property
    def documents(self) -> list[tuple[int, int, DocumentRequirement]]:
        """All documents as (case index, document index, document)."""
        return [(ci, di, d) for ci, case in enumerate(self.cases) for di, d in enumerate(case.documents)]
