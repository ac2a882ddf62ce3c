"""The word list tells well-formed syllables that are words from those that are not."""

from __future__ import annotations

import pytest

from analyzer.text.lexicon import commonness, lexical_fit


@pytest.mark.parametrize(
    ("syllables", "fit"),
    [
        (["Thú", "y"], (0, 2)),
        (["Thó", "y"], (0, 0)),
        (["Giờ"], (0, 0)),
        (["Giê"], (1, 0)),
        (["thủ", "tục", "hành", "chính"], (0, 4)),
        ([], (0, 0)),
    ],
)
def test_lexical_fit(syllables: list[str], fit: tuple[int, int]) -> None:
    assert lexical_fit(syllables) == fit


@pytest.mark.parametrize(("rare", "common"), [("sè", "số"), ("thó", "thú"), ("khớ", "khí"), ("xó", "xã")])
def test_commonness_orders_syllables(rare: str, common: str) -> None:
    assert commonness(common) > commonness(rare) > 0 or commonness(rare) == 0 < commonness(common)
