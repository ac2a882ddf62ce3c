"""Optional part-of-speech component: underthesea's CRF tagger on the Doc's own tokens.

``underthesea.pos_tag(text)`` re-segments the text with token normalisation on, so its words are
not our tokens. We call the same CRF model that ``pos_tag`` uses by default on our token texts
instead (multi-syllable words with spaces, exactly what ``pos_tag`` feeds it). Its featurisation
runs in Python: measured here, the pipeline drops from ~23,000 to ~3,300 syllables/s with it, hence
off by default.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

POS_COMPONENT = "tthc_pos"

# underthesea (VLSP 2013) tags -> Universal POS tags
UPOS = {
    "N": "NOUN", "Nc": "NOUN", "Nu": "NOUN", "Ny": "NOUN", "Nb": "NOUN", "Np": "PROPN",
    "V": "VERB", "Vb": "VERB", "Vy": "VERB", "A": "ADJ", "Ab": "ADJ", "P": "PRON", "L": "DET",
    "M": "NUM", "R": "ADV", "E": "ADP", "C": "CCONJ", "CC": "CCONJ", "I": "INTJ", "T": "PART",
    "Y": "NOUN", "Z": "X", "X": "X", "CH": "PUNCT", "B": "X",
}


def _predictor():
    # Same model as underthesea.pos_tag(text) uses by default (model=None).
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    return CRFPOSTagPredictor.Instance()


class UnderthesaPosTagger:
    """Fills ``token.tag_`` (underthesea tag) and ``token.pos_`` (Universal POS)."""

    def __call__(self, doc: Doc) -> Doc:
        tokens = [token for token in doc if not token.is_space]
        if not tokens:
            return doc
        tagged = _predictor().predict([token.text for token in tokens])
        for token, (_, tag) in zip(tokens, tagged, strict=True):
            token.tag_ = tag
            token.pos_ = UPOS.get(tag, "X")
        for token in doc:
            if token.is_space:
                token.pos_ = "SPACE"
        return doc


@Language.factory(POS_COMPONENT)
def make_pos_tagger(nlp: Language, name: str) -> UnderthesaPosTagger:
    return UnderthesaPosTagger()
