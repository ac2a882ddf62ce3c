"""build_pipeline / get_pipeline: one Language, config-driven, cheap to import, no pyvi."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_default_components(nlp):
    assert nlp.pipe_names == ["tthc_entity_ruler", "tthc_actions"]
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "tthc_underthesea_tokenizer.v1"
    assert nlp.lang == "vi"


def test_pos_component_fills_tags(nlp_pos):
    assert nlp_pos.pipe_names[0] == "tthc_pos"
    doc = nlp_pos("Công chức kiểm tra hồ sơ.")
    assert [t.tag_ for t in doc] == ["N", "V", "N", "CH"]
    assert [t.pos_ for t in doc] == ["NOUN", "VERB", "NOUN", "PUNCT"]


def test_pos_component_handles_whitespace_tokens(nlp_pos):
    doc = nlp_pos("  \n")
    assert [t.pos_ for t in doc] == ["SPACE"] or len(doc) == 1 and doc[0].is_space


@pytest.mark.parametrize(
    ("config", "names"),
    [
        ({"entities": False}, ["tthc_actions"]),
        ({"actions": False}, ["tthc_entity_ruler"]),
        ({"entities": False, "actions": False}, []),
        ({"pos": True, "actions": False}, ["tthc_pos", "tthc_entity_ruler"]),
    ],
)
def test_config_selects_components(config, names):
    from analyzer.nlp import build_pipeline

    assert build_pipeline(config).pipe_names == names


def test_unknown_setting_is_an_error():
    from analyzer.nlp import build_pipeline

    with pytest.raises(ValueError, match="unknown pipeline settings"):
        build_pipeline({"pos_tags": True})


def test_get_pipeline_is_cached():
    from analyzer.nlp import get_pipeline

    assert get_pipeline() is get_pipeline()
    assert get_pipeline(pos_tags=True) is not get_pipeline()


def _imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_importing_analyzer_nlp_is_cheap():
    modules = _imported_after("import analyzer.nlp")
    assert not {"spacy", "underthesea", "sklearn"} & modules


def test_building_the_pipeline_needs_no_pyvi():
    modules = _imported_after("from analyzer.nlp import build_pipeline; build_pipeline()('Nộp hồ sơ')")
    assert "pyvi" not in modules
    assert "underthesea" in modules
