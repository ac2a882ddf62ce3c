"""What a finding would save and who can act on it: the one implementation of the compliance-cost arithmetic.

The method is the official one (Thông tư 02/2017/TT-VPCP, Điều 27), the Standard Cost Model: cost of one
performance = work hours × hourly income + fees and other prescribed costs; yearly cost = that × times per year ×
cases per year. Opportunity cost (waiting for the result) is not counted; where sources disagree on an input, its
low-average is taken (``low_average``). Unit costs: analyzer/data/cost_defaults.yaml; what each kind of
finding removes, the severity formula and who can act: analyzer/data/impact.yaml. Cases per year of each procedure
come from a province's CSV (``ImpactModel.with_cases``), else from the documented defaults.

It works on ``ProcedureFacts`` (what the arithmetic needs of a record), built from a Procedure or from the batch's
procedure row, so the library (``analyze_one``) and the batch outputs compute the same figures. report.savings
uses ``performance_cost`` and ``yearly_cost`` for its before/after metrics.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping

import yaml

from analyzer.model import Procedure
from analyzer.resources.vocabulary import default_vocabulary
from analyzer.text import fold

ActionableBy = Literal["province", "central"]
LEVELS = ("bo", "tinh", "xa")
LOCAL_LEVELS = frozenset({"tinh", "xa"})
# --level local: the procedures a province performs (provincial, district or commune level), what a Sở Tư pháp
# reviews; a procedure only a ministry performs is outside a province's review (blind audit, round 3)
LOCAL = "local"
SEVERITY_ORDER = {"low": 0, "medium": 1, "high": 2}
UNRANKED = 99  # a legal kind with no rank in the vocabulary sorts after every ranked one


class CasesFileError(ValueError):
    """A --cases CSV that cannot be read (message names the file and line)."""


# ------------------------------------------------------------------ SCM arithmetic (the only copy)


def performance_cost(hours: float, out_of_pocket: float, hourly_income: float) -> float:
    """Cost of one performance: work time cost + fees and other prescribed costs (TT 02/2017 Điều 27)."""
    return hours * hourly_income + out_of_pocket


def yearly_cost(per_performance: float, cases_per_year: float, frequency: float = 1.0) -> float:
    """Yearly cost: one performance × times per year × subjects (cases) per year."""
    return per_performance * frequency * cases_per_year


def low_average(values: Iterable[float]) -> float:
    """The low-average (mức thấp trung bình) of values that sources give for one input (TT 02/2017 Điều 27, as
    cost_defaults.yaml's method.disagreeing_sources reads it): the mean of the lower half of the values, the middle
    one included when their number is odd; of two values, the lower. ValueError when there is none."""
    ordered = sorted(float(v) for v in values)
    if not ordered:
        raise ValueError("low_average of no value")
    lower = ordered[:(len(ordered) + 1) // 2]
    return sum(lower) / len(lower)


# ------------------------------------------------------------------ record facts


@dataclass(frozen=True)
class Paper:
    copy_kind: str | None
    copies: int | None


@dataclass(frozen=True)
class LegalText:
    kind: str | None
    number: str | None
    issuer: str | None


def deciding_authority(procedure: Procedure) -> str | None:
    """Who decides: the record's "Cơ quan có thẩm quyền", else the executing agency."""
    return procedure.agencies.get("co_tham_quyen") or procedure.agency


@dataclass(frozen=True)
class ProcedureFacts:
    """What the impact arithmetic reads of a record."""

    code: str
    decision: str | None = None
    level: str | None = None
    papers: Mapping[tuple[int, int], Paper] = field(default_factory=dict)  # (case, index) -> paper
    legal_basis: tuple[LegalText, ...] = ()
    decider: str | None = None  # ``deciding_authority``
    agency: str | None = None  # the executing agency ("Cơ quan thực hiện")

    @classmethod
    def from_procedure(cls, procedure: Procedure) -> "ProcedureFacts":
        return cls(
            code=procedure.code, decision=procedure.decision, level=procedure.level,
            decider=deciding_authority(procedure), agency=procedure.agency,
            papers={(ci, di): Paper(d.copy_kind, d.copies) for ci, c in enumerate(procedure.cases)
                    for di, d in enumerate(c.documents)},
            legal_basis=tuple(LegalText(r.kind, r.number, r.issuer) for r in procedure.legal_basis),
        )

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> "ProcedureFacts":
        """From ``analyzer.report.tables.procedure_row`` (cases and legal basis as JSON text)."""
        cases = json.loads(row.get("cases") or "[]")
        basis = json.loads(row.get("legal_basis") or "[]")
        return cls(
            code=row["code"], decision=row.get("decision"), level=row.get("level"), decider=row.get("decider"),
            agency=row.get("agency"),
            papers={(ci, di): Paper(d.get("copy_kind"), d.get("copies")) for ci, c in enumerate(cases)
                    for di, d in enumerate(c.get("documents") or [])},
            legal_basis=tuple(LegalText(r.get("kind"), r.get("number"), r.get("issuer")) for r in basis),
        )


# ------------------------------------------------------------------ the model


@dataclass(frozen=True)
class Impact:
    days_saved: float  # working days of processing time saved per case
    vnd_saved: float  # VND per year saved for all applicants
    actionable_by: ActionableBy
    actionable_text: str  # Vietnamese: who acts, naming the legal text to amend
    severity: str


@lru_cache(maxsize=4)
def packaged_yaml(name: str) -> dict[str, Any]:
    """A packaged data file (analyzer/data), read once per process. Callers must not mutate it."""
    return yaml.safe_load(files("analyzer.data").joinpath(name).read_text(encoding="utf-8"))


@dataclass(frozen=True, eq=False)
class ImpactModel:
    params: Mapping[str, float]  # cost_defaults.yaml values
    spec: Mapping[str, Any]  # impact.yaml
    cases: Mapping[str, float] = field(default_factory=dict)  # "code" or "code@decision" -> cases per year
    cases_source: str = ""

    @classmethod
    def default(cls) -> "ImpactModel":
        return _default_model()

    def with_cases(self, path: str | Path | None) -> "ImpactModel":
        """This model with the cases per year of a province's CSV (columns code[,decision],cases_per_year)."""
        if path is None:
            return self
        return replace(self, cases=read_cases(Path(path)), cases_source=str(path))

    # ---- inputs

    def levels(self, level: str | None) -> frozenset[str]:
        """bo / tinh / xa named by a record's "Cấp thực hiện" (several levels separated by commas)."""
        found = set()
        for part in (level or "").split(","):
            key = fold(part).strip()
            for name, words in self.spec["levels"].items():
                if key in words:
                    found.add(name)
        return frozenset(found)

    def central_body(self, agency: str | None) -> bool:
        """The agency field names a central body's local office (impact.yaml ``central_bodies``) and no body of
        the province's own (``local_bodies``)."""
        haystack = fold(agency or "")
        if not any(fold(body) in haystack for body in self.spec.get("central_bodies") or ()):
            return False
        return not any(self._local_body(segment) for segment in _segments(agency))

    def central_procedure(self, agency: str | None, decider: str | None) -> bool:
        """Outside a province's reach: the executing agency or the deciding authority is a central body, or only
        central authorities decide."""
        return self.central_body(agency) or self.central_body(decider) or self.decided_centrally(decider)

    def decided_centrally(self, decider: str | None) -> bool:
        """Every authority the record names as deciding is central (impact.yaml ``central_deciders``): a local
        body only takes the file in ("Chủ tịch nước" for a nationality request filed at the Sở Tư pháp)."""
        parts = [fold(p).strip() for p in re.split(r"[,;\n]", decider or "")]
        parts = [p for p in parts if p]
        return bool(parts) and all(self._central_decider(p) for p in parts)

    def _central_decider(self, part: str) -> bool:
        """A part starting with a central authority, or a body named with its ministry after a dash ("Cục Phòng
        bệnh - Bộ Y tế") that is no body of the province's own."""
        if self._central_start(part):
            return True
        segments = _segments(part)
        return (len(segments) > 1 and any(self._central_start(s) for s in segments[1:])
                and not any(self._local_body(s) for s in segments))

    def _central_start(self, text: str) -> bool:
        return (_starts(text, self.spec.get("central_deciders") or ())
                and not _starts(text, self.spec.get("not_central_deciders") or ()))

    def _local_body(self, segment: str) -> bool:
        return (_starts(segment, self.spec.get("local_bodies") or ())
                and not _starts(segment, self.spec.get("not_local_bodies") or ()))

    def cases_per_year(self, facts: ProcedureFacts) -> float:
        from analyzer.model import version_key

        for key in (version_key(facts.code, facts.decision), facts.code):
            if key in self.cases:
                return self.cases[key]
        by_level = self.spec.get("cases_per_year_by_level") or {}
        known = [float(by_level[lv]) for lv in LEVELS if lv in self.levels(facts.level) and lv in by_level]
        return min(known) if known else self.params["cases_per_year"]  # low value when levels disagree

    # ---- per finding

    def effect(self, rule: str, action: str) -> Mapping[str, Any]:
        name = (self.spec.get("rule_effects") or {}).get(rule, action)
        return (self.spec.get("effects") or {}).get(name, {"set_by": "text"})

    def impact(self, finding: Mapping[str, Any], facts: ProcedureFacts) -> Impact:
        """``finding``: a Finding's plain dict (rule, severity, confidence, suggestion, evidence)."""
        suggestion = finding.get("suggestion") or {}
        effect = self.effect(finding["rule"], suggestion.get("action", ""))
        params = suggestion.get("params") or {}
        cases = self.cases_per_year(facts)
        days = _time_cut(params) if effect.get("days") == "time_cut" else 0.0
        hours, out_of_pocket = self._per_performance(effect, _papers(finding, facts))
        per_case = performance_cost(hours, out_of_pocket, self.params["hourly_income"])
        vnd = yearly_cost(per_case, cases, self.params["frequency"]) * float(effect.get("share", 1.0))
        by, text = self.actionable(effect.get("set_by", "text"), facts, params)
        severity = self.severity(float(finding.get("confidence", 1.0)), vnd, days * cases, finding.get("severity"))
        return Impact(days_saved=round(days, 2), vnd_saved=round(vnd, 0), actionable_by=by, actionable_text=text,
                      severity=severity)

    def _per_performance(self, effect: Mapping[str, Any], papers: list[Paper]) -> tuple[float, float]:
        """Hours and out-of-pocket VND one performance saves."""
        p = self.params
        documents = len(papers) if papers and effect.get("documents") else float(effect.get("documents", 0))
        copies = sum(_copies(paper) for paper in papers)
        certified = sum(_copies(paper) for paper in papers if paper.copy_kind == "ban_sao_chung_thuc")
        trips = float(effect.get("trips", 0)) + (float(effect.get("trips_if_certified", 0)) if certified else 0.0)
        if effect.get("certification_only") and not certified:
            trips = 0.0  # nothing to certify: the finding saves no trip either
        hours = (documents * p["hours_per_document"] + trips * p["hours_per_trip"]
                 + float(effect.get("steps", 0)) * p["hours_per_step_for_applicant"])
        out_of_pocket = trips * p["travel_cost"]
        if effect.get("copies_of_evidence"):
            out_of_pocket += copies * p["copy_cost"] + certified * p["certification_fee"]
        elif effect.get("certification_only"):
            out_of_pocket += certified * p["certification_fee"]
        return hours, out_of_pocket

    def severity(self, confidence: float, vnd: float, days_per_year: float, cap: str | None) -> str:
        """high / medium / low from the expected saving (confidence × saving); never above ``cap``."""
        derived = "low"
        for level in ("medium", "high"):
            limits = self.spec["severity"][level]
            if confidence * vnd >= limits["vnd_per_year"] or confidence * days_per_year >= limits["days_per_year"]:
                derived = level
        if cap in SEVERITY_ORDER and SEVERITY_ORDER[cap] < SEVERITY_ORDER[derived]:
            return cap
        return derived

    def actionable(self, set_by: str, facts: ProcedureFacts,
                   params: Mapping[str, Any] | None = None) -> tuple[ActionableBy, str]:
        central = [t for t in facts.legal_basis if not self._is_local(t)]
        top = _highest_ranked(central)
        if self.decided_centrally(facts.decider):
            what = _name(top) if top else "văn bản quy định thủ tục"
            return "central", f"Kiến nghị Bộ, ngành sửa {what} (thẩm quyền quyết định: {facts.decider.strip()})"
        body = next((b for b in (facts.agency, facts.decider) if self.central_body(b)), None)
        if body is not None:
            what = _name(top) if top else "văn bản quy định thủ tục"
            return "central", f"Kiến nghị Bộ, ngành sửa {what} (cơ quan trung ương thực hiện: {body.strip()})"
        if (params or {}).get("central_system"):  # the data sit in a central system the province cannot link to
            return "central", str(self.spec.get("central_system_text") or "Kiến nghị Bộ, ngành kết nối, chia sẻ dữ liệu")
        local_level = bool(self.levels(facts.level) & LOCAL_LEVELS)
        if set_by == "signer":  # a chain of levels: whoever signs at its top can delegate (impact.yaml signers)
            signers = self.spec.get("signers") or {}
            signer = (params or {}).get("signer")
            if local_level and signer in (signers.get("province") or ()):
                return "province", signers["province_text"]
            set_by = "text"
        if set_by == "practice" and local_level:
            return "province", "UBND tỉnh chỉ đạo cơ quan giải quyết thực hiện trên địa bàn tỉnh"
        if top is None and (local_level or facts.legal_basis):
            local = _highest_ranked(list(facts.legal_basis))
            where = f" {_name(local)}" if local else " quyết định công bố thủ tục"
            return "province", f"UBND tỉnh sửa{where}"
        if top is None:
            return "central", "Kiến nghị Bộ, ngành sửa văn bản quy định thủ tục"
        return "central", f"Kiến nghị Bộ, ngành sửa {_name(top)}"

    def _is_local(self, text: LegalText) -> bool:
        words = [fold(w) for w in self.spec.get("local_issuers") or []]
        haystack = fold(" ".join(filter(None, [text.issuer, text.number])))
        return any(w in haystack for w in words)


def _segments(field_text: str | None) -> list[str]:
    """The folded parts of an agency field: split at commas, semicolons, line breaks and spaced dashes."""
    return [p.strip() for p in re.split(r"[,;\n]|\s[-–]\s", fold(field_text or "")) if p.strip()]


def _starts(text: str, words: Iterable[str]) -> bool:
    """``text`` (folded) starts with one of ``words`` as whole words."""
    return any(re.match(rf"{re.escape(fold(w))}(?!\w)", text) for w in words)


def _name(text: LegalText) -> str:
    return " ".join(filter(None, [text.kind, text.number])) or "văn bản quy định thủ tục"


def _highest_ranked(texts: list[LegalText]) -> LegalText | None:
    ranks = default_vocabulary().kind_ranks
    return min(texts, key=lambda t: ranks.get(t.kind or "", UNRANKED), default=None)


def _copies(paper: Paper) -> int:
    return max(paper.copies or 0, 1 if paper.copy_kind in ("ban_sao", "ban_sao_chung_thuc") else 0)


def _time_cut(params: Mapping[str, Any]) -> float:
    current, target = params.get("current_working_days"), params.get("target_working_days")
    if current is None or target is None:
        return 0.0
    return max(float(current) - float(target), 0.0)


def _papers(finding: Mapping[str, Any], facts: ProcedureFacts) -> list[Paper]:
    """The papers a finding is about: named in its suggestion (remove / document), else its document evidence."""
    params = (finding.get("suggestion") or {}).get("params") or {}
    places: list[tuple[int, int]] = []
    named = params.get("remove") if isinstance(params.get("remove"), list) else [params.get("document")]
    for place in named:
        if isinstance(place, Mapping) and place.get("index") is not None:
            places.append((int(place.get("case") or 0), int(place["index"])))
    if not places:
        places = [(int(e.get("case") or 0), int(e["index"])) for e in finding.get("evidence") or []
                  if e.get("field") == "documents" and e.get("index") is not None][-1:]
    return [facts.papers[p] for p in places if p in facts.papers]


@lru_cache(maxsize=1)
def _default_model() -> ImpactModel:
    costs = packaged_yaml("cost_defaults.yaml")
    params = {name: float(spec["value"]) for name, spec in costs["params"].items()}
    return ImpactModel(params=params, spec=packaged_yaml("impact.yaml"))


def read_cases(path: Path) -> dict[str, float]:
    """code[,decision],cases_per_year -> {"code@decision" or "code": cases}."""
    from analyzer.model import version_key

    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = set(reader.fieldnames or ())
            if not {"code", "cases_per_year"} <= columns:
                raise CasesFileError(f"{path}: cần các cột code, cases_per_year (có thể thêm decision)")
            cases: dict[str, float] = {}
            for line, row in enumerate(reader, start=2):
                try:
                    value = float((row["cases_per_year"] or "").replace(",", "."))
                except ValueError:
                    raise CasesFileError(f"{path}:{line}: cases_per_year không phải là số: {row['cases_per_year']!r}") from None
                if value < 0:
                    raise CasesFileError(f"{path}:{line}: cases_per_year âm: {value:g}")
                cases[version_key(row["code"].strip(), row.get("decision"))] = value
            return cases
    except OSError as exc:
        raise CasesFileError(f"{path}: không đọc được tệp: {exc}") from None


# ------------------------------------------------------------------ applying and filtering


def impact_fields(impact: Impact) -> dict[str, Any]:
    return {"days_saved": impact.days_saved, "vnd_saved": impact.vnd_saved, "actionable_by": impact.actionable_by,
            "actionable_text": impact.actionable_text, "severity": impact.severity}


def with_impact(rows: Iterable[dict[str, Any]], facts: ProcedureFacts, model: ImpactModel) -> list[dict[str, Any]]:
    """Finding dicts with their impact fields set (severity derived), in place and returned."""
    result = []
    for row in rows:
        row.update(impact_fields(model.impact(row, facts)))
        result.append(row)
    return result


def impact_order(row: Mapping[str, Any]) -> tuple[float, float]:
    """Sort key, largest saving first: VND per year, then working days saved."""
    return (-(row.get("vnd_saved") or 0.0), -(row.get("days_saved") or 0.0))


@dataclass(frozen=True)
class FindingFilter:
    """``--level`` and ``--actionable-by``: a finding is kept when both match (None: anything)."""

    level: str | None = None  # bo / tinh / xa
    actionable_by: str | None = None

    def __post_init__(self) -> None:
        if self.level is not None and self.level not in (*LEVELS, LOCAL):
            raise ValueError(f"level must be one of {', '.join((*LEVELS, LOCAL))} (got {self.level!r})")
        if self.actionable_by is not None and self.actionable_by not in ("province", "central"):
            raise ValueError(f"actionable_by must be province or central (got {self.actionable_by!r})")

    @property
    def active(self) -> bool:
        return self.level is not None or self.actionable_by is not None

    def keeps(self, row: Mapping[str, Any], level: str | None, model: ImpactModel | None = None,
              agency: str | None = None, decider: str | None = None) -> bool:
        if self.level is not None:
            model = model or ImpactModel.default()
            levels = model.levels(level)
            if self.level == LOCAL:
                if not levels & LOCAL_LEVELS or model.central_procedure(agency, decider):
                    return False
            elif self.level not in levels:
                return False
        return self.actionable_by is None or row.get("actionable_by") == self.actionable_by
