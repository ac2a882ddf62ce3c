"""--cache: a re-run recomputes only the records and detector kinds whose findings can change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.batch import run
from batch.helpers import read_bytes, sample_records, write_jsonl


def rules_of(outdir: Path) -> list[str]:
    return [json.loads(line)["rule"] for line in (outdir / "findings.jsonl").read_text().splitlines()]


@pytest.fixture()
def warm(tmp_path: Path) -> tuple[Path, Path]:
    """A cache filled by one cold run over the sample corpus."""
    source = write_jsonl(tmp_path / "in.jsonl", sample_records())
    cold = run([source], tmp_path / "cold", cache_dir=tmp_path / "cache", chunk_size=8, progress=False)
    assert cold.records_computed == 30 and cold.records_cached == 0
    return source, tmp_path / "cache"


def test_fresh_outdir_with_warm_cache_computes_nothing(warm: tuple[Path, Path], tmp_path: Path) -> None:
    source, cache = warm
    again = run([source], tmp_path / "again", cache_dir=cache, chunk_size=8, progress=False)
    assert again.records_computed == 0 and again.records_cached == 30
    assert again.computed_by_kind == {"redundant_step": 0, "repeated_paperwork": 0, "long_processing_time": 0}
    for name in ("findings.jsonl", "findings.csv", "near_duplicates.csv", "summary.html"):
        assert read_bytes(tmp_path / "again", name) == read_bytes(tmp_path / "cold", name), name


@pytest.mark.parametrize(
    ("rule", "params", "kind", "read_by_all"),
    [
        # read only once a record's online time is found no shorter than the in-person one
        ("online_not_faster", {"target_cut": 0.5}, "long_processing_time", False),
        # read for every record (the detector reads the cap before it looks for clauses)
        ("supplement_cap", {"cap": 2}, "repeated_paperwork", True),
    ],
)
def test_rule_change_recomputes_only_records_that_read_it(
    warm: tuple[Path, Path], tmp_path: Path, rule: str, params: dict, kind: str, read_by_all: bool
) -> None:
    source, cache = warm
    config = {"rules": {rule: {"params": params}}}
    changed = run([source], tmp_path / "changed", cache_dir=cache, config=config, chunk_size=8, progress=False)
    run([source], tmp_path / "reference", config=config, chunk_size=8, progress=False)

    assert read_bytes(tmp_path / "changed") == read_bytes(tmp_path / "reference")
    others = {k: n for k, n in changed.computed_by_kind.items() if k != kind}
    assert others == {k: 0 for k in others}, "detectors of other kinds are not run again"
    recomputed = changed.computed_by_kind[kind]
    with_rule = {json.loads(line)["procedure"] for line in (tmp_path / "reference" / "findings.jsonl").read_text().splitlines()
                 if json.loads(line)["rule"] == rule}
    assert len(with_rule) <= recomputed, "records whose findings come from the rule are among the recomputed ones"
    assert (recomputed == 30) if read_by_all else (recomputed < 30)
    assert changed.records_computed == recomputed
    assert changed.records_cached == 30 - recomputed


def test_enabling_a_rule_again_finds_earlier_results(warm: tuple[Path, Path], tmp_path: Path) -> None:
    source, cache = warm
    off = {"rules": {"vague_time": {"enabled": False}}}
    disabled = run([source], tmp_path / "off", cache_dir=cache, config=off, chunk_size=8, progress=False)
    assert disabled.computed_by_kind["long_processing_time"] == 30  # every record asked whether the rule is on
    assert "vague_time" not in rules_of(tmp_path / "off")
    back = run([source], tmp_path / "back", cache_dir=cache, chunk_size=8, progress=False)
    assert back.records_computed == 0, "the entries of the first rule set are still in the cache"
    assert read_bytes(tmp_path / "back") == read_bytes(tmp_path / "cold")


@pytest.mark.parametrize("changes_peers", [False, True])
def test_edited_record_recomputes_itself_and_only_its_peers_long_times(
    warm: tuple[Path, Path], tmp_path: Path, changes_peers: bool
) -> None:
    source, cache = warm
    records = sample_records()
    target = records[2]  # Hộ tịch, Cấp xã: in-person times 1, 3, 15, 1, 3, 3 (median 3)
    if changes_peers:
        target["channels"][0]["duration"] = None  # one peer fewer: the group's count changes
    else:
        target["channels"][0]["duration"]["working_days"] = 40.0  # the group's count and median stay
    edited = write_jsonl(tmp_path / "edited.jsonl", records)
    result = run([edited], tmp_path / "edited", cache_dir=cache, chunk_size=8, progress=False)
    reference = run([edited], tmp_path / "reference", chunk_size=8, progress=False)

    assert read_bytes(tmp_path / "edited") == read_bytes(tmp_path / "reference")
    assert result.computed_by_kind["redundant_step"] == 1
    assert result.computed_by_kind["repeated_paperwork"] == 1
    same_group = sum(1 for r in records if (r["field"], r["level"]) == (target["field"], target["level"]))
    if changes_peers:
        assert 1 < result.computed_by_kind["long_processing_time"] <= same_group
    else:
        assert result.computed_by_kind["long_processing_time"] == 1
    assert result.records_computed == result.computed_by_kind["long_processing_time"]
    assert reference.records_computed == 30


def test_unchanged_input_is_not_parsed_again(warm: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import analyzer.batch.parsed as parsed

    source, cache = warm

    def no_parsing(*args, **kwargs):
        raise AssertionError("an unchanged input was parsed again")

    monkeypatch.setattr(parsed, "_parse", no_parsing)
    assert run([source], tmp_path / "again", cache_dir=cache, progress=False).procedures == 30


def test_edited_input_is_parsed_again(warm: tuple[Path, Path], tmp_path: Path) -> None:
    source, cache = warm
    records = sample_records()[:10]
    write_jsonl(source, records)
    result = run([source], tmp_path / "again", cache_dir=cache, progress=False)
    assert result.procedures == 10
    assert len(list((cache / "parsed").glob("*.jsonl.gz"))) == 1, "the parsed form of the old content is replaced"
