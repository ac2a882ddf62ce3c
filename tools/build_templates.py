"""Build the editable docxtpl templates of the official documents under analyzer/data/templates/.

    python tools/build_templates.py [OUTDIR]

Layout (thể thức) follows Nghị định 30/2020/NĐ-CP, Phụ lục I: A4, Times New Roman, margins top/bottom 20 mm,
left 30 mm, right 15 mm; Quốc hiệu and Tiêu ngữ, the issuing body, số/ký hiệu, place and date, the document type
and its summary (trích yếu), the body, Nơi nhận, the signature block and page numbers (centred in the header from
the second page). A province may edit the generated .docx in Word (wording, letterhead) as long as the Jinja tags
stay whole; re-running this script restores the packaged version.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14  # Nghị định 30/2020: cỡ chữ 13–14 for the body
OUT = Path(__file__).resolve().parent.parent / "analyzer" / "data" / "templates"
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


def _fonts(element, size: float | None = None) -> None:
    """Times New Roman for every script slot (a Vietnamese run may fall back to the East Asian or complex font)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            node = OxmlElement(tag)
            node.set(qn("w:val"), str(int(size * 2)))
            rpr.append(node)


def new_document() -> Document:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    _fonts(normal.element)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name in ("Header", "Footer"):
        style = document.styles[name]
        style.font.name = FONT
        _fonts(style.element)
    # the package default (docDefaults) names theme fonts; replace them so no run can fall back to Calibri
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    for node in document.styles.element.iter(qn("w:rFonts")):  # styles naming other faces (Macro Text: Courier)
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            node.set(qn(slot), FONT)
        for theme in [a for a in node.attrib if a.endswith("Theme")]:
            del node.attrib[theme]
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    _page_numbers(section)
    return document


def _page_numbers(section) -> None:
    """Số trang: centred at the top, in Arabic numerals, not shown on the first page."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    _fonts(run._r, BODY_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        else:
            node = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            node.set(qn("xml:space"), "preserve")
            node.text = text
        run._r.append(node)


def para(container, text: str = "", *, align=JUSTIFY, bold: bool = False, italic: bool = False,
         underline: bool = False, size: float = BODY_PT, indent: bool = False, after: float = 6,
         before: float = 0) -> Paragraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.space_before = Pt(after), Pt(before)
    if indent:
        fmt.first_line_indent = Cm(1.0)
    if text:
        run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


def run(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False, underline: bool = False,
        size: float = BODY_PT):
    r = paragraph.add_run(text)
    r.bold, r.italic, r.underline = bold, italic, underline
    r.font.size, r.font.name = Pt(size), FONT
    _fonts(r._r)
    return r


def tag(container, statement: str) -> None:
    """A paragraph holding only a docxtpl block tag ({%p ... %}); docxtpl removes the paragraph itself."""
    para(container, "{%p " + statement + " %}", after=0)


def lines(container, items: str, bullet: bool = False) -> None:
    """One indented paragraph per line of the list ``items`` (a template variable), dashed when ``bullet``."""
    tag(container, f"for line in {items}")
    para(container, ("- " if bullet else "") + "{{ line }}", indent=True)
    tag(container, "endfor")


def _cell_width(table, widths: list[float]) -> None:
    """Widths on the grid and on every cell: LibreOffice reads the grid, Word the cells."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def _clear(cell) -> None:
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)


def letterhead(document) -> None:
    """Phần đầu: cơ quan ban hành and số/ký hiệu on the left; Quốc hiệu, Tiêu ngữ, địa danh và ngày on the right."""
    tag(document, "if doc.draft_label")
    para(document, "{{ doc.draft_label }}", align=LEFT, bold=True, size=12, after=0)
    tag(document, "endif")
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    for cell in (left, right):
        _clear(cell)
    tag(left, "if doc.parent_body")
    para(left, "{{ doc.parent_body }}", align=CENTER, size=13, after=0)
    tag(left, "endif")
    para(left, "{{ doc.issuer }}", align=CENTER, bold=True, underline=True, size=13, after=6)
    tag(left, "if doc.symbol")
    para(left, "Số: {{ doc.number }}/{{ doc.symbol }}", align=CENTER, size=13, after=0)
    tag(left, "endif")
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align=CENTER, bold=True, size=13, after=0)
    para(right, "Độc lập - Tự do - Hạnh phúc", align=CENTER, bold=True, underline=True, size=14, after=6)
    para(right, "{{ doc.place_date }}", align=CENTER, italic=True, size=14, after=0)
    _cell_width(table, [6.3, 10.2])


def title(document, kind: str, summary: str) -> None:
    para(document, kind, align=CENTER, bold=True, size=14, before=18, after=0)
    para(document, summary, align=CENTER, bold=True, size=14, after=12)


def signature(document) -> None:
    """Nơi nhận at the bottom left, quyền hạn, chức vụ and name of the signer at the right."""
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    for cell in (left, right):
        _clear(cell)
    para(left, "Nơi nhận:", align=LEFT, bold=True, italic=True, size=12, after=0, before=6)
    tag(left, "for line in doc.recipients")
    para(left, "- {{ line }}", align=LEFT, size=11, after=0)
    tag(left, "endfor")
    para(right, "{{ doc.sign_authority }}", align=CENTER, bold=True, size=14, after=0, before=6)
    para(right, "{{ doc.sign_title }}", align=CENTER, bold=True, size=14, after=0)
    para(right, "(Ký, ghi rõ họ tên, đóng dấu)", align=CENTER, italic=True, size=13, after=60)
    para(right, "{{ doc.signer }}", align=CENTER, bold=True, size=14, after=0)
    _cell_width(table, [8.0, 8.5])


def plan_sections(document) -> None:
    """One numbered part per procedure, in the layout of the plans annexed to provincial decisions (Thông tư
    02/2017/TT-VPCP): a) Nội dung đơn giản hóa with lý do, b) Kiến nghị thực thi, c) Lợi ích phương án."""
    para(document, "{{ plan.intro }}", indent=True)
    tag(document, "for s in plan.sections")
    p = para(document, "", bold=True, before=6)
    run(p, "{{ s.number }}. Thủ tục «{{ s.name }}»", bold=True)
    para(document, "{{ s.identity }}", indent=True, italic=True)
    para(document, "a) Nội dung đơn giản hóa", bold=True, indent=True)
    tag(document, "for i in s.proposals")
    p = para(document, "", indent=True)
    run(p, "- {{ i.element }}: ", italic=True)
    run(p, "{{ i.proposal }}")
    run(p, "{{ i.draft_note }}", italic=True)
    p = para(document, "", indent=True)
    run(p, "Lý do: ", italic=True)
    run(p, "{{ i.reason }}")
    tag(document, "if i.comment")
    p = para(document, "", indent=True)
    run(p, "Ý kiến của người rà soát: ", italic=True)
    run(p, "{{ i.comment }}")
    tag(document, "endif")
    tag(document, "endfor")
    para(document, "b) Kiến nghị thực thi", bold=True, indent=True)
    tag(document, "for k in s.implementation")
    para(document, "- {{ k }}", indent=True)
    tag(document, "endfor")
    para(document, "c) Lợi ích phương án đơn giản hóa", bold=True, indent=True)
    lines(document, "s.benefits", bullet=True)
    tag(document, "endfor")


def plan_template() -> Document:
    document = new_document()
    letterhead(document)
    title(document, "PHƯƠNG ÁN", "Đơn giản hóa thủ tục hành chính {{ plan.scope }}")
    plan_sections(document)
    signature(document)
    return document


def decision_template() -> Document:
    document = new_document()
    letterhead(document)
    title(document, "QUYẾT ĐỊNH", "Về việc thông qua phương án đơn giản hóa thủ tục hành chính {{ plan.scope }}")
    para(document, "{{ doc.authority }}", align=CENTER, bold=True, after=12)
    tag(document, "for basis in decision.bases")
    para(document, "{{ basis }}", italic=True, indent=True)
    tag(document, "endfor")
    para(document, "{{ decision.proposal }}", italic=True, indent=True)
    para(document, "QUYẾT ĐỊNH:", align=CENTER, bold=True, before=6)
    for number in (1, 2, 3):
        p = para(document, "", indent=True)
        run(p, f"Điều {number}. ", bold=True)
        run(p, "{{ decision.article_%d }}" % number)
    signature(document)
    p = para(document, "", after=0)
    p.add_run().add_break(WD_BREAK.PAGE)
    title(document, "PHỤ LỤC", "PHƯƠNG ÁN ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH {{ plan.scope_upper }}")
    para(document, "{{ decision.annex_note }}", align=CENTER, italic=True, after=12)
    plan_sections(document)
    return document


def _keep_whole(row) -> None:
    """A row is not split across pages (LibreOffice would leave an empty slice at the foot of a page)."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _row_tag(table, statement: str) -> None:
    """A table row holding only a docxtpl row tag ({%tr ... %}); docxtpl removes the row itself."""
    row = table.add_row()
    row.cells[0].paragraphs[0].add_run("{%tr " + statement + " %}")


def review_form_template() -> Document:
    """Biểu mẫu rà soát, đánh giá thủ tục hành chính (Nghị định 63/2010/NĐ-CP, Điều 28), and the impact
    assessment form of a draft's procedure provisions (Điều 10), which asks the same per element: one part per
    procedure; the title and the form followed come from the settings."""
    document = new_document()
    letterhead(document)
    para(document, "{{ review.title }}", align=CENTER, bold=True, before=18, after=0)
    para(document, "{{ review.follows }}", align=CENTER, italic=True, after=12)
    tag(document, "for f in forms")
    p = para(document, "", before=6)
    run(p, "{{ f.number }}. Thủ tục «{{ f.name }}»{{ f.code_note }}", bold=True)
    para(document, "I. THÔNG TIN CHUNG", bold=True)
    tag(document, "for item in f.info")
    p = para(document, "", indent=True)
    run(p, "{{ item.label }}: ", italic=True)
    run(p, "{{ item.value }}")
    tag(document, "endfor")
    para(document, "II. SỰ CẦN THIẾT CỦA THỦ TỤC HÀNH CHÍNH", bold=True)
    tag(document, "for question in review.questions")
    p = para(document, "", indent=True)
    run(p, "- {{ question }}: ", italic=True)
    run(p, "{{ review.to_fill }}")
    tag(document, "endfor")
    para(document, "III. TÍNH HỢP LÝ CỦA TỪNG BỘ PHẬN TẠO THÀNH", bold=True)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, ("Bộ phận", "{{ review.current_label }}", "Hợp lý", "Lý do")):
        cell.paragraphs[0].text = ""
        run(cell.paragraphs[0], label, bold=True, size=13)
        cell.paragraphs[0].alignment = CENTER
    _row_tag(table, "for e in f.elements")
    row = table.add_row()  # may split across pages: a row of many findings can be taller than a page
    cells = row.cells
    for cell, field in zip(cells, ("e.name", "e.current", "e.verdict", "e.reason")):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = CENTER if field == "e.verdict" else LEFT
        run(paragraph, "{{ %s }}" % field, size=13)
    _row_tag(table, "endfor")
    _cell_width(table, [3.1, 5.0, 2.4, 6.0])
    para(document, "IV. TÍNH HỢP PHÁP", bold=True, before=6)
    lines(document, "f.legality", bullet=True)
    para(document, "V. CHI PHÍ TUÂN THỦ", bold=True)
    lines(document, "f.cost", bullet=True)
    tag(document, "endfor")
    signature(document)
    return document


def _group_table(document, rows: str) -> None:
    """Cost and time cut per group (field or agency) against the year's target."""
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    labels = ("Tên", "Số thủ tục", "Chi phí trước (đồng/năm)", "Chi phí sau (đồng/năm)", "Cắt giảm chi phí",
              "Đạt mục tiêu")
    for cell, label in zip(table.rows[0].cells, labels):
        cell.paragraphs[0].alignment = CENTER
        run(cell.paragraphs[0], label, bold=True, size=13)
    _row_tag(table, f"for g in {rows}")
    row = table.add_row()
    _keep_whole(row)
    for cell, field in zip(row.cells, ("g.name", "g.procedures", "g.before", "g.after", "g.cost_cut", "g.met")):
        cell.paragraphs[0].alignment = LEFT if field == "g.name" else CENTER
        run(cell.paragraphs[0], "{{ %s }}" % field, size=13)
    _row_tag(table, "endfor")
    _cell_width(table, [3.9, 1.7, 3.1, 3.1, 2.2, 2.5])


def _count_table(document, rows: str) -> None:
    """Findings by type: the type's name and how many."""
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, ("Loại phát hiện", "Số phát hiện")):
        cell.paragraphs[0].alignment = CENTER
        run(cell.paragraphs[0], label, bold=True, size=13)
    _row_tag(table, f"for r in {rows}")
    row = table.add_row()
    _keep_whole(row)
    for cell, field in zip(row.cells, ("r.name", "r.count")):
        cell.paragraphs[0].alignment = LEFT if field == "r.name" else CENTER
        run(cell.paragraphs[0], "{{ %s }}" % field, size=13)
    _row_tag(table, "endfor")
    _cell_width(table, [12.5, 4.0])


def report_template() -> Document:
    """Báo cáo kết quả rà soát, đánh giá thủ tục hành chính of the province, with two charts."""
    document = new_document()
    letterhead(document)
    title(document, "BÁO CÁO", "Kết quả rà soát, đánh giá thủ tục hành chính năm {{ year }}")
    para(document, "I. KẾT QUẢ RÀ SOÁT", bold=True)
    lines(document, "review")
    para(document, "{{ charts.status }}", align=CENTER)
    para(document, "II. KẾT QUẢ CẮT GIẢM, ĐƠN GIẢN HÓA", bold=True)
    para(document, "{{ target_sentence }}.", indent=True, italic=True)
    lines(document, "savings")
    para(document, "1. Theo lĩnh vực", bold=True, indent=True)
    _group_table(document, "fields")
    para(document, "{{ charts.fields }}", align=CENTER, before=6)
    para(document, "2. Theo cơ quan thực hiện", bold=True, indent=True)
    _group_table(document, "agencies")
    para(document, "III. QUY ĐỊNH CHỒNG CHÉO, MÂU THUẪN VÀ THỦ TỤC KHÁC CĂN CỨ PHÁP LÝ", bold=True, before=6)
    lines(document, "legal")
    tag(document, "if legal_counts")
    _count_table(document, "legal_counts")
    para(document, "Các phát hiện đầu tiên:", indent=True, before=6)
    lines(document, "legal_top", bullet=True)
    tag(document, "endif")
    para(document, "IV. SAI SÓT CỦA HỒ SƠ CÔNG BỐ CẦN SỬA", bold=True, before=6)
    lines(document, "defects", bullet=True)
    para(document, "V. ĐỀ XUẤT, KIẾN NGHỊ", bold=True)
    para(document, "[Người soạn báo cáo điền]", indent=True)
    signature(document)
    return document


TEMPLATES: dict[str, Callable[[], Document]] = {"report.docx": report_template, "plan.docx": plan_template, "decision.docx": decision_template,
                                                "review_form.docx": review_form_template}


def build(outdir: Path = OUT) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in TEMPLATES.items():
        document = make()
        document.core_properties.author = "tthc-analyzer"
        document.core_properties.title = name
        path = outdir / name
        document.save(path)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(path)
