"""Official documents (văn bản hành chính): settings, Vietnamese number and date forms, docxtpl rendering.

The templates (analyzer/data/templates/*.docx, built by tools/build_templates.py) carry the layout of Nghị định
30/2020/NĐ-CP; this module fills them. Who issues and signs comes from analyzer/data/official.yaml, which a
province overrides with its own file or the app passes values in.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from importlib.resources import files
from pathlib import Path
from typing import Any, Mapping

import yaml

from analyzer.report import labels

NBSP = "\u00a0"


class SettingsError(ValueError):
    """A settings file that cannot be read or is not a mapping."""


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base


def load_settings(override: Mapping[str, Any] | str | Path | None = None) -> dict[str, Any]:
    """The packaged settings with ``override`` (a mapping or a YAML file) laid over them key by key."""
    settings = yaml.safe_load(files("analyzer.data").joinpath("official.yaml").read_text(encoding="utf-8"))
    if override is None:
        return settings
    if isinstance(override, (str, Path)):
        try:
            override = yaml.safe_load(Path(override).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise SettingsError(f"{override}: {exc}") from exc
    if not isinstance(override, Mapping):
        raise SettingsError("settings must be a YAML mapping (khóa: giá trị)")
    return _merge(settings, override)


def with_province(text: str, province: str) -> str:
    return text.replace("{tinh}", province).replace("{TINH}", province.upper())


def document_date(settings: Mapping[str, Any]) -> dt.date:
    value = settings.get("date")
    if value in (None, ""):
        return dt.date.today()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def place_date(place: str, day: dt.date) -> str:
    """Nghị định 30/2020, Phụ lục I: days below 10 and months 1 and 2 are written with a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def vnd(amount: float) -> str:
    """Whole đồng with dots between thousands: 1.234.567 (the label registry's number format)."""
    return labels.number(round(amount))


def number(value: float) -> str:
    """A count or a number of days: 10, 10,5, 1.000 (up to two decimals)."""
    return labels.number(value, 2)


def percent(share: float) -> str:
    """0.305 -> 30,5%."""
    return labels.percent(share, 1)


def letterhead(settings: Mapping[str, Any], kind: str, draft: bool = True) -> dict[str, Any]:
    """The ``doc`` part of a template's context: letterhead, number, place and date, recipients, signer."""
    province = str(settings.get("province") or "")
    part = settings[kind]
    fill = lambda key: with_province(str(part.get(key) or ""), province)  # noqa: E731
    return {
        "draft_label": str(settings.get("draft_label") or "") if draft else "",
        "parent_body": fill("parent_body"),
        "issuer": fill("issuer"),
        # a document is numbered when it is registered: until then the number is a blank the clerk writes in
        "number": fill("number") or NBSP * 6,
        "symbol": fill("symbol"),
        "place_date": place_date(with_province(str(settings.get("place") or ""), province), document_date(settings)),
        "authority": fill("authority"),
        "sign_authority": fill("sign_authority"),
        "sign_title": fill("sign_title"),
        "signer": fill("signer"),
        "recipients": [with_province(str(line), province) for line in part.get("recipients") or []],
    }


def template_path(name: str) -> Path:
    return Path(str(files("analyzer.data").joinpath("templates", name)))


def render(template: Any, context: Mapping[str, Any]) -> bytes:
    """Fill a docxtpl template (a packaged name, a path, or a DocxTemplate already holding images for it). A tag
    naming a missing value is an error, never an empty or "None" text."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment, StrictUndefined

    if isinstance(template, DocxTemplate):
        document = template
    else:
        path = Path(template) if Path(template).is_file() else template_path(str(template))
        document = DocxTemplate(str(path))
    environment = Environment(undefined=StrictUndefined, autoescape=True)
    document.render(dict(context), jinja_env=environment)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
