"""A reviewer's queue ("Việc của tôi"): the procedures they worked on, and for approvers the procedures whose
accepted proposals wait for approval, those changed after approval first. Reads the store's rows
(``Proposals.work``) as plain dicts, so this module does not depend on the store."""

from __future__ import annotations

from typing import Any, Iterable, Mapping

import pandas as pd

from analyzer.model import Procedure
from analyzer.report.history import local_time
from analyzer.report.plan import ACCEPTED

COLUMNS = ["version", "code", "name", "decision", "n_proposals", "n_waiting", "n_reapproval", "changed_at"]
WAITING = ("draft", "needs_reapproval")  # as analyzer.store.proposals.WAITING (report does not import the store)


def _version(key: str, procedures: Mapping[str, Procedure]) -> str | None:
    """The procedure version a proposal row is on; a legacy row keyed on a bare code: the code's first version."""
    if key in procedures:
        return key
    return next((version for version, p in procedures.items() if p.code == key), None)


def _table(rows: Iterable[Mapping[str, Any]], procedures: Mapping[str, Procedure]) -> pd.DataFrame:
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        version = _version(row["procedure_version"], procedures)
        if version is not None:  # a proposal on a procedure no longer in the corpus is not work to do here
            groups.setdefault(version, []).append(row)
    out = []
    for version, items in groups.items():
        procedure = procedures[version]
        waiting = [r for r in items if r["decision"] in ACCEPTED and r["status"] in WAITING]
        latest = max(items, key=lambda r: str(r.get("updated_at") or ""))
        out.append({"version": version, "code": procedure.code, "name": procedure.name, "decision": procedure.decision,
                    "n_proposals": len(items), "n_waiting": len(waiting),
                    "n_reapproval": sum(r["status"] == "needs_reapproval" for r in waiting),
                    "changed_at": local_time(latest.get("updated_at")), "_at": str(latest.get("updated_at") or "")})
    frame = pd.DataFrame(out, columns=[*COLUMNS, "_at"])
    frame = frame.sort_values(["n_reapproval", "_at"], ascending=False, kind="stable")
    return frame.drop(columns="_at").reset_index(drop=True)


def my_procedures(work: Iterable[Mapping[str, Any]], username: str, procedures: Mapping[str, Procedure]) -> pd.DataFrame:
    """Procedures with a proposal this user created or last changed, latest first."""
    return _table([r for r in work if username in (r.get("created_by"), r.get("updated_by"))], procedures)


def waiting_approval(work: Iterable[Mapping[str, Any]], procedures: Mapping[str, Procedure]) -> pd.DataFrame:
    """Procedures with accepted proposals not approved yet (drafts or changed after approval), the latter first."""
    waiting = [r for r in work if r["decision"] in ACCEPTED and r["status"] in WAITING]
    return _table(waiting, procedures)
