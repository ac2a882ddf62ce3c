"""Doc/Span extensions: getters over entities, keys, span actions; registration is idempotent."""

from __future__ import annotations

from spacy.tokens import Doc, Span


def test_entity_getters(nlp):
    doc = nlp("Trong 05 ngày làm việc, Sở Tư pháp cấp Giấy khai sinh theo Nghị định 05/2012/NĐ-CP; lệ phí 50.000 đồng.")
    assert [s.text for s in doc._.durations] == ["05 ngày làm việc"]
    assert [s.text for s in doc._.agencies] == ["Sở Tư pháp"]
    assert [s.text for s in doc._.documents] == ["Giấy khai sinh"]
    assert [s.text for s in doc._.legal_refs] == ["Nghị định 05/2012/NĐ-CP"]
    assert [s.text for s in doc._.money] == ["50.000 đồng"]
    assert [s.text for s in doc[:5]._.durations] == ["05 ngày làm việc"]


def test_keys(nlp):
    assert nlp("Uỷ ban  Nhân dân")._.key == "ủy ban nhân dân"
    doc = nlp("Uỷ ban nhân dân")
    assert doc[0].text == "Uỷ ban nhân dân"
    assert doc[0]._.key == doc[:1]._.key == "ủy ban nhân dân"


def test_span_actions(nlp):
    doc = nlp("Tiếp nhận hồ sơ. Sau đó kiểm tra hồ sơ.")
    first, second = doc[:4], doc[4:]
    assert [a.verb_key for a in first._.actions] == ["tiếp nhận"]
    assert [a.verb_key for a in second._.actions] == ["kiểm tra"]


def test_actions_default_without_the_component():
    from analyzer.nlp import build_pipeline

    doc = build_pipeline({"actions": False})("Kiểm tra hồ sơ")
    assert doc._.actions is None


def test_registration_is_idempotent():
    from analyzer.nlp.extensions import register_extensions

    register_extensions()
    register_extensions()
    assert Doc.has_extension("durations") and Span.has_extension("document_id")


def test_actions_survive_a_docbin(nlp):
    from spacy.tokens import DocBin

    doc = nlp("Công chức kiểm tra hồ sơ")
    stored = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (restored,) = DocBin().from_bytes(stored).get_docs(nlp.vocab)
    assert [tuple(a) for a in restored._.actions] == [tuple(a) for a in doc._.actions]
    assert [e.text for e in restored._.documents] == [e.text for e in doc._.documents]
