"""Render the first page of each official document to PNG for the README (docs/official-*.png); the review form
is that of SAMPLE.006, the impact form that of corpus/legal/du_thao_quyet_dinh_ho_tro_nha_o.txt; the report compares the
default legal texts (analyzer.report.legal_review.default_legal_paths).

    python tools/render_docs.py

The documents are made from the sample corpus with every finding accepted and approved, laid out by LibreOffice
(headless) and rasterised by pdftoppm (poppler-utils).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzer.report.decision import decision_docx  # noqa: E402
from analyzer.report.keys import ProposalKey  # noqa: E402
from analyzer.report.plan import build_plan, plan_docx  # noqa: E402
from analyzer.report.legal_review import default_legal_paths, load_legal_texts  # noqa: E402
from analyzer.report.province_report import build_report, report_docx  # noqa: E402
from analyzer.report.review import ReviewCorpus  # noqa: E402
from analyzer.detect import analyze  # noqa: E402
from analyzer.ingest.legal_files import read_legal_text  # noqa: E402
from analyzer.report.review_form import impact_forms, review_form, review_form_docx  # noqa: E402


def main() -> None:
    corpus = ReviewCorpus.load([ROOT / "corpus" / "procedures.jsonl"])
    findings = [f for fs in corpus.findings.values() for f in fs]
    decisions = {(f.version, ProposalKey.for_finding(f.key)): {"decision": "accept", "comment": "", "payload": {},
                                                                "status": "approved"} for f in findings}
    sections = build_plan(corpus.procedures.values(), findings, decisions)
    office = shutil.which("libreoffice") or shutil.which("soffice")
    with tempfile.TemporaryDirectory() as folder:
        version = next(v for v, p in corpus.procedures.items() if p.code == "SAMPLE.006")
        form = review_form_docx([review_form(corpus.procedures[version], corpus.findings[version], decisions)])
        saved = [{"procedure_version": f.version, "finding_key": f.key, **row} for f, row in
                 ((f, decisions[(f.version, ProposalKey.for_finding(f.key))]) for f in findings)]
        report = report_docx(build_report(corpus, saved, legal=load_legal_texts(default_legal_paths())))
        draft = read_legal_text(ROOT / "corpus" / "legal" / "du_thao_quyet_dinh_ho_tro_nha_o.txt")
        impact = review_form_docx(impact_forms(draft, analyze(draft.procedures)), kind="impact_form")
        for name, data in (("plan", plan_docx(sections)), ("decision", decision_docx(sections)), ("review-form", form),
                           ("report", report), ("impact-form", impact)):
            source = Path(folder) / f"{name}.docx"
            source.write_bytes(data)
            subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)], check=True,
                           capture_output=True)
            target = ROOT / "docs" / f"official-{name}"
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                            str(Path(folder) / f"{name}.pdf"), str(target)], check=True)
            print(f"{target}.png")


if __name__ == "__main__":
    main()
