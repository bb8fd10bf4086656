"""Load the project's data: load(name) -> a typed, validated DataFrame. One schema source: datapackage.json."""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

import pandas as pd

from . import paths
from .fileio import write_text_atomic
from .rules import DOMAIN_CHECKS, PACKAGE_CHECKS
from .validate import (DESCRIPTOR, DataError, Problem, check_descriptor, check_foreign_keys, check_header,
                       check_provenance, check_records, decode, read_rows)

PANDAS_TYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean", "string": "str"}
MAX_BYTES = 20_000_000  # no table of the project comes near; a bigger file is a mistake, not data
# Digests of descriptor texts that passed check_descriptor in this process: the check (a pure function of the text,
# its pattern analysis the costly part) runs once per text, not at every load (a ledger loads it a hundred times).
_CHECKED: set[bytes] = set()


def datapackage() -> dict:
    """The parsed and structurally checked data/datapackage.json; raises DataError naming what is wrong."""
    try:
        raw = paths.DATAPACKAGE.read_bytes()
    except OSError as e:
        raise DataError([Problem(DESCRIPTOR, 0, "", f"cannot be read ({e.strerror or e})")]) from None
    try:
        package = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DataError([Problem(DESCRIPTOR, 0, "", "is not UTF-8 text (expected a UTF-8 JSON file)")]) from None
    except ValueError as e:
        line = getattr(e, "lineno", 0)
        raise DataError([Problem(DESCRIPTOR, line, "", f"is not valid JSON ({getattr(e, 'msg', e)}; a truncated "
                                                       "file or a merge conflict?)")]) from None
    digest = hashlib.sha256(raw).digest()
    if digest not in _CHECKED:
        problems = check_descriptor(package)
        if problems:
            raise DataError(problems)
        _CHECKED.add(digest)
    return package


def resource(name: str, package: dict | None = None) -> dict:
    """The data package's description of one resource."""
    package = package or datapackage()
    for r in package["resources"]:
        if r["name"] == name:
            return r
    names = ", ".join(r["name"] for r in package["resources"])
    raise KeyError(f"no dataset named {name!r} in data/datapackage.json (expected one of: {names})")


def names() -> list[str]:
    return [r["name"] for r in datapackage()["resources"]]


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def data_file(r: dict) -> tuple[Path, list[Problem]]:
    """The file of a resource, if it is a regular file inside data/ (never a link out of it or a folder)."""
    path = paths.DATA / r["path"]
    file = f"data/{r['path']}"
    if path.is_symlink():
        return path, [Problem(file, 0, "", "is a symbolic link (expected a regular file inside data/; copy the file "
                                           "itself there)")]
    if not path.exists():
        return path, [Problem(file, 0, "", "file is missing (listed in data/datapackage.json)")]
    if not path.is_file():
        return path, [Problem(file, 0, "", "is not a regular file (expected a CSV file, found a folder or device)")]
    if path.resolve().parent != paths.DATA.resolve():
        return path, [Problem(file, 0, "", "lies outside data/ (expected a file inside data/)")]
    if path.stat().st_size > MAX_BYTES:
        return path, [Problem(file, 0, "", f"is larger than {MAX_BYTES // 1_000_000} MB (expected a table of the "
                                           "project, not another file)")]
    return path, []


class RowNumbers(tuple):
    """Spreadsheet row numbers of a frame's rows, kept in df.attrs; immutable, so pandas need not deep-copy
    them on every operation (which made the domain checks 20 times slower)."""

    def __deepcopy__(self, memo):
        return self


def _frame(rows: list[dict], fields: list[dict], numbers: list[int]) -> pd.DataFrame:
    columns = {}
    for f in fields:
        values = [r.get(f["name"]) for r in rows]
        if f.get("type") == "date":
            columns[f["name"]] = pd.to_datetime(pd.Series(values, dtype="object"), format="%Y-%m-%d")
        else:
            columns[f["name"]] = pd.Series(values, dtype=PANDAS_TYPES.get(f.get("type", "string"), "object"))
    df = pd.DataFrame(columns)
    df.attrs["rows"] = RowNumbers(numbers)
    return df


_memo: dict = {}


def _stamp(path: Path) -> str | None:
    """A digest of the file's bytes (the memo must see every edit, however quick)."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None


def _content_key(r: dict) -> tuple | None:
    """What a resource's own checks depend on: its description and its file's bytes (not where the folder is, so
    a copy of data/ with one file changed re-reads only that file); None for a file that is not a regular file
    inside data/ (data_file says why, every time: that depends on the folder)."""
    path, unusable = data_file(r)
    return None if unusable else (json.dumps(r, sort_keys=True), _stamp(path))


def _parse(r: dict, key: tuple | None = None) -> tuple[pd.DataFrame | None, list[dict], list[int], list[Problem]]:
    """Parse and check one resource on its own; remembered for this process while the file and its schema
    are unchanged (key: its _content_key, if the caller has it). Returns (frame, parsed rows, row numbers,
    problems)."""
    key = key or _content_key(r)
    if key is None:
        return _parse_uncached(r)
    if key not in _memo:
        _memo[key] = _parse_uncached(r)
    df, rows, numbers, problems = _memo[key]
    return (None if df is None else df.copy()), rows, numbers, list(problems)


_domain_memo: dict = {}


def _domain_problems(name: str, r: dict, df: pd.DataFrame, content: tuple | None) -> list[Problem]:
    """The domain rules of one table (they read that table alone), remembered like the parse (content: the
    table's _content_key, None for no memo)."""
    checks = DOMAIN_CHECKS.get(name, [])
    key = None if content is None else (name, content, tuple(id(c) for c in checks))
    if key not in _domain_memo:
        found = [p for check in checks for p in check(f"data/{r['path']}", df)]
        if key is None:
            return found
        _domain_memo[key] = found
    return list(_domain_memo[key])


def _parse_uncached(r: dict):
    file = f"data/{r['path']}"
    path, problems = data_file(r)
    if problems:
        return None, [], [], problems
    try:
        raw = path.read_bytes()
    except OSError as e:
        return None, [], [], [Problem(file, 0, "", f"cannot be read ({e.strerror or e})")]
    text, problems = decode(file, raw)
    if text is None:
        return None, [], [], problems
    header, records, more = read_rows(file, text)
    problems += more
    if not header:
        return None, [], [], problems
    fields = r["schema"]["fields"]
    header_problems = check_header(file, header, fields)
    if header_problems:
        return None, [], [], problems + header_problems
    if not records and not more:
        problems.append(Problem(file, 0, "", "has a header but no data rows (expected at least one row)"))
    rows, numbers, more = check_records(file, header, records, r["schema"])
    return _frame(rows, fields, numbers), rows, numbers, problems + more


def _targets(r: dict) -> list[tuple[str, tuple[str, ...]]]:
    out = [("sources", ("source_id",))] if any(f["name"].endswith("_source_ids") for f in r["schema"]["fields"]) else []
    for fk in r["schema"].get("foreignKeys", []):
        fields = fk["reference"]["fields"]
        out.append((fk["reference"]["resource"], tuple([fields] if isinstance(fields, str) else fields)))
    return out


def _checked(name: str, package: dict, cache: dict) -> tuple[pd.DataFrame | None, list[Problem]]:
    """One resource with its own problems, foreign keys and domain rules (cache: name -> parse result)."""
    def parsed(n):
        if n not in cache:
            cache[n] = _parse(resource(n, package))
        return cache[n]

    r = resource(name, package)
    content = _content_key(r)  # the file read and hashed once for the parse and the domain rules
    if name not in cache:
        cache[name] = _parse(r, content)
    df, rows, numbers, problems = cache[name]
    if df is None:
        return None, problems
    known = {}
    for target, fields in _targets(r):
        t_df, t_rows, _, t_problems = parsed(target)
        if t_df is not None:
            known[(target, fields)] = {tuple(row.get(f) for f in fields) for row in t_rows}
    problems += check_foreign_keys(f"data/{r['path']}", rows, numbers, r["schema"], known)
    problems += check_provenance(f"data/{r['path']}", rows, numbers, r)
    if not problems:
        problems += _domain_problems(name, r, df, content)
    return df, problems


def _package_problems(frames: dict, only: str | None = None) -> list[Problem]:
    """Checks across tables, run where every table they involve parsed cleanly."""
    problems = []
    for names_, check in PACKAGE_CHECKS:
        if (only is None or only in names_) and all(frames.get(n) is not None for n in names_):
            problems += check({n: frames[n] for n in names_})
    return problems


_readers: list[set] = []


@contextlib.contextmanager
def recording():
    """Within the block, the names of the tables `load` is asked for are collected in the set it yields (the
    tests check each exhibit's declared reads against it)."""
    seen: set[str] = set()
    _readers.append(seen)
    try:
        yield seen
    finally:
        _readers.remove(seen)


def load(name: str) -> pd.DataFrame:
    """The named dataset as a typed DataFrame; raises DataError listing every problem found."""
    for seen in _readers:
        seen.add(name)
    package = datapackage()
    cache: dict = {}
    df, problems = _checked(name, package, cache)
    if not problems:
        frames = {name: df}
        for names_, _ in PACKAGE_CHECKS:
            if name in names_:
                for other in names_:
                    if other not in frames:
                        other_df, other_problems = _checked(other, package, cache)
                        frames[other] = None if other_problems else other_df
        problems = _package_problems(frames, only=name)
    if problems:
        raise DataError(problems)
    return df


def source_publishers(source_ids) -> list[str]:
    """Publisher names for source ids, deduplicated, in the order given."""
    sources = load("sources").set_index("source_id")  # parsed once per process (see _memo)
    out: list[str] = []
    for sid in source_ids:
        if sid not in sources.index:
            raise KeyError(f"unknown source_id {sid!r} (expected an id in data/sources.csv)")
        publisher = sources.loc[sid, "publisher"]
        if publisher not in out:
            out.append(publisher)
    return out


# --- the whole package ---------------------------------------------------------------------------

def integrity_problems(package: dict) -> list[Problem]:
    """Files whose sha256 or size no longer match datapackage.json."""
    problems = []
    for r in package["resources"]:
        path, unusable = data_file(r)
        if unusable:
            continue  # reported by the parse
        file = f"data/{r['path']}"
        digest, size = sha256(path), path.stat().st_size
        if r.get("hash") != f"sha256:{digest}" or r.get("bytes") != size:
            problems.append(Problem(file, 0, "", "changed since its hash was recorded in data/datapackage.json "
                                                 "(expected sha256 " + str(r.get("hash", "none"))[:80] + f", found "
                                                 f"sha256:{digest}); if the change is intended, run "
                                                 "`python -m kzreform check --update-hashes`"))
    listed = {r["path"] for r in package["resources"]}
    for path in sorted(paths.DATA.glob("*.csv")):
        if path.name not in listed:
            problems.append(Problem(f"data/{path.name}", 0, "", "is not described in data/datapackage.json "
                                                               "(expected a resource with its schema)"))
    return problems


def check_all() -> list[Problem]:
    """Every problem in every dataset, plus integrity of recorded hashes."""
    try:
        package = datapackage()
    except DataError as e:
        return e.problems
    cache: dict = {}
    problems, frames = [], {}
    for r in package["resources"]:
        df, more = _checked(r["name"], package, cache)
        frames[r["name"]] = None if more else df
        problems += more
    return sorted(problems + _package_problems(frames) + integrity_problems(package))


def update_hashes() -> list[str]:
    """Record each file's current sha256 and size in datapackage.json; return the names that changed.

    Refuses (DataError) when a listed file is missing or not a regular file inside data/.
    """
    package = datapackage()
    unusable = [p for r in package["resources"] for p in data_file(r)[1]]
    if unusable:
        raise DataError(unusable)
    changed = []
    for r in package["resources"]:
        path = paths.DATA / r["path"]
        new = {"hash": f"sha256:{sha256(path)}", "bytes": path.stat().st_size}
        if any(r.get(k) != v for k, v in new.items()):
            changed.append(r["name"])
            r.update(new)
    write_text_atomic(paths.DATAPACKAGE, json.dumps(package, indent=2, ensure_ascii=False) + "\n")
    return changed
