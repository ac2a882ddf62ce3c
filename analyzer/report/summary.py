"""summary.xlsx and a self-contained summary.html for a batch run (labels in Vietnamese).

Plots are drawn with matplotlib and embedded as base64 PNG, so the HTML opens anywhere offline.
"""

from __future__ import annotations

import base64
import html
import io
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from analyzer.batch.corpus import CorpusAnalysis
    from analyzer.batch.outputs import SummaryCounts
    from analyzer.detect.peers import PeerStats

KIND_LABELS = {
    "redundant_step": "Bước thừa",
    "repeated_paperwork": "Giấy tờ yêu cầu lặp lại",
    "long_processing_time": "Thời hạn giải quyết dài",
}
MODE_LABELS = {"truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Dịch vụ bưu chính"}


def _pivot(counter: Counter, label: str) -> pd.DataFrame:
    rows = [{label: key, KIND_LABELS.get(kind, kind): n} for (key, kind), n in counter.items()]
    if not rows:
        return pd.DataFrame(columns=[label, *KIND_LABELS.values(), "Tổng"])
    frame = pd.DataFrame(rows).groupby(label).sum(numeric_only=True).fillna(0).astype(int)
    frame["Tổng"] = frame.sum(axis=1)
    return frame.sort_values("Tổng", ascending=False).reset_index()


def summary_tables(counts: "SummaryCounts", corpus: "CorpusAnalysis | None") -> dict[str, pd.DataFrame]:
    by_rule = pd.DataFrame(
        [{"Loại": KIND_LABELS.get(k, k), "Quy tắc": r, "Số phát hiện": n} for (k, r), n in sorted(counts.by_rule.items())],
        columns=["Loại", "Quy tắc", "Số phát hiện"],
    )
    top = pd.DataFrame(
        [
            {"Mã": code, "Tên thủ tục": counts.procedure_info.get(code, ("",))[0], "Số phát hiện": n}
            for code, n in counts.per_procedure.most_common(50)
        ],
        columns=["Mã", "Tên thủ tục", "Số phát hiện"],
    )
    tables = {
        "Theo loại": by_rule,
        "Theo lĩnh vực": _pivot(counts.by_field, "Lĩnh vực"),
        "Theo cơ quan": _pivot(counts.by_agency, "Cơ quan"),
        "Theo cấp": _pivot(counts.by_level, "Cấp thực hiện"),
        "Nhiều phát hiện nhất": top,
    }
    if corpus is not None:
        tables["Giấy tờ phổ biến"] = pd.DataFrame(corpus.top_documents(50)).rename(
            columns={"document": "Giấy tờ", "key": "Khóa", "procedures": "Số thủ tục"}
        )
        tables["Thủ tục gần trùng"] = pd.DataFrame(corpus.duplicate_pairs())
    return tables


def _plot_times(counts: "SummaryCounts") -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(13, 3.6), sharey=False)
    for ax, (mode, label) in zip(axes, MODE_LABELS.items()):
        values = [v for v in counts.days[mode] if v is not None]
        outliers = [d[mode] for code, d in counts.days_by_code.items() if code in counts.outliers and mode in d]
        if values:
            ax.hist(values, bins=40, color="#4C72B0", log=True)
        if outliers:
            ax.plot(outliers, [1] * len(outliers), "|", color="#C44E52", markersize=18, label="có phát hiện về thời hạn")
            ax.legend(fontsize=8)
        ax.set_title(f"{label} (n={len(values)})")
        ax.set_xlabel("ngày làm việc")
    axes[0].set_ylabel("số thủ tục (thang log)")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _html_table(frame: pd.DataFrame, limit: int = 30) -> str:
    if frame.empty:
        return "<p><em>Không có dữ liệu.</em></p>"
    return frame.head(limit).to_html(index=False, escape=True, border=0, classes="t")


def render_html(counts: "SummaryCounts", tables: dict[str, pd.DataFrame]) -> str:
    total_findings = sum(counts.by_kind.values())
    cards = "".join(
        f"<div class='card'><b>{n}</b><span>{html.escape(KIND_LABELS.get(k, k))}</span></div>"
        for k, n in sorted(counts.by_kind.items())
    )
    sections = "".join(f"<h2>{html.escape(title)}</h2>{_html_table(frame)}" for title, frame in tables.items())
    image = _plot_times(counts)
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Tổng hợp rà soát thủ tục hành chính</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;color:#222}}.cards{{display:flex;gap:1rem}}
.card{{border:1px solid #ddd;border-radius:8px;padding:.8rem 1.2rem}}.card b{{display:block;font-size:1.6rem}}
table.t{{border-collapse:collapse;font-size:.9rem}}table.t td,table.t th{{border-bottom:1px solid #eee;padding:.25rem .6rem;text-align:left}}</style>
</head><body>
<h1>Tổng hợp rà soát thủ tục hành chính</h1>
<p>{len(counts.procedure_info)} thủ tục, {total_findings} phát hiện.</p>
<div class="cards">{cards}</div>
<h2>Phân bố thời hạn giải quyết</h2>
<img alt="Phân bố thời hạn giải quyết theo hình thức nộp" src="data:image/png;base64,{image}">
{sections}
</body></html>
"""


def write_summary(out: Path, counts: "SummaryCounts", corpus: "CorpusAnalysis | None", peers: "PeerStats") -> dict[str, Any]:
    tables = summary_tables(counts, corpus)
    summary = peers.summary()
    tables["Trung vị theo nhóm"] = pd.DataFrame(
        [
            {"Lĩnh vực": f, "Cấp": lv, "Hình thức": MODE_LABELS.get(m, m), "Số thủ tục": n, "Trung vị (ngày làm việc)": med}
            for (f, lv, m), (n, med) in sorted(summary.groups.items())
        ],
        columns=["Lĩnh vực", "Cấp", "Hình thức", "Số thủ tục", "Trung vị (ngày làm việc)"],
    )
    xlsx = out / "summary.xlsx"
    with pd.ExcelWriter(xlsx, engine="openpyxl") as writer:
        for title, frame in tables.items():
            frame.to_excel(writer, sheet_name=title[:31], index=False)
    page = out / "summary.html"
    page.write_text(render_html(counts, tables), encoding="utf-8")
    outputs: dict[str, Any] = {"summary_xlsx": xlsx, "summary_html": page}
    if corpus is not None:
        pairs = out / "near_duplicates.csv"
        tables["Thủ tục gần trùng"].to_csv(pairs, index=False)
        outputs["near_duplicates"] = pairs
    return outputs
