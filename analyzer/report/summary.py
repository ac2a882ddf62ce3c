"""summary.xlsx and a self-contained summary.html for a batch run (labels in Vietnamese).

The workbook has one sheet per view (kind and rule, field, agency, level, most-flagged procedures,
common documents, near-duplicate groups, peer medians). The page shows the same counts with charts
drawn by matplotlib and embedded as PNG data URIs, so it opens anywhere offline.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, Sequence

import pandas as pd

from analyzer.atomic import atomic_path, atomic_write_text
from analyzer.detect.finding import KIND_LABELS
from analyzer.report.counts import SummaryCounts
from analyzer.resources.vocabulary import default_vocabulary

if TYPE_CHECKING:
    from analyzer.detect.peers import PeerStats


class CorpusFigures(Protocol):
    """The corpus-wide figures the summary shows (the batch computes them)."""

    def top_documents(self, n: int = 30) -> list[dict[str, Any]]: ...

    def duplicate_groups(self) -> list[dict[str, Any]]: ...

KIND_COLOURS = {"redundant_step": "#4C72B0", "repeated_paperwork": "#DD8452", "long_processing_time": "#55A868"}
OUTLIER_COLOUR = "#C44E52"
DUPLICATE_COLUMNS = ["group", "size", "code", "name", "agency", "level", "similarity"]
DUPLICATE_LABELS = {"group": "Nhóm", "size": "Số thủ tục trong nhóm", "code": "Mã", "name": "Tên thủ tục",
                    "agency": "Cơ quan", "level": "Cấp", "similarity": "Độ giống thủ tục đầu nhóm"}
TOTAL = "Tổng phát hiện"
VND_SAVED = "Tiết kiệm ước tính (đồng/năm)"
DAYS_SAVED = "Rút ngắn lớn nhất (ngày làm việc/hồ sơ)"
TOP_SAVINGS = "Nhiều phát hiện nhất"  # sheet name kept; ranked by estimated savings since issue 13
PER_PROCEDURE = "Phát hiện/thủ tục"


def _kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def breakdown(findings: Counter, procedures: Counter, label: str) -> pd.DataFrame:
    """One row per group (field, agency, level): procedures, findings per kind, total, per procedure."""
    kinds = list(KIND_LABELS) + sorted({k for _, k in findings} - set(KIND_LABELS))
    groups = sorted(set(procedures) | {g for g, _ in findings})
    rows = []
    for group in groups:
        row: dict[str, Any] = {label: group, "Số thủ tục": procedures.get(group, 0)}
        for kind in kinds:
            row[_kind_label(kind)] = findings.get((group, kind), 0)
        row[TOTAL] = sum(findings.get((group, kind), 0) for kind in kinds)
        row[PER_PROCEDURE] = round(row[TOTAL] / row["Số thủ tục"], 2) if row["Số thủ tục"] else None
        rows.append(row)
    columns = [label, "Số thủ tục", *(_kind_label(k) for k in kinds), TOTAL, PER_PROCEDURE]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values([TOTAL, "Số thủ tục"], ascending=False, kind="stable").reset_index(drop=True)


def summary_tables(counts: SummaryCounts, corpus: CorpusFigures | None) -> dict[str, pd.DataFrame]:
    by_rule = pd.DataFrame(
        [{"Loại": _kind_label(k), "Quy tắc": r, "Số phát hiện": n, VND_SAVED: round(counts.vnd_by_rule.get((k, r), 0.0))}
         for (k, r), n in sorted(counts.by_rule.items())],
        columns=["Loại", "Quy tắc", "Số phát hiện", VND_SAVED],
    ).sort_values(VND_SAVED, ascending=False, kind="stable").reset_index(drop=True)
    top = pd.DataFrame(
        [
            {"Mã": code, "Tên thủ tục": name, "Cơ quan": agency, "Số phát hiện": n, VND_SAVED: round(vnd),
             DAYS_SAVED: days}
            for code, name, agency, n, vnd, days in counts.top_procedures()
        ],
        columns=["Mã", "Tên thủ tục", "Cơ quan", "Số phát hiện", VND_SAVED, DAYS_SAVED],
    )
    tables = {
        "Theo loại": by_rule,
        "Theo lĩnh vực": breakdown(counts.by_field, counts.procedures_by_field, "Lĩnh vực"),
        "Theo cơ quan": breakdown(counts.by_agency, counts.procedures_by_agency, "Cơ quan"),
        "Theo cấp": breakdown(counts.by_level, counts.procedures_by_level, "Cấp thực hiện"),
        TOP_SAVINGS: top,
    }
    if corpus is not None:
        tables["Giấy tờ phổ biến"] = pd.DataFrame(
            corpus.top_documents(50), columns=["document", "key", "procedures"]
        ).rename(columns={"document": "Giấy tờ", "key": "Khóa so khớp", "procedures": "Số thủ tục yêu cầu"})
        tables["Thủ tục gần trùng"] = pd.DataFrame(corpus.duplicate_groups(), columns=DUPLICATE_COLUMNS).rename(
            columns=DUPLICATE_LABELS
        )
    return tables


PEER_KIND_LABELS = {"first": "Cấp mới, giải quyết lần đầu", "lighter": "Cấp lại, cấp đổi, điều chỉnh, gia hạn"}


def peer_table(peers: "PeerStats") -> pd.DataFrame:
    summary = peers.summary()
    return pd.DataFrame(
        [
            {"Lĩnh vực": f, "Cấp": lv, "Hình thức": default_vocabulary().mode_labels.get(m, m),
             "Loại quyết định": PEER_KIND_LABELS.get(kind, kind), "Số thủ tục": n, "Trung vị (ngày làm việc)": med}
            for (f, lv, m, kind), (n, med) in sorted(summary.groups.items())
        ],
        columns=["Lĩnh vực", "Cấp", "Hình thức", "Loại quyết định", "Số thủ tục", "Trung vị (ngày làm việc)"],
    )


# ---------------------------------------------------------------- charts


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 9, "axes.spines.top": False, "axes.spines.right": False})
    return plt


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    _pyplot().close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


TIME_TICKS = [0.1, 0.5, 1, 2, 5, 10, 20, 50, 100, 250]


def _vi_number(value: float) -> str:
    """7.143 -> "7,1"; 20.0 -> "20" (Vietnamese decimal comma)."""
    rounded = round(value, 1)
    return f"{rounded:g}".replace(".", ",")


def _fit_labels(fig, labels: list[str]) -> None:
    """Left margin wide enough for the longest bar label (about 0.6 em per character at 9 pt)."""
    width_inches = fig.get_size_inches()[0]
    label_inches = 0.6 * 9 / 72 * max((len(label) for label in labels), default=4) + 0.2
    height = fig.get_size_inches()[1]
    fig.subplots_adjust(left=min(0.6, label_inches / width_inches), right=0.98, top=1 - 0.15 / height,
                        bottom=0.55 / height)


def _shorten(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def plot_times(counts: SummaryCounts) -> str:
    """Histograms of processing times per channel on a log scale; channels flagged as far above their
    peers (rule peer_outlier) are stacked in red."""
    import numpy as np
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    plt = _pyplot()
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.4), sharey=True)
    values_all = [v for values in counts.days.values() for v in values if v > 0]
    low, high = (min(values_all), max(values_all)) if values_all else (0.1, 100.0)
    bins = np.geomspace(max(low, 0.05), max(high, 1.0) * 1.05, 36)
    for ax, (mode, label) in zip(axes, default_vocabulary().mode_labels.items(), strict=True):
        values = sorted(v for v in counts.days[mode] if v > 0)
        outliers = Counter(v for v in counts.outlier_days[mode] if v > 0)
        normal = []
        for value in values:  # take the flagged channels out of the plain series, one occurrence each
            if outliers[value] > 0:
                outliers[value] -= 1
            else:
                normal.append(value)
        flagged = sorted(v for v in counts.outlier_days[mode] if v > 0)
        if values:
            ax.hist([normal, flagged], bins=bins, stacked=True, color=["#4C72B0", OUTLIER_COLOUR],
                    label=["bình thường", "vượt xa nhóm tương đương"])
            ax.axvline(float(np.median(values)), color="#333", linestyle="--", linewidth=1)
            ax.text(float(np.median(values)), ax.get_ylim()[1] * 0.95, f" trung vị {_vi_number(float(np.median(values)))}",
                    fontsize=8, va="top")
        ax.set_xscale("log")
        ax.xaxis.set_major_locator(FixedLocator(TIME_TICKS))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _vi_number(v)))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_title(f"{label}: {len(values)} kênh, {len(flagged)} vượt xa nhóm")
        ax.set_xlabel("ngày làm việc (thang log)")
    axes[0].set_ylabel("số kênh nộp")
    handles, labels = axes[0].get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="upper right", fontsize=8, frameon=False, ncols=2)
    # fixed margins: tight_layout costs as much as drawing the figure twice
    fig.subplots_adjust(left=0.06, right=0.99, bottom=0.16, top=0.83, wspace=0.08)
    return _png(fig)


def plot_breakdown(frame: pd.DataFrame, label: str, limit: int = 15) -> str:
    """Horizontal stacked bars of findings per kind for the groups with most findings."""
    plt = _pyplot()
    top = frame.head(limit).iloc[::-1]
    kinds = [k for k in KIND_LABELS if KIND_LABELS[k] in top.columns]
    fig, ax = plt.subplots(figsize=(9, 0.32 * max(len(top), 3) + 0.9))
    left = [0] * len(top)
    names = [_shorten(str(v)) for v in top[label]]
    for kind in kinds:
        values = top[KIND_LABELS[kind]].tolist()
        ax.barh(names, values, left=left, color=KIND_COLOURS[kind], label=KIND_LABELS[kind])
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlabel("số phát hiện")
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    _fit_labels(fig, names)
    return _png(fig)


def plot_documents(frame: pd.DataFrame, limit: int = 15) -> str:
    plt = _pyplot()
    top = frame.head(limit).iloc[::-1]
    fig, ax = plt.subplots(figsize=(9, 0.32 * max(len(top), 3) + 0.9))
    names = [_shorten(str(v), 60) for v in top["Giấy tờ"]]
    ax.barh(names, top["Số thủ tục yêu cầu"], color="#8172B3")
    ax.set_xlabel("số thủ tục yêu cầu giấy tờ này")
    _fit_labels(fig, names)
    return _png(fig)


# ---------------------------------------------------------------- page


def _html_table(frame: pd.DataFrame, limit: int = 25, drop: Sequence[str] = ()) -> str:
    """The first rows of a table; long texts cut (the workbook has them whole)."""
    if frame.empty:
        return "<p class='empty'>Không có dữ liệu.</p>"
    more = f"<p class='more'>… và {len(frame) - limit} dòng nữa trong summary.xlsx.</p>" if len(frame) > limit else ""
    shown = frame.drop(columns=list(drop)).head(limit)
    shown = shown.apply(lambda column: column.map(lambda v: _shorten(v, 140) if isinstance(v, str) else v))
    table = shown.to_html(index=False, escape=True, border=0, classes="t", na_rep="", float_format="{:g}".format)
    return f"<div class='scroll'>{table}</div>{more}"


class PlotCache:
    """PNG charts stored by a hash of their input data and of ``version`` (the caller's fingerprint of the code
    that draws them), so a re-run on unchanged data does not draw again (drawing is most of the time a warm
    batch run takes)."""

    def __init__(self, directory: Path | None, version: str = "") -> None:
        self.directory = directory
        self.version = version
        self.used: set[str] = set()

    def png(self, name: str, data: Any, draw) -> str:
        if self.directory is None:
            return draw()
        facts = json.dumps([name, self.version, data], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        key = hashlib.sha256(facts.encode("utf-8")).hexdigest()[:24]
        self.used.add(key)
        path = self.directory / f"{key}.png.b64"
        if path.exists():
            return path.read_text(encoding="ascii")
        image = draw()
        atomic_write_text(path, image)
        return image


def _frame_data(frame: pd.DataFrame) -> list:
    return [list(frame.columns), frame.astype(str).values.tolist()]


def _img(data: str, alt: str) -> str:
    return f"<img alt='{html.escape(alt)}' src='data:image/png;base64,{data}'>"


def _section(title: str, *parts: str) -> str:
    return f"<section><h2>{html.escape(title)}</h2>{''.join(parts)}</section>"


STYLE = """
body{font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;color:#222;background:#f6f7f9}
main{max-width:1180px;margin:0 auto;padding:1.5rem 2rem 3rem}
h1{font-size:1.6rem;margin:.2rem 0 .3rem}h2{font-size:1.2rem;margin:0 0 .8rem}
.lead{color:#555;margin:0 0 1.2rem}
.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin-bottom:1.2rem}
.card{background:#fff;border:1px solid #e2e4e8;border-radius:8px;padding:.7rem 1.1rem;min-width:150px}
.card b{display:block;font-size:1.5rem}.card span{color:#555;font-size:.85rem}
section{background:#fff;border:1px solid #e2e4e8;border-radius:8px;padding:1rem 1.2rem;margin-bottom:1.2rem}
img{max-width:100%;height:auto;display:block;margin:.2rem 0 .8rem}
.scroll{overflow-x:auto}
table.t{border-collapse:collapse;font-size:.85rem;width:100%}
table.t th{background:#f0f2f5;text-align:left;position:sticky;top:0}
table.t td,table.t th{border-bottom:1px solid #eceef1;padding:.3rem .55rem;vertical-align:top}
.note,.more,.empty{color:#666;font-size:.85rem}
"""


def render_html(
    counts: SummaryCounts, tables: dict[str, pd.DataFrame], errors: int = 0, plots: PlotCache | None = None
) -> str:
    plots = plots or PlotCache(None)
    total_findings = sum(counts.by_kind.values())
    flagged = counts.flagged
    cards = [
        (counts.procedures, "thủ tục được phân tích"),
        (total_findings, "phát hiện"),
        (flagged, "thủ tục có ít nhất một phát hiện"),
        *((counts.by_kind.get(kind, 0), label) for kind, label in KIND_LABELS.items()),
    ]
    if errors:
        cards.append((errors, "hồ sơ/tệp không đọc được (errors.jsonl)"))
    card_html = "".join(f"<div class='card'><b>{n:,}</b><span>{html.escape(t)}</span></div>".replace(",", ".")
                        for n, t in cards)
    sections = [
        _section("Phát hiện theo loại và quy tắc", _html_table(tables["Theo loại"])),
        _section("Phân bố thời hạn giải quyết",
                 "<p class='note'>Mỗi kênh nộp hồ sơ một giá trị, quy đổi ra ngày làm việc; màu đỏ: thời hạn vượt xa "
                 "trung vị của các thủ tục cùng lĩnh vực, cùng cấp (quy tắc peer_outlier). Đường nét đứt: trung vị.</p>",
                 _img(plots.png("times", counts.days_digest(), lambda: plot_times(counts)),
                      "Phân bố thời hạn giải quyết theo hình thức nộp")),
    ]
    for title, label in (("Theo lĩnh vực", "Lĩnh vực"), ("Theo cấp", "Cấp thực hiện"), ("Theo cơ quan", "Cơ quan")):
        frame = tables[title]
        draw = (lambda f=frame, lb=label: plot_breakdown(f, lb))  # noqa: E731 - bound now, drawn on a cache miss
        chart = _img(plots.png(title, _frame_data(frame.head(15)), draw), f"Số phát hiện {title.lower()}") \
            if frame[TOTAL].sum() else ""
        sections.append(_section(f"Phát hiện {title.lower()}", chart, _html_table(frame, 15)))
    if "Giấy tờ phổ biến" in tables:
        frame = tables["Giấy tờ phổ biến"]
        chart = _img(plots.png("documents", _frame_data(frame.head(15)), lambda: plot_documents(frame)),
                     "Giấy tờ được yêu cầu nhiều nhất") if not frame.empty else ""
        sections.append(_section("Giấy tờ được yêu cầu ở nhiều thủ tục nhất", chart,
                                 _html_table(frame, 20, drop=["Khóa so khớp"])))
    if "Thủ tục gần trùng" in tables:
        frame = tables["Thủ tục gần trùng"]
        groups = frame["Nhóm"].nunique() if not frame.empty else 0
        sections.append(_section(
            "Thủ tục gần trùng (cùng thủ tục, khác cơ quan hoặc cấp, lời văn gần giống)",
            f"<p class='note'>{groups} nhóm, {len(frame)} thủ tục (MinHash LSH, độ giống Jaccard ước lượng ≥ 0,8).</p>",
            _html_table(frame, 30),
        ))
    sections.append(_section(
        "Thủ tục có tiết kiệm ước tính lớn nhất",
        "<p class='note'>Xếp theo chi phí tuân thủ tiết kiệm được mỗi năm nếu chấp nhận các phát hiện (phương pháp "
        "Thông tư 02/2017/TT-VPCP: thời gian thực hiện × thu nhập bình quân giờ + chi phí sao, chứng thực, đi lại; "
        "× số hồ sơ/năm; không tính chi phí cơ hội), rồi theo số ngày làm việc rút ngắn được.</p>",
        _html_table(tables[TOP_SAVINGS], 20)))
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tổng hợp rà soát thủ tục hành chính</title><style>{STYLE}</style></head>
<body><main>
<h1>Tổng hợp rà soát thủ tục hành chính</h1>
<p class="lead">Kết quả phát hiện bước thừa, giấy tờ yêu cầu lặp lại và thời hạn giải quyết dài trên toàn bộ dữ liệu
đầu vào. Bảng đầy đủ: summary.xlsx, findings.csv.</p>
<div class="cards">{card_html}</div>
{''.join(sections)}
</main></body></html>
"""


def _write_workbook(path: Path, tables: dict[str, pd.DataFrame]) -> None:
    from openpyxl.utils import get_column_letter

    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for title, frame in tables.items():
            frame.to_excel(writer, sheet_name=title[:31], index=False)
            sheet = writer.sheets[title[:31]]
            sheet.freeze_panes = "A2"
            for position, column in enumerate(frame.columns, start=1):
                values: Sequence[Any] = frame[column].head(200).tolist()
                width = max([len(str(column))] + [len(str(v)) for v in values])
                sheet.column_dimensions[get_column_letter(position)].width = min(max(width + 2, 8), 70)


def write_summary(
    out: Path, counts: SummaryCounts, corpus: CorpusFigures | None, peers: "PeerStats",
    errors: int = 0,
    plot_cache: Path | None = None,
    plot_version: str = "",
) -> dict[str, Any]:
    """Write summary.xlsx and summary.html; ``plot_cache`` keeps drawn charts, valid while ``plot_version``
    (a fingerprint of the code) is unchanged."""
    tables = summary_tables(counts, corpus)
    tables["Trung vị theo nhóm"] = peer_table(peers)
    xlsx, page = out / "summary.xlsx", out / "summary.html"
    with atomic_path(xlsx) as tmp:
        _write_workbook(tmp, tables)
    plots = PlotCache(plot_cache, plot_version)
    atomic_write_text(page, render_html(counts, tables, errors, plots))
    outputs: dict[str, Any] = {"summary_xlsx": xlsx, "summary_html": page}
    return outputs
