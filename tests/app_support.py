"""Helpers for the reviewer-app tests (importable as ``app_support``)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analyzer.store import Store

from support import ROOT

APP = str(ROOT / "app" / "streamlit_app.py")
ADMIN_PASSWORD = "quan-tri-2026"


def login(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="login_user").input(username)
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    return at.run()


def signed_in(db: Path, username: str, password: str, role: str = "reviewer") -> tuple[Store, AppTest]:
    """A store with the first admin and one more account, and the app signed in as that account."""
    store = Store(f"sqlite:///{db}")
    store.accounts.ensure_admin()
    store.accounts.add(username, password, role)
    return store, login(AppTest.from_file(APP, default_timeout=180).run(), username, password)


INJECTED_IMAGE = "![x](http://127.0.0.1:9/t.png)"
INJECTED_LINK = "[bấm vào đây](http://127.0.0.1:9/link)"
INJECTED_HTML = '<img src="http://127.0.0.1:9/tag.png"><b>đậm</b>'
INJECTED_CODE = "INJECT.001"


def injected_record() -> dict:
    """A record (JSON) whose name, steps and documents carry Markdown and HTML that would fetch
    http://127.0.0.1:9 if rendered (the address refuses connections: nothing is ever served there)."""
    import json

    record = json.loads((ROOT / "corpus" / "procedures.jsonl").read_text(encoding="utf-8").splitlines()[0])
    record["code"] = INJECTED_CODE
    record["name"] = f"Thủ tục thử {INJECTED_IMAGE}"
    record["steps"][0]["text"] = f"Bước 1: Nộp hồ sơ {INJECTED_IMAGE} xem {INJECTED_LINK} và {INJECTED_HTML}."
    first_case = record["cases"][0] if record.get("cases") else None
    if first_case and first_case.get("documents"):
        first_case["documents"][0]["name"] = f"Tờ khai {INJECTED_HTML} {INJECTED_IMAGE}"
    return record


def injected_corpus(folder: Path) -> Path:
    """A one-record corpus of the injected_record, written to ``folder``."""
    import json

    path = folder / "injected.jsonl"
    path.write_text(json.dumps(injected_record(), ensure_ascii=False) + "\n", encoding="utf-8")
    return path


BROWSER_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def wait_idle(page) -> None:  # noqa: ANN001 - a playwright Page (imported only by browser tests)
    """Wait until the Streamlit script run the last action started has finished."""
    page.wait_for_timeout(300)  # let the rerun start before waiting for it to end
    page.wait_for_selector(BROWSER_IDLE, timeout=120_000)


SESSION_COOKIE = "tthc_session"


def browser_cookie(page) -> dict | None:  # noqa: ANN001 - a playwright Page
    """The session cookie as the browser holds it (None when it has none)."""
    return next((c for c in page.context.cookies() if c["name"] == SESSION_COOKIE and c["value"]), None)


def _cookie_settles(page, present: bool) -> None:  # noqa: ANN001 - a playwright Page
    """Wait until the app has written (or cleared) the session cookie and finished the rerun that writing it
    starts: an action sent during that rerun may be lost, as a person acting within the same second would see."""
    for _ in range(80):
        if (browser_cookie(page) is not None) == present:
            break
        page.wait_for_timeout(250)
    else:
        raise AssertionError(f"the session cookie was not {'written' if present else 'cleared'}")
    wait_idle(page)


def browser_sign_in(page, username: str, password: str) -> None:  # noqa: ANN001 - a playwright Page
    """Fill and send the sign-in form of the page already open; once signed in, wait for the session cookie."""
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    wait_idle(page)
    outcome = page.get_by_role("button", name="Đăng xuất").or_(page.get_by_test_id("stAlertContentError"))
    outcome.first.wait_for()
    if page.get_by_role("button", name="Đăng xuất").count():
        _cookie_settles(page, present=True)


def browser_sign_out(page) -> None:  # noqa: ANN001 - a playwright Page
    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_label("Tên đăng nhập").wait_for()
    _cookie_settles(page, present=False)


def browser_log_in(page, url: str, username: str = "admin", password: str = ADMIN_PASSWORD) -> None:  # noqa: ANN001
    page.goto(url)
    wait_idle(page)
    browser_sign_in(page, username, password)


def keyed(page, key: str):  # noqa: ANN001, ANN201 - a playwright Page and Locator
    """The element container streamlit marks with the widget key (non-word characters become '-')."""
    import re

    css_key = re.sub(r"[^a-zA-Z0-9_-]", "-", key)  # as Streamlit writes the class (ASCII only)
    return page.locator(f"[class~='st-key-{css_key}']")


def browser_open(page, link: str) -> None:  # noqa: ANN001 - a playwright Page
    """Open a page of the app by its name in the navigation."""
    page.get_by_role("link", name=link, exact=True).click()
    wait_idle(page)


def browser_choose(page, title: str) -> None:  # noqa: ANN001 - a playwright Page
    """Choose, in the page's first select box, the entry named ``title``."""
    page.get_by_test_id("stSelectbox").first.click()
    page.keyboard.type(title)
    page.keyboard.press("Enter")
    wait_idle(page)


# Names that share the words "khai" and "sinh" with "Đăng ký khai sinh" without being about birth registration:
# a search by word fragments, or one that does not rank, lists them first (issue 14 saw "khai thác … sinh hoạt").
SEARCH_DECOYS = {
    "DECOY.001": "Cấp giấy phép khai thác, sử dụng nước dưới đất cho sinh hoạt",
    "DECOY.002": "Khai báo hóa chất dùng trong sinh hoạt và sản xuất",
}


def served_corpus(folder: Path) -> Path:
    """What the browser tests' server reads: the bundled corpus, the SEARCH_DECOYS (each a copy of a land record
    under its own code and name) and the injected_record, written to ``folder``."""
    import json

    lines = (ROOT / "corpus" / "procedures.jsonl").read_text(encoding="utf-8").splitlines()
    land = next(json.loads(line) for line in lines if "đất" in json.loads(line)["name"])
    extra = [{**land, "code": code, "name": name} for code, name in SEARCH_DECOYS.items()] + [injected_record()]
    path = folder / "procedures.jsonl"
    path.write_text("\n".join([json.dumps(r, ensure_ascii=False) for r in extra] + lines) + "\n", encoding="utf-8")
    return path


def browser_proposals(page, procedure) -> None:  # noqa: ANN001 - a playwright Page and a Procedure
    """Open the proposals page on ``procedure``."""
    from analyzer.report.labels import procedure_title

    browser_open(page, "Đề xuất cắt giảm")
    browser_choose(page, procedure_title(procedure))  # the choice as the page names it
