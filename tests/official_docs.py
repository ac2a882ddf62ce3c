"""Helpers for the tests of the official documents: the sample corpus with its findings accepted, and PDF conversion
with LibreOffice (skipping with the reason when it is not installed)."""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

import pytest

from analyzer.report.keys import ProposalKey
from analyzer.report.plan import PlanSection, build_plan
from analyzer.report.review import ReviewCorpus
from support import SAMPLE_CORPUS


@functools.cache
def sample_corpus() -> ReviewCorpus:
    return ReviewCorpus.load([SAMPLE_CORPUS / "procedures.jsonl"])


def sample_sections(codes: tuple[str, ...] | None = None, drafts_every: int = 0, year: int | None = None) -> list[PlanSection]:
    """Every finding of the sample corpus (or of ``codes``) accepted and approved; with ``drafts_every`` = n,
    every n-th one is left a draft and the plan includes drafts."""
    corpus = sample_corpus()
    versions = [v for v, p in corpus.procedures.items() if codes is None or p.code in codes]
    findings = [f for v in versions for f in corpus.findings[v]]
    decisions = {(f.version, ProposalKey.for_finding(f.key)): {
        "decision": "accept", "comment": "", "payload": {},
        "status": "draft" if drafts_every and i % drafts_every == 0 else "approved"} for i, f in enumerate(findings)}
    return build_plan([corpus.procedures[v] for v in versions], findings, decisions, include_drafts=bool(drafts_every),
                      year=year)


def libreoffice() -> str:
    binary = shutil.which("libreoffice") or shutil.which("soffice")
    if binary is None:
        pytest.skip("LibreOffice is not installed (Debian: apt-get install libreoffice-writer; .ci/run installs it)")
    return binary


def to_pdf(docx: bytes, folder: Path, name: str) -> Path:
    """The document as LibreOffice lays it out (headless, a private profile so parallel runs do not clash)."""
    source = folder / f"{name}.docx"
    source.write_bytes(docx)
    profile = folder / "lo-profile"
    subprocess.run([libreoffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=300)
    return folder / f"{name}.pdf"


# Two constructed legal texts (not the real ones: fixtures for the report's legal section). The "law" carries the
# number SAMPLE.006 cites (Luật Hộ tịch 60/2014/QH13) and gives the commune 02 working days to issue the marriage
# status certificate, where the record publishes 03: a record allowing more time than its basis. The circular,
# when given, sets its own limit for the same act: another value is a conflict, the same one a duplication.
CONSTRUCTED_LAW = """QUỐC HỘI
Luật số: 60/2014/QH13

LUẬT
HỘ TỊCH
Điều 10. Xác nhận tình trạng hôn nhân
1. Người yêu cầu nộp tờ khai theo mẫu quy định.
2. Trong thời hạn 02 ngày làm việc, kể từ ngày nhận đủ hồ sơ, Ủy ban nhân dân cấp xã cấp giấy xác nhận tình trạng hôn nhân cho người yêu cầu.
"""


def constructed_circular(days: str) -> str:
    return f"""THÔNG TƯ
Điều 5. Xác nhận tình trạng hôn nhân
1. Trong thời hạn {days} ngày làm việc, kể từ ngày tiếp nhận hồ sơ, Ủy ban nhân dân cấp xã cấp giấy xác nhận tình trạng hôn nhân cho người yêu cầu.
"""


def constructed_legal_folder(folder: Path, circular_days: str | None = None) -> Path:
    """The constructed law (and the circular, with ``circular_days``) as files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "luat.txt").write_text(CONSTRUCTED_LAW, encoding="utf-8")
    if circular_days is not None:
        (folder / "thong_tu.txt").write_text(constructed_circular(circular_days), encoding="utf-8")
    return folder
