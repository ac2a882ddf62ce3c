"""Before/after of a simplification proposal: processing time, documents, steps and compliance cost.

Compliance cost follows the Standard Cost Model (OECD/EU; Thông tư 02/2017/TT-VPCP Điều 27): time spent on the work ×
hourly income × cases × frequency, plus fees and out-of-pocket costs; waiting for the result is not counted, and fees
that differ between channels are taken at their low-average. Parameters and their sources are in
analyzer/data/cost_defaults.yaml; reviewers override them per procedure. The arithmetic itself is
analyzer.detect.impact's (``performance_cost``, ``yearly_cost``), which also prices each finding.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Iterable, Mapping

from analyzer.detect.finding import Finding
from analyzer.detect.impact import ImpactModel, low_average, packaged_yaml, performance_cost, yearly_cost
from analyzer.model import Channel, Duration, Procedure
from analyzer.report.labels import number

STRUCTURAL_ACTIONS = {
    "remove_step", "merge_steps", "remove_document", "accept_plain_copy", "reuse_state_data", "shorten_time",
    "add_online",
}


class ChangeError(ValueError):
    """A change that does not fit the procedure (position outside the record, unknown action, a "shortening" that
    lengthens); the message is Vietnamese, positions 1-based as reviewers count them."""


def cost_defaults() -> dict[str, Any]:
    return packaged_yaml("cost_defaults.yaml")


def default_params() -> dict[str, float]:
    return dict(ImpactModel.default().params)


def target_years() -> list[int]:
    return sorted(int(year) for year in cost_defaults()["targets"])


def target(year: int | None = None) -> dict[str, Any]:
    """The target of ``year`` (default: cost_defaults.yaml's target_year): cut, baseline year, share of business
    procedures to be online, source."""
    defaults = cost_defaults()
    chosen = int(year if year is not None else defaults["target_year"])
    targets = {int(y): t for y, t in defaults["targets"].items()}
    if chosen not in targets:
        raise ValueError(f"no target for {chosen} (years: {', '.join(map(str, sorted(targets)))})")
    return {"year": chosen, **targets[chosen]}


def target_cut(year: int | None = None) -> float:
    return float(target(year)["cut"])


@dataclass(frozen=True)
class Metrics:
    working_days: float | None  # longest declared channel time
    steps: int
    documents: int  # documents of the largest case (what one applicant prepares)
    certified_copies: int
    in_person_only: bool
    fees: float
    cost_per_case: float
    cost_per_year: float
    copies: int = 0  # copies the applicant makes (each priced at copy_cost)
    trips: float = 0.0  # trips to the office (each priced at hours_per_trip and travel_cost)
    fee_sources: tuple[tuple[str, float], ...] = ()  # (channel mode, fees) when channels state different fees


def _largest_case(procedure: Procedure):
    return max(procedure.cases, key=lambda c: len(c.documents), default=None)


def metrics(procedure: Procedure, params: Mapping[str, float] | None = None) -> Metrics:
    p = {**default_params(), **(params or {})}
    days = [c.duration.working_days for c in procedure.channels if c.duration and c.duration.working_days is not None]
    case = _largest_case(procedure)
    documents = case.documents if case else []
    certified = sum(1 for d in documents if d.copy_kind == "ban_sao_chung_thuc")
    copies = sum(max(d.copies or 0, 1 if d.copy_kind in ("ban_sao", "ban_sao_chung_thuc") else 0) for d in documents)
    in_person_only = bool(procedure.channels) and all(c.mode != "truc_tuyen" for c in procedure.channels)
    fees, fee_sources = _fees(procedure)
    trips = p["trips_in_person"] if in_person_only or not procedure.channels else 0.0
    working_days = max(days) if days else None
    hours = (
        len(documents) * p["hours_per_document"]
        + trips * p["hours_per_trip"]
        + len(procedure.steps) * p["hours_per_step_for_applicant"]
    )
    out_of_pocket = copies * p["copy_cost"] + certified * p["certification_fee"] + trips * p["travel_cost"]
    per_case = performance_cost(hours, fees + out_of_pocket, p["hourly_income"])
    return Metrics(
        working_days=working_days,
        steps=len(procedure.steps),
        documents=len(documents),
        certified_copies=certified,
        in_person_only=in_person_only,
        fees=fees,
        cost_per_case=round(per_case, 0),
        cost_per_year=round(yearly_cost(per_case, p["cases_per_year"], p["frequency"]), 0),
        copies=copies,
        trips=trips,
        fee_sources=fee_sources,
    )


def _fees(procedure: Procedure) -> tuple[float, tuple[tuple[str, float], ...]]:
    """(fees of one performance, the channels' fees when they differ): the VND fees each channel states, summed per
    channel; channels that state different sums are sources that disagree, taken at their low-average."""
    stated = [(c.mode, float(sum(f.amount for f in c.fees if f.amount and f.currency in (None, "VND"))))
              for c in procedure.channels if any(f.amount and f.currency in (None, "VND") for f in c.fees)]
    if len({amount for _, amount in stated}) < 2:
        return (stated[0][1] if stated else 0.0), ()
    return low_average(amount for _, amount in stated), tuple(stated)


def _pct_cut(before: float | None, after: float | None) -> float | None:
    if before in (None, 0) or after is None:
        return None
    return round((before - after) / before, 6)  # a share; rounded for display only (no double rounding)


def compare(before: Procedure, after: Procedure, params: Mapping[str, float] | None = None,
            year: int | None = None) -> dict[str, Any]:
    """Metrics before and after with the cut in % and whether the Nghị quyết 66/NQ-CP target of ``year`` is met."""
    b, a = metrics(before, params), metrics(after, params)
    goal = target_cut(year)
    time_cut = _pct_cut(b.working_days, a.working_days)
    cost_cut = _pct_cut(b.cost_per_year, a.cost_per_year)
    return {
        "before": asdict(b),
        "after": asdict(a),
        "time_cut": time_cut,
        "cost_cut": cost_cut,
        "documents_cut": _pct_cut(b.documents, a.documents),
        "steps_cut": _pct_cut(b.steps, a.steps),
        "target": goal,
        "target_year": target(year)["year"],
        "time_target_met": time_cut is not None and time_cut >= goal,
        "cost_target_met": cost_cut is not None and cost_cut >= goal,
    }


# ------------------------------------------------------------------ applying changes


def change_from_finding(finding: Finding) -> dict[str, Any] | None:
    """The structural change that accepting a finding's suggestion makes, or None if it changes no count."""
    action = finding.suggestion.action
    if action not in STRUCTURAL_ACTIONS:
        return None
    params = dict(finding.suggestion.params)
    if action == "remove_document" and "remove_from_step" in params:
        return None  # the paper stays in the dossier; only the step stops asking for it again: no count changes
    steps = [e.index for e in finding.evidence if e.field == "steps" and e.index is not None]
    docs = [(e.case or 0, e.index) for e in finding.evidence if e.field == "documents" and e.index is not None]
    channels = [e.index for e in finding.evidence if e.field == "channels" and e.index is not None]
    if action in ("remove_document", "accept_plain_copy", "reuse_state_data") and docs and "index" not in params:
        params["case"], params["index"] = docs[-1]
    elif action == "reuse_state_data" and steps and "index" not in params:
        action, params["index"] = "remove_step", steps[-1]
    elif action == "remove_step" and steps and "index" not in params:
        # a finding that names the step to remove ("remove_step": its number) quotes it first, then the step
        # it repeats; otherwise the last step quoted is the one that goes
        params["index"] = steps[0] if "remove_step" in params else steps[-1]
    elif action == "merge_steps" and steps and "indices" not in params:
        params["indices"] = sorted(set(steps))
    elif action == "shorten_time" and channels and "channel" not in params:
        if len(set(channels)) == 1:
            params["channel"] = channels[0]
        else:  # a finding on several channels (peer_outlier) shortens each of them
            params["channel_indices"] = sorted(set(channels))
    return {"action": action, "params": params}


def apply_changes(procedure: Procedure, changes: Iterable[Mapping[str, Any]]) -> Procedure:
    """A new procedure with the changes applied. Indices always refer to the ORIGINAL record."""
    result = procedure.model_copy(deep=True)
    removed_steps: set[int] = set()
    removed_docs: set[tuple[int, int]] = set()
    for change in changes:
        action, params = change["action"], dict(change.get("params") or {})
        if action in ("remove_step", "merge_steps"):
            indices = [int(i) for i in params.get("indices", [params.get("index")]) if i is not None]
            _check_range(indices, len(procedure.steps), "steps")
            removed_steps.update(indices if action == "remove_step" else indices[1:])
        elif action in ("remove_document", "reuse_state_data"):
            case, index = int(params.get("case", 0)), int(params["index"])
            _check_doc(procedure, case, index)
            removed_docs.add((case, index))
        elif action == "accept_plain_copy":
            case, index = int(params.get("case", 0)), int(params["index"])
            _check_doc(procedure, case, index)
            result.cases[case].documents[index].copy_kind = "ban_sao"
        elif action == "shorten_time":
            _shorten(result, params)
        elif action == "add_online":
            _add_online(result, params)
        else:
            raise ChangeError(f"Hành động «{action}» không áp dụng được vào bản ghi.")
    result.steps = [s for i, s in enumerate(result.steps) if i not in removed_steps]
    for ci, case in enumerate(result.cases):
        case.documents = [d for di, d in enumerate(case.documents) if (ci, di) not in removed_docs]
    return result


_UNITS = {"steps": ("Bước", "bước"), "channels": ("Hình thức nộp thứ", "hình thức nộp")}


def _check_range(indices: list[int], size: int, field: str) -> None:
    for index in indices:
        if not 0 <= index < size:
            name, unit = _UNITS[field]
            raise ChangeError(f"{name} {index + 1} không có trong bản ghi (thủ tục có {size} {unit}).")


def _check_doc(procedure: Procedure, case: int, index: int) -> None:
    if not 0 <= case < len(procedure.cases):
        raise ChangeError(f"Trường hợp {case + 1} không có trong thành phần hồ sơ (có {len(procedure.cases)} trường hợp).")
    if not 0 <= index < len(procedure.cases[case].documents):
        raise ChangeError(f"Giấy tờ {case + 1}.{index + 1} không có trong bản ghi (trường hợp {case + 1} có "
                          f"{len(procedure.cases[case].documents)} giấy tờ).")


def check_edit(procedure: Procedure, change: Mapping[str, Any]) -> None:
    """A reviewer's change (a free edit, a modified acceptance) as it must be before it is saved: every position in
    the record, and a shortening that shortens — a target not below the current time of any channel it names is
    refused (applying it would change nothing, and calling it a cut would be false). ChangeError says why."""
    apply_changes(procedure, [change])
    if change["action"] != "shorten_time":
        return
    params = dict(change.get("params") or {})
    target = float(params["target_working_days"])
    current = [procedure.channels[i].duration.working_days for i in shortened_channels(procedure, params)
               if procedure.channels[i].duration and procedure.channels[i].duration.working_days is not None]
    if current and all(days <= target for days in current):
        longest = max(current)
        raise ChangeError(f"Rút ngắn thời hạn: {number(target, 1)} ngày làm việc không ngắn hơn thời hạn hiện tại "
                          f"({number(longest, 1)} ngày làm việc); ghi số ngày nhỏ hơn {number(longest, 1)}.")


def _working_duration(days: float) -> Duration:
    return Duration(text=f"{days:g} ngày làm việc", value=days, unit="working_day", working_days=days)


def shortened_channels(procedure: Procedure, params: Mapping[str, Any]) -> list[int]:
    """Positions of the channels a shorten_time change applies to: one channel, several, one mode, or all."""
    channels: list[int] = list(range(len(procedure.channels)))
    channel, mode = params.get("channel"), params.get("mode")
    if isinstance(channel, str):  # detectors may name the channel by its mode
        channel, mode = None, channel
    if channel is not None:
        channels = [int(channel)]
    elif params.get("channel_indices"):
        channels = [int(i) for i in params["channel_indices"]]
    elif mode:
        channels = [i for i, c in enumerate(procedure.channels) if c.mode == mode]
    _check_range(channels, len(procedure.channels), "channels")
    return channels


def _shorten(procedure: Procedure, params: Mapping[str, Any]) -> None:
    target = float(params["target_working_days"])
    for i in shortened_channels(procedure, params):
        current = procedure.channels[i].duration
        if current is None or current.working_days is None or current.working_days > target:
            procedure.channels[i].duration = _working_duration(target)


def _add_online(procedure: Procedure, params: Mapping[str, Any]) -> None:
    if any(c.mode == "truc_tuyen" for c in procedure.channels):
        return
    template = procedure.channels[0] if procedure.channels else None
    days = params.get("target_working_days")
    duration = _working_duration(float(days)) if days is not None else (template.duration if template else None)
    procedure.channels.append(
        Channel(mode="truc_tuyen", duration=duration, fees=list(template.fees) if template else [],
                description="Nộp trực tuyến qua Cổng Dịch vụ công quốc gia (đề xuất bổ sung)")
    )
