"""Unit tests of the parsing and checking rules (file, row, column and expectation in each message)."""

import datetime as dt

from kzreform.validate import (Problem, check_header, check_records, decode, parse_cell, read_rows)

FIELDS = [{"name": "id", "type": "string", "constraints": {"required": True}},
          {"name": "n", "type": "integer", "constraints": {"minimum": 0}},
          {"name": "d", "type": "date"},
          {"name": "q", "type": "string", "constraints": {"enum": ["exact", "about"]}}]
SCHEMA = {"fields": FIELDS, "primaryKey": ["id"]}


def test_parse_cell_types():
    assert parse_cell("42", {"type": "integer"}) == (42, None)
    assert parse_cell("", {"type": "integer"}) == (None, None)
    assert parse_cell("2023-01-01", {"type": "date"}) == (dt.date(2023, 1, 1), None)
    assert parse_cell("77.18", {"type": "number"}) == (77.18, None)
    assert parse_cell("3 000", {"type": "integer"})[1] == \
        "expected a whole number without separators or spaces, found '3 000'"
    assert parse_cell("77,18", {"type": "number"})[1] == \
        "expected a number with a decimal point and no separators, found '77,18'"
    assert parse_cell("01.06.2022", {"type": "date"})[1] == "expected a date as YYYY-MM-DD, found '01.06.2022'"
    assert parse_cell("2022-02-30", {"type": "date"})[1] == "expected a date as YYYY-MM-DD, found '2022-02-30'"


def test_header_problems_name_the_column():
    assert check_header("f.csv", ["id", "n", "d", "q"], FIELDS) == []
    assert check_header("f.csv", ["id", "n", "d"], FIELDS) == [
        Problem("f.csv", 1, "q", "column is missing (expected columns: id,n,d,q)")]
    assert check_header("f.csv", ["id;n;d;q"], FIELDS)[0].message.startswith("header is separated by semicolons")


def test_records_report_every_problem_with_its_row():
    header, records, problems = read_rows("f.csv", "id,n,d,q\na,1,2023-01-01,exact\na,-1,,maybe\n,2,,\n")
    assert problems == []
    _, _, problems = check_records("f.csv", header, records, SCHEMA)
    assert [str(p) for p in problems] == [
        "f.csv:3:n: expected at least 0, found -1",
        "f.csv:3:q: expected one of exact, about; found 'maybe'",
        "f.csv:4:id: is empty (expected a value: this column is required)",
        "f.csv:3:id: duplicate key (id=a) already on row 2 (expected each key once)",
    ]


def test_decode_accepts_bom_and_names_the_row_of_bad_bytes():
    assert decode("f.csv", b"\xef\xbb\xbfid\n") == ("id\n", [])
    text, problems = decode("f.csv", "id\nAlmaty\nАлматы\n".encode("cp1251"))
    assert text is None and problems[0].row == 3 and "is not UTF-8" in problems[0].message


def test_empty_file_and_unescaped_quote():
    assert read_rows("f.csv", "")[2][0].message.startswith("file is empty")
    _, _, problems = read_rows("f.csv", 'id,n\n"a,1\n')
    assert problems and "unescaped quote" in problems[0].message
