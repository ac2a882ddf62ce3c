"""Small text fields of portal-flat records: absent values, results, raw_text sections."""

from __future__ import annotations

import re

NO_INFO = "Không có thông tin"

# The page's section labels in the order the scrape wrote them into ``raw_text``.
RAW_LABELS = (
    "Tên thủ tục",
    "Mã thủ tục",
    "Số quyết định",
    "Cấp thực hiện",
    "Loại thủ tục",
    "Lĩnh vực",
    "Đối tượng thực hiện",
    "Cơ quan có thẩm quyền",
    "Địa chỉ tiếp nhận HS",
    "Cơ quan được ủy quyền",
    "Cơ quan phối hợp",
    "Thủ tục hành chính liên quan",
    "Trình Tự Thực Hiện",
    "Cách Thức Thực Hiện",
    "Thành phần hồ sơ",
    "Căn cứ pháp lý",
    "Cơ quan thực hiện",
    "Yêu cầu, điều kiện thực hiện",
    "Kết quả xử lý",
    "Từ khóa",
    "Mô tả",
    "Chọn cơ quan thực hiện",
)

# Portal widgets that follow the result list: "Từ khóa…Mô tả…Chọn cơ quan thực hiện…Nộp hồ sơ".
_RESULT_UI = re.compile(r"Từ khóa|Chọn cơ quan thực hiện")
# result codes: "KQ.G01.000262", "KQ-G12.01", "TP-G01.0001", "1.23.45.G01-KQ01", "VBTT"; the next result is glued after
_RESULT_CODE = re.compile(r"Mã:\s*(?:[A-Z0-9][A-Z0-9.\-]*\d|[A-Z]+(?![^\W\d_]))")


def present(text: str | None) -> str | None:
    """The stripped text, or None when it is empty or the portal's "Không có thông tin"."""
    if text is None:
        return None
    text = text.strip()
    return None if not text or text == NO_INFO or not any(char.isalnum() for char in text) else text


def raw_sections(raw: str) -> dict[str, str]:
    """Section label → text, found by walking the labels in page order (a label must follow the previous one)."""
    found: list[tuple[str, int, int]] = []
    position = 0
    for label in RAW_LABELS:
        index = raw.find(label, position)
        if index >= 0:
            found.append((label, index, index + len(label)))
            position = index + len(label)
    sections = {}
    for (label, _, start), following in zip(found, [*found[1:], None]):
        end = following[1] if following else len(raw)
        sections[label] = raw[start:end].strip()
    return sections


def clean_results(text: str | None) -> str | None:
    """Result documents without the portal UI that leaks after them ("Mã: KQ.G01.00262Từ khóa…Mô tả…")."""
    value = present(text)
    if value is None:
        return None
    ui = _RESULT_UI.search(value)
    listed = value[: ui.start()] if ui else value
    items = [present(item) for item in _RESULT_CODE.split(listed)]
    kept = [item for item in items if item]
    return "\n".join(kept) or None
