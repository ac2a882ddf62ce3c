"""Domain knowledge as typed, immutable data: the State-held registry, cue phrases and curated documents.

Layering: text <- model <- resources <- ingest/parse <- nlp <- detect. See ``Resources``.
"""

from analyzer.resources.cues import Cues
from analyzer.resources.documents import CuratedDocument
from analyzer.resources.legal_ground import LegalGround
from analyzer.resources.patterns import phrase_key, phrase_pattern
from analyzer.resources.resources import DATA_FILES, Resources
from analyzer.resources.schema import ResourceError
from analyzer.resources.state_data import IssuedPapers, LegalTextPaper, StateData, StateHeld

__all__ = [
    "Cues", "CuratedDocument", "DATA_FILES", "IssuedPapers", "LegalGround", "LegalTextPaper", "ResourceError", "Resources", "StateData", "StateHeld",
    "phrase_key", "phrase_pattern",
]
