"""A real Chromium (Debian's package) driving `streamlit run` on localhost."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from app_support import ADMIN_PASSWORD
from support import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if CHROMIUM is None:
        pytest.skip("needs Debian's chromium (.ci/run installs it)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"],
    }


def _serve(data: Path, corpus: Path):
    """`streamlit run` of the app on a free port, on ``corpus`` and a fresh SQLite store in ``data``, with the
    flags `tthc serve` passes; yields (url, database URL) and stops the server afterwards."""
    from analyzer.cli import STREAMLIT_FLAGS

    port = _free_port()
    db_url = f"sqlite:///{data / 'e2e.sqlite'}"
    env = {**os.environ, "TTHC_DB_URL": db_url, "TTHC_CORPUS": str(corpus), "TTHC_ADMIN_PASSWORD": ADMIN_PASSWORD}
    log = (data / "streamlit.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app" / "streamlit_app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", *STREAMLIT_FLAGS],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    break
        except OSError:
            time.sleep(0.5)
    else:
        server.terminate()
        pytest.fail(f"streamlit did not start; log: {(data / 'streamlit.log').read_text()[-2000:]}")
    yield url, db_url
    server.terminate()
    server.wait(timeout=20)
    log.close()


@pytest.fixture(scope="session")
def served_corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What app_server serves: the bundled corpus, the search decoys and the injected record (app_support.served_corpus)."""
    from app_support import served_corpus

    return served_corpus(tmp_path_factory.mktemp("served-corpus"))


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory, served_corpus_file: Path):
    """The one server of the session, on served_corpus_file and a fresh store: every browser test shares it (each
    saves on procedures, and signs in with accounts, of its own). Yields (url, database URL)."""
    if CHROMIUM is None:
        pytest.skip("needs Debian's chromium (.ci/run installs it)")
    yield from _serve(tmp_path_factory.mktemp("app-data"), served_corpus_file)


@pytest.fixture(scope="session")
def with_findings(served_corpus_file: Path) -> list:
    """The served procedure versions that have findings, in the app's order, decoys left out: each test that
    saves proposals takes its own, so that tests sharing the server do not meet."""
    from analyzer.report.review import ReviewCorpus
    from app_support import INJECTED_CODE, SEARCH_DECOYS

    corpus = ReviewCorpus.load([served_corpus_file])
    return [corpus.procedures[version] for version, findings in corpus.findings.items()
            if findings and corpus.procedures[version].code not in {*SEARCH_DECOYS, INJECTED_CODE}]


@pytest.fixture(scope="session")
def app_url(app_server: tuple[str, str]) -> str:
    return app_server[0]
