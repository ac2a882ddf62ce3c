"""The reviewer's view of a corpus: procedures with their findings, search, and decisions applied.

Everything the reviewer app shows is computed here, so notebooks get the same answers as the app.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Collection, Iterable, Mapping

import pandas as pd

from analyzer.detect import Finding, analyze
from analyzer.detect.finding import KIND_LABELS, SEVERITY_LABELS  # noqa: F401 - the app reads labels here
from analyzer.detect.impact import FindingFilter, ImpactModel
from analyzer.detect.record_defects import RecordDefect, record_defects
from analyzer.ingest import read_all
from analyzer.model import Procedure
from analyzer.report.keys import ProposalKey
from analyzer.report.labels import procedure_title
from analyzer.report.peer_table import PeerTable, peer_values
from analyzer.report.plan import ACCEPTED, finding_version
from analyzer.report.search import Entry, agency_parts, name_key, rank
from analyzer.report.savings import apply_changes, change_from_finding, check_edit, compare
from analyzer.report.tables import procedure_row
from analyzer.resources.vocabulary import default_vocabulary
from analyzer.text import fold
from analyzer.versions import DIFFERS, IDENTICAL, VERSION, VersionPlan, merge_versions

if TYPE_CHECKING:
    from analyzer.report.legal_review import LegalReview

MODE_LABELS = default_vocabulary().mode_labels  # the reviewer's names of channel modes (the app shows them)



@dataclass
class ReviewCorpus:
    """Procedures and findings keyed on the procedure version (``Procedure.version_key``)."""

    procedures: dict[str, Procedure]
    findings: dict[str, list[Finding]]
    errors: list[str] = field(default_factory=list)
    # folded search entries, computed once per version (folding every name on every page run costs ~0.1 s/2,600)
    _entries: dict[str, Entry] = field(default_factory=dict, repr=False, compare=False)
    _peers: PeerTable | None = field(default=None, repr=False, compare=False)

    def search_entry(self, version: str) -> Entry:
        if version not in self._entries:
            p = self.procedures[version]
            self._entries[version] = Entry.of(p.code, p.name, p.field, p.agency, p.decision)
        return self._entries[version]

    @classmethod
    def load(cls, paths: Iterable[str | Path], config: Any = None, cases: str | Path | None = None) -> "ReviewCorpus":
        """``cases``: a province's CSV of cases per year (analyzer.detect.impact), else the documented defaults."""
        records, errors = read_all(list(paths))
        merged = merge_versions(records)  # one record per version, all its sources noted
        by_version = {procedure.version_key: procedure for procedure in merged.procedures}
        notes = [str(e) for e in errors] + duplicate_notes(merged.plan)
        findings: dict[str, list[Finding]] = {version: [] for version in by_version}
        for finding in analyze(by_version.values(), config=config, cases=cases):
            findings[finding_version(finding)].append(finding)
        return cls(by_version, findings, notes)

    def list_row(self, version: str) -> dict[str, Any]:
        """The procedure version's row of the list (``table`` without its search entry): plain values only."""
        row = procedure_row(self.procedures[version])
        findings = self.findings[version]
        kinds = {f.kind for f in findings}
        return {
            "version": version,
            **{k: row[k] for k in ("code", "name", "decision", "field", "level", "agency", "n_steps",
                                   "n_documents", "days_truc_tiep", "days_truc_tuyen")},
            "n_findings": len(findings),
            # estimated savings if every finding is accepted (analyzer.detect.impact): VND per year summed,
            # working days per case the largest single cut (time findings on one channel overlap)
            "vnd_saved": float(sum(f.vnd_saved or 0.0 for f in findings)),
            "days_saved": float(max((f.days_saved or 0.0 for f in findings), default=0.0)),
            "kinds": ", ".join(KIND_LABELS[k] for k in sorted(kinds)),
            **peer_values(self.procedures[version]),  # what the detail page compares with the field's medians
        }

    def table(self) -> pd.DataFrame:
        return table_frame(pd.DataFrame([{**self.list_row(version), "search_key": self.search_entry(version)}
                                         for version in self.procedures]))  # search_key: never displayed

    def findings_table(self) -> pd.DataFrame:
        """One row per finding, largest estimated saving first, with who can act and the levels (bo/tinh/xa)
        of its procedure, for the app's filters (``filter_findings``)."""
        rows = pd.DataFrame([{"version": version, **finding_columns(f)} for version, fs in self.findings.items()
                             for f in fs], columns=["version", *FINDING_OWN_COLUMNS])
        facts = pd.DataFrame([{"version": version, **{c: getattr(p, c) for c in FACT_COLUMNS}}
                              for version, p in self.procedures.items()], columns=["version", *FACT_COLUMNS])
        return findings_frame(rows, facts)

    def peer_rows(self) -> pd.DataFrame:
        """The rows ``PeerTable.of`` reads: each version's list row and its folded name (``search.name_key``)."""
        versions = list(self.procedures)
        return pd.DataFrame([self.list_row(v) for v in versions]).assign(
            name_key=[" ".join(self.search_entry(v).name) for v in versions])

    def peers(self) -> PeerTable:
        """The same-name procedures and field medians of the corpus (``analyzer.report.peer_table``), made once."""
        if self._peers is None:
            self._peers = PeerTable.of(self.peer_rows())
        return self._peers

    def changes(self, version: str) -> dict[str, str]:
        """Finding key -> "added" or "changed": the findings of ``version`` the last import added or changed
        (a store records them; a corpus analysed in memory has no import before it: none)."""
        return {}

    def title(self, version: str) -> str:
        """How the version is named in choices (``labels.procedure_title``)."""
        return procedure_title(self.procedures[version])

    def candidates(self, query: str) -> set[str] | None:
        """The versions a search for ``query`` may return, when a store narrows them first; None: all."""
        return None

    def defects(self) -> list[RecordDefect]:
        """The defects of the published records (analyzer.detect.record_defects), apart from the findings."""
        return list(record_defects(self.procedures.values()))

    def some(self, versions: Collection[str]) -> tuple[list[Procedure], list[Finding]]:
        """The procedures of ``versions`` the corpus holds, in corpus order, and their findings: what a page
        about a few procedures (those with proposals, say) reads instead of the whole corpus."""
        wanted = set(versions)
        chosen = [version for version in self.procedures if version in wanted]
        return [self.procedures[v] for v in chosen], [f for v in chosen for f in self.findings.get(v, [])]

    def with_findings(self) -> int:
        """How many procedure versions have a finding."""
        return sum(1 for found in self.findings.values() if found)

    def kept_legal_review(self, fingerprint: str) -> "LegalReview | None":
        """The review of legal texts against this corpus made when it was stored, if made of texts with this
        fingerprint (``analyzer.batch.store_import.files_fingerprint``); None: compare them now."""
        return None

    def citing(self, keys: Collection[str]) -> list[Procedure]:
        """The procedures, in corpus order, whose legal basis cites a text of one of these number keys
        (``analyzer.detect.legal_basis.cited_keys``): those a set of legal texts is compared with."""
        from analyzer.detect.legal_basis import cited_keys

        wanted = set(keys)
        return [p for p in self.procedures.values() if cited_keys(p) & wanted]


FACT_COLUMNS = ("name", "decision", "field", "level", "agency")  # what the findings table shows of the procedure
FINDING_OWN_COLUMNS = ("procedure", "kind", "rule", "severity", "days_saved", "vnd_saved", "actionable_by",
                       "actionable_text")


def finding_columns(finding: Finding) -> dict[str, Any]:
    """A finding's own columns of the findings table (what the store keeps next to its JSON)."""
    return {column: getattr(finding, column) for column in FINDING_OWN_COLUMNS}


def table_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The procedure list: largest estimated saving first; the stable sort keeps input order among equals."""
    if frame.empty:
        return frame
    return frame.sort_values(["vnd_saved", "days_saved"], ascending=False, kind="stable").reset_index(drop=True)


FINDINGS_TABLE_COLUMNS = ["code", "version", "name", "decision", "kind", "rule", "severity", "field", "level", "agency",
                          "days_saved", "vnd_saved", "actionable_by", "actionable_text", "levels"]


def findings_frame(findings: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """The findings table from the findings' ``finding_columns`` (with their "version"), in order, and their
    procedures' ``FACT_COLUMNS`` (with "version"), largest estimated saving first."""
    model = ImpactModel.default()
    frame = findings.merge(facts, on="version", how="left", sort=False).rename(columns={"procedure": "code"})
    levels = {level: ", ".join(sorted(model.levels(level if isinstance(level, str) else None)))
              for level in frame["level"].drop_duplicates()}
    frame["levels"] = frame["level"].map(lambda level: levels[level]) if len(frame) else pd.Series(dtype=object)
    frame = frame[FINDINGS_TABLE_COLUMNS]
    return frame.sort_values(["vnd_saved", "days_saved"], ascending=False, kind="stable").reset_index(drop=True)


def filter_findings(table: pd.DataFrame, level: str | None = None, actionable_by: str | None = None,
                    choices: Mapping[str, Iterable[str]] | None = None) -> pd.DataFrame:
    """``findings_table`` rows of one level (bo / tinh / xa) and/or one actor (province / central), and of the
    values chosen per column in ``choices`` (none chosen: any): "rule", "kind", "severity", "actionable_by",
    "field", "decision", "levels" (a row of any chosen level) and "agency" (agency keys, ``agency_names``)."""
    FindingFilter(level, actionable_by)  # validates the values
    result = table
    if level is not None:
        result = result[result["levels"].str.split(", ").apply(lambda levels: level in levels)]
    if actionable_by is not None:
        result = result[result["actionable_by"] == actionable_by]
    for column, allowed in (choices or {}).items():
        allowed = set(allowed)
        if not allowed:
            continue
        if column == "levels":
            result = result[result["levels"].str.split(", ").apply(lambda levels: bool(allowed & set(levels)))]
        elif column == "agency":
            result = result[result["agency"].map(lambda text: bool(allowed & set(map(name_key, agency_parts(text)))))]
        else:
            result = result[result[column].isin(allowed)]
    return result


def duplicate_notes(plan: VersionPlan) -> list[str]:
    """What reading one record per version did, for the reviewer (Vietnamese)."""
    counts = plan.counts()
    if not counts["codes_repeated"]:
        return []
    return [f"{counts['codes_repeated']} mã thủ tục xuất hiện nhiều lần: {counts[IDENTICAL]} bản ghi trùng hoàn toàn "
            f"và {counts[DIFFERS]} bản ghi cùng quyết định công bố (nội dung khác) được gộp vào bản đọc trước; "
            f"{counts[VERSION]} bản ghi là phiên bản khác, giữ riêng."]


def search(table: pd.DataFrame, query: str = "", filters: Mapping[str, Iterable[str]] | None = None,
           candidates: Collection[str] | None = None) -> pd.DataFrame:
    """``table`` rows that match ``query`` (analyzer.report.search: whole words, with or without diacritics),
    best match first; without a query, the table's order. ``filters``: column -> allowed values; "kinds" holds
    kind labels, "agency" agency keys (``agency_names``). ``candidates`` (``ReviewCorpus.candidates``): the
    versions a store found for the query, a superset of the matches, which only these are ranked among."""
    result = table
    for column, allowed in (filters or {}).items():
        allowed = list(allowed)
        if not allowed:
            continue
        if column == "kinds":
            result = result[result["kinds"].apply(lambda v: any(a in v for a in allowed))]
        elif column == "agency":
            result = result[result["search_key"].apply(lambda entry: bool(entry.agencies & set(allowed)))]
        else:
            result = result[result[column].isin(allowed)]
    if fold(query).strip():
        if candidates is not None:  # a list comprehension: several times faster than isin on 80,000 rows
            wanted = candidates if isinstance(candidates, (set, frozenset)) else set(candidates)
            result = result[[version in wanted for version in result["version"].tolist()]]
        result = result.iloc[rank(list(result["search_key"]), query)]
    return result


def agency_names(values: Iterable[str | None]) -> dict[str, str]:
    """Agency key (``search.name_key``) -> the name shown for it: one entry per agency however its records spell
    it (spacing, case, diacritics, punctuation, abbreviations) and whatever it is listed with ("Công an tỉnh, Công
    an cấp Xã" names two), named by its most frequent spelling. Sorted by name."""
    spellings: dict[str, Counter[str]] = {}
    for value in values:
        for part in agency_parts(value) if isinstance(value, str) else ():
            if name_key(part):
                spellings.setdefault(name_key(part), Counter())[part] += 1
    names = {key: counts.most_common(1)[0][0] for key, counts in spellings.items()}
    return dict(sorted(names.items(), key=lambda item: fold(item[1])))


# Every ASCII punctuation character CommonMark lets a backslash escape: with all of them escaped, record text can
# open no image, link, autolink ("http\\://"), HTML tag, emphasis, heading, list, table, math ($) or Streamlit
# directive (":red[...]", ":material/...:") — it is shown exactly as written.
_MARKDOWN_PUNCTUATION = set("\\`*_{}[]()#+-.!|~<>$:&=\"'%/;?@^,")


# GFM links bare addresses after parsing, escapes or not ("http://…", "www.…", "a@b.vn"): an invisible word joiner
# inside each keeps them text (what the reader sees is unchanged; a copy carries the joiner).
WORD_JOINER = "\u2060"
_AUTOLINKED = re.compile(r"(?i)\b(https?|ftp|mailto|xmpp)(?=:)|\b(www)(?=\.)|(@)(?=[\w-])")


def literal(text: str | None) -> str:
    """Text from data, to put inside Markdown (titles, captions, messages, labels) and be read literally."""
    out = []
    for char in _AUTOLINKED.sub(lambda m: m.group(0) + WORD_JOINER, text or ""):
        out.append("\\" + char if char in _MARKDOWN_PUNCTUATION else char)
    return "".join(out).replace("\n", "  \n")


def highlight(text: str, marked: bool) -> str:
    """HTML for a piece of record text: always escaped, wrapped in <mark> when it is evidence."""
    escaped = html.escape(text).replace("\n", "<br>")
    return f"<mark>{escaped}</mark>" if marked else escaped


def typed(saved: Mapping[str, Mapping[str, Any]]) -> dict[ProposalKey, Mapping[str, Any]]:
    """One procedure version's saved proposals (``Proposals.for_procedure``) keyed by ProposalKey."""
    return {ProposalKey.parse(key): value for key, value in saved.items()}


def proposed_changes(procedure: Procedure, findings: Iterable[Finding], saved: Mapping[ProposalKey, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Structural changes from accepted findings and free edits, as saved in the store (see ``typed``)."""
    changes = []
    for finding in findings:
        decision = saved.get(ProposalKey.for_finding(finding.key))
        if decision and decision["decision"] in ACCEPTED:
            change = (decision.get("payload") or {}).get("change") or change_from_finding(finding)
            if change:
                changes.append(change)
    for key, decision in sorted(saved.items(), key=lambda item: item[0]):
        if key.is_edit and decision["decision"] == "edit" and (decision.get("payload") or {}).get("change"):
            changes.append(decision["payload"]["change"])
    return changes


def before_after(procedure: Procedure, changes: list[dict[str, Any]], params: Mapping[str, float] | None = None) -> dict[str, Any]:
    return compare(procedure, apply_changes(procedure, changes), params)


# ------------------------------------------------------------------ free edits typed by reviewers

EDIT_ACTIONS = {
    "Bỏ bước": "remove_step",
    "Gộp các bước": "merge_steps",
    "Bỏ giấy tờ": "remove_document",
    "Chấp nhận bản sao không chứng thực": "accept_plain_copy",
    "Rút ngắn thời hạn": "shorten_time",
    "Bổ sung nộp trực tuyến": "add_online",
}
POSITION_HELP = "Bước: số bước (gộp: «2, 3»); giấy tờ: «trường hợp.giấy tờ», ví dụ «1.2»; thời hạn: để trống hoặc tên hình thức."


class EditError(ValueError):
    """A free edit the reviewer typed that cannot be applied (message in Vietnamese)."""


def _numbers(text: str) -> list[int]:
    import re

    return [int(n) for n in re.findall(r"\d+", text or "")]


def edit_to_change(action_label: str, position: str | None, days: float | None) -> dict[str, Any]:
    """Turn one row of the free-edit table (1-based positions as people write them) into a change."""
    action = EDIT_ACTIONS.get(action_label)
    if action is None:
        raise EditError(f"Hành động «{action_label}» không hợp lệ.")
    numbers = _numbers(position or "")
    if action == "remove_step":
        if len(numbers) != 1:
            raise EditError("Bỏ bước: ghi một số thứ tự bước, ví dụ «3».")
        return {"action": action, "params": {"index": numbers[0] - 1}}
    if action == "merge_steps":
        if len(numbers) < 2:
            raise EditError("Gộp các bước: ghi ít nhất hai số thứ tự bước, ví dụ «2, 3».")
        return {"action": action, "params": {"indices": [n - 1 for n in numbers]}}
    if action in ("remove_document", "accept_plain_copy"):
        if len(numbers) == 1:
            numbers = [1, numbers[0]]
        if len(numbers) != 2:
            raise EditError("Giấy tờ: ghi «trường hợp.giấy tờ», ví dụ «1.2».")
        return {"action": action, "params": {"case": numbers[0] - 1, "index": numbers[1] - 1}}
    if days is None or days <= 0:
        raise EditError("Ghi số ngày làm việc đề xuất (lớn hơn 0).")
    params: dict[str, Any] = {"target_working_days": float(days)}
    modes = {fold(label): mode for mode, label in MODE_LABELS.items()}
    if action == "shorten_time" and position and fold(position) in modes:
        params["mode"] = modes[fold(position)]
    return {"action": action, "params": params}


# ------------------------------------------------------------------ a finding accepted with modifications

# a finding's structural suggestion as the free-edit action that has the same effect on the record
_AS_EDIT = {"reuse_state_data": "remove_document"}


@dataclass(frozen=True)
class EditRow:
    """A change as reviewers type it: an EDIT_ACTIONS label, a 1-based position, a number of working days."""

    label: str | None
    position: str = ""
    days: float | None = None

    def to_payload(self) -> dict[str, Any]:
        return {"label": self.label, "position": self.position, "days": self.days}


def edit_row(procedure: Procedure, change: Mapping[str, Any] | None) -> EditRow:
    """The inverse of ``edit_to_change``: what the modify form starts from (a finding's suggested change)."""
    if not change:
        return EditRow(None)
    action = _AS_EDIT.get(change["action"], change["action"])
    labels = {value: label for label, value in EDIT_ACTIONS.items()}
    if action not in labels:
        return EditRow(None)
    params = change.get("params") or {}
    position = ""
    if "indices" in params:
        position = ", ".join(str(int(i) + 1) for i in params["indices"])
    elif "case" in params and "index" in params:
        position = f"{int(params['case']) + 1}.{int(params['index']) + 1}"
    elif "index" in params:
        position = str(int(params["index"]) + 1)
    mode = params.get("mode") or params.get("channel")
    if isinstance(mode, int) and 0 <= mode < len(procedure.channels):
        mode = procedure.channels[mode].mode
    if isinstance(mode, str) and action == "shorten_time":
        position = MODE_LABELS.get(mode, "")
    days = params.get("target_working_days")
    return EditRow(labels[action], position, float(days) if days is not None else None)


def modified_change(procedure: Procedure, row: EditRow) -> dict[str, Any] | None:
    """The change a modified acceptance saves: the reviewer's values, checked against the record (EditError or
    ChangeError in Vietnamese); None when no structural change is chosen (the comment carries the modification)."""
    if not row.label:
        return None
    change = edit_to_change(row.label, row.position, row.days)
    check_edit(procedure, change)
    return change
