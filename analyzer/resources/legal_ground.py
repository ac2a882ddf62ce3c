"""The one legal-ground type: the document and article a finding or a registry entry rests on."""

from __future__ import annotations

from analyzer.model import _Model


class LegalGround(_Model):
    document: str  # "Nghị định 63/2010/NĐ-CP"
    article: str | None = None  # "Điều 18 khoản 6"
    summary: str | None = None

