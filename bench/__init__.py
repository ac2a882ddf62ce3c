"""Benchmarks: `python -m bench` (batch analysis) and `python -m bench legal` (legal-text parser)."""
