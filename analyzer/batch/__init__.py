"""Batch runs over whole corpora (see runner)."""

from analyzer.batch.runner import BatchResult, run

__all__ = ["BatchResult", "run"]
