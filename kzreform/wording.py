"""Words for numbers, hedges, dates and ratios, and text from data made safe for Markdown and HTML.

One formatter per kind, used by every chart, table, alt text, ledger entry and README sentence.
"""

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
