"""What a saved proposal is about, typed: a finding, a row of the free-edit table, or the cost parameters.

The store keeps the key as text (``Proposal.finding_key``); ``ProposalKey.format`` and ``parse`` are
the only two places that know the text form, which stays what earlier databases hold: the finding's
own key (``Finding.key``, "rule|field:case:index,..."), ``"edit:<n>"`` and ``"cost_params"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Target(str, Enum):
    FINDING = "finding"
    EDIT = "edit"
    COST_PARAMS = "cost_params"


_EDIT_PREFIX = "edit:"


@dataclass(frozen=True, order=True)
class ProposalKey:
    target: Target
    finding: str | None = None  # Finding.key, for Target.FINDING
    row: int | None = None  # 0-based row of the free-edit table, for Target.EDIT

    @classmethod
    def for_finding(cls, finding_key: str) -> "ProposalKey":
        return cls(Target.FINDING, finding=finding_key)

    @classmethod
    def edit(cls, row: int) -> "ProposalKey":
        return cls(Target.EDIT, row=row)

    @classmethod
    def cost_params(cls) -> "ProposalKey":
        return cls(Target.COST_PARAMS)

    def format(self) -> str:
        if self.target is Target.EDIT:
            return f"{_EDIT_PREFIX}{self.row}"
        if self.target is Target.COST_PARAMS:
            return Target.COST_PARAMS.value
        return str(self.finding)

    @classmethod
    def parse(cls, text: str) -> "ProposalKey":
        if text == Target.COST_PARAMS.value:
            return cls.cost_params()
        number = text.removeprefix(_EDIT_PREFIX)
        if text.startswith(_EDIT_PREFIX) and number.isdigit():
            return cls.edit(int(number))
        return cls.for_finding(text)  # a finding key always holds "|", never these two forms

    @property
    def is_edit(self) -> bool:
        return self.target is Target.EDIT

    @property
    def is_cost_params(self) -> bool:
        return self.target is Target.COST_PARAMS

    def __str__(self) -> str:
        return self.format()
