"""Fuzzing the checker with random byte and cell mutations of the real data files (a seeded generator).

For every mutation, `check` must return problems, never raise and never hang; and a mutation it accepts
must leave every typed value within the schema (checked here by an independent oracle, not by the
checker's own code). CI runs a bounded number of examples; `make fuzz` runs many more:
    KZREFORM_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py
"""

import csv
import datetime as dt
import io
import math
import os
import random
import re
import signal
import time
import unicodedata

import pandas as pd
import pytest

from kzreform import datasets

from test_corrupt import data  # noqa: F401  (the data fixture)

FILES = ["court_caseload", "court_rulings", "mazhilis_results", "referendum_results", "referendum_turnout_hourly",
         "sources", "regions"]
EXAMPLES = int(os.environ.get("KZREFORM_FUZZ_EXAMPLES", "840"))
SEED = int(os.environ.get("KZREFORM_FUZZ_SEED", "20261130"))
INTERESTING = ["", " ", "0", "-0", "-1", "1.5", "007", "1e3", "1e309", "9" * 40, "9" * 400, "12345678901234567890",
               "１２３", "٣٤", "NaN", "inf", "-inf", "2023-02-30", "2023-13-01", "0000-00-00", "9999-12-31",
               "2023-1-1", "2023-02", "2023", "=1+1", "+1", "+x", "@SUM(A1)", "-x", "a\x00b", "\x07", "\u202e",
               "a\nb", "a\rb", '"', '""', ",", ";", "true", "TRUE", "KZ-99", "KZ-7５", "<script>x</script>",
               "$5 and $10", "exact", "about", "more than", "final", "preliminary", "citizen", "\ufeffa",
               "\u200b", "ü", "Алматы", "x" * 5000, "1,000", "1 000", "12.", ".5", "--1", "0x1F"]


def mutate(rng: random.Random, raw: bytes) -> bytes:
    kind = rng.randrange(6)
    if kind == 0 and raw:  # flip a byte
        i = rng.randrange(len(raw))
        return raw[:i] + bytes([rng.randrange(256)]) + raw[i + 1:]
    if kind == 1:  # insert random bytes
        i = rng.randrange(len(raw) + 1)
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        return raw[:i] + junk + raw[i:]
    if kind == 2 and raw:  # delete a range
        i = rng.randrange(len(raw))
        return raw[:i] + raw[i + rng.randint(1, 200):]
    if kind == 3:  # duplicate or drop a line
        lines = raw.split(b"\n")
        i = rng.randrange(len(lines))
        if rng.random() < 0.5:
            lines.insert(i, lines[rng.randrange(len(lines))])
        else:
            del lines[i]
        return b"\n".join(lines)
    # replace one cell (kinds 4 and 5: the commonest careless edit) with an interesting or random value
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    r = rng.randrange(len(rows))
    if not rows[r]:
        return raw
    c = rng.randrange(len(rows[r]))
    if rng.random() < 0.8:
        rows[r][c] = rng.choice(INTERESTING)
    else:  # a neighbouring cell's value: plausible-looking but in the wrong place
        rows[r][c] = rows[rng.randrange(1, len(rows))][c] if len(rows) > 1 else ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


CONTROL = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f\ufeff]")


def oracle(df: pd.DataFrame, fields: list[dict]) -> list[str]:
    """Independent restatement of the schema: what every accepted typed value must satisfy."""
    bad = []
    for f in fields:
        c = f.get("constraints", {})
        for v in df[f["name"]]:
            if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
                if c.get("required"):
                    bad.append(f"{f['name']}: empty but required")
                continue
            kind = f.get("type", "string")
            if kind in ("integer", "number"):
                if not math.isfinite(float(v)) or not c["minimum"] <= v <= c["maximum"]:
                    bad.append(f"{f['name']}: {v} outside [{c['minimum']}, {c['maximum']}]")
            elif kind == "date":
                day = pd.Timestamp(v).date()
                if not dt.date.fromisoformat(c["minimum"]) <= day <= dt.date.fromisoformat(c["maximum"]):
                    bad.append(f"{f['name']}: {day} outside the range")
            elif kind == "string":
                formula = v[:1] in "=+-@" and not re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", v)
                if CONTROL.search(v) or formula or v != v.strip():
                    bad.append(f"{f['name']}: {v[:30]!r} is not clean text")
                if "enum" in c and v not in c["enum"]:
                    bad.append(f"{f['name']}: {v[:30]!r} not in the vocabulary")
                if "pattern" in c and not re.fullmatch(c["pattern"], v, flags=re.ASCII):
                    bad.append(f"{f['name']}: {v[:30]!r} does not match {c['pattern']}")
                if any(unicodedata.category(ch) == "Nd" and not ch.isascii() for ch in v) and "pattern" in c:
                    bad.append(f"{f['name']}: {v[:30]!r} has non-ASCII digits in a coded field")
    return bad


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


@pytest.mark.slow
def test_random_mutations_never_raise_hang_or_slip_through(data):
    rng = random.Random(SEED)
    package = datasets.datapackage()
    originals = {n: (data / f"{n}.csv").read_bytes() for n in FILES}
    use_alarm = hasattr(signal, "SIGALRM")
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _alarm)
    failures, refused, accepted, slowest = [], 0, 0, 0.0
    try:
        for i in range(EXAMPLES):
            name = FILES[i % len(FILES)]
            mutated = originals[name]
            for _ in range(rng.choice((1, 1, 1, 2, 3))):
                try:
                    mutated = mutate(rng, mutated)
                except UnicodeDecodeError:  # a byte mutation broke UTF-8: cell edits no longer apply
                    break
            (data / f"{name}.csv").write_bytes(mutated)
            datasets._memo.clear()
            start = time.perf_counter()
            try:
                if use_alarm:
                    signal.alarm(10)
                df, problems = datasets._checked(name, package, {})
            except Hang:
                failures.append(f"example {i} ({name}): check took more than 10 s")
                continue
            except Exception as e:  # noqa: BLE001  (the point: nothing may escape)
                failures.append(f"example {i} ({name}): {type(e).__name__}: {e}")
                continue
            finally:
                if use_alarm:
                    signal.alarm(0)
                slowest = max(slowest, time.perf_counter() - start)
            if problems:
                refused += 1
                assert all(p.file and p.message for p in problems)
            else:
                accepted += 1
                bad = oracle(df, datasets.resource(name, package)["schema"]["fields"])
                if bad:
                    failures.append(f"example {i} ({name}) accepted a value outside the schema: {bad[:3]}")
            (data / f"{name}.csv").write_bytes(originals[name])
    finally:
        if use_alarm:
            signal.signal(signal.SIGALRM, old)
    print(f"\n{EXAMPLES} mutations: {refused} refused, {accepted} accepted within the schema; "
          f"slowest check {slowest:.2f} s")
    assert failures == [], "\n".join(failures[:20])
    assert refused > EXAMPLES // 2  # the generator really does break things
