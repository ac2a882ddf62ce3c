"""Vietnamese text normalisation: display clean-up, matching keys, legacy encodings, byte decoding.

- ``normalize`` / ``normalize_with_map``: display-safe clean-up (offsets map back to the source).
- ``canonical_tones``, ``match_key``, ``fold``: keys for comparing names; never displayed.
- ``reflow``: re-join hard-wrapped lines.
- ``detect_legacy``, ``fix_legacy``, ``decode_tcvn3``, ``decode_vni``: TCVN3 (ABC) and VNI text.
- ``decode_bytes``, ``read_text_file``, ``TextDecodeError``: bytes of unknown encoding.
"""

from __future__ import annotations

from analyzer.text.decoding import TextDecodeError, decode_bytes, read_text_file
from analyzer.text.keys import canonical_tones, fold, match_key
from analyzer.text.legacy import decode_tcvn3, decode_vni, detect_legacy, fix_legacy
from analyzer.text.normalize import NormalizedText, normalize, normalize_with_map
from analyzer.text.reflow import reflow

__all__ = [
    "NormalizedText",
    "TextDecodeError",
    "canonical_tones",
    "decode_bytes",
    "decode_tcvn3",
    "decode_vni",
    "detect_legacy",
    "fix_legacy",
    "fold",
    "match_key",
    "normalize",
    "normalize_with_map",
    "read_text_file",
    "reflow",
]
