"""An underthesea-backed spaCy tokenizer that never loses a character.

underthesea's ``word_tokenize`` returns words as strings (multi-syllable words joined by one space)
and drops whitespace; analyzer.nlp.alignment finds them again in the text, so
``doc.text_with_ws == text`` always holds. A text whose words cannot be found again falls back to
whitespace words (logged at debug level), never to an error.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import DummyTokenizer, get_words_and_spaces
from spacy.vocab import Vocab

from analyzer.nlp.alignment import (
    align_words,
    cut_at_boundaries,
    fixed_words_pattern,
    map_back,
    merge_protected,
    segmentation_source,
)
from analyzer.nlp.resources import case_variants, check_fixed_word, lexicon

log = logging.getLogger(__name__)

TOKENIZER_NAME = "tthc_underthesea_tokenizer.v1"


class UnderthesaTokenizer(DummyTokenizer):
    """spaCy tokenizer: underthesea word segmentation aligned back onto the exact input text."""

    def __init__(self, vocab: Vocab, fixed_words: Sequence[str], merge_patterns: Sequence[re.Pattern[str]]):
        self.vocab = vocab
        self.fixed_words = list(fixed_words)
        self.fixed_pattern = fixed_words_pattern(self.fixed_words)
        self.merge_patterns = tuple(merge_patterns)

    def __call__(self, text: str) -> Doc:
        words, spaces = get_words_and_spaces(self.words(text), text)
        return Doc(self.vocab, words=words, spaces=spaces)

    def words(self, text: str) -> list[str]:
        from underthesea import word_tokenize

        source, offsets = segmentation_source(text)
        segmented = word_tokenize(source, use_token_normalize=False, fixed_words=self.fixed_words)
        spans = align_words(segmented, source)
        if spans is not None:
            spans = cut_at_boundaries(spans, source, self.fixed_pattern)
            spans = map_back(merge_protected(spans, source, self.merge_patterns), offsets)
        if spans is None:
            log.debug("underthesea output not alignable, using whitespace words for %r", text[:80])
            return text.split()
        return [text[start:end] for start, end in spans]


@spacy.registry.tokenizers(TOKENIZER_NAME)
def create_underthesea_tokenizer(
    extra_fixed_words: Optional[list[str]] = None,
) -> Callable[[Language], UnderthesaTokenizer]:
    """Registered factory; ``extra_fixed_words`` adds terms to the lexicon's fixed words."""
    lex = lexicon()
    extra = [v for term in extra_fixed_words or [] for v in case_variants(check_fixed_word(term))]
    fixed = sorted(dict.fromkeys([*lex.fixed_words, *extra]), key=len, reverse=True)

    def make(nlp: Language) -> UnderthesaTokenizer:
        return UnderthesaTokenizer(nlp.vocab, fixed, lex.merge_patterns)

    return make
