"""Resources carry the pairwise models (papers and steps): the packaged artefact, or a data folder's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.detect.pair_model import model_for, packaged_model
from analyzer.resources import ResourceError, Resources
from analyzer.resources.resources import _packaged_text


@pytest.mark.parametrize("kind", ["papers", "steps"])
def test_the_packaged_resources_carry_the_packaged_models(kind: str) -> None:
    model = model_for(Resources.default(), kind)
    assert model.threshold == packaged_model(kind).threshold
    assert model_for(Resources.default(), kind) is model  # built once per Resources


def test_a_data_folder_overrides_the_model(tmp_path: Path) -> None:
    data = json.loads(_packaged_text("pair_model_papers.json"))
    data["threshold"] = 0.5
    (tmp_path / "pair_model_papers.json").write_text(json.dumps(data), encoding="utf-8")
    resources = Resources.from_dir(tmp_path)
    assert model_for(resources, "papers").threshold == 0.5
    assert model_for(resources, "steps").threshold == packaged_model("steps").threshold  # missing: packaged one


def test_an_unreadable_model_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "pair_model_papers.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ResourceError, match="pair_model_papers.json"):
        Resources.from_dir(tmp_path).pair_model_data("papers")
