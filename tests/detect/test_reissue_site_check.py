"""reissue_site_check: a licence reissued on loss, damage or changed details whose text checks the site again."""
from __future__ import annotations

import pytest

from analyzer.detect import DetectionContext, detect_kind, load_rules
from analyzer.model import Procedure, Step

# 3.000396 (channel text, same clause in its step): "Trong thời hạn 07 ngày làm việc kể từ ngày nhận đủ hồ sơ, cơ quan
# Công an có thẩm quyền kiểm tra thực tế, cấp giấy phép sử dụng vũ khí quân dụng"
WEAPONS = ("Trong thời hạn 07 ngày làm việc kể từ ngày nhận đủ hồ sơ, cơ quan Công an có thẩm quyền kiểm tra thực tế, "
           "cấp giấy phép sử dụng vũ khí quân dụng; trường hợp không cấp phải trả lời bằng văn bản và nêu rõ lý do.")
# 1.003698: "cơ quan có thẩm quyền kiểm tra hồ sơ, điều kiện thực tế, cấp giấy phép kinh doanh vật liệu nổ công nghiệp"
EXPLOSIVES = ("Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ, cơ quan có thẩm quyền kiểm tra hồ sơ, điều kiện "
              "thực tế, cấp giấy phép kinh doanh vật liệu nổ công nghiệp.")


def _found(name: str, steps: list[str]) -> list:
    procedure = Procedure(code="T.1", name=name, steps=[Step(index=n, text=t) for n, t in enumerate(steps, start=1)])
    return [f for f in detect_kind(procedure, "redundant_step", DetectionContext(rules=load_rules(None)))
            if f.rule == "reissue_site_check"]


@pytest.mark.parametrize("name, steps", [
    ("Cấp lại Giấy phép sử dụng vũ khí quân dụng", [WEAPONS]),
    ("Cấp lại Giấy phép kinh doanh vật liệu nổ công nghiệp",
     ["Khi giấy phép bị mất, hư hỏng thì doanh nghiệp đề nghị cấp lại giấy phép.", EXPLOSIVES]),
    ("Cấp đổi Giấy phép sử dụng công cụ hỗ trợ", [WEAPONS]),
])
def test_site_check_on_a_reissue(name: str, steps: list[str]) -> None:
    found = _found(name, steps)
    assert len(found) == 1 and "kiểm tra thực tế" in found[0].message
    assert "thực tế" in found[0].evidence[0].text


@pytest.mark.parametrize("name, steps", [
    # a first issue: the site check is the point
    ("Cấp Giấy phép sử dụng vũ khí quân dụng", [WEAPONS]),
    # a reissue on expiry or after a withdrawal examines again (the name or the text says so)
    ("Cấp lại giấy phép khi hết hạn sử dụng vũ khí", [WEAPONS]),
    ("Cấp lại Giấy phép sử dụng vũ khí quân dụng", ["Giấy phép hết hiệu lực thì đề nghị cấp lại.", WEAPONS]),
    # 1.013053: the reissue follows a repair of the production line: the site changed
    ("Cấp lại giấy chứng nhận đủ điều kiện sản xuất vật liệu nổ công nghiệp",
     ["Sau khi sửa chữa, phục hồi dây chuyền sản xuất, doanh nghiệp đề nghị cấp lại.", EXPLOSIVES]),
    # hedged or one case's site check (1.000271 "kiểm tra thực tế (nếu cần thiết)"; 1.012783 "Trường hợp vị trí thửa
    # đất ... không chính xác ... thì thực hiện kiểm tra thực địa")
    ("Cấp lại Giấy phép khai thác", ["Cục Hàng không thẩm định, kiểm tra thực tế (nếu cần thiết), cấp lại giấy phép."]),
    ("Cấp lại Giấy phép khai thác", ["Trường hợp cần kiểm tra thực tế thì kiểm tra trước khi cấp giấy phép."]),
    # a site check that issues nothing in its clause
    ("Cấp lại Giấy phép sử dụng vũ khí quân dụng", ["Cơ quan Công an kiểm tra thực tế số vũ khí đang quản lý."]),
])
def test_look_alikes_stay_clean(name: str, steps: list[str]) -> None:
    assert _found(name, steps) == []
