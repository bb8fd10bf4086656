"""Text from data made safe for Markdown and HTML (no heavy imports: the catalogue uses it on every run)."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # inline markup; < > & become entities


def md(text) -> str:
    """Text from data for Markdown: shown as written, never read as markup, a link, an image or HTML."""
    escaped = html.escape(str(text), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def html_text(text) -> str:
    """Text from data for HTML (element content or a quoted attribute)."""
    return html.escape(str(text), quote=True)
