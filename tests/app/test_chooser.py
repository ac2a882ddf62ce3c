"""The procedure chooser is a search: a text box (the store's full-text search, ranked as in memory) and a list of
at most ``ui.CHOICES`` procedures, with the current one always among them, so a page never sends the whole corpus
(77,000 procedures at 16x) to the browser. The chosen version is kept in the address (?thu_tuc=…)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analyzer.batch.store_import import import_corpus
from analyzer.model import Procedure
from analyzer.report.review import ReviewCorpus
from analyzer.store import Store
from app_support import ADMIN_PASSWORD, APP, login

COPIES = 60  # more than a chooser lists
CHOICES = 50  # ui.CHOICES


@pytest.fixture
def larger_app(app_env: Path, bundled_corpus: ReviewCorpus, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The bundled corpus and COPIES procedures more named "Thủ tục thử nghiệm số n", served by the app (as the
    store holds it: no corpus is named to import)."""
    monkeypatch.delenv("TTHC_CORPUS")
    template = next(iter(bundled_corpus.procedures.values())).to_dict()
    copies = [Procedure.from_dict({**template, "code": f"THU.{n:03d}", "name": f"Thủ tục thử nghiệm số {n}"})
              for n in range(COPIES)]
    procedures = {**bundled_corpus.procedures, **{p.version_key: p for p in copies}}
    findings = {**bundled_corpus.findings, **{p.version_key: [] for p in copies}}
    store = Store(f"sqlite:///{app_env}")
    import_corpus(store, ReviewCorpus(procedures, findings), ["thử nghiệm"])
    store.close()
    at = login(AppTest.from_file(APP, default_timeout=180).run(), "admin", ADMIN_PASSWORD)
    return at.switch_page("views/detail.py").run()


def _options(at: AppTest) -> list[str]:
    return list(at.selectbox(key="procedure_choice").options)


def _search(at: AppTest, query: str) -> AppTest:
    return at.text_input(key="procedure_choice_search").input(query).run()


def test_without_a_query_the_chooser_lists_the_first_procedures_only(larger_app: AppTest,
                                                                      bundled_corpus: ReviewCorpus) -> None:
    at = larger_app
    assert not at.exception and len(_options(at)) == CHOICES
    first = next(iter(bundled_corpus.procedures))
    assert _options(at)[0] == bundled_corpus.title(first) and at.selectbox(key="procedure_choice").value == first
    assert any(c.value.startswith(f"Hiện {CHOICES} thủ tục đầu tiên trong ") for c in at.caption)


def test_a_search_lists_its_best_matches_and_keeps_the_current_procedure(larger_app: AppTest,
                                                                         bundled_corpus: ReviewCorpus) -> None:
    at = larger_app
    current = at.selectbox(key="procedure_choice").value
    at = _search(at, "thu nghiem")  # without diacritics
    options = _options(at)
    assert len(options) == CHOICES + 1 and options[0] == bundled_corpus.title(current)  # the current one first
    assert all("Thủ tục thử nghiệm số" in title for title in options[1:])
    assert any(c.value == f"Hiện {CHOICES} thủ tục đầu tiên trong {COPIES} thủ tục khớp; gõ thêm từ để thu hẹp."
               for c in at.caption)
    at = _search(at, "THU.007")  # a code
    assert [o for o in _options(at) if "thử nghiệm" in o] == [
        f"THU.007 — Thủ tục thử nghiệm số 7 (Quyết định {bundled_corpus.procedures[current].decision})"]


def test_a_choice_found_by_search_opens_and_stays_in_the_address(larger_app: AppTest) -> None:
    at = _search(larger_app, "thử nghiệm số 42")
    box = at.selectbox(key="procedure_choice")
    hit = next(i for i, title in enumerate(box.options) if "thử nghiệm số 42" in title)
    at = at.selectbox(key="procedure_choice").select_index(hit).run()
    assert at.header[0].value == "Thủ tục thử nghiệm số 42"
    chosen = at.selectbox(key="procedure_choice").value
    assert at.query_params["thu_tuc"] == chosen
    at = _search(at, "từ không có trong thủ tục nào")
    assert any(c.value.startswith("Không tìm thấy thủ tục nào khớp với") for c in at.caption)
    assert at.selectbox(key="procedure_choice").value == chosen and _options(at) == [box.options[hit]]


def test_the_address_opens_its_procedure(app_env: Path, larger_app: AppTest) -> None:
    at = AppTest.from_file(APP, default_timeout=180)
    chosen = next(v for v in Store(f"sqlite:///{app_env}").corpus.versions() if v.startswith("THU.033"))
    at.query_params["thu_tuc"] = chosen
    at = login(at.run(), "admin", ADMIN_PASSWORD).switch_page("views/detail.py").run()
    assert at.selectbox(key="procedure_choice").value == chosen and at.header[0].value == "Thủ tục thử nghiệm số 33"
