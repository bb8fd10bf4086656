"""Editions in English, Russian and Kazakh: one catalogue of strings per language, locale formats, official names.

    with i18n.language("ru"):
        exhibits.render("mazhilis_women_share", ...)

Every sentence an exhibit shows is an English template passed through `tr` ("Women, % of seats", or with
named fields: "{n} of {seats}"); the Russian and Kazakh texts of each template are in
kzreform/locales/strings.csv (one row per template: key, ru, kk, note, and an English text in `en` where the
reader's English differs from the key, e.g. plural forms), not scattered in code. English is a locale like the
others (LOCALES): what differs between languages is a property looked up there, never a test of the language. A template with
no entry for the language raises MissingTranslation naming it: an edition is complete or not drawn. Names of
regions, bodies and parties come from data/glossary.csv (official names, each from a named page); numbers,
percentages and dates follow the locale (Babel's data: decimal comma and a no-break space between thousands in
Russian and Kazakh).
"""

from __future__ import annotations

import contextvars
import csv
import functools
import re
import string
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Locale:
    """What an edition needs beside its texts (numbers and plural rules come from Babel's CLDR data for each)."""
    name: str                    # the language in itself
    in_english: str              # in the command line's messages
    keys_are_text: bool = False  # the catalogue's keys are written in it: a template with no text of its own reads as
                                 # written
    cldr_dates: bool = True      # dates in CLDR's long forms; else the project's own ('5 June 2022', 'Sep 2023':
                                 # CLDR's English writes 'June 5, 2022', its British English 'Sept')
    official_names: bool = True  # names of regions, bodies and parties from data/glossary.csv; else the project's own
                                 # (regions.csv, the party labels)
    long_words: bool = True      # its words run longer than the English the layouts were drawn for: on a narrow
                                 # chart, labels take more lines
    edition: bool = True         # an edition of the English original: its charts checked as drawn (smaller text
                                 # where its words do not fit), its figures and report page in a folder of their own


LOCALES = {"en": Locale("English", "English", keys_are_text=True, cldr_dates=False, official_names=False,
                        long_words=False, edition=False),
           "ru": Locale("Русский", "Russian"),
           "kk": Locale("Қазақша", "Kazakh")}
LANGS = tuple(LOCALES)
NAMES = {lang: loc.name for lang, loc in LOCALES.items()}  # each language in itself
IN_ENGLISH = {lang: loc.in_english for lang, loc in LOCALES.items()}  # in the command line's messages
CATALOGUE = Path(__file__).resolve().parent / "locales" / "strings.csv"
_current = contextvars.ContextVar("kzreform_language", default="en")
requested: dict[str, set[str]] = {}  # templates asked for, per language (the completeness test reads this)


class MissingTranslation(LookupError):
    """A template has no text in the language asked for."""


def current() -> str:
    return _current.get()


def locale(lang: str | None = None) -> Locale:
    """The properties of a language (the current one by default)."""
    return LOCALES[lang or current()]


@contextmanager
def language(lang: str):
    """Draw and word everything inside in `lang` (en, ru or kk)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (expected one of: {', '.join(LANGS)})")
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


@functools.lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """{template: {'ru': ..., 'kk': ..., 'en': ...}} from kzreform/locales/strings.csv (a template appears once; a
    language without a text is left out)."""
    out: dict[str, dict[str, str]] = {}
    with open(CATALOGUE, encoding="utf-8", newline="") as f:
        for number, row in enumerate(csv.DictReader(f), start=2):
            key = row["key"]
            if key in out:
                raise ValueError(f"{CATALOGUE.name} row {number}: template {key!r} appears twice")
            out[key] = {lang: row[lang] for lang in LANGS if row.get(lang)}
    return out


def tr(template: str, **fields) -> str:
    """The template in the current language, with its fields filled in."""
    lang = current()
    requested.setdefault(lang, set()).add(template)
    entry = catalogue().get(template, {})
    if lang in entry:
        template = entry[lang]
    elif not LOCALES[lang].keys_are_text:
        raise MissingTranslation(f"no {IN_ENGLISH[lang]} text for {template!r} (add it to kzreform/locales/strings.csv)")
    return _FORMATTER.format(template, **fields) if fields else template


class _Formatter(string.Formatter):
    """str.format with two grammar specs for the catalogue's templates:
    {value:abl}            Kazakh ablative: '5 000' -> '5 000-нан', '5,3' -> '5,3-тен', '27,1%' -> '27,1%-дан'
    {name:cap}             the first letter upper-case (a name that opens a sentence)
    {value:dat}            Kazakh dative: '5 000' -> '5 000-ға', '5,3' -> '5,3-ке', '18,4%' -> '18,4%-ға'
    {n:p/one/few/many/other}  the plural form for the last number in the field (CLDR's categories of the language):
                           ru '{n} {n:p/список/списка/списков/списка}' -> '1 список', '3 списка', '6 списков'"""

    def format_field(self, value, spec):
        if spec == "abl":
            return f"{value}-{kazakh_ablative(str(value))}"
        if spec == "cap":  # a name that opens a sentence: 'город Алматы' -> 'Город Алматы'
            text = str(value)
            return text[:1].upper() + text[1:]
        if spec == "dat":
            return f"{value}-{kazakh_dative(str(value))}"
        if spec.startswith("p/"):
            forms = dict(zip(("one", "few", "many", "other"), spec[2:].split("/")))
            return forms.get(plural_category(str(value)), forms.get("other", ""))
        return super().format_field(value, spec)


_FORMATTER = _Formatter()
_NUMBER = re.compile(r"\d[\d\u00a0\u202f ]*(?:[.,]\d+)?")


def _last_number(text: str) -> tuple[int, str]:
    """The whole part and the decimals (as written) of the last number in a text."""
    found = _NUMBER.findall(text)
    if not found:
        raise ValueError(f"no number in {text!r}")
    whole, _, frac = re.sub(r"[\u00a0\u202f ]", "", found[-1]).replace(",", ".").partition(".")
    return int(whole), frac


def plural_category(text: str) -> str:
    """CLDR plural category (one, few, many, other) of the last number in the text, in the current language."""
    from babel import Locale as CLDR
    whole, frac = _last_number(text)
    n = float(f"{whole}.{frac}") if frac else whole
    return CLDR.parse(current()).plural_form(n)


# The last word of a number read aloud in Kazakh decides its suffix: (word's vowel class, ending class).
# back/front: the vowel harmony; vowel, sonorant (р л й у) and з ж take -дан/-ден; м н ң take -нан/-нен; other
# consonants -тан/-тен.
_KK_UNITS = {0: ("front", "d"), 1: ("front", "d"), 2: ("front", "d"), 3: ("front", "t"), 4: ("front", "t"),
             5: ("front", "t"), 6: ("back", "d"), 7: ("front", "d"), 8: ("front", "d"), 9: ("back", "d")}
_KK_TENS = {1: ("back", "n"), 2: ("back", "d"), 3: ("back", "d"), 4: ("back", "t"), 5: ("front", "d"),
            6: ("back", "t"), 7: ("front", "t"), 8: ("front", "n"), 9: ("back", "n")}
_KK_POWERS = [(10 ** 9, ("back", "t")), (10 ** 6, ("back", "n")), (1000, ("back", "n")), (100, ("front", "d"))]
_KK_SUFFIX = {("back", "d"): "дан", ("front", "d"): "ден", ("back", "n"): "нан", ("front", "n"): "нен",
              ("back", "t"): "тан", ("front", "t"): "тен"}


def _kk_last_word(n: int) -> tuple[str, str]:
    if n % 10:
        return _KK_UNITS[n % 10]
    if n % 100:
        return _KK_TENS[n % 100 // 10]
    if n == 0:
        return _KK_UNITS[0]
    for power, word in reversed(_KK_POWERS):  # the smallest power that the number is not a multiple of ten of
        if n % (power * 10) or power == 10 ** 9:
            if n % power == 0:
                return word
    return _KK_POWERS[0][1]


def _spoken(text: str) -> tuple[int, str]:
    """The number whose last word is heard last: a clock time '10:00' is read as its hour, '10:30' as its minutes."""
    clock = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if clock:
        hour, minutes = clock.groups()
        return (int(hour), "") if minutes == "00" else (int(minutes), "")
    return _last_number(text)


def kazakh_ablative(text: str) -> str:
    """The ablative suffix for a number as written ('5 000' -> 'нан', '5,3' -> 'тен', '27,1%' -> 'дан': the
    percent sign is read 'пайыз'); 'дан' for a word ending in a vowel is not needed here."""
    if text.rstrip().endswith("%"):
        return "дан"  # пайыз
    whole, frac = _spoken(text)
    return _KK_SUFFIX[_kk_last_word(int(frac) if frac else whole)]


# --- numbers -------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def symbols(lang: str) -> tuple[str, str, bool]:
    """(thousands separator, decimal sign, space before %) of the locale, from Babel's CLDR data."""
    from babel import Locale as CLDR
    from babel.numbers import get_decimal_symbol, get_group_symbol
    pattern = CLDR.parse(lang).percent_formats[None].pattern
    group = get_group_symbol(lang)
    return ("\u00a0" if group.isspace() else group), get_decimal_symbol(lang), "\u00a0%" in pattern or " %" in pattern


def localise_number(text: str) -> str:
    """'12,345.6' (as the English formatters write it) in the current locale: '12 345,6' in Russian and Kazakh."""
    group, decimal, _ = symbols(current())
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", group)


def percent_sign() -> str:
    """'%', or '\u00a0%' where the locale puts a space before it (Russian)."""
    return "\u00a0%" if symbols(current())[2] else "%"


# --- dates ---------------------------------------------------------------------------------------------

def date_words(ts, year: bool = True) -> str:
    """'5 June 2022' / '5 июня 2022 г.' / '2022 ж. 5 маусым' (CLDR's long date; without the year on request)."""
    if not locale().cldr_dates:
        return f"{ts.day} {ts:%B %Y}" if year else f"{ts.day} {ts:%B}"
    from babel.dates import format_date
    lang = current()
    text = format_date(ts, format="long" if year else "d MMMM", locale=lang)
    return text.replace("\u202f", "\u00a0")  # CLDR's narrow no-break space: a plain one, as in every font


def month_year(ts, full: bool = False) -> str:
    """'Aug 2023' / 'авг. 2023 г.' (CLDR's abbreviated month and year; 'январь 2023 г.' with full)."""
    if not locale().cldr_dates:
        return f"{ts:%B %Y}" if full else f"{ts:%b %Y}"
    from babel.dates import format_skeleton
    return format_skeleton("yMMMM" if full else "yMMM", ts, locale=current()).replace("\u202f", "\u00a0")


def span(start, end, same_year: bool) -> str:
    """A period as CLDR writes an interval: 'янв.–авг. 2023 г.', '2023 ж. қаң.–там.', '1996–2016' (an en dash
    without spaces, as in the English edition)."""
    if not locale().cldr_dates:
        return f"{start:%b}–{end:%b %Y}" if same_year else f"{start:%Y}–{end:%Y}"
    from babel.dates import format_interval
    text = format_interval(start, end, "yMMM" if same_year else "y", locale=current())
    for dash in ("\u2009–\u2009", " — ", "—", " – "):
        text = text.replace(dash, "–")
    return text.replace("\u202f", "\u00a0")


# --- official names ------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=4)
def _glossary(lang: str) -> dict[str, tuple[str, str]]:
    from .datasets import load
    g = load("glossary")
    full, short = g[f"name_{lang}"], g[f"short_{lang}"]
    return {term: (f, s if isinstance(s, str) and s else f) for term, f, s in zip(g["term_id"], full, short)
            if isinstance(f, str) and f}


def official(term_id: str, short: bool = False) -> str:
    """An official name in the current language from data/glossary.csv (not used for English, whose names are the
    project's own: regions.csv, the party labels)."""
    lang = current()
    names = _glossary(lang)
    if term_id not in names:
        raise MissingTranslation(f"data/glossary.csv has no {IN_ENGLISH[lang]} name for {term_id!r}")
    return names[term_id][1 if short else 0]


def kazakh_dative(text: str) -> str:
    """The dative suffix for a number as written ('5 000' -> 'ға', '5,3' -> 'ке', '18,4%' -> 'ға')."""
    if text.rstrip().endswith("%"):
        return "ға"  # пайыз
    whole, frac = _spoken(text)
    harmony, ending = _kk_last_word(int(frac) if frac else whole)
    if ending == "t":
        return "қа" if harmony == "back" else "ке"
    return "ға" if harmony == "back" else "ге"
