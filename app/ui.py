"""Shared pieces of the reviewer app: cached resources, the signed-in user, labels.

Pages stay thin: they call `analyzer` for every figure and only lay it out.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

import pandas as pd
import streamlit as st

from analyzer.batch import store_import
from analyzer.report import labels as registry
from analyzer.report.legal_review import default_legal_paths
from analyzer.report.review import ReviewCorpus, highlight, literal, search
from analyzer.store import Account, Store

import session_cookie as cookies

ROOT = Path(__file__).resolve().parent.parent
LOG = logging.getLogger("tthc.app")
PAGE_FAILED = ("Đã xảy ra lỗi khi hiển thị trang này. Lỗi đã được ghi lại để quản trị viên xem xét; "
               "vui lòng tải lại trang hoặc báo cho quản trị viên nếu lỗi lặp lại.")
MAX_UPLOAD_MB = 5
ROLE_LABELS = registry.labels("roles")
# the decisions a reviewer picks on a finding ("edit" is a free edit's, not offered here)
DECISION_LABELS = {k: v for k, v in registry.labels("decisions").items() if k != "edit"}
STATUS_LABELS = registry.labels("statuses")
label, number, percent, day = registry.label, registry.number, registry.percent, registry.day
procedure_title, parse_number = registry.procedure_title, registry.parse_number


@contextmanager
def error_boundary(page: str) -> Iterator[None]:
    """Around one page's run: an error shows a Vietnamese message and its trace goes to the log, never to the
    browser. st.stop, st.rerun and st.switch_page raise BaseExceptions (ScriptControlException): they pass."""
    try:
        yield
    except Exception:
        LOG.exception("page %r failed", page)
        st.error(PAGE_FAILED)


def corpus_files() -> list[Path]:
    """The records files the app imports when the store holds no corpus run, or when TTHC_CORPUS names them."""
    return store_import.corpus_files(os.environ.get("TTHC_CORPUS", ROOT / "corpus"))


@st.cache_resource
def _store(url: str | None) -> Store:
    return Store(url)


def get_store() -> Store:
    """One engine per process and database URL (cached; the engine is thread-safe)."""
    return _store(os.environ.get("TTHC_DB_URL"))


@st.cache_resource(show_spinner="Đang đọc và phân tích bộ thủ tục hành chính (chỉ lần đầu)…")
def _imported(url: str | None, paths: tuple[str, ...], named: bool) -> None:
    """Once per process and store: import ``paths`` when the store holds no corpus run yet, or when TTHC_CORPUS
    names them (``named``) and the latest run came from other files (`tthc serve --corpus` has usually done it)."""
    store = get_store()
    if named or store.corpus.latest_run() is None:
        store_import.import_files(store, paths, legal_paths=default_legal_paths())


@st.cache_resource(show_spinner="Đang mở bộ thủ tục hành chính…", max_entries=4)
def get_corpus(url: str | None, run_id: int | None) -> ReviewCorpus:
    """The store's corpus run ``run_id``, read once per process (nothing is analysed)."""
    return store_import.load_review_corpus(get_store())


def corpus_key() -> tuple[str | None, int | None]:
    """(database URL, latest import run): what a page's cache of figures about the corpus keys on. A new
    import (`tthc import`) is served from the next page run on."""
    url = os.environ.get("TTHC_DB_URL")
    _imported(url, tuple(str(p) for p in corpus_files()), "TTHC_CORPUS" in os.environ)
    run = get_store().corpus.latest_run()
    return url, run["id"] if run else None


@st.cache_resource(show_spinner="Đang đọc các văn bản pháp luật…")
def legal_texts(paths: tuple[str, ...]):  # noqa: ANN201 - analyzer.report.legal_review.LoadedTexts
    from analyzer.report.legal_review import load_legal_texts

    return load_legal_texts(paths)


@st.cache_resource(show_spinner="Đang so sánh các quy định…", max_entries=8)
def legal_review(paths: tuple[str, ...], key: tuple[str | None, int | None]):  # noqa: ANN201 - a LegalReview
    """The legal texts at ``paths`` compared with each other and with the corpus run ``key`` (``corpus_key``):
    kept by the import when it compared the same files, else made here, once per process and run (it does not
    change with the proposals)."""
    from analyzer.report.legal_review import legal_review as review

    data = get_corpus(*key)
    kept = data.kept_legal_review(store_import.files_fingerprint(paths))
    return kept if kept is not None else review(data.citing, legal_texts(paths))


def corpus() -> ReviewCorpus:
    return get_corpus(*corpus_key())


# The reason a session ended, as the session-state flag the sign-in page turns into its message.
_ENDED_FLAGS = {"idle": "timed_out", "expired": "timed_out", "locked": "locked_out", "revoked": "revoked_out"}


def session_token() -> str | None:
    """The signed-in session's token (``analyzer.store.sessions``), as the cookie carries it."""
    return st.session_state.get("session_token")


def current_user() -> Account | None:
    """The signed-in account, checked against the store on every run: from this browser tab's state, or after a
    reload from the session cookie. A session that ended (idle, expired, revoked, locked) signs the user out."""
    token = session_token()
    restoring = token is None
    if restoring:
        token = cookies.read()
        if not token or token == st.session_state.get("dropped_token"):
            return None
    check = get_store().sessions.check(token)
    if check.account is None:
        _drop_session(token)
        if not restoring or check.status not in ("revoked", "unknown"):  # a stale cookie ends silently
            st.session_state[_ENDED_FLAGS.get(check.status, "revoked_out")] = True
        return None
    st.session_state["user"], st.session_state["session_token"] = check.account, token
    return check.account


def _drop_session(token: str) -> None:
    """Forget a session in this tab and have the browser forget its cookie (the store's row stays, ended)."""
    st.session_state.pop("user", None)
    st.session_state.pop("session_token", None)
    st.session_state["dropped_token"] = token  # the tab's first request still carries it: never restore it again
    cookies.forget()


def sign_in(account: Account) -> None:
    issued = get_store().sessions.issue(account)
    st.session_state["user"], st.session_state["session_token"] = account, issued.token
    for flag in _ENDED_FLAGS.values():
        st.session_state.pop(flag, None)
    cookies.remember(issued.token, issued.expires_at)


def sign_out() -> None:
    token = session_token()
    get_store().sessions.revoke(token)
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    if token:
        _drop_session(token)


def require_user() -> Account:
    user = current_user()
    if user is None:
        st.warning("Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.")
        st.stop()
    return user


CHOICES = 50  # procedures a chooser lists at most: 80,000 options would be sent to the browser on every run
PROCEDURE_PARAM = "thu_tuc"  # the query parameter naming the chosen procedure version (a reload keeps it)


def chooser_options(data: ReviewCorpus, query: str, current: str | None, limit: int = CHOICES) -> tuple[list[str], int]:
    """The procedure versions a chooser lists: the best ``limit`` matches of ``query`` (the store's full-text
    search, ranked as in memory), or the first ``limit`` of the corpus without a query; the ``current`` one is
    always among them (first when the search did not find it). With how many matched in all."""
    if query.strip():
        found = [str(v) for v in search(data.table(), query, None, data.candidates(query))["version"]]
    else:
        found = list(islice(data.procedures, limit + 1))
    options = found[:limit]
    if current is not None and current in data.procedures and current not in options:
        options.insert(0, current)
    return options, len(found) if query.strip() else len(data.procedures)


def choose_procedure(label: str = "Thủ tục", key: str = "procedure_choice") -> str | None:
    """The chosen procedure version (``Procedure.version_key``): what pages, findings and proposals key on.
    A search box narrows the choice to its best ``CHOICES`` matches, so a page never lists the whole corpus."""
    data = corpus()
    if not len(data.procedures):
        st.info("Chưa có thủ tục nào trong bộ dữ liệu.")
        return None
    selected = st.session_state.get("selected_code") or st.query_params.get(PROCEDURE_PARAM)
    query = st.text_input("Tìm thủ tục", key=f"{key}_search",
                          placeholder="Tên, mã thủ tục, lĩnh vực hoặc cơ quan; gõ có dấu hoặc không dấu")
    options, matched = chooser_options(data, query, selected)
    if query.strip() and matched == 0:
        st.caption(plain(f"Không tìm thấy thủ tục nào khớp với «{query.strip()}»."))
    elif matched > CHOICES:
        st.caption(f"Hiện {number(CHOICES)} thủ tục đầu tiên trong {number(matched)} thủ tục"
                   f"{' khớp' if query.strip() else ''}; gõ thêm từ để thu hẹp.")
    if not options:
        return None
    index = options.index(selected) if selected in options else 0
    code = st.selectbox(label, options, index=index, key=key, format_func=data.title)
    st.session_state["selected_code"] = code
    st.query_params[PROCEDURE_PARAM] = code
    return code


def table(frame: pd.DataFrame, columns: list[str] | None = None, **kwargs):  # noqa: ANN003, ANN201 - st.dataframe's
    """A table as reviewers read it: the registry's column names, numbers 394.750.000, "—" for a missing value.
    Returns st.dataframe's value (the selection event when ``on_select`` is given)."""
    view = frame[columns] if columns is not None else frame
    view = view.map(registry.cell).rename(columns=registry.rename_columns(view.columns))
    return st.dataframe(view, hide_index=True, **kwargs)


def selected_version(event, frame: pd.DataFrame) -> str | None:  # noqa: ANN001 - st.dataframe's selection event
    """The procedure version of the row a reviewer clicked in a table of ``frame`` (shown in its order)."""
    rows = list((getattr(event, "selection", None) or {}).get("rows") or [])
    if not rows or not 0 <= rows[0] < len(frame):
        return None
    return str(frame.iloc[rows[0]]["version"])


def open_selected(event, frame: pd.DataFrame, page: str = "views/detail.py") -> None:  # noqa: ANN001
    """A click on a row opens that procedure version on ``page`` (the detail page reads selected_code)."""
    version = selected_version(event, frame)
    if version is not None:
        st.session_state["selected_code"] = version
        st.switch_page(page)


def plain(text: str | None) -> str:
    """Data text to put in any Markdown-rendering element (title, caption, write, messages, labels): read literally."""
    return literal(text)


def record(text: str | None, marked: bool = False, lead: str = "", small: str = "", indent: int = 0) -> None:
    """A piece of record text as plain text: HTML-escaped inside our own markup and never passed through Markdown,
    so nothing in it (an image, a link, a tag) can render or fetch anything. ``lead`` and ``small`` are data too."""
    head = f"<b>{highlight(lead, False)}</b> " if lead else ""
    tail = f" <small>{highlight(small, False)}</small>" if small else ""
    style = f' style="margin-left: {1.5 * indent:g}em"' if indent else ""
    st.html(f"<div{style}>{head}{highlight(text or '', marked)}{tail}</div>")


def vietnamese_uploader(limit_mb: int) -> None:
    """Streamlit writes its file uploader's button and size hint in English ("Upload", "5MB per file") and has no
    option to change them: these rules put Vietnamese words in their place."""
    button = '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p'
    hint = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    st.html(f"<style>{button}, {hint} {{font-size: 0}} {button}::after {{content: 'Chọn tệp'; font-size: 0.875rem}} "
            f"{hint}::after {{content: 'Tối đa {limit_mb} MB mỗi tệp'; font-size: 0.875rem}}</style>")


def escape(text: str) -> str:
    import html

    return html.escape(text or "")
