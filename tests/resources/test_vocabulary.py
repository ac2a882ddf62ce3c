"""The shared vocabulary: the packaged file loads, agrees with the model's Literal types, and a malformed
file is rejected with the file and key path in the message."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
import yaml

from analyzer.model import CHANNEL_MODES, ChannelMode, CopyKind
from analyzer.resources.vocabulary import (
    VOCABULARY_FILE,
    Vocabulary,
    VocabularyError,
    default_vocabulary,
    load_vocabulary,
)

PACKAGED = Path(__file__).resolve().parents[2] / "analyzer" / "data" / VOCABULARY_FILE


def _packaged_data() -> dict:
    return yaml.safe_load(PACKAGED.read_text(encoding="utf-8"))


def test_default_vocabulary_is_loaded_once() -> None:
    assert default_vocabulary() is default_vocabulary()
    assert isinstance(default_vocabulary(), Vocabulary)


def test_channel_modes_agree_with_the_model_literal() -> None:
    assert default_vocabulary().channel_mode_ids == get_args(ChannelMode)
    assert CHANNEL_MODES == get_args(ChannelMode)
    assert default_vocabulary().mode_labels["buu_chinh"] == "Dịch vụ bưu chính"


def test_copy_kinds_agree_with_the_model_literal() -> None:
    assert default_vocabulary().copy_kind_ids == get_args(CopyKind)


@pytest.mark.parametrize(
    ("reader", "first", "absent"),
    [
        ("legal_texts", "Hiến pháp", "Quy chế"),
        ("record_citations", "Hiến pháp", "Kết luận"),
        ("record_titles", "Hiến pháp", "Nghị quyết liên tịch"),
    ],
)
def test_kind_names_per_reader(reader: str, first: str, absent: str) -> None:
    names = default_vocabulary().kind_names(reader)  # type: ignore[arg-type]
    assert names[0] == first
    assert absent not in names


def test_longer_kind_names_come_before_their_prefixes() -> None:
    for reader in ("legal_texts", "record_citations", "record_titles"):
        names = default_vocabulary().kind_names(reader)  # type: ignore[arg-type]
        for i, name in enumerate(names):
            assert not any(later.startswith(name + " ") for later in names[i + 1 :]), (reader, name)


@pytest.mark.parametrize(
    ("code", "records", "texts"),
    [
        ("NĐ", "Nghị định", "Nghị định"),
        ("ND", None, "Nghị định"),  # ASCII spelling: only the legal-text reader accepts it
        ("CV", "Công văn", None),  # the legal-text reader never knew CV
        ("CĐ", None, "Công điện"),
    ],
)
def test_type_codes_per_reader(code: str, records: str | None, texts: str | None) -> None:
    vocabulary = default_vocabulary()
    assert vocabulary.record_type_codes.get(code) == records
    assert vocabulary.text_type_codes.get(code) == texts


def test_number_words() -> None:
    vocabulary = default_vocabulary()
    assert vocabulary.count_words_pattern(3) == "một|hai|ba"
    assert vocabulary.count_words["mười"] == 10
    assert "lăm" not in vocabulary.count_words and vocabulary.digit_values["lăm"] == 5
    assert "không" not in vocabulary.leading_number_words and "bẩy" in vocabulary.leading_number_words
    assert vocabulary.ordinal_words["nhất"] == 1 and vocabulary.ordinal_words["tư"] == 4


def test_compiled_patterns_are_built_once() -> None:
    vocabulary = default_vocabulary()
    assert vocabulary.list_marker("name_prefix") is vocabulary.list_marker("name_prefix")
    assert vocabulary.list_marker("enumerator").match("a) Giấy khai sinh").group("label") == "a)"


def test_load_from_a_data_folder(tmp_path: Path) -> None:
    data = _packaged_data()
    data["channel_modes"][2]["label"] = "Bưu chính công ích"
    (tmp_path / VOCABULARY_FILE).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_vocabulary(tmp_path).mode_labels["buu_chinh"] == "Bưu chính công ích"


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d["number_words"]["digits"][1].update(value="one"), "number_words.digits.1.value"),
        (lambda d: d["legal_kinds"][0].update(read_in=["everywhere"]), "legal_kinds.0.read_in.0"),
        (lambda d: d["list_markers"].update(name_prefix="(unclosed"), "list_markers"),
        (lambda d: d["channel_modes"][0].update(colour="red"), "channel_modes.0.colour"),
        (lambda d: d.pop("copy_kinds"), "copy_kinds"),
    ],
)
def test_malformed_file_names_file_and_key(tmp_path: Path, change, key: str) -> None:
    data = _packaged_data()
    change(data)
    path = tmp_path / VOCABULARY_FILE
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(VocabularyError) as error:
        load_vocabulary(path)
    assert f"{path}: {key}" in str(error.value)


def test_not_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / VOCABULARY_FILE
    path.write_text("abbreviations: [unclosed\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=str(path)):
        load_vocabulary(path)
