"""Resources: another data folder changes findings without monkeypatching; a malformed file names file and key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analyzer.detect import analyze
from analyzer.model import Case, DocumentRequirement, Procedure
from analyzer.resources import DATA_FILES, ResourceError, Resources
from analyzer.resources.resources import _packaged_text


def _procedure() -> Procedure:
    names = ["Tờ khai đăng ký theo mẫu", "Bản sao Sổ đăng ký thuyền viên"]
    return Procedure(code="T.1", name="Thủ tục thử", cases=[Case(documents=[DocumentRequirement(name=n) for n in names])])


def _state_held(procedures: list[Procedure], resources: Resources | None = None) -> list[str]:
    return [f.evidence[0].text for f in analyze(procedures, resources=resources) if f.rule == "state_held_document"]


def _write_registry(folder: Path, change) -> Path:
    data = yaml.safe_load(_packaged_text("state_data.yaml"))
    change(data)
    (folder / "state_data.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_a_database_added_to_the_registry_changes_findings(tmp_path: Path) -> None:
    def add_database(data: dict) -> None:
        data["databases"]["thuyen_vien"] = {"name": "Cơ sở dữ liệu thuyền viên"}
        data["documents"].append({"id": "so_thuyen_vien", "label": "sổ đăng ký thuyền viên", "database": "thuyen_vien",
                                  "patterns": ["sổ đăng ký thuyền viên"], "confidence": 0.7})

    procedures = [_procedure()]
    assert _state_held(procedures) == []
    resources = Resources.from_dir(_write_registry(tmp_path, add_database))
    findings = [f for f in analyze(procedures, resources=resources) if f.rule == "state_held_document"]
    assert [f.evidence[0].text for f in findings] == ["Bản sao Sổ đăng ký thuyền viên"]
    assert "Cơ sở dữ liệu thuyền viên" in findings[0].message and findings[0].confidence == 0.7
    assert _state_held(procedures) == []  # the packaged resources are untouched


def test_missing_files_fall_back_to_the_packaged_ones(tmp_path: Path) -> None:
    resources = Resources.from_dir(tmp_path)
    assert resources.fingerprint == Resources.default().fingerprint
    assert len(resources.state_data.documents) == len(Resources.default().state_data.documents)


@pytest.mark.parametrize(("name", "change", "expected"), [
    ("state_data.yaml", lambda d: d["databases"]["dan_cu"].pop("name"), "state_data.yaml: databases.dan_cu.name: field required"),
    ("state_data.yaml", lambda d: d["documents"][0].update(confidence=2), "state_data.yaml: documents.0.confidence: input should be less than or equal to 1"),
    ("state_data.yaml", lambda d: d["documents"][1].update(database="nowhere"), "state_data.yaml: documents.1.database: unknown database 'nowhere'"),
    ("state_data.yaml", lambda d: d["documents"][0].update(only_copies="yes"), "state_data.yaml: documents.0.only_copies: input should be a valid boolean"),
    ("state_data.yaml", lambda d: d["issued_papers"].update(database="nowhere"), "state_data.yaml: issued_papers.database: unknown database 'nowhere'"),
    ("state_data.yaml", lambda d: d["issued_papers"].pop("issuers"), "state_data.yaml: issued_papers.issuers: field required"),
    ("detect_cues.yaml", lambda d: d["recheck"].pop("cues"), "detect_cues.yaml: recheck.cues: field required"),
    ("detect_cues.yaml", lambda d: d["handover"].update(max_words="many"), "detect_cues.yaml: handover.max_words: input should be a valid integer"),
    ("documents.yaml", lambda d: d["documents"][0].update(colour="red"), "documents.yaml: documents.0.colour: extra inputs are not permitted"),
])
def test_a_malformed_file_names_the_file_and_the_key(tmp_path: Path, name: str, change, expected: str) -> None:
    data = yaml.safe_load(_packaged_text(name))
    change(data)
    (tmp_path / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ResourceError) as caught:
        Resources.from_dir(tmp_path)
    assert str(caught.value).startswith(expected), str(caught.value)


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "detect_cues.yaml").write_text("recheck: [unclosed", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"^detect_cues\.yaml: invalid YAML"):
        Resources.from_dir(tmp_path)


def test_the_packaged_files_are_the_known_ones() -> None:
    assert set(DATA_FILES) == {"state_data.yaml", "detect_cues.yaml", "documents.yaml", "vocabulary.yaml"}
    assert Resources.default() is Resources.default()


def test_the_registry_alone_says_which_curated_papers_are_state_held(tmp_path: Path) -> None:
    held = {d.id for d in Resources.default().documents if d.state_held}
    assert {"can_cuoc", "so_ho_khau", "so_tam_tru", "giay_phep_lai_xe"} <= held and "ho_chieu" not in held

    def drop_other_papers(data: dict) -> None:
        data["other_papers"] = []

    resources = Resources.from_dir(_write_registry(tmp_path, drop_other_papers))
    assert {d.id for d in resources.documents if d.state_held} == held - {
        p for entry in yaml.safe_load(_packaged_text("state_data.yaml"))["other_papers"] for p in entry["curated"]}


def test_a_registry_paper_must_be_a_curated_document(tmp_path: Path) -> None:
    def link_unknown(data: dict) -> None:
        data["documents"][0]["curated"] = ["khong_co"]

    with pytest.raises(ResourceError, match=r"^state_data\.yaml: documents\.0\.curated: unknown document 'khong_co'"):
        Resources.from_dir(_write_registry(tmp_path, link_unknown))


def test_legal_text_papers_come_from_the_registry(tmp_path: Path) -> None:
    from analyzer.detect.legal_text import apply_text_rules
    from analyzer.parse.legal import parse_legal_text

    document = parse_legal_text("Điều 1. Hồ sơ\nHồ sơ gồm: tờ khai và bản sao sổ hộ khẩu.")
    assert [f.params["document"] for f in apply_text_rules(document)] == ["so_ho_khau"]

    def without_household_books(data: dict) -> None:
        data["legal_texts"] = [p for p in data["legal_texts"] if p["id"] != "so_ho_khau"]

    resources = Resources.from_dir(_write_registry(tmp_path, without_household_books))
    assert apply_text_rules(document, resources=resources) == []


def test_a_data_folder_can_bring_its_own_vocabulary(tmp_path: Path) -> None:
    from importlib.resources import files

    text = files("analyzer.data").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    (tmp_path / "vocabulary.yaml").write_text(text.replace("  GPXD: giấy phép xây dựng\n",
                                                           "  GPXD: giấy phép xây dựng\n  GPLX: giấy phép lái xe\n"),
                                              encoding="utf-8")
    custom = Resources.from_dir(tmp_path)
    assert custom.vocabulary.abbreviations["GPLX"] == "giấy phép lái xe"
    assert "GPLX" not in Resources.default().vocabulary.abbreviations
    assert custom.fingerprint != Resources.default().fingerprint


def test_a_malformed_vocabulary_names_the_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "vocabulary.yaml").write_text("abbreviations: [1, 2]\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="vocabulary.yaml"):
        Resources.from_dir(tmp_path)
