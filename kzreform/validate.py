"""The schema engine: the descriptor, then every cell, then keys. Every problem names file, row, column and
what was expected.

Rows are numbered as in a spreadsheet: the header is row 1, the first record row 2. The engine implements
the part of Frictionless Table Schema the project uses and refuses any keyword it does not implement, so
a schema never claims a check that is not made. Text from data is untrusted: cells a spreadsheet would run
as a formula, control characters, digits outside ASCII and impossible dates are refused, and no message
echoes the content of a file outside data/.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

MISSING = ""
# ASCII digits only: Python's \d also matches Arabic-Indic, fullwidth and other digits, which int() accepts.
INTEGER_RE = re.compile(r"-?[0-9]+")
NUMBER_RE = re.compile(r"-?[0-9]+(\.[0-9]+)?")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
PARTIAL_DATE_RE = re.compile(r"([0-9]{4})(-([0-9]{2})(-([0-9]{2}))?)?")
# Integers beyond 2**53 lose precision as floats and overflow pandas' Int64 beyond 2**63.
SAFE_INTEGER = 2 ** 53
# A cell starting with one of these is run as a formula by spreadsheet programs (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@")
# Control characters (Unicode category Cc) and every character that is invisible or hides, joins or reorders
# text: format characters (Cf: bidirectional controls, zero-width joiners and spaces, the soft hyphen, word
# joiners, tag characters, a byte-order mark inside a cell), line and paragraph separators (Zl, Zp: U+2028 splits
# a table row in a notebook), private-use (Co) and unassigned (Cn) code points, and the Hangul fillers, which
# draw nothing.
FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f]")
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cn", "Cs"})
HANGUL_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
# A display name (name_en, name_ru, short_kk, ...) is read by people, who cannot see a Cyrillic letter that looks
# Latin (or the reverse) inside a word; a search or a join can.
DISPLAY_NAME_PREFIXES = ("name_", "short_")
MIXED_SCRIPT_WORD = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0400-\u04FF])\w+\b")
# The longest text a cell may hold unless its field declares a larger maxLength (the longest cell today is under
# 1,000 characters; a 100,000-character cell would reach the README and every report).
TEXT_LIMIT = 10_000
# Resource names that the exports use for themselves: the workbook's codebook sheet, SQLite's own tables.
RESERVED_NAMES = ("codebook",)
RESERVED_PREFIXES = ("sqlite_",)
# A pattern is matched against every cell of its column; longer ones are refused (see safe_pattern for the rest).
PATTERN_LIMIT = 300

TYPES = ("string", "integer", "number", "date", "boolean")
FIELD_KEYS = {"name", "type", "description", "constraints", "unit", "patternHint", "title", "x-kind"}
# Table Schema v1 constraints (exclusiveMinimum and exclusiveMaximum belong to v2, which Frictionless also refuses
# in a v1 package); any other keyword is refused, so a schema never claims a check that is not made.
CONSTRAINT_KEYS = {"required", "unique", "enum", "minimum", "maximum", "pattern", "minLength", "maxLength"}
RESOURCE_KEYS = {"name", "path", "title", "description", "schema", "format", "mediatype", "encoding", "hash",
                 "bytes", "profile", "dialect", "sources", "licenses", "x-provenance"}
SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys", "missingValues"}
X_KINDS = {"partial-date"}  # project extension: a date given as YYYY, YYYY-MM or YYYY-MM-DD
NAME_RE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
PATH_RE = re.compile(r"[a-z0-9][a-z0-9_]*\.csv")
DESCRIPTOR = "data/datapackage.json"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a data file, at a row (0 = the whole file) and a column ('' = the whole row)."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column or '-'}: {self.message}"


class DataError(ValueError):
    """Raised by kzreform.datasets.load when a file breaks its schema or a domain rule."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        n = len(self.problems)
        lines = [str(p) for p in self.problems[:50]]
        if n > 50:
            lines.append(f"... and {n - 50} more")
        super().__init__(f"{n} problem{'s' if n != 1 else ''} in the data:\n" + "\n".join(lines))


# --- the descriptor --------------------------------------------------------------------------------

def _descriptor_problem(where: str, message: str) -> Problem:
    return Problem(DESCRIPTOR, 0, where, message)


def _unknown_fields(where: str, names, fields: list[str], table) -> list[Problem]:
    """A problem for each name that is not a field of the table (a key or provenance naming a missing column)."""
    return [_descriptor_problem(where, f"names {n!r}, which is not a field of {table} (expected one of "
                                       f"{', '.join(fields)})") for n in names if n not in fields]


def _check_bound(where: str, kind: str, key: str, value) -> list[Problem]:
    if kind == "date":
        ok = isinstance(value, str) and DATE_RE.fullmatch(value) and _real_date(value)
        expected = "a date as YYYY-MM-DD"
    else:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        expected = "a finite number"
    return [] if ok else [_descriptor_problem(where, f"constraint {key} must be {expected}, found {value!r}")]


def check_field(where: str, f) -> list[Problem]:
    """The problems of one field descriptor."""
    if not isinstance(f, dict):
        return [_descriptor_problem(where, "expected a field object with name and type")]
    out = []
    name = f.get("name")
    if not isinstance(name, str) or not NAME_RE.fullmatch(name):
        out.append(_descriptor_problem(where, f"field name must be snake_case, found {name!r}"))
    kind = f.get("type", "string")
    if kind not in TYPES:
        out.append(_descriptor_problem(where, f"type {kind!r} is not supported (expected one of {', '.join(TYPES)})"))
    for key in sorted(set(f) - FIELD_KEYS):
        out.append(_descriptor_problem(where, f"field keyword {key!r} is not implemented by kzreform check "
                                              f"(expected some of {', '.join(sorted(FIELD_KEYS))})"))
    if "x-kind" in f and (f["x-kind"] not in X_KINDS or kind != "string"):
        out.append(_descriptor_problem(where, f"x-kind {f['x-kind']!r} is not supported on a {kind} field "
                                              f"(expected {', '.join(sorted(X_KINDS))} on a string field)"))
    c = f.get("constraints", {})
    if not isinstance(c, dict):
        return out + [_descriptor_problem(where, "constraints must be an object")]
    for key in sorted(set(c) - CONSTRAINT_KEYS):
        out.append(_descriptor_problem(where, f"constraint {key!r} is not implemented by kzreform check "
                                              f"(expected some of {', '.join(sorted(CONSTRAINT_KEYS))})"))
    for key in ("required", "unique"):
        if key in c and not isinstance(c[key], bool):
            out.append(_descriptor_problem(where, f"constraint {key} must be true or false, found {c[key]!r}"))
    if "enum" in c and not (isinstance(c["enum"], list) and c["enum"] and all(isinstance(v, str) for v in c["enum"])):
        out.append(_descriptor_problem(where, "constraint enum must be a non-empty list of strings"))
    for key in ("minLength", "maxLength"):
        if key in c and not (isinstance(c[key], int) and not isinstance(c[key], bool) and c[key] >= 0):
            out.append(_descriptor_problem(where, f"constraint {key} must be a whole number >= 0, found {c[key]!r}"))
    for key in ("minimum", "maximum"):
        if key in c:
            out += _check_bound(where, kind, key, c[key])
    if kind in ("integer", "number", "date") and not {"minimum", "maximum"} <= set(c) and kind in TYPES:
        out.append(_descriptor_problem(where, f"a {kind} field needs constraints minimum and maximum "
                                              "(the plausible range of its values)"))
    if "pattern" in c:
        try:
            if not isinstance(c["pattern"], str):
                raise TypeError
            re.compile(c["pattern"])
        except (re.error, TypeError, RecursionError) as e:
            out.append(_descriptor_problem(where, f"constraint pattern is not a valid regular expression ({e})"))
        else:
            unsafe = unsafe_pattern(c["pattern"])
            if unsafe:
                out.append(_descriptor_problem(where, f"constraint pattern {_shown(c['pattern'], 60)!r} {unsafe}"))
    return out


# --- patterns that run in bounded time -----------------------------------------------------------------------
# Python's regular expressions backtrack: a pattern in which a repeated part can match the same text in more
# than one way ((a+)+, (a|a)*, .*.*x) takes exponential or high polynomial time on a cell that almost matches, and
# cannot be interrupted. The engine therefore runs only patterns that are deterministic where they repeat: each
# repeated part is followed by a character it cannot match, its alternatives start differently (or are words
# none of which begins another), and there are no back-references or look-arounds. Character sets are compared
# on a sample of the alphabet (ASCII, Latin, Cyrillic, punctuation and a few others).

_SAMPLE = frozenset(chr(c) for c in [*range(0, 0x250), *range(0x370, 0x530), *range(0x2000, 0x2070),
                                     0x3000, 0x3164, 0x4E2D, 0xAC00, 0xFEFF, 0xFF10, 0x1F600])


def _category_members(category) -> frozenset:
    from re import _constants as k
    regex = {k.CATEGORY_DIGIT: r"\d", k.CATEGORY_NOT_DIGIT: r"\D", k.CATEGORY_SPACE: r"\s",
             k.CATEGORY_NOT_SPACE: r"\S", k.CATEGORY_WORD: r"\w", k.CATEGORY_NOT_WORD: r"\W"}.get(category)
    if regex is None:
        return _SAMPLE
    compiled = re.compile(regex, re.ASCII)
    return frozenset(ch for ch in _SAMPLE if compiled.fullmatch(ch))


class _Unsafe(Exception):
    pass


def _members(op, av) -> frozenset | None:
    """The sample characters a one-character node matches; None if the node is not one character."""
    from re import _constants as k
    if op is k.LITERAL:
        return frozenset({chr(av)})
    if op is k.NOT_LITERAL:
        return _SAMPLE - {chr(av)}
    if op is k.ANY:
        return _SAMPLE - {"\n"}
    if op is k.IN:
        negate, found = False, set()
        for item_op, item_av in av:
            if item_op is k.NEGATE:
                negate = True
            elif item_op is k.LITERAL:
                found.add(chr(item_av))
            elif item_op is k.NOT_LITERAL:
                found |= _SAMPLE - {chr(item_av)}
            elif item_op is k.RANGE:
                lo, hi = item_av
                found |= {ch for ch in _SAMPLE if lo <= ord(ch) <= hi} | {chr(lo), chr(hi)}
            elif item_op is k.CATEGORY:
                found |= _category_members(item_av)
            else:
                found |= _SAMPLE
        return frozenset(_SAMPLE - found if negate else found)
    return None


def _first(seq) -> tuple[frozenset, bool]:
    """The characters a sequence of nodes can start with, and whether it can match nothing."""
    out: set = set()
    for op, av in seq:
        chars, nullable = _first_of(op, av)
        out |= chars
        if not nullable:
            return frozenset(out), False
    return frozenset(out), True


def _first_of(op, av) -> tuple[frozenset, bool]:
    from re import _constants as k
    chars = _members(op, av)
    if chars is not None:
        return chars, False
    if op is k.AT:
        return frozenset(), True
    if op is k.SUBPATTERN:
        return _first(av[3])
    if op is k.ATOMIC_GROUP:
        return _first(av)
    if op is k.BRANCH:
        firsts = [_first(alt) for alt in av[1]]
        return frozenset().union(*(f for f, _ in firsts)), any(n for _, n in firsts)
    if op in (k.MAX_REPEAT, k.MIN_REPEAT, k.POSSESSIVE_REPEAT):
        chars, nullable = _first(av[2])
        return chars, av[0] == 0 or nullable
    raise _Unsafe("uses a back-reference, a look-around or a conditional, which kzreform check does not run")


def _literal(seq) -> str | None:
    from re import _constants as k
    if all(op is k.LITERAL for op, _ in seq):
        return "".join(chr(av) for _, av in seq)
    return None


def _check_sequence(seq, follow: frozenset, repeated: bool) -> None:
    for i, (op, av) in enumerate(seq):
        rest, nullable = _first(seq[i + 1:])
        _check_node(op, av, rest | follow if nullable else rest, repeated)


def _check_node(op, av, follow: frozenset, repeated: bool) -> None:
    from re import _constants as k
    if _members(op, av) is not None or op is k.AT:
        return
    if op is k.SUBPATTERN:
        return _check_sequence(av[3], follow, repeated)
    if op is k.ATOMIC_GROUP:
        return _check_sequence(av, follow, repeated)
    if op is k.BRANCH:
        alternatives = av[1]
        # two alternatives that can start alike double the work at each such branch: exponential if the branch is
        # repeated; outside a repetition the work stays bounded by the pattern's size (an enumeration like I|II|III)
        firsts = [(f | follow) if n else f for f, n in map(_first, alternatives)]
        if sum(_first(alt)[1] for alt in alternatives) > 1:
            raise _Unsafe("has two alternatives that can both match nothing")
        words = [_literal(alt) for alt in alternatives]
        for a in range(len(alternatives) if repeated else 0):
            for b in range(a + 1, len(alternatives)):
                if not firsts[a] & firsts[b]:
                    continue
                if words[a] is not None and words[b] is not None and not words[a].startswith(words[b]) \
                        and not words[b].startswith(words[a]):
                    continue
                raise _Unsafe("has alternatives that can start with the same text")
        for alt in alternatives:
            _check_sequence(alt, follow, repeated)
        return
    if op in (k.MAX_REPEAT, k.MIN_REPEAT, k.POSSESSIVE_REPEAT):
        low, high, body = av
        chars, nullable = _first(body)
        if low != high and op is not k.POSSESSIVE_REPEAT:
            if nullable:
                raise _Unsafe("repeats a part that can match nothing")
            if chars & follow:
                raise _Unsafe("has a repeated part that can also match what follows it, so a cell that almost "
                              "matches takes exponential time")
        many = high is k.MAXREPEAT or high > 1
        _check_sequence(body, chars | follow if many else follow, repeated or many)
        return
    _first_of(op, av)  # raises for what the engine does not run


def unsafe_pattern(pattern: str) -> str | None:
    """Why matching pattern could take unbounded time (a clause for a message), or None if it is safe."""
    from re import _parser
    if len(pattern) > PATTERN_LIMIT:
        return f"is longer than {PATTERN_LIMIT} characters (expected a short pattern; use enum for lists of values)"
    try:
        _check_sequence(list(_parser.parse(pattern, re.ASCII)), frozenset(), False)
    except _Unsafe as e:
        return (f"{e} (expected each repeated part to be followed by a character it cannot match, as in "
                "[a-z0-9]+(_[a-z0-9]+)*)")
    except RecursionError:
        return "is nested too deeply (expected a simpler pattern)"
    return None


def _key_fields(value) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None


def check_descriptor(package) -> list[Problem]:
    """Structural problems of datapackage.json: what the engine needs before it reads any data file."""
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list) or not package["resources"]:
        return [_descriptor_problem("", "expected an object with a non-empty list of resources")]
    out: list[Problem] = []
    names: dict[str, str] = {}
    fields_of: dict[str, list[str]] = {}
    for i, r in enumerate(package["resources"]):
        where = f"resources[{i}]"
        if not isinstance(r, dict):
            out.append(_descriptor_problem(where, "expected a resource object with name, path and schema"))
            continue
        name, path = r.get("name"), r.get("path")
        if not isinstance(name, str) or not NAME_RE.fullmatch(name):
            out.append(_descriptor_problem(where, f"name must be snake_case, found {name!r}"))
        elif name in RESERVED_NAMES or name.startswith(RESERVED_PREFIXES) or len(name) > 31:
            out.append(_descriptor_problem(where, f"name {name!r} is reserved or too long for the exports (expected "
                                                  "a name of at most 31 characters, not codebook and not starting "
                                                  "sqlite_)"))
        elif name in names:
            out.append(_descriptor_problem(where, f"name {name!r} is used twice (expected each resource once)"))
        else:
            names[name] = where
        if not isinstance(path, str) or not PATH_RE.fullmatch(path):
            out.append(_descriptor_problem(where, f"path must be the name of a CSV file inside data/ (lower-case "
                                                  f"letters, digits and _, ending .csv), found {str(path)[:80]!r}"))
        dialect = r.get("dialect", {})
        if not isinstance(dialect, dict) or dialect.get("delimiter", ",") != "," or dialect.get("header", True) is not True:
            out.append(_descriptor_problem(where, "dialect must be comma-separated with a header row (the engine reads "
                                                  "UTF-8 CSV with commas only)"))
        for key in sorted(set(r) - RESOURCE_KEYS):
            out.append(_descriptor_problem(where, f"resource keyword {key!r} is not implemented by kzreform check"))
        schema = r.get("schema")
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
            out.append(_descriptor_problem(where, "expected a schema with a non-empty list of fields"))
            continue
        for key in sorted(set(schema) - SCHEMA_KEYS):
            out.append(_descriptor_problem(f"{where}.schema", f"schema keyword {key!r} is not implemented by "
                                                              "kzreform check"))
        if schema.get("missingValues", [""]) != [""]:
            out.append(_descriptor_problem(f"{where}.schema", "missingValues must be [\"\"] (an empty cell is the "
                                                              "only missing value)"))
        seen = []
        for j, f in enumerate(schema["fields"]):
            problems = check_field(f"{where}.schema.fields[{j}]", f)
            out += problems
            if isinstance(f, dict) and isinstance(f.get("name"), str):
                if f["name"] in seen:
                    out.append(_descriptor_problem(f"{where}.schema.fields[{j}]", f"field {f['name']!r} appears twice"))
                seen.append(f["name"])
        if isinstance(name, str):
            fields_of[name] = seen
        provenance = r.get("x-provenance")
        if provenance is not None:
            value_fields = provenance.get("valueFields") if isinstance(provenance, dict) else None
            if not (isinstance(value_fields, list) and value_fields and all(isinstance(v, str) for v in value_fields)):
                out.append(_descriptor_problem(f"{where}.x-provenance", "expected {\"valueFields\": [field names]}"))
            else:
                out += _unknown_fields(f"{where}.x-provenance", value_fields, seen, name)
        if "primaryKey" in schema:
            key = _key_fields(schema["primaryKey"])
            if key is None:
                out.append(_descriptor_problem(f"{where}.schema.primaryKey", "expected a field name or a list of them"))
            else:
                out += _unknown_fields(f"{where}.schema.primaryKey", key, seen, name)
    for i, r in enumerate(package["resources"]):
        if not isinstance(r, dict) or not isinstance(r.get("schema"), dict):
            continue
        fks = r["schema"].get("foreignKeys", [])
        if not isinstance(fks, list):
            out.append(_descriptor_problem(f"resources[{i}].schema.foreignKeys", "expected a list"))
            continue
        for j, fk in enumerate(fks):
            where = f"resources[{i}].schema.foreignKeys[{j}]"
            ref = fk.get("reference") if isinstance(fk, dict) else None
            local = _key_fields(fk.get("fields")) if isinstance(fk, dict) else None
            target = ref.get("resource") if isinstance(ref, dict) else None
            remote = _key_fields(ref.get("fields")) if isinstance(ref, dict) else None
            if local is None or remote is None or not isinstance(target, str) or len(local) != len(remote):
                out.append(_descriptor_problem(where, "expected fields and a reference with resource and as many "
                                                      "fields"))
                continue
            if target not in fields_of:
                out.append(_descriptor_problem(where, f"refers to {target!r}, which is not a resource"))
                continue
            for k in local:
                if k not in fields_of.get(r.get("name"), []):
                    out.append(_descriptor_problem(where, f"names {k!r}, which is not a field of {r.get('name')}"))
            for k in remote:
                if k not in fields_of[target]:
                    out.append(_descriptor_problem(where, f"refers to {target}.{k}, which is not a field"))
    return out


# --- parsing -------------------------------------------------------------------------------------

def decode(file: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes -> text. UTF-8 only; a UTF-8 byte-order mark is accepted and dropped."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as e:
        row = raw[: e.start].count(b"\n") + 1
        bad = raw[e.start : e.start + 4]
        return None, [Problem(file, row, "", f"is not UTF-8 text (expected UTF-8, found bytes {bad!r} "
                                             f"at byte {e.start}; re-save the file as UTF-8)")]


def read_rows(file: str, text: str) -> tuple[list[str], list[tuple[int, list[str]]], list[Problem]]:
    """Split CSV text into a header and (row number, cells) records."""
    problems: list[Problem] = []
    if not text.strip():
        return [], [], [Problem(file, 0, "", "file is empty (expected a header row and data rows)")]
    if "\x00" in text:  # the csv module stops at NUL with an unhelpful message; name the row instead
        row = text[: text.index("\x00")].count("\n") + 1
        return [], [], [Problem(file, row, "", "contains a NUL byte (expected text; the file may be damaged or "
                                               "not a CSV file)")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    header: list[str] = []
    last = 0  # the line on which the previous record ended
    try:
        for cells in reader:
            if not header:
                header = cells
            elif cells == []:
                problems.append(Problem(file, reader.line_num, "", "blank line (expected a data row; delete it)"))
            else:
                records.append((last + 1, cells))
            last = reader.line_num
    except csv.Error as e:
        problems.append(Problem(file, last + 1, "", f"cannot be parsed as CSV ({e}); check for an unescaped "
                                                    "quote in this row"))
    return header, records, problems


# --- schema checks -------------------------------------------------------------------------------

def check_header(file: str, header: list[str], fields: list[dict]) -> list[Problem]:
    expected = [f["name"] for f in fields]
    if header == expected:
        return []
    if len(header) == 1 and ";" in header[0]:
        return [Problem(file, 1, "", "header is separated by semicolons (expected commas: "
                                     + ",".join(expected) + ")")]
    problems = []
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    for c in missing:
        problems.append(Problem(file, 1, c, "column is missing (expected columns: " + ",".join(expected) + ")"))
    for c in extra:
        problems.append(Problem(file, 1, _shown(c, 40), "column is not in the schema (expected columns: "
                                                        + ",".join(expected) + ")"))
    if not missing and not extra:
        problems.append(Problem(file, 1, "", "columns are in the wrong order (expected "
                                             + ",".join(expected) + ", found " + ",".join(header) + ")"))
    return problems


def _shown(value: str, limit: int = 60) -> str:
    """A cell for an error message: at most `limit` characters, control characters made visible."""
    text = value if len(value) <= limit else value[:limit] + "…"
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def _real_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def _invisible(value: str) -> int:
    """The index of the first control or invisible character in value, or -1."""
    found = FORBIDDEN.search(value)
    if found:
        return found.start()
    if value.isascii():
        return -1
    for i, ch in enumerate(value):
        if ch >= "\x80" and (unicodedata.category(ch) in INVISIBLE_CATEGORIES or ch in HANGUL_FILLERS):
            return i
    return -1


def text_problem(value: str, kind: str) -> str | None:
    """Why a cell's text can never be honest data (control or invisible characters, a formula), or None."""
    at = _invisible(value)
    if at >= 0:
        ch = value[at]
        code = ord(ch)
        name = "NUL" if code == 0 else unicodedata.name(ch, "control character" if code < 0xA0 else
                                                        f"{unicodedata.category(ch)} character")
        return (f"contains an invisible or control character (U+{code:04X} {name}) at position "
                f"{at + 1} (expected printable text; delete it)")
    if kind == "string" and value.startswith(FORMULA_START) and not NUMBER_RE.fullmatch(value.lstrip("+")):
        return (f"starts with {value[0]!r}, which a spreadsheet would run as a formula, found {_shown(value, 40)!r} "
                "(expected text; rephrase so it starts with a letter, a digit or a bracket)")
    return None


def parse_cell(value: str, field: dict):
    """Return (parsed value, error message or None). Missing values parse to None."""
    if value == MISSING:
        return None, None
    kind = field.get("type", "string")
    bad = text_problem(value, kind)
    if bad:
        return None, bad
    if kind == "integer":
        if not INTEGER_RE.fullmatch(value):
            return None, f"expected a whole number without separators or spaces, found {_shown(value)!r}"
        number = int(value)
        if abs(number) > SAFE_INTEGER:
            return None, f"expected a whole number of at most 15 digits, found {_shown(value, 30)!r}"
        return number, None
    if kind == "number":
        if not NUMBER_RE.fullmatch(value):
            return None, f"expected a number with a decimal point and no separators, found {_shown(value)!r}"
        number = float(value)
        if not math.isfinite(number) or abs(number) > SAFE_INTEGER:
            return None, f"expected a number of at most 15 digits before the point, found {_shown(value, 30)!r}"
        return number, None
    if kind == "date":
        if not DATE_RE.fullmatch(value) or not _real_date(value):
            return None, f"expected a date as YYYY-MM-DD, found {_shown(value)!r}"
        return dt.date.fromisoformat(value), None
    if kind == "boolean":
        if value not in ("true", "false"):
            return None, f"expected true or false, found {_shown(value)!r}"
        return value == "true", None
    if value != value.strip():
        return None, f"expected no leading or trailing spaces, found {_shown(value)!r}"
    if str(field.get("name", "")).startswith(DISPLAY_NAME_PREFIXES) and not value.isascii():
        mixed = MIXED_SCRIPT_WORD.search(value)
        if mixed:
            return None, (f"mixes Latin and Cyrillic letters in one word ({_shown(mixed.group(), 40)!r}), as a "
                          "look-alike letter does (expected each word in one alphabet; retype it)")
    if field.get("x-kind") == "partial-date":
        m = PARTIAL_DATE_RE.fullmatch(value)
        year, month, day = (m.group(1), m.group(3), m.group(5)) if m else (None, None, None)
        if not m or (month and not 1 <= int(month) <= 12) or (day and not _real_date(value)):
            return None, f"expected a real date as YYYY-MM-DD, YYYY-MM or YYYY, found {_shown(value)!r}"
    return value, None


def check_constraints(value, raw: str, field: dict) -> str | None:
    c = field.get("constraints", {})
    if value is None:
        return "is empty (expected a value: this column is required)" if c.get("required") else None
    kind = field.get("type", "string")
    if "enum" in c and raw not in c["enum"]:
        return f"expected one of {', '.join(c['enum'])}; found {_shown(raw)!r}"
    for key, fails, word in (("minimum", lambda v, b: v < b, "at least"), ("maximum", lambda v, b: v > b, "at most")):
        if key in c:
            bound = dt.date.fromisoformat(c[key]) if kind == "date" else c[key]
            if fails(value, bound):
                return f"expected {word} {c[key]}, found {_shown(raw, 30)}"
    if "minLength" in c and len(raw) < c["minLength"]:
        return f"expected at least {c['minLength']} characters, found {len(raw)}"
    if "maxLength" in c and len(raw) > c["maxLength"]:
        return f"expected at most {c['maxLength']} characters, found {len(raw)}"
    if "maxLength" not in c and len(raw) > TEXT_LIMIT:
        return (f"expected at most {TEXT_LIMIT} characters (the limit for a cell; a field may declare a larger "
                f"maxLength), found {len(raw)}")
    if "pattern" in c and not re.fullmatch(c["pattern"], raw, flags=re.ASCII):
        hint = field.get("patternHint", f"the pattern {c['pattern']}")
        return f"expected {hint}, found {_shown(raw)!r}"
    return None


def primary_key(schema: dict) -> list[str]:
    return _key_fields(schema.get("primaryKey")) or []


def check_records(file: str, header: list[str], records, schema: dict):
    """Type, constraint and key checks. Returns (parsed rows as dicts, row numbers, problems).

    A cell that fails is parsed as missing, so a bad value never reaches a DataFrame.
    """
    fields = schema["fields"]
    by_name = {f["name"]: f for f in fields}
    key = set(primary_key(schema))
    problems: list[Problem] = []
    rows, numbers = [], []
    for number, cells in records:
        if len(cells) != len(header):
            problems.append(Problem(file, number, "", f"has {len(cells)} cells (expected {len(header)}, "
                                                      "one per column; check commas and quotes)"))
            continue
        row = {}
        for name, raw in zip(header, cells):
            field = by_name.get(name)
            if field is None:
                continue
            value, err = parse_cell(raw, field)
            err = err or check_constraints(value, raw, field)
            if err is None and value is None and name in key:
                err = "is empty (expected a value: this column is part of the table's primary key)"
            if err:
                problems.append(Problem(file, number, name, err))
                value = None
            row[name] = value
        rows.append(row)
        numbers.append(number)
    problems += check_unique(file, rows, numbers, fields, schema.get("primaryKey"))
    return rows, numbers, problems


def check_unique(file, rows, numbers, fields, primary_key) -> list[Problem]:
    problems = []
    keys = [[f["name"]] for f in fields if f.get("constraints", {}).get("unique")]
    if primary_key:
        keys.append(_key_fields(primary_key))
    for key in keys:
        seen: dict[tuple, int] = {}
        for row, number in zip(rows, numbers):
            value = tuple(row.get(k) for k in key)
            if any(v is None for v in value):
                continue  # a missing key cell is reported where it is parsed
            if value in seen:
                shown = ", ".join(f"{k}={row[k]}" for k in key)
                problems.append(Problem(file, number, key[-1] if len(key) == 1 else "+".join(key),
                                        f"duplicate key ({shown}) already on row {seen[value]} "
                                        "(expected each key once)"))
            else:
                seen[value] = number
    return problems


def check_foreign_keys(file, rows, numbers, schema, known: dict[tuple, set]) -> list[Problem]:
    """Every foreign key's values exist in the table it refers to; lists of source ids in *_source_ids columns.

    known: (resource, fields tuple) -> the set of value tuples that resource holds.
    """
    problems = []
    sources = {v[0] for v in known.get(("sources", ("source_id",)), set())}
    for field in schema["fields"]:  # lists of source ids, separated by ';'
        if field["name"].endswith("_source_ids"):
            for row, number in zip(rows, numbers):
                for value in (row.get(field["name"]) or "").split(";"):
                    if value and value not in sources:
                        problems.append(Problem(file, number, field["name"], f"{_shown(value)!r} is not a source_id "
                                                "in data/sources.csv (expected ids listed there, separated by ';')"))
    for fk in schema.get("foreignKeys", []):
        local, target = _key_fields(fk["fields"]), fk["reference"]["resource"]
        remote = tuple(_key_fields(fk["reference"]["fields"]))
        valid = known.get((target, remote))
        if valid is None:
            continue  # the target table did not parse; its own problems are reported
        for row, number in zip(rows, numbers):
            value = tuple(row.get(k) for k in local)
            if any(v is None for v in value):
                continue
            if value not in valid:
                shown = ", ".join(_shown(str(v)) for v in value)
                problems.append(Problem(file, number, "+".join(local), f"{shown!r} is not a {'+'.join(remote)} in "
                                        f"data/{target}.csv (expected an id listed there)"))
    return problems


def check_provenance(file: str, rows, numbers, resource: dict) -> list[Problem]:
    """A row names a source exactly when it holds a value (the source is the page that gives it); a row whose
    value was not found has no source and a note starting 'Not found' that says what was searched."""
    value_fields = (resource.get("x-provenance") or {}).get("valueFields")
    if not value_fields:
        return []
    problems = []
    for row, number in zip(rows, numbers):
        has_value = any(row.get(f) not in (None, "") for f in value_fields)
        source = row.get("source_id")
        if has_value and not source:
            problems.append(Problem(file, number, "source_id", "is empty (expected the id of the page that gives "
                                    "this row's value)"))
        elif not has_value and source:
            problems.append(Problem(file, number, "source_id", f"names {source!r} but the row has no value (expected "
                                    "an empty source_id where nothing was found, and a note saying what was searched)"))
        elif not has_value and not str(row.get("note") or "").startswith("Not found"):
            problems.append(Problem(file, number, "note", "expected a note starting 'Not found' that says what was "
                                    "searched (the row has no value)"))
    return problems
