"""Message templates: a finding stores its template id and parameters, and is rendered when shown.

Template ids are rule ids; their Vietnamese texts are the ``message`` entries of rules.yaml (a user config
cannot change them, so the packaged text is the one every finding was made with). ``VERBATIM`` holds a
finding read back from an older output that carried only its text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

VERBATIM = "verbatim"


@lru_cache(maxsize=1)
def templates() -> dict[str, str]:
    from analyzer.detect.rules import _packaged_rules

    found = {rule_id: str(rule["message"]).strip()
             for rule_id, rule in _packaged_rules()["rules"].items()}
    found[VERBATIM] = "{text}"
    return found


def render(template: str, params: Mapping[str, Any]) -> str:
    """The Vietnamese message of template ``template`` filled with ``params``."""
    try:
        text = templates()[template]
    except KeyError:
        raise KeyError(f"unknown message template {template!r}") from None
    return text.format(**params)
