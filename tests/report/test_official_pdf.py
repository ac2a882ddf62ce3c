"""The official documents as LibreOffice prints them: A4, the margins of Nghị định 30/2020/NĐ-CP, Times New Roman,
the national heading, page numbers from page 2, and text free of "None", English UI words and raw parameters."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest

from analyzer.report.decision import decision_docx
from analyzer.report.plan import plan_docx
from analyzer.report.province_report import build_report, report_docx
from analyzer.detect import analyze
from analyzer.ingest.legal_files import read_legal_text
from analyzer.report.review_form import impact_forms, review_form_docx, review_forms
from official_docs import sample_corpus, sample_sections, to_pdf

pytestmark = pytest.mark.slow

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
TOP, BOTTOM, LEFT, RIGHT = 20 * MM, 20 * MM, 30 * MM, 15 * MM
# Times New Roman itself, or Liberation Serif: the metric-compatible font LibreOffice substitutes where Times New
# Roman is not installed (Debian), so the layout measured is the one Word gives
SERIF = re.compile(r"^(TimesNewRoman|Times-|LiberationSerif)")
ENGLISH = {"none", "null", "nan", "true", "false", "accept", "modify", "reject", "edit", "draft", "approved",
           "returned", "step", "steps", "document", "documents", "channel", "target", "params", "page"}
RAW = re.compile(r"\w+=|\{'|\{\{|\{%|\b[a-z]+_[a-z0-9_]+\b")
MAKERS = ("plan", "decision", "review_form", "report", "impact_form")


def review_forms_docx() -> bytes:
    corpus = sample_corpus()
    findings = [f for fs in corpus.findings.values() for f in fs]
    return review_form_docx(review_forms(corpus.procedures.values(), findings))


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, Path]]:
    sections = sample_sections(drafts_every=3)  # the whole sample corpus, a third of it drafts
    folder = tmp_path_factory.mktemp("official")
    saved = [{"procedure_version": f.version, "finding_key": f.key, "decision": "accept", "comment": "", "payload": {},
              "status": ("approved", "draft")[i % 2]} for i, f in enumerate(f for fs in sample_corpus().findings.values() for f in fs)]
    report = report_docx(build_report(sample_corpus(), saved, include_drafts=True))
    draft = read_legal_text(Path(__file__).resolve().parents[2] / "corpus" / "legal" / "du_thao_quyet_dinh_ho_tro_nha_o.txt")
    impact = review_form_docx(impact_forms(draft, analyze(draft.procedures)), kind="impact_form")
    made = {"plan": plan_docx(sections), "decision": decision_docx(sections), "review_form": review_forms_docx(),
            "report": report, "impact_form": impact}
    return {name: (data, to_pdf(data, folder, name)) for name, data in made.items()}


@pytest.mark.parametrize("name", MAKERS)
def test_a4_and_margins(pdfs: dict, name: str) -> None:
    with pdfplumber.open(pdfs[name][1]) as pdf:
        assert len(pdf.pages) > 2
        for number, page in enumerate(pdf.pages, start=1):
            assert (page.width, page.height) == pytest.approx(A4, abs=1), number
            body = [c for c in page.chars if c["top"] >= TOP - 1 and c["text"].strip()]
            header = [c for c in page.chars if c["top"] < TOP - 1 and c["text"].strip()]
            assert min(c["x0"] for c in body) >= LEFT - 1 and max(c["x1"] for c in body) <= A4[0] - RIGHT + 1, number
            assert max(c["bottom"] for c in body) <= A4[1] - BOTTOM + 1, number
            # the page number sits alone in the top margin, centred over the text, from the second page on
            assert "".join(c["text"] for c in header) == ("" if number == 1 else str(number)), number
            if header:
                middle = (min(c["x0"] for c in header) + max(c["x1"] for c in header)) / 2
                assert middle == pytest.approx((LEFT + A4[0] - RIGHT) / 2, abs=3)
        lines = [c for page in pdf.pages for c in page.chars if c["text"].strip()]
        # justified body text reaches both margins: they are the decree's, not merely inside them
        assert min(c["x0"] for c in lines) == pytest.approx(LEFT, abs=1.5)
        assert max(c["x1"] for c in lines) == pytest.approx(A4[0] - RIGHT, abs=3)


@pytest.mark.parametrize("name", MAKERS)
def test_fonts_are_times_new_roman_13_to_14(pdfs: dict, name: str) -> None:
    docx, pdf_path = pdfs[name]
    with zipfile.ZipFile(io.BytesIO(docx)) as package:  # the text, its headers and the styles it uses
        xml = "".join(package.read(n).decode("utf-8") for n in package.namelist()
                      if re.fullmatch(r"word/(document|styles|header\d*|footer\d*)\.xml", n))
    fonts = re.findall(r"<w:rFonts[^>]*>", xml)
    assert fonts and {name for tag in fonts for name in re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', tag)} \
        == {"Times New Roman"}
    assert not [tag for tag in fonts if "Theme" in tag]  # no theme font (Calibri) to fall back on
    with pdfplumber.open(pdf_path) as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["text"].strip()]
    assert all(SERIF.match(c["fontname"].split("+")[-1]) for c in chars), {c["fontname"] for c in chars}
    sizes = [round(c["size"]) for c in chars]
    assert set(sizes) <= {11, 12, 13, 14}  # Nơi nhận 11–12, headings 13, body 14
    assert sum(size in (13, 14) for size in sizes) / len(sizes) > 0.9


@pytest.mark.parametrize("name", MAKERS)
def test_national_heading_and_clean_text(pdfs: dict, name: str) -> None:
    with pdfplumber.open(pdfs[name][1]) as pdf:
        first = pdf.pages[0].extract_text()
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "Độc lập - Tự do - Hạnh phúc" in first
    assert re.search(r"ngày \d\d tháng \d\d? năm \d{4}", first)
    assert "Nơi nhận:" in text and "(Ký, ghi rõ họ tên, đóng dấu)" in text
    if name in ("plan", "decision"):  # a form carries no number of its own; neither it nor the report lists drafts
        assert re.search(r"Số: +/(PA-STP|QĐ-UBND)", first)
        assert "(Dự thảo, chưa phê duyệt)" in text
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    assert not words & ENGLISH, words & ENGLISH
    assert not RAW.search(text), RAW.search(text)
