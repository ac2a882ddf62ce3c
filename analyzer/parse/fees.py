"""Fees ("Phí, lệ phí"): "Lệ phí : 50.000 Đồng", "10 USD(/lần)", "Miễn phí", "1,5 triệu đồng".

A cell holds one fee per "Phí :" / "Lệ phí :" / "Mức giá :" label line (portal DOCX, BQP, CSDL);
unlabelled text (portal-flat table cells) is split on newlines and on semicolons outside brackets.
Amounts are read with the Vietnamese separator rule of `analyzer.parse.numbers.parse_decimal`.
When the main amount is blank ("Phí :  Đồng (Theo quy định ...)") the first priced amount in the
note is used, since it is usually the rate ("(100.000 đồng/lần)"); otherwise the amount stays None
and the text is kept so that a reader can warn.
"""

from __future__ import annotations

import re

from analyzer.model import Fee
from analyzer.parse._nfc import LOWER_LETTERS, nfc
from analyzer.parse.numbers import parse_decimal

_NO_INFORMATION = re.compile(r"^\W*(?:không\s+có\s+thông\s+tin|không\s+có\s+dữ\s+liệu)\W*$", re.IGNORECASE)
_UI_NOISE = re.compile(r"Xem\s+chi\s+tiết|^\s*File\s+đính\s+kèm\s*:.*$", re.IGNORECASE | re.MULTILINE)
_LABEL = re.compile(r"(?P<label>Lệ\s*phí|Phí|Mức\s+giá|Giá)\s*:", re.IGNORECASE)
_LABEL_AT_LINE_START = re.compile(r"(?m)^[ \t]*(?=(?:Lệ\s*phí|Phí|Mức\s+giá|Giá)\s*:)", re.IGNORECASE)
_KINDS = {"phí": "phi", "lệ phí": "le_phi", "lệphí": "le_phi"}

_CURRENCY = (
    r"(?P<currency>việt\s*nam\s*đồng|vnđ|vnd|đồng|đ|usd|us\$|\$|đô\s*la\s*mỹ|eur|euro)(?![^\W\d_])"
)
_AMOUNT = re.compile(
    r"(?<![\w/.,-])(?P<number>\d+(?:[.,]\d+)*)\s*(?P<scale>triệu|nghìn|ngàn|tỷ|tỉ)?\s*" + _CURRENCY,
    re.IGNORECASE,
)
_ZERO_WORD = re.compile(r"^\s*không\s+" + _CURRENCY, re.IGNORECASE)  # "Phí : Không Đồng"
_FREE = re.compile(
    r"miễn\s+(?:phí|lệ\s*phí)|không\s+(?:thu|mất)\s+(?:phí|lệ\s*phí)|^\s*không\s*$|\(\s*không(?:\s+có)?\s*\.?\s*\)",
    re.IGNORECASE,
)
_YEAR_BEFORE = re.compile(r"năm\s*$", re.IGNORECASE)
# the unit priced: right after a currency ("đ/thẻ"), an opening bracket ("(/lần)") or an amount
# followed by a word ("15.000.000/lần"), never a date ("12/6/2025")
_PER = re.compile(
    r"(?:(?:đồng|đ|vnđ|vnd|usd)(?![^\W\d_])\s*|\(\s*|\d(?=/\s*(?-i:[" + LOWER_LETTERS + r"])))"
    r"/\s*(?P<per>[^.;()\n,:+–-]+?)(?=\s+[-–+]|\s*[.;()\n,:]|\s*$)",
    re.IGNORECASE,
)
_SCALES = {"triệu": 1e6, "nghìn": 1e3, "ngàn": 1e3, "tỷ": 1e9, "tỉ": 1e9}
_CURRENCIES = {"usd": "USD", "us$": "USD", "$": "USD", "eur": "EUR", "euro": "EUR"}


def parse_fees(text: str | None) -> list[Fee]:
    """Every fee in a fee cell, in order. [] for empty cells and "Không có thông tin". Never raises."""
    if not text:
        return []
    cleaned = _UI_NOISE.sub("", nfc(text)).strip()
    if not cleaned or _NO_INFORMATION.match(cleaned):
        return []
    if _LABEL.match(cleaned.lstrip(" -+*")) or _LABEL_AT_LINE_START.search(cleaned):
        segments = [part for part in _LABEL_AT_LINE_START.split(cleaned) if part.strip()]
        return [_fee(segment.strip()) for segment in segments]
    fees = [_fee(segment) for segment in _split_unlabelled(cleaned)]
    priced = [fee for fee in fees if fee.amount is not None]
    return priced or [Fee(text=cleaned)]


def _split_unlabelled(text: str) -> list[str]:
    """Split on newlines and semicolons that are not inside brackets."""
    segments: list[str] = []
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == "\n" or (char == ";" and depth == 0):
            segments.append(text[start:i])
            start = i + 1
            if char == "\n":
                depth = 0
    segments.append(text[start:])
    return [segment.strip() for segment in segments if segment.strip()]


def _fee(segment: str) -> Fee:
    kind = None
    body = segment
    label = _LABEL.match(segment.lstrip(" -+*"))
    if label:
        kind = _KINDS.get(" ".join(label.group("label").lower().split()))
        body = segment.lstrip(" -+*")[label.end() :]
    head, note = _split_note(body)
    amount_match = _first_amount(head) or _first_amount(note)
    if amount_match:
        amount = _amount(amount_match)
        currency = _currency(amount_match.group("currency"))
        per = _per(body[body.find(amount_match.group(0)) :] if amount_match.group(0) in head else note)
        return Fee(text=segment, amount=amount, currency=currency, per=per, kind=kind)
    zero = _ZERO_WORD.match(head)
    if zero or _FREE.search(body):
        currency = _currency(zero.group("currency")) if zero else None
        return Fee(text=segment, amount=0.0, currency=currency, kind=kind)
    return Fee(text=segment, kind=kind)


def _split_note(body: str) -> tuple[str, str]:
    """("50.000 Đồng", "(50.000đ/thẻ)") — the note is the bracketed part after the amount."""
    index = body.find("(")
    if index < 0:
        return body, ""
    return body[:index], body[index:]


def _first_amount(text: str) -> re.Match[str] | None:
    for match in _AMOUNT.finditer(text):
        if not _YEAR_BEFORE.search(text[max(0, match.start() - 6) : match.start()]):
            return match
    return None


def _amount(match: re.Match[str]) -> float | None:
    value = parse_decimal(match.group("number"))
    scale = match.group("scale")
    if value is not None and scale:
        value *= _SCALES[scale.lower()]
    return value


def _currency(word: str) -> str:
    return _CURRENCIES.get(" ".join(word.lower().split()), "VND")


def _per(text: str) -> str | None:
    """"lần" from "(/lần)", "thẻ ABTC" from "1.200.000đ/thẻ ABTC.", "lần/đơn vị" from "/lần/ đơn vị"."""
    match = _PER.search(text)
    if not match:
        return None
    per = re.sub(r"\s*/\s*", "/", " ".join(match.group("per").split())).strip(" /-")
    per = re.sub(r"^0*1\s+", "", per)  # "01 giấy" → "giấy"
    per = re.sub(r"\s+(?:đồng|vnđ|vnd|usd)$", "", per, flags=re.IGNORECASE)
    return per or None
