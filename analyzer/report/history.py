"""A procedure's proposal history as reviewers read it: who, when (dd/mm/yyyy hh:mm, Vietnam time), what, and the
state before → after, from the store's audit log (``Proposals.history``: plain dicts, so this module does not
depend on the store)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Iterable, Mapping

import pandas as pd

from analyzer.detect import Finding
from analyzer.report import labels as L
from analyzer.report.keys import ProposalKey

VIETNAM = timezone(timedelta(hours=7), "ICT")  # no daylight saving: a fixed offset is exact
COLUMNS = ["changed_at", "changed_by", "audit_action", "proposal_name", "state_before", "state_after"]


def local_time(moment: datetime | str | None) -> str:
    """An audit time (UTC; SQLite gives it back without a zone) as dd/mm/yyyy hh:mm in Vietnam."""
    if moment is None or moment == "":
        return L.EMPTY
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return L.day(moment.astimezone(VIETNAM))


def proposal_name(finding_key: str, findings: Iterable[Finding] = ()) -> str:
    """What a proposal is about: "Phát hiện 2 · <rule name>", "Chỉnh sửa khác, dòng 1", "Tham số chi phí"."""
    key = ProposalKey.parse(finding_key)
    if key.is_edit:
        return f"{L.label('decisions', 'edit')}, dòng {L.number((key.row or 0) + 1)}"
    if key.is_cost_params:
        return "Tham số chi phí tuân thủ"
    rule = L.label("rules", finding_key.partition("|")[0])
    numbers = {f.key: n for n, f in enumerate(findings, start=1)}
    return f"Phát hiện {numbers[finding_key]} · {rule}" if finding_key in numbers else rule


def state(snapshot: Mapping[str, Any] | None) -> str:
    """A proposal's saved state in words: decision · status · «comment»; "—" before it existed."""
    if not snapshot:
        return L.EMPTY
    parts = [L.label("decisions", snapshot.get("decision") or ""), L.label("statuses", snapshot.get("status") or "draft")]
    payload = snapshot.get("payload") or {}
    if payload.get("label"):  # a modified acceptance or a free edit: what the reviewer typed
        detail = " ".join(str(v) for v in (payload["label"], payload.get("position") or "") if v)
        if payload.get("days") is not None:
            detail += f", {L.number(payload['days'], 1)} ngày làm việc"
        parts.append(detail)
    if snapshot.get("comment"):
        parts.append(f"«{snapshot['comment']}»")
    return " · ".join(parts)


def history_table(entries: Iterable[Mapping[str, Any]], findings: Iterable[Finding] = ()) -> pd.DataFrame:
    """One row per audit entry, newest first, with the registry's column codes (``COLUMNS``)."""
    findings = list(findings)
    rows = []
    for entry in entries:
        snapshot = entry.get("after") or entry.get("before") or {}
        rows.append({
            "changed_at": local_time(entry.get("at")), "changed_by": entry.get("user") or L.EMPTY,
            "audit_action": L.label("audit_actions", entry.get("action")),
            "proposal_name": proposal_name(snapshot.get("finding_key") or "", findings),
            "state_before": state(entry.get("before")), "state_after": state(entry.get("after")),
        })
    return pd.DataFrame(rows[::-1], columns=COLUMNS)
