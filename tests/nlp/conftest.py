"""Fixtures of the NLP tests: the pipeline is built once per session (it loads underthesea's models)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from analyzer.nlp import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def nlp_pos():
    from analyzer.nlp import build_pipeline

    return build_pipeline({"pos": True, "actions_mode": "pos"})


@pytest.fixture(scope="session")
def canonicalizer():
    from analyzer.nlp import DocumentCanonicalizer

    return DocumentCanonicalizer().fit()
