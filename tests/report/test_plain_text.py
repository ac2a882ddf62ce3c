"""Record text put inside Markdown (``literal``) or HTML (``highlight``) renders as the text itself: no image,
link, tag, emphasis or directive from data. Rendered here by markdown-it (CommonMark, raw HTML allowed), the
parser family Streamlit's own renderer follows."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from analyzer.report.review import WORD_JOINER, highlight, literal

INJECTIONS = [
    "![x](http://127.0.0.1:9/t.png)",
    "[bấm vào đây](http://127.0.0.1:9/phishing)",
    "<img src=http://127.0.0.1:9/t.png onerror=alert(1)>",
    "<script>alert('x')</script> và <b>đậm</b>",
    "<http://127.0.0.1:9/auto>",
    "**đậm** _nghiêng_ `mã` ~~gạch~~",
    "# Tiêu đề\n- mục 1\n> trích dẫn",
    ":red[màu] :material/home: $x^2$ &amp; &lt;",
    "Phí 50.000 đồng (theo Thông tư 85/2019/TT-BTC); 1. bản chính | 2. bản sao",
    "[x]: http://127.0.0.1:9/ref\n![y][x]",
    "xem www.example.vn hoặc gửi thư tới hotro@example.vn, https://127.0.0.1:9/a",
]
# what GFM turns into a link after parsing, whatever the escapes (mdast-util-gfm-autolink-literal)
BARE_ADDRESS = re.compile(r"(?i)https?://|www\.|[\w.+-]@[\w-]")
TAGS = re.compile(r"<(?!/?p>|br ?/?>)[a-z/][^>]*>")  # any tag but the paragraphs and breaks Markdown wraps text in


def visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).strip()


@pytest.mark.parametrize("text", INJECTIONS)
def test_markdown_from_data_is_literal(text: str) -> None:
    rendered = MarkdownIt("commonmark", {"html": True}).render(literal(text))
    assert not TAGS.search(rendered), rendered
    assert "127.0.0.1:9" not in re.sub(r">[^<]*<", "><", rendered)  # the address is text, never an attribute
    shown = visible(rendered)
    assert not BARE_ADDRESS.search(shown)  # nothing left for the autolinker
    assert " ".join(shown.replace(WORD_JOINER, "").split()) == " ".join(text.split())  # reads as written


@pytest.mark.parametrize("text", INJECTIONS)
def test_highlighted_html_from_data_is_literal(text: str) -> None:
    markup = highlight(text, marked=True)
    assert re.findall(r"<[^>]+>", markup) == ["<mark>", *["<br>"] * text.count("\n"), "</mark>"]
    assert html.unescape(markup.removeprefix("<mark>").removesuffix("</mark>").replace("<br>", "\n")) == text
