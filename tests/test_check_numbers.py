"""`check` prints counts as a reader writes them: whole numbers with thousands separators, never 7.24156e+06."""

from kzreform.rules import readable as num

from test_corrupt import data, edit_line, problems, replace  # noqa: F401  (the data fixture)


def test_numbers_in_messages():
    assert num(7241562.0) == "7,241,562" and num(500) == "500" and num(-3.0) == "-3"
    assert num(63.6) == "63.6" and num(0.125) == "0.125" and num(12.3456789) == "12.345679"


def test_a_one_vote_difference_reads_in_whole_votes(data):
    edit_line(data, "mazhilis_totals.csv", 8, replace(b",7241562,", b",7241563,"))
    found = [m for m in problems() if "list_votes_total" in m]
    assert found and "7,241,563" in found[0] and "7,241,562" in found[0], found
    assert "e+" not in " ".join(found)
