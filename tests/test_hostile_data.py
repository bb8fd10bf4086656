"""Hostile and accidental input that is well-formed CSV: values no honest row contains, a descriptor that lies
or is broken, paths that lead out of data/. Each is refused with file, row, column and what was expected,
without a traceback and without echoing the content of a file outside the project."""

import json
import os

import pytest

from kzreform import datasets
from kzreform.validate import DataError

from test_corrupt import data, edit_line, problems, replace  # noqa: F401  (the data fixture)

SOURCES = "data/sources.csv"
RESULTS = "data/mazhilis_results.csv"
CASELOAD = "data/court_caseload.csv"

def _line(name: str, start: bytes) -> int:
    """The line (spreadsheet row) of the committed file that starts with `start`."""
    from kzreform import paths
    return next(i for i, line in enumerate((paths.DATA / name).read_bytes().split(b"\n"), 1) if line.startswith(start))


RES1 = _line("sources.csv", b"adilet_s2300000001_ru,")
ABAI = _line("sources.csv", b"abai_153057,")

CASES = {
    "formula in a text cell": (
        "sources.csv", ABAI, replace(b"abai_153057,Abai.kz,", b'abai_153057,"=HYPERLINK(""http://x.example"",""a"")",'),
        [f"{SOURCES}:{ABAI}:publisher: starts with '=', which a spreadsheet would run as a formula, found "
         "'=HYPERLINK(\"http://x.example\",\"a\")' (expected text; rephrase so it starts with a letter, a digit or "
         "a bracket)"]),
    "at-sign formula": (
        "court_caseload.csv", 2, replace(b"Court press service", b"@SUM(A1) Court press service"),
        [f"{CASELOAD}:2:note: starts with '@', which a spreadsheet would run as a formula, found \"@SUM(A1) Court "
         "press service 'to date'; …\" (expected text; rephrase so it starts with a letter, a digit or a "
         "bracket)"]),
    "NUL inside a cell": (
        "court_caseload.csv", 2, replace(b"Court press service", b"Court\x00press service"),
        [f"{CASELOAD}:2:-: contains a NUL byte (expected text; the file may be damaged or not a CSV file)"]),
    "control character": (
        "court_caseload.csv", 2, replace(b"Court press service", b"Court\x07press service"),
        [f"{CASELOAD}:2:note: contains an invisible or control character (U+0007 control character) at position 6 "
         "(expected printable text; delete it)"]),
    "right-to-left override": (
        "court_caseload.csv", 2, replace(b"Court press service", "Court\u202epress service".encode()),
        [f"{CASELOAD}:2:note: contains an invisible or control character (U+202E RIGHT-TO-LEFT OVERRIDE) at "
         "position 6 (expected printable text; delete it)"]),
    "fullwidth digits": (
        "mazhilis_results.csv", 2, replace(b",5148074,", ",５１４８０７４,".encode()),
        [f"{RESULTS}:2:list_votes: expected a whole number without separators or spaces, found '５１４８０７４'"]),
    "Arabic-Indic digits in a share": (
        "mazhilis_results.csv", 2, replace(b",71.09,", ",٧١.٠٩,".encode()),
        [f"{RESULTS}:2:list_share_pct: expected a number with a decimal point and no separators, found '٧١.٠٩'"]),
    "400-digit count": (
        "court_caseload.csv", 2, replace(b",500,", b"," + b"9" * 400 + b","),
        [f"{CASELOAD}:2:value: expected a number of at most 15 digits before the point, found "
         f"'{'9' * 30}…'"]),
    "20-digit integer": (
        "mazhilis_results.csv", 2, replace(b",5148074,", b",12345678901234567890,"),
        [f"{RESULTS}:2:list_votes: expected a whole number of at most 15 digits, found '12345678901234567890'"]),
    "count beyond the plausible range": (
        "mazhilis_results.csv", 2, replace(b",5148074,", b",514807400,"),
        [f"{RESULTS}:2:list_votes: expected at most 30000000, found 514807400"]),
    "date beyond the plausible range": (
        "court_caseload.csv", 2, replace(b",2023-01-23,", b",2099-01-23,"),
        [f"{CASELOAD}:2:period_end: expected at most 2030-12-31, found 2099-01-23"]),
    "impossible partial date": (
        "sources.csv", RES1, replace(b",2023-01-05,", b",2023-02-30,"),
        [f"{SOURCES}:{RES1}:date_published: expected a real date as YYYY-MM-DD, YYYY-MM or YYYY, found '2023-02-30'"]),
    "impossible month": (
        "sources.csv", RES1, replace(b",2023-01-05,", b",2023-13,"),
        [f"{SOURCES}:{RES1}:date_published: expected a real date as YYYY-MM-DD, YYYY-MM or YYYY, found '2023-13'"]),
    "empty primary-key cell": (
        "referendum_results.csv", 2, replace(b",final,", b",,"),
        ["data/referendum_results.csv:2:stage: is empty (expected a value: this column is required)"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_value_is_refused_with_its_place(data, case):
    name, line, change, expected = CASES[case]
    edit_line(data, name, line, change)
    assert problems() == expected
    with pytest.raises(DataError) as e:
        datasets.load(name.removesuffix(".csv"))
    assert [str(p) for p in e.value.problems] == expected


def descriptor(folder):
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def write_descriptor(folder, package):
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")


def resource_index(package, name):
    return next(i for i, r in enumerate(package["resources"]) if r["name"] == name)


def field_index(package, name, field):
    r = package["resources"][resource_index(package, name)]
    return next(j for j, f in enumerate(r["schema"]["fields"]) if f["name"] == field)


def broken(package, change):
    change(package)
    return package


DESCRIPTORS = {
    "a primary key naming no column": (
        lambda p: p["resources"][resource_index(p, "regions")]["schema"].update(primaryKey=["region_id"]),
        lambda p: [f"data/datapackage.json:0:resources[{resource_index(p, 'regions')}].schema.primaryKey: names "
                   "'region_id', which is not a field of regions (expected one of region_code, name_en, "
                   "former_code, established, tile_x, tile_y, source_id, note)"]),
    "a type typo": (
        lambda p: p["resources"][resource_index(p, "regions")]["schema"]["fields"][4].update(type="integr"),
        lambda p: [f"data/datapackage.json:0:resources[{resource_index(p, 'regions')}].schema.fields[4]: type "
                   "'integr' is not supported (expected one of string, integer, number, date, boolean)"]),
    "a bad regular expression": (
        lambda p: p["resources"][resource_index(p, "regions")]["schema"]["fields"][0]["constraints"].update(
            pattern="KZ-[0-9"),
        lambda p: [f"data/datapackage.json:0:resources[{resource_index(p, 'regions')}].schema.fields[0]: "
                   "constraint pattern is not a valid regular expression (unterminated character set at "
                   "position 3)"]),
    "a resource without a schema": (
        lambda p: p["resources"][resource_index(p, "regions")].pop("schema"),
        lambda p: [f"data/datapackage.json:0:resources[{resource_index(p, 'regions')}]: expected a schema with a "
                   "non-empty list of fields"]),
    "a path out of data/": (
        lambda p: p["resources"][resource_index(p, "regions")].update(path="../../../../etc/passwd"),
        lambda p: [f"data/datapackage.json:0:resources[{resource_index(p, 'regions')}]: path must be the name of "
                   "a CSV file inside data/ (lower-case letters, digits and _, ending .csv), found "
                   "'../../../../etc/passwd'"]),
    "a constraint the engine does not implement": (
        lambda p: p["resources"][resource_index(p, "regions")]["schema"]["fields"][4]["constraints"].update(
            exclusiveMaximum=9),
        lambda p: [f"data/datapackage.json:0:resources[{resource_index(p, 'regions')}].schema.fields[4]: "
                   "constraint 'exclusiveMaximum' is not implemented by kzreform check (expected some of enum, "
                   "maxLength, maximum, minLength, minimum, pattern, required, unique)"]),
    "a number without a plausible range": (
        lambda p: p["resources"][resource_index(p, "regions")]["schema"]["fields"][4]["constraints"].pop("maximum"),
        lambda p: [f"data/datapackage.json:0:resources[{resource_index(p, 'regions')}].schema.fields[4]: a integer "
                   "field needs constraints minimum and maximum (the plausible range of its values)"]),
    "an empty list": (
        lambda p: p.clear(),
        lambda p: ["data/datapackage.json:0:-: expected an object with a non-empty list of resources"]),
}


@pytest.mark.parametrize("case", sorted(DESCRIPTORS))
def test_malformed_descriptor_is_refused_without_a_traceback(data, case):
    change, expected = DESCRIPTORS[case]
    package = descriptor(data)
    write_descriptor(data, broken(package, change))
    want = expected(descriptor(data)) if case != "an empty list" else expected(None)
    assert [str(p) for p in datasets.check_all()] == want
    with pytest.raises(DataError):
        datasets.load("sources")


@pytest.mark.parametrize("text,line", [("{\"resources\": [", 1), ("<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> b\n", 1),
                                       ("[]", 0)])
def test_truncated_or_conflicted_descriptor(data, text, line):
    (data / "datapackage.json").write_text(text, encoding="utf-8")
    found = [str(p) for p in datasets.check_all()]
    assert len(found) == 1
    assert found[0].startswith(f"data/datapackage.json:{line}:-: ")


def test_a_symlink_out_of_data_is_refused_and_not_echoed(data, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("region_code,secret\nKZ-11,the-secret-line\n", encoding="utf-8")
    (data / "regions.csv").unlink()
    os.symlink(secret, data / "regions.csv")
    found = [str(p) for p in datasets.check_all()]
    assert "data/regions.csv:0:-: is a symbolic link (expected a regular file inside data/; copy the file itself " \
           "there)" in found
    assert not any("the-secret-line" in m or "secret" in m for m in found)


def test_a_directory_in_place_of_a_file(data):
    (data / "regions.csv").unlink()
    (data / "regions.csv").mkdir()
    found = [str(p) for p in datasets.check_all()]
    assert "data/regions.csv:0:-: is not a regular file (expected a CSV file, found a folder or device)" in found


def test_update_hashes_with_a_file_missing_names_it(data):
    (data / "regions.csv").unlink()
    with pytest.raises(DataError) as e:
        datasets.update_hashes()
    assert [str(p) for p in e.value.problems] == [
        "data/regions.csv:0:-: file is missing (listed in data/datapackage.json)"]


def test_a_foreign_key_to_another_table_and_a_composite_key(data):
    package = descriptor(data)
    i = resource_index(package, "referendum_turnout_hourly")
    package["resources"][i]["schema"]["foreignKeys"].append(
        {"fields": "region_code", "reference": {"resource": "regions", "fields": "region_code"}})
    write_descriptor(data, package)
    found = [m for m in problems(expect_hash_message=False) if "region_code" in m]
    # national rows use the code KZ, which is not a region: the check works on a table other than sources
    assert found and all("is not a region_code in data/regions.csv" in m and "'KZ'" in m for m in found)


PROVENANCE = {
    "a found value without its source": (
        "referendum_regions.csv", lambda line: line.startswith(b"2022-06-05,KZ-15,no_pct"),
        lambda line: line.replace(b",informburo_regions,", b",,", 1),
        "source_id: is empty (expected the id of the page that gives this row's value)"),
    "a missing value that names a source": (
        "referendum_regions.csv", lambda line: b",,,final,,," in line or line.startswith(b"2022-06-05,KZ-11,ballots_cast,"),
        lambda line: line.replace(b",final,,", b",final,abai_153057,", 1),
        "source_id: names 'abai_153057' but the row has no value (expected an empty source_id where nothing was "
        "found, and a note saying what was searched)"),
    "a missing value without a note saying what was searched": (
        # (every number of court_rulings.csv is now dated, so a row of another table with a not-found note is used)
        "referendum_turnout_hourly.csv", lambda line: line.startswith(b"2026-03-15,KZ-47,20:00,,,Not found"),
        lambda line: line.replace(b"Not found", b"Nothing", 1),
        "note: expected a note starting 'Not found' that says what was searched (the row has no value)"),
}


@pytest.mark.parametrize("case", sorted(PROVENANCE))
def test_a_source_is_named_exactly_when_a_value_is_present(data, case):
    name, which, change, expected = PROVENANCE[case]
    path = data / name
    lines = path.read_bytes().split(b"\n")
    i = next(i for i, line in enumerate(lines) if i and which(line))
    lines[i] = change(lines[i])
    path.write_bytes(b"\n".join(lines))
    assert problems() == [f"data/{name}:{i + 1}:{expected}"]


def test_reform_measures_steps_and_values(data):
    m = datasets.load("reform_measures")
    numeric = m[m["unit"] != "text"]
    number = r"((more than|at least|about) )?[0-9]+"  # a number, as published with its hedge
    assert numeric["value_after"].str.fullmatch(number).all()
    for _, steps in m.groupby("measure_id"):
        dates = steps.sort_values("step")["date_adopted"].dropna().tolist()
        assert dates == sorted(dates), steps["measure_id"].iloc[0]
        # a later step starts where the earlier one ended
        values = steps.sort_values("step")
        assert (values["value_before"].iloc[1:].tolist() == values["value_after"].iloc[:-1].tolist()) or \
            len(values) == 1 or values["unit"].iloc[0] == "text", steps["measure_id"].iloc[0]


@pytest.mark.parametrize("pattern,safe", [("(I|II|III|IV|V)", True), ("[0-9]{1,3}(-[0-9]{1,2})?|(I|II|IX)", True),
                                          ("(I|II)+", False), ("(a|a)*c", False), ("(K+)+Z", False)])
def test_alternatives_that_start_alike_are_refused_only_when_repeated(pattern, safe):
    from kzreform.validate import unsafe_pattern
    assert (unsafe_pattern(pattern) is None) == safe, unsafe_pattern(pattern)
