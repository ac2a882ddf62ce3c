"""Defects of a record's channels (record_defects.*, issue 13 item 3): a channel whose description is another channel's
("Trực tuyến" described as "Nộp trực tiếp tại Sở Công Thương"). The wording is in record_defects.yaml.
"""

from __future__ import annotations

import re
from typing import Iterator

from analyzer.detect._similarity import shorten
from analyzer.detect.finding import Evidence
from analyzer.detect.long_processing_time import MODE_LABELS, modes_label
from analyzer.detect.record_defect import RecordDefect, body_texts, make_defect
from analyzer.detect.record_text_defects import quote
from analyzer.model import Procedure

# a description that opens by sending the applicant to a desk ("Nộp hồ sơ trực tiếp tại Công an cấp xã", "Trực tiếp tại
# Bộ phận Một cửa")
_IN_PERSON = re.compile(r"^\W*(?:cách thức thực hiện\W*)?(?:nộp\s+(?:hồ sơ\s+)?)?trực tiếp\s+(?:tại|đến|ở)(?!\w)", re.IGNORECASE)
# what an online or a postal channel's description names when it speaks of its own way of filing
_OWN_WAY = {
    "truc_tuyen": re.compile(r"trực tuyến|cổng|dịch vụ công|điện tử|internet|website|http|qua mạng|online|vneid|hệ thống|"
                             r"thư điện tử|email|fax|ứng dụng", re.IGNORECASE),
    "buu_chinh": re.compile(r"bưu chính|bưu điện|chuyển phát|bưu cục|trực tuyến|cổng|dịch vụ công|điện tử|hệ thống", re.IGNORECASE),
}


def channels_described_in_person(procedure: Procedure) -> Iterator[RecordDefect]:
    """An online or postal channel whose description only sends the applicant to file in person: the row describes
    the in-person channel, and how to file online or by post is not published. One defect, the rows as evidence."""
    rows = [(p, c) for p, c in enumerate(procedure.channels) if c.mode in _OWN_WAY and c.description
            and _IN_PERSON.match(" ".join(c.description.split())) and not _OWN_WAY[c.mode].search(c.description)]
    if rows:
        first = rows[0][1]
        yield make_defect(procedure, "channel_described_in_person", "channels", [Evidence(field="channels", index=p, text=shorten(c.description or "")) for p, c in rows],
                          mode=modes_label([c for _, c in rows]), text=shorten(first.description or "", 90))



# a step that names the ways of filing, in person or by post and no other ("nộp trực tiếp hoặc gửi qua bưu chính",
# "(gửi trực tiếp hoặc qua dịch vụ bưu chính)")
_IN_PERSON_OR_POST = re.compile(r"(?:nộp|gửi)\s+(?:\d+\s+bộ\s+)?(?:hồ sơ\s+)?trực tiếp\s+(?:tại\s+[^.;,]{0,60}?\s+)?hoặc\s+"
                                r"(?:gửi\s+|nộp\s+)?(?:hồ sơ\s+)?(?:qua\s+)?(?:đường\s+|dịch vụ\s+|hệ thống\s+)?"
                                r"bưu (?:chính|điện)(?![^.;]{0,40}?(?:hình thức|phương thức|cách thức)[^.;]{0,20}?khác)", re.IGNORECASE)
# ("… trực tiếp hoặc qua bưu điện hoặc các hình thức phù hợp khác" leaves other ways open: not a closed list)
# the record speaks of filing online somewhere (steps, channel descriptions, papers, conditions)
_ONLINE = re.compile(r"trực tuyến|dịch vụ công|cổng thông tin|điện tử|qua mạng|môi trường mạng|online|vneid|thư điện tử|"
                     r"email|hệ thống thông tin|internet|website|http|phần mềm|ứng dụng", re.IGNORECASE)


def _record_texts(procedure: Procedure) -> Iterator[str]:
    """The record's body (steps, papers, conditions, results) and its channels' descriptions."""
    yield from (text for *_, text in body_texts(procedure))
    yield from (channel.description or "" for channel in procedure.channels)


def online_channel_not_in_steps(procedure: Procedure) -> Iterator[RecordDefect]:
    """An online channel published while the steps name filing in person or by post only, and nothing in the record
    says how to file online: either the online channel or the steps are wrong. The online rows and the step as
    evidence."""
    online = [(p, c) for p, c in enumerate(procedure.channels) if c.mode == "truc_tuyen"]
    if not online:
        return
    steps = ((p, _IN_PERSON_OR_POST.search(" ".join(s.text.split()))) for p, s in enumerate(procedure.steps))
    position, found = next(((p, m) for p, m in steps if m), (None, None))
    if position is None or found is None or any(_ONLINE.search(text) for text in _record_texts(procedure)):
        return
    step = procedure.steps[position]
    yield make_defect(procedure, "online_channel_not_in_steps", "channels",
                      [*(Evidence(field="channels", index=p, text=shorten(c.duration.text if c.duration else "Trực tuyến")) for p, c in online),
                       Evidence(field="steps", index=position, text=shorten(step.text))],
                      step=position + 1, text=found.group(0))


# the applicant files by post ("nộp hồ sơ trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính", "nộp trực tiếp hoặc qua đường
# bưu điện", "Trường hợp nộp hồ sơ qua dịch vụ bưu chính: …") or online ("nộp hồ sơ trực tuyến tại Cổng Dịch vụ công quốc
# gia", "nộp hồ sơ qua dịch vụ công trực tuyến", "nộp trực tiếp hoặc qua môi trường mạng"): the dossier is what is sent,
# or the alternative follows "trực tiếp … hoặc", so a paper the applicant posts back ("nộp chứng nhận đăng ký xe … qua
# dịch vụ bưu chính"), a result sent by post or the postmark that dates a dossier ("ngày ghi trên dấu bưu điện") is not read
_BY_POST = re.compile(r"(?:(?:nộp|gửi)\s+(?:\d+\s+bộ\s+|01\s+\(một\)\s+bộ\s+|một\s+\(01\)\s+bộ\s+)?hồ sơ(?:(?!dấu bưu)[^.;:]){0,120}?"
                      r"|trực tiếp[^.;:]{0,80}?\s+hoặc\s+(?:gửi\s+|nộp\s+)?(?:hồ sơ\s+)?)"
                      r"(?:(?:thông\s+)?qua\s+(?:đường\s+|dịch vụ\s+|hệ thống\s+|mạng\s+)?|theo\s+đường\s+)(?:bưu chính|bưu điện)",
                      re.IGNORECASE)
_ONLINE_FILING = re.compile(r"nộp\s+(?:\d+\s+bộ\s+)?(?:hồ sơ\s+)?(?:[^.;:]{0,60}?\s)?(?:trực tuyến|(?:qua|trên|tại|thông qua)\s+"
                            r"(?:cổng dịch vụ công|dịch vụ công trực tuyến|hệ thống dịch vụ công|môi trường điện tử|môi trường mạng))",
                            re.IGNORECASE)
_FILING_WAYS = {"buu_chinh": _BY_POST, "truc_tuyen": _ONLINE_FILING}
# a way the record offers only where it is set up ("nếu Cơ quan đại diện đã triển khai dịch vụ công trực tuyến …",
# "… qua dịch vụ bưu chính (nếu có)", "… qua môi trường điện tử trong trường hợp cơ sở hạ tầng … cho phép"), beside a
# paper copy of an online filing ("đồng thời nộp trực tiếp hoặc qua đường bưu điện (đối với bản giấy)"), or a result
# returned that way: not a way of filing the channels must publish
_SET_UP_BEFORE = re.compile(r"(?:nếu|trường hợp|khi)\s[^.;]{0,160}(?:triển khai|áp dụng|cung cấp|đủ điều kiện|kết nối)[^.;]{0,160}$"
                            r"|(?:trả|nhận)\s+kết quả[^.;]{0,60}$|gửi trả[^.;]{0,20}$|đồng thời[^.;]{0,30}$", re.IGNORECASE)
_SET_UP_AFTER = re.compile(r"^[^.;]{0,5}(?:\(\s*nếu có|\(\s*đối với bản giấy|trong trường hợp|nếu\s)", re.IGNORECASE)
BEFORE_CHARS = 200


def _filing_way(text: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The first place the text lets the applicant file that way, unconditionally."""
    for match in pattern.finditer(text):
        if not _SET_UP_BEFORE.search(text[max(0, match.start() - BEFORE_CHARS):match.start()]) \
                and not _SET_UP_AFTER.match(text[match.end():]):
            return match
    return None


def channel_not_published(procedure: Procedure) -> Iterator[RecordDefect]:
    """The steps or a channel's description let the applicant file by post or online while no channel of that mode is
    published: the time and fee of that way of filing are not published (or the steps are wrong). One defect for the
    modes missing, the channels and the first place that names each way as evidence."""
    modes = {c.mode for c in procedure.channels}
    if not modes:
        return
    places = [("steps", p, " ".join(s.text.split())) for p, s in enumerate(procedure.steps)] + \
             [("channels", p, " ".join((c.description or "").split())) for p, c in enumerate(procedure.channels)]
    missing = []  # (mode, field, position, quote)
    for mode, pattern in _FILING_WAYS.items():
        if mode not in modes:
            found = next(((f, p, quote(text, m)) for f, p, text in places if (m := _filing_way(text, pattern)) is not None), None)
            if found is not None:
                missing.append((mode, *found))
    if not missing:
        return
    _, field, position, said = missing[0]
    where = f"Bước {position + 1} của trình tự thực hiện" if field == "steps" else "Phần mô tả cách thức thực hiện"
    quoted = list(dict.fromkeys((f, p, t) for _, f, p, t in missing))
    yield make_defect(procedure, "channel_not_published", "channels",
                      [*(Evidence(field="channels", index=p, text=shorten(c.duration.text if c.duration else MODE_LABELS.get(c.mode, c.mode)))
                         for p, c in enumerate(procedure.channels)),
                       *(Evidence(field=f, index=p, text=t) for f, p, t in quoted)],  # type: ignore[arg-type]
                      where=where, text=said, mode=" và ".join(MODE_LABELS[m] for m, *_ in missing),
                      published=modes_label(procedure.channels).removeprefix("khi "))


CHECKS = (channels_described_in_person, online_channel_not_in_steps, channel_not_published)
