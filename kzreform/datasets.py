"""Load the project's data: load(name) -> a typed, validated DataFrame. One schema source: datapackage.json."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from . import paths
from .fileio import write_text_atomic
from .validate import (DOMAIN_CHECKS, PACKAGE_CHECKS, DataError, Problem, check_foreign_keys, check_header, check_records,
                       decode, read_rows)

PANDAS_TYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean", "string": "str"}


def datapackage() -> dict:
    """The parsed data/datapackage.json."""
    try:
        return json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise DataError([Problem("data/datapackage.json", 0, "", f"cannot be read as JSON ({e})")]) from e


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


def _frame(rows: list[dict], fields: list[dict], numbers: list[int]) -> pd.DataFrame:
    columns = {}
    for f in fields:
        values = [r.get(f["name"]) for r in rows]
        if f.get("type") == "date":
            columns[f["name"]] = pd.to_datetime(pd.Series(values, dtype="object"), format="%Y-%m-%d")
        else:
            columns[f["name"]] = pd.Series(values, dtype=PANDAS_TYPES.get(f.get("type", "string"), "object"))
    df = pd.DataFrame(columns)
    df.attrs["rows"] = numbers
    return df


_memo: dict = {}


def _stamp(path: Path) -> str | None:
    """A digest of the file's bytes (the memo must see every edit, however quick)."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None


def _parse(name: str, package: dict, known_keys: dict[str, set]) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse and check one resource; remembered for this process while its file and the package are unchanged."""
    r = resource(name, package)
    key = (str(paths.DATA), name, _stamp(paths.DATA / r["path"]), _stamp(paths.DATAPACKAGE),
           tuple(sorted(known_keys.get("sources", ()))) if name != "sources" else ())
    if key not in _memo:
        _memo[key] = _parse_uncached(name, r, known_keys)
    df, problems = _memo[key]
    return (None if df is None else df.copy()), list(problems)


def _parse_uncached(name: str, r: dict, known_keys: dict[str, set]) -> tuple[pd.DataFrame | None, list[Problem]]:
    path = paths.DATA / r["path"]
    file = f"data/{r['path']}"
    if not path.exists():
        return None, [Problem(file, 0, "", "file is missing (listed in data/datapackage.json)")]
    text, problems = decode(file, path.read_bytes())
    if text is None:
        return None, problems
    header, records, more = read_rows(file, text)
    problems += more
    if not header:
        return None, problems
    fields = r["schema"]["fields"]
    header_problems = check_header(file, header, fields)
    if header_problems:
        return None, problems + header_problems
    if not records and not more:
        problems.append(Problem(file, 0, "", "has a header but no data rows (expected at least one row)"))
    rows, numbers, more = check_records(file, header, records, r["schema"])
    problems += more + check_foreign_keys(file, rows, numbers, r["schema"], known_keys)
    df = _frame(rows, fields, numbers)
    if not problems:
        for check in DOMAIN_CHECKS.get(name, []):
            problems += check(file, df)
    return df, problems


def _source_ids(package: dict) -> dict[str, set]:
    df, _ = _parse("sources", package, {})
    return {"sources": set(df["source_id"].dropna()) if df is not None and "source_id" in df else set()}


def _package_problems(frames: dict, only: str | None = None) -> list[Problem]:
    """Checks across tables, run where every table they involve parsed cleanly."""
    problems = []
    for names_, check in PACKAGE_CHECKS:
        if (only is None or only in names_) and all(frames.get(n) is not None for n in names_):
            problems += check({n: frames[n] for n in names_})
    return problems


def load(name: str) -> pd.DataFrame:
    """The named dataset as a typed DataFrame; raises DataError listing every problem found."""
    package = datapackage()
    known = _source_ids(package)
    df, problems = _parse(name, package, known)
    if not problems:
        frames = {name: df}
        for names_, _ in PACKAGE_CHECKS:
            if name in names_:
                for other in names_:
                    if other not in frames:
                        other_df, other_problems = _parse(other, package, known)
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
        path = paths.DATA / r["path"]
        if not path.exists():
            continue
        file = f"data/{r['path']}"
        digest, size = sha256(path), path.stat().st_size
        if r.get("hash") != f"sha256:{digest}" or r.get("bytes") != size:
            problems.append(Problem(file, 0, "", "changed since its hash was recorded in data/datapackage.json "
                                                 "(expected sha256 " + str(r.get("hash", "none")) + f", found "
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
    package = datapackage()
    known = _source_ids(package)
    problems, frames = [], {}
    for r in package["resources"]:
        df, more = _parse(r["name"], package, known)
        frames[r["name"]] = None if more else df
        problems += more
    return sorted(problems + _package_problems(frames) + integrity_problems(package))


def update_hashes() -> list[str]:
    """Record each file's current sha256 and size in datapackage.json; return the names that changed."""
    package = datapackage()
    changed = []
    for r in package["resources"]:
        path = paths.DATA / r["path"]
        new = {"hash": f"sha256:{sha256(path)}", "bytes": path.stat().st_size}
        if any(r.get(k) != v for k, v in new.items()):
            changed.append(r["name"])
            r.update(new)
    write_text_atomic(paths.DATAPACKAGE, json.dumps(package, indent=2, ensure_ascii=False) + "\n")
    return changed
