"""Names a reader sees for the things the data hold: regions and cities, party lists. One place for the explorers,
the exhibits and the reports; English from the project's tables, Russian and Kazakh the official names from
data/glossary.csv (kzreform.i18n), our own words through the string catalogue."""

from __future__ import annotations

import textwrap

import pandas as pd

from . import i18n
from .i18n import tr


def region_name(name: str, narrow: bool) -> str:
    """'North Kazakhstan Region' -> 'North Kazakhstan' on a narrow chart; city names keep '(city)'."""
    return name.replace(" Region", "") if narrow else name


NARROW = {"ru": (("область", "обл."), ("город ", "г. ")),  # the usual abbreviations, for a narrow chart
          "kk": (("облысы", "обл."), ("қаласы", "қ."))}


def unit_name(code: str, regions: pd.DataFrame, narrow: bool = False) -> str:
    """A region's or city's name: in English the project's (regions.csv; without 'Region' when narrow), in Russian
    and Kazakh the official one from data/glossary.csv ('обл.', 'г.' / 'обл.', 'қ.' when narrow). Astana keeps
    its note on the name it had in 2022."""
    if code == "KZ":
        return i18n.official("KZ", short=True) if i18n.locale().official_names else "Kazakhstan"
    english = regions.set_index("region_code").loc[code, "name_en"]
    if not i18n.locale().official_names:
        return region_name(english, narrow)
    name = i18n.official(code)
    if narrow:
        for long, short in NARROW[i18n.current()]:
            name = name.replace(long, short)
    if "Nur-Sultan in 2022" in english:
        name = tr("{name} (Nur-Sultan in 2022)", name=name)
    return name


def region_abbreviation(code: str, regions: pd.DataFrame) -> str:
    """Three letters for a map tile too small for a name: the former ISO code's letters where there is one."""
    row = regions.set_index("region_code").loc[code]
    former = row["former_code"]
    return former.split("-")[1] if isinstance(former, str) and "-" in former else row["name_en"][:3].upper()


# the project's short English labels of the party lists (data/glossary.csv has the official names)
PARTY_SHORT = {"amanat": "Amanat / Nur Otan", "ak_zhol": "Ak Zhol", "peoples_party": "People's Party", "auyl": "Auyl",
               "adal": "Adal", "respublica": "Respublica", "osdp": "OSDP", "baytaq": "Baytaq"}
def party(pid: str, narrow: bool = False, wrap: bool = False) -> str:
    """A list's label: the project's short label, in Russian and Kazakh from the string catalogue in Cyrillic (one
    script per edition; data/glossary.csv keeps the official names as registered); on lines of 20 characters for
    an axis."""
    name = tr(PARTY_SHORT[pid])
    if narrow:
        name = name.replace(" / ", "/")
    return textwrap.fill(name, 20) if wrap and i18n.locale().long_words else name
