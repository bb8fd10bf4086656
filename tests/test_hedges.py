"""Hedge arithmetic, table-driven: every combination the project uses gives the right qualifier and no more
precision than its inputs."""

import pytest

from kzreform import wording
from kzreform.hedges import Hedged, round_sig, significant_figures

H = Hedged.published

# (numerator, denominator) as published -> qualifier of the ratio
RATIOS = [
    (("exact", "exact"), "exact"),
    (("more than", "exact"), "more than"),
    (("exact", "more than"), "less than"),
    (("about", "exact"), "about"),
    (("exact", "about"), "about"),
    (("about", "more than"), "less than about"),
    (("more than", "about"), "more than about"),
    (("about", "about"), "about"),
    (("more than", "more than"), "undetermined"),
    (("less than", "more than"), "less than"),
    (("at least", "exact"), "at least"),
    (("exact", "at least"), "up to"),
    (("exact", "less than"), "more than"),
    (("up to", "exact"), "up to"),
    (("almost", "exact"), "less than about"),
]


@pytest.mark.parametrize("qualifiers,expected", RATIOS, ids=[f"{a}/{b}" for (a, b), _ in RATIOS])
def test_ratio_qualifier(qualifiers, expected):
    a, b = qualifiers
    assert (H(4000, a) / H(140, b)).qualifier == expected


SUMS = [(("exact", "exact"), "exact"), (("more than", "exact"), "more than"), (("more than", "more than"), "more than"),
        (("more than", "less than"), "undetermined"), (("about", "more than"), "more than about")]
DIFFERENCES = [(("more than", "exact"), "more than"), (("more than", "less than"), "more than"),
               (("more than", "more than"), "undetermined"), (("exact", "more than"), "less than"),
               (("about", "exact"), "about")]


@pytest.mark.parametrize("qualifiers,expected", SUMS)
def test_sum_qualifier(qualifiers, expected):
    assert (H(5000, qualifiers[0]) + H(200, qualifiers[1])).qualifier == expected


@pytest.mark.parametrize("qualifiers,expected", DIFFERENCES)
def test_difference_qualifier(qualifiers, expected):
    assert (H(5000, qualifiers[0]) - H(200, qualifiers[1])).qualifier == expected


def test_rates_and_shares_keep_the_hedge():
    assert (H(4000, "about") / 0.6653).qualifier == "about"            # a rate: exact years
    assert (H(78, "exact") / H(10000, "more than") * 100).qualifier == "less than"  # a share of a lower bound


@pytest.mark.parametrize("value,sig", [(4000, 2), (13000, 2), (10500, 3), (140, 2), (5.2, 2), (11734642, 8),
                                       (200, 2), (77.18, 4)])
def test_significant_figures_of_published_numbers(value, sig):
    assert significant_figures(value) == sig


@pytest.mark.parametrize("value,sig,bound,expected", [
    (6012.3457, 2, "point", 6000), (4614.43, 2, "lower", 4600), (5.265, 2, "upper", 5.3), (485.796, 2, "upper", 490),
    (1151.32, 2, "point", 1200), (9.4987, 2, "lower", 9.4), (25.35, 2, "lower", 25), (0.0784, 2, "upper", 0.079)])
def test_rounding_toward_safety(value, sig, bound, expected):
    assert round_sig(value, sig, bound) == pytest.approx(expected)


@pytest.mark.parametrize("value,expected", [
    (H(4000, "about") / (243 / 365.25), "about 6,000"),            # not "about 6,012"
    (H(10000, "more than") / (904 / 365.25), "more than 4,000"),
    (H(13000, "about") / (1029 / 365.25) / (H(190, "more than") / (7306 / 365.25)), "at most about 490"),  # an upper bound reads "at most", never "less than about"
    (H(74) / (983 / 365.25) / (H(140, "more than") / (9792 / 365.25)), "at most 5.3"),
    (H(4000, "about") / (243 / 365.25) / (H(140, "more than") / (9792 / 365.25)), "at most about 1,200"),
    (H(74) / (983 / 365.25), "27.5"),                              # exact counts keep their precision
    (H(5000, "more than") / (365 / 365.25), "more than 5,000"),
    (H(10000, "more than") - H(5000, "more than"), "undetermined"),
])
def test_words_show_no_more_precision_than_the_inputs(value, expected):
    assert wording.hedged(value) == expected


def test_short_forms():
    assert wording.times_short(H(13000, "about") / H(190, "more than")) == "at most about 69×"  # words, no signs
    assert wording.times(H(74) / H(14)) == "5.29 times"
    assert wording.short(H(5000, "more than") / 2) == "more than 2,500"
    assert wording.published(11734642) == "11,734,642"
