"""Value types of rule params, declared once and shared by the rules' params schemas (registry.RuleParams)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

Confidence = Annotated[float, Field(ge=0.0, le=1.0)]  # a finding's confidence, or a share of it
Similarity = Annotated[float, Field(ge=0.0, le=1.0)]  # a cosine or a score between 0 and 1
Fraction = Annotated[float, Field(gt=0.0, lt=1.0)]  # a share to cut
Ratio = Annotated[float, Field(ge=1.0)]  # a time against its peers' median
Days = Annotated[float, Field(ge=0.0)]  # working days
Count = Annotated[int, Field(ge=1)]
