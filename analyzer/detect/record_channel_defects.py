"""Defects of a record's channels (record_defects.*, issue 13 item 3): a channel whose description is another channel's
("Trực tuyến" described as "Nộp trực tiếp tại Sở Công Thương"). The wording is in record_defects.yaml.
"""

from __future__ import annotations

import re
from typing import Iterator

from analyzer.detect._similarity import shorten
from analyzer.detect.finding import Evidence
from analyzer.detect.long_processing_time import modes_label
from analyzer.detect.record_defect import RecordDefect, body_texts, make_defect
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


CHECKS = (channels_described_in_person, online_channel_not_in_steps)
