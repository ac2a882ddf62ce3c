"""Papers named with the Vietnamese State body that issued them ("Giấy phép … do Bộ Công Thương cấp", "Quyết định của cấp
có thẩm quyền tại Việt Nam phê duyệt …"): the parts of a keyed dossier item and the issuer a part names. The
vocabulary (paper heads, issuers, verbs) is state_data.yaml's issued_papers; state_held_document decides the rest."""

from __future__ import annotations

import re
from typing import Iterator

from analyzer.resources import IssuedPapers

# Where a part of an item begins: a ";" or ":", a list marker ("- ", "+ "), or an enumerator ("i.1)", "b)", "2.").
_PART = re.compile(r"[;:]|\.\s|(?:^|\s)[-+•–]\s|(?:^|\s)(?:[a-zđ](?:\.\d+)?|\d+(?:\.\d+)*|[ivx]+)[.)]\s")
_LEAD = re.compile(r"^(?:\W|\d+|hoặc|và|kèm theo|\((?:một|hai|ba|\d+)\))+")
ISSUER_REACH = 120  # characters after the paper's head within which its issuer is named
ISSUER_WORDS = 8  # words of the issuer's name between its opener and the verb ("do Bộ Công Thương cấp")
_COPY_LEAD = re.compile(r"^(?:bản sao|bản chụp|bản chính|bản gốc|bản điện tử|bản sao điện tử|bản scan|bản photo|"
                        r"có chứng thực|được chứng thực|chứng thực|có công chứng|hợp lệ|y|hoặc|và)(?!\w)")


def parts(name: str) -> Iterator[tuple[int, str]]:
    """(start, text) of each part of a keyed item, its lead (copy wording, counts, markers) removed."""
    bounds = [0, *(m.end() for m in _PART.finditer(name)), len(name)]
    for start, end in zip(bounds, bounds[1:]):
        text = name[start:end]
        while True:
            lead = _LEAD.match(text) or _COPY_LEAD.match(text)
            if not lead or not lead.end():
                break
            start, text = start + lead.end(), text[lead.end():]
        if text:
            yield start, text


# "Ủy ban nhân dân cấp tỉnh": "cấp" names a level there, not what the body did
_NOT_A_LEVEL = r"(?!\s+(?:tỉnh|xã|huyện|trung ương|bộ|cơ sở|quận|thành phố|có thẩm quyền)(?!\w))"
# what a body did when the words before "của"/"do" cite a text or a form, not the paper's issuer
_CITED = re.compile(r"(?<!\w)(?:quy định|nghị định|nghị quyết|thông tư|luật|điều lệ|hướng dẫn|mẫu|ban hành)(?:\s+\S+){0,6}\s*$")


def issuer_of(issued: IssuedPapers, part: str) -> tuple[str, int] | None:
    """The Vietnamese State body the part names as its paper's issuer, and where its naming ends: "… do Bộ Công
    Thương cấp", "… do UBND tỉnh thông báo", "văn bản của cơ quan đăng ký đầu tư chấp thuận …", if the part opens
    with a paper."""
    head = issued.papers.match(part)
    if head is None or (head.group(0) == "văn bản" and not re.match(r"\s+(?:của|do)(?!\w)", part[head.end():])):
        return None  # a bare "văn bản" is a paper only when its issuer follows ("văn bản của Ngân hàng Nhà nước …")
    reach = part[head.end():head.end() + ISSUER_REACH]
    for by in re.finditer(r"(?<!\w)(?P<by>do|của)\s+", reach):
        rest = reach[by.end():]
        opener = issued.issuers.match(rest)
        if opener is None or (issued.not_issuers is not None and issued.not_issuers.match(rest)):
            continue
        if _CITED.search(reach[:by.start()]):
            continue  # "theo quy định của Chính phủ", "mẫu số 06 ban hành kèm theo Nghị định … của Chính phủ": a text cited
        if by.group("by") == "của" and head.group(0) != "văn bản":
            found = re.match(r"(?P<who>[^;,()]{2,60}?)(?=\s+(?:về|cho|đối với|theo|nơi|trong|khi|kèm)(?!\w)|[;,()]|$)", rest)
        else:
            found = re.match(rf"(?P<who>\S+(?:\s+\S+){{0,{ISSUER_WORDS}}}?)\s+(?:{issued.verbs.pattern}){_NOT_A_LEVEL}", rest)
        if found is not None:
            return found.group("who"), head.end() + by.end() + found.end()
    return None
