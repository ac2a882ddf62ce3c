"""Defects of a record's channels (record_defects.*, issue 13 item 3): a channel whose description is another channel's
("Trực tuyến" described as "Nộp trực tiếp tại Sở Công Thương"). The wording is in record_defects.yaml.
"""

from __future__ import annotations

import re
from typing import Iterator

from analyzer.detect._similarity import shorten
from analyzer.detect.finding import Evidence
from analyzer.detect.long_processing_time import modes_label
from analyzer.detect.record_defect import RecordDefect, make_defect
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


CHECKS = (channels_described_in_person,)
