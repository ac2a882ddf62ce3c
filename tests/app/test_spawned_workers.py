"""A worker process spawned after an in-process AppTest (dask, multiprocessing) must not start the app: it re-runs
the main module, which AppTest left pointing at app/streamlit_app.py."""

from __future__ import annotations

import multiprocessing

from streamlit.testing.v1 import AppTest


def _nothing() -> None:
    return None


def test_a_spawned_process_starts_after_an_app_test(admin_app: AppTest) -> None:
    assert not admin_app.exception
    process = multiprocessing.get_context("spawn").Process(target=_nothing)
    process.start()
    process.join(timeout=120)
    assert process.exitcode == 0
