"""A corpus of corrupted copies of the real data: each is refused with file, row, column and what to fix.

Decisions on unusual but unambiguous input: a UTF-8 byte-order mark, Windows (CRLF) and mixed line
endings are accepted (spreadsheet programs write them; the cells are unchanged); any other encoding is
refused, because Latin-1 and Windows-1251 bytes cannot be told apart reliably.
"""

import shutil

import pytest

from kzreform import datasets, paths
from kzreform.validate import DataError

CASELOAD = "data/court_caseload.csv"
HASH = "changed since its hash was recorded"


@pytest.fixture
def data(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(paths.DATA, folder)
    monkeypatch.setattr(paths, "DATA", folder)
    monkeypatch.setattr(paths, "DATAPACKAGE", folder / "datapackage.json")
    return folder


def edit_line(folder, name, line, change):
    path = folder / name
    lines = path.read_bytes().split(b"\n")
    lines[line - 1] = change(lines[line - 1])
    path.write_bytes(b"\n".join(lines))


def problems(expect_hash_message=True):
    found = [str(p) for p in datasets.check_all()]
    hashes = [m for m in found if HASH in m]
    if expect_hash_message:
        assert hashes, "a changed file must be reported as changed since its hash was recorded"
    return [m for m in found if HASH not in m]


def replace(old: bytes, new: bytes):
    def change(line):
        assert old in line, (old, line)
        return line.replace(old, new, 1)
    return change


ROW2 = b"constitutional_court,appeals_received,count,2023-01-01,2023-01-23,500,more than,kursiv_2023_01_23"

CASES = {
    "missing column": ("court_caseload.csv", 1, replace(b",qualifier,", b","),
                       [f"{CASELOAD}:1:qualifier: column is missing (expected columns: body,measure,unit,period_start,"
                        "period_end,value,qualifier,source_id,weak,note)"]),
    "extra column": ("court_caseload.csv", 1, replace(b",note", b",note,comment"),
                     [f"{CASELOAD}:1:comment: column is not in the schema (expected columns: body,measure,unit,"
                      "period_start,period_end,value,qualifier,source_id,weak,note)"]),
    "renamed column": ("court_caseload.csv", 1, replace(b",value,", b",count,"),
                       [f"{CASELOAD}:1:count: column is not in the schema (expected columns: body,measure,unit,"
                        "period_start,period_end,value,qualifier,source_id,weak,note)",
                        f"{CASELOAD}:1:value: column is missing (expected columns: body,measure,unit,period_start,"
                        "period_end,value,qualifier,source_id,weak,note)"]),
    "columns out of order": ("court_caseload.csv", 1, replace(b"body,measure", b"measure,body"),
                             [f"{CASELOAD}:1:-: columns are in the wrong order (expected body,measure,unit,period_start,"
                              "period_end,value,qualifier,source_id,weak,note, found measure,body,unit,period_start,"
                              "period_end,value,qualifier,source_id,weak,note)"]),
    "space inside a number": ("court_caseload.csv", 2, replace(b",500,", b",5 000,"),
                              [f"{CASELOAD}:2:value: expected a number with a decimal point and no separators, "
                               "found '5 000'"]),
    "thousands separator": ("court_caseload.csv", 2, replace(b",500,", b',"5,000",'),
                            [f"{CASELOAD}:2:value: expected a number with a decimal point and no separators, "
                             "found '5,000'"]),
    "decimal comma": ("mazhilis_results.csv", 2, replace(b",71.09,", b',"71,09",'),
                      ["data/mazhilis_results.csv:2:list_share_pct: expected a number with a decimal point and no "
                       "separators, found '71,09'"]),
    "not a number": ("mazhilis_results.csv", 2, replace(b",5148074,", b",n/a,"),
                     ["data/mazhilis_results.csv:2:list_votes: expected a whole number without separators or spaces, "
                      "found 'n/a'"]),
    "negative count": ("court_caseload.csv", 2, replace(b",500,", b",-500,"),
                       [f"{CASELOAD}:2:value: expected at least 0, found -500"]),
    "share above 100": ("court_caseload.csv", 3, replace(b",90,", b",190,"),
                        [f"{CASELOAD}:3:value: a share must lie between 0 and 100 (found 190)"]),
    "date in another format": ("court_caseload.csv", 2, replace(b",2023-01-23,", b",23.01.2023,"),
                               [f"{CASELOAD}:2:period_end: expected a date as YYYY-MM-DD, found '23.01.2023'"]),
    "impossible date": ("court_caseload.csv", 2, replace(b",2023-01-23,", b",2023-02-30,"),
                        [f"{CASELOAD}:2:period_end: expected a date as YYYY-MM-DD, found '2023-02-30'"]),
    "period ends before it starts": ("court_caseload.csv", 2, replace(b",2023-01-23,", b",2022-12-23,"),
                                     [f"{CASELOAD}:2:period_end: ends before it starts (expected a date on or after "
                                      "period_start 2023-01-01, found 2022-12-23)"]),
    "empty required field": ("court_caseload.csv", 2, replace(b",more than,", b",,"),
                             [f"{CASELOAD}:2:qualifier: is empty (expected a value: this column is required)"]),
    "qualifier outside the vocabulary": ("court_caseload.csv", 2, replace(b",more than,", b",over,"),
                                         [f"{CASELOAD}:2:qualifier: expected one of exact, about, more than, at least, "
                                          "almost, less than, up to; found 'over'"]),
    "unknown source id": ("court_caseload.csv", 2, replace(b",kursiv_2023_01_23,", b",kursiv_2023,"),
                          [f"{CASELOAD}:2:source_id: 'kursiv_2023' is not a source_id in data/sources.csv "
                           "(expected an id listed there)"]),
    "unknown cross-check source": ("mazhilis_results.csv", 2, replace(b";zonakz_kaztag_2021_final", b";zonakz"),
                                   ["data/mazhilis_results.csv:2:cross_check_source_ids: 'zonakz' is not a source_id in "
                                    "data/sources.csv (expected ids listed there, separated by ';')"]),
    "region code not ISO 3166-2:KZ": ("regions.csv", 2, replace(b"KZ-11,", b"KZ-AKM,"),
                                      ["data/regions.csv:2:region_code: expected an ISO 3166-2:KZ code such as KZ-75, "
                                       "found 'KZ-AKM'"]),
    "truncated last line": ("court_caseload.csv", 80, lambda line: line[:40],
                            [f"{CASELOAD}:80:-: has 2 cells (expected 10, one per column; check commas and quotes)"]),
    "trailing garbage": ("court_caseload.csv", 2, lambda line: line + b",see above",
                         [f"{CASELOAD}:2:-: has 11 cells (expected 10, one per column; check commas and quotes)"]),
    "unescaped quote": ("court_caseload.csv", 2, replace(b",kursiv_2023_01_23,", b',"kursiv_2023_01_23,'),
                        [f"{CASELOAD}:2:-: cannot be parsed as CSV (',' expected after '\"'); check for an "
                         "unescaped quote in this row"]),
    "blank line": ("court_caseload.csv", 3, lambda line: b"\n" + line,
                   [f"{CASELOAD}:3:-: blank line (expected a data row; delete it)"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_corrupted_file_is_refused_with_its_place(data, case):
    name, line, change, expected = CASES[case]
    edit_line(data, name, line, change)
    assert problems() == expected
    with pytest.raises(DataError) as e:
        datasets.load(name.removesuffix(".csv"))
    assert [str(p) for p in e.value.problems] == expected  # loading in a notebook raises the same messages


def test_semicolon_delimiter(data):
    path = data / "court_caseload.csv"
    path.write_bytes(path.read_bytes().replace(b",", b";"))
    assert problems()[0] == (f"{CASELOAD}:1:-: header is separated by semicolons (expected commas: body,measure,unit,"
                             "period_start,period_end,value,qualifier,source_id,weak,note)")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1251"])
def test_other_encodings_are_refused_with_the_row(data, encoding):
    path = data / "court_caseload.csv"
    text = path.read_text(encoding="utf-8").replace("Cross-check", "Crоss-check" if encoding == "cp1251" else "Cröss-check")
    path.write_bytes(text.encode(encoding, errors="replace"))
    found = problems()
    assert len(found) == 1 and found[0].startswith(f"{CASELOAD}:2:-: is not UTF-8 text (expected UTF-8, found bytes")
    assert found[0].endswith("re-save the file as UTF-8)")


def test_empty_file_and_header_only(data):
    (data / "court_caseload.csv").write_bytes(b"")
    head = (data / "court_access.csv").read_bytes().split(b"\n")[0] + b"\n"
    (data / "court_access.csv").write_bytes(head)
    assert problems() == [
        "data/court_access.csv:0:-: has a header but no data rows (expected at least one row)",
        f"{CASELOAD}:0:-: file is empty (expected a header row and data rows)"]


def test_duplicate_key(data):
    path = data / "court_caseload.csv"
    lines = path.read_bytes().split(b"\n")
    lines.insert(3, lines[1])
    path.write_bytes(b"\n".join(lines))
    assert problems() == [f"{CASELOAD}:4:body+measure+period_start+source_id: duplicate key "
                          "(body=constitutional_court, measure=appeals_received, period_start=2023-01-01, "
                          "source_id=kursiv_2023_01_23) already on row 2 (expected each key once)"]


def test_parts_not_adding_up_and_shares_not_matching(data):
    edit_line(data, "court_caseload.csv", 65, replace(b",71,", b",51,"))
    edit_line(data, "mazhilis_results.csv", 2, replace(b",71.09,", b",71.90,"))
    assert problems() == [
        f"{CASELOAD}:61:value: appeals by applicant from ksrk_analytics add up to 182, which does not fit more than "
        "200 (expected parts to match the total)",
        "data/mazhilis_results.csv:2:list_share_pct: published 71.9% but 5148074 of 7241562 list votes is 71.091% "
        "(expected a match to the published rounding; check for a typo)"]


def test_accepted_variants_bom_crlf_and_mixed_line_endings(data):
    path = data / "court_caseload.csv"
    raw = path.read_bytes()
    lines = raw.split(b"\n")
    mixed = b"\n".join(lines[:10]) + b"\r\n" + b"\r\n".join(lines[10:])
    for variant in (b"\xef\xbb\xbf" + raw, raw.replace(b"\n", b"\r\n"), mixed):
        path.write_bytes(variant)
        assert problems() == []
        assert len(datasets.load("court_caseload")) == 79


def test_a_file_not_in_the_package_and_a_changed_hash(data):
    (data / "extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    edit_line(data, "court_access.csv", 2, replace(b"Article 72", b"Article  72"))
    found = [str(p) for p in datasets.check_all()]
    assert found[0].startswith("data/court_access.csv:0:-: changed since its hash was recorded in "
                               "data/datapackage.json (expected sha256 sha256:")
    assert found[0].endswith("run `python -m kzreform check --update-hashes`")
    assert found[1] == "data/extra.csv:0:-: is not described in data/datapackage.json (expected a resource with its schema)"
    (data / "extra.csv").unlink()
    assert datasets.update_hashes() == ["court_access"]
    assert datasets.check_all() == []
