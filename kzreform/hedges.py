"""Arithmetic on published values that carry a hedge ("more than 5,000", "about 4,000").

A Hedged value knows which way the published figure bounds the true one (a point, a lower bound, an upper
bound, or nothing that can be said), whether it is approximate, and how many significant figures it
carries. Sums, differences, ratios, rates and shares of hedged values carry the hedge the arithmetic
implies (a ratio over a "more than" denominator is "less than"; "about" over "more than" is "less than
about") and no more precision than their least precise hedged input ("about 4,000" has two significant
figures, and so does everything computed from it). Exact counts are exact: they limit nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

QUALIFIERS = ("exact", "about", "more than", "at least", "almost", "less than", "up to")
# (bound, strict, approximate) of each published qualifier: how the published number relates to the truth.
PUBLISHED = {"exact": ("point", False, False), "about": ("point", False, True),
             "more than": ("lower", True, False), "at least": ("lower", False, False),
             "almost": ("upper", True, True), "less than": ("upper", True, False), "up to": ("upper", False, False)}
FLIP = {"point": "point", "lower": "upper", "upper": "lower", "none": "none"}
MIN_SIGNIFICANT = 2  # "about 4,000" is read as two significant figures, never one


def significant_figures(value: float) -> int:
    """Significant figures of a published round number: 4,000 -> 2 (at least two), 10,500 -> 3, 5.2 -> 2."""
    if value == 0 or not math.isfinite(value):
        return MIN_SIGNIFICANT
    digits = f"{abs(value):.10g}".replace(".", "").lstrip("0").rstrip("0")
    if "e" in digits:
        digits = digits.split("e")[0]
    return max(MIN_SIGNIFICANT, len(digits))


@dataclass(frozen=True)
class Hedged:
    value: float
    bound: str = "point"       # point | lower | upper | none (nothing can be said of the direction)
    strict: bool = False       # a bound that excludes the value ("more than") rather than includes it
    approx: bool = False       # the value itself is approximate ("about")
    sig: int | None = None     # significant figures the value carries; None = exact
    # a ratio of two lower bounds ("more than 4,000" over "more than 7"): no bound follows, but the ratio of the
    # published figures can still be given, with that caveat in words
    minimums: bool = False
    # a rate of a count spread over a period (per_year): a reader needs a floor in whole units, and the published
    # total and the period it covers, for a floor too small to say per year
    over: tuple[float, float] | None = None   # (published total, years)

    @classmethod
    def published(cls, value: float, qualifier: str = "exact") -> "Hedged":
        """A value as published with its qualifier."""
        if qualifier not in PUBLISHED:
            raise ValueError(f"unknown qualifier {qualifier!r} (expected one of {', '.join(QUALIFIERS)})")
        bound, strict, approx = PUBLISHED[qualifier]
        sig = None if qualifier == "exact" else significant_figures(float(value))
        return cls(float(value), bound, strict, approx, sig)

    @property
    def qualifier(self) -> str:
        """The hedge in words: exact, about, more than, more than about, less than, less than about, at
        least, up to, or undetermined."""
        if self.bound == "none":
            return "undetermined"
        if self.bound == "point":
            return "about" if self.approx else "exact"
        word = {("lower", True): "more than", ("lower", False): "at least", ("upper", True): "less than",
                ("upper", False): "up to"}[(self.bound, self.strict)]
        return f"{word} about" if self.approx else word

    @property
    def is_exact(self) -> bool:
        return self.bound == "point" and not self.approx and self.sig is None

    def __truediv__(self, other) -> "Hedged":
        other = _as_hedged(other)
        if other.value == 0:
            raise ZeroDivisionError("a hedged value divided by zero")
        ratio = _combine(self.value / other.value, self, other, flip_other=other.value > 0)
        if self.bound == "lower" and other.bound == "lower":
            ratio = replace(ratio, minimums=True)
        return ratio

    def __mul__(self, other) -> "Hedged":
        """Product of non-negative values (the project multiplies only counts, rates and factors)."""
        other = _as_hedged(other)
        return _combine(self.value * other.value, self, other, flip_other=False)

    __rmul__ = __mul__

    def __add__(self, other) -> "Hedged":
        other = _as_hedged(other)
        return _combine(self.value + other.value, self, other, flip_other=False)

    def __sub__(self, other) -> "Hedged":
        other = _as_hedged(other)
        return _combine(self.value - other.value, self, other, flip_other=True)

    def at_least(self) -> "Hedged":
        """This value taken as a floor (for example a total spread over the longest period it can cover)."""
        bound = {"point": "lower", "lower": "lower"}.get(self.bound, "none")
        return replace(self, bound=bound, strict=self.strict if self.bound == "lower" else False)

    def rounded(self) -> float:
        """The value at its precision, rounded toward safety: a lower bound down, an upper bound up."""
        return round_sig(self.value, self.sig, self.bound) if self.sig else self.value


def _as_hedged(x) -> Hedged:
    return x if isinstance(x, Hedged) else Hedged(float(x))


def _bound(a: str, b: str) -> str:
    if "none" in (a, b):
        return "none"
    if a == "point":
        return b
    if b == "point" or a == b:
        return a
    return "none"


def _combine(value: float, a: Hedged, b: Hedged, flip_other: bool) -> Hedged:
    b_bound = FLIP[b.bound] if flip_other else b.bound
    a_bound = a.bound
    bound = _bound(a_bound, b_bound)
    strict = (a.strict and a_bound == bound) or (b.strict and b_bound == bound)
    sigs = [s for s in (a.sig, b.sig) if s is not None]
    return Hedged(value, bound, strict, a.approx or b.approx, min(sigs) if sigs else None)


def per_year(total: Hedged, years: float) -> Hedged:
    """A count's total spread over a period of `years` (an exact length): same hedge and precision, and it
    remembers the total and the period (a floor under one a year is said over the whole period)."""
    return replace(total / years, over=(total.value, float(years)))


def round_sig(value: float, sig: int, bound: str = "point") -> float:
    """value at `sig` significant figures; a lower bound is rounded down, an upper bound up (so "more than
    4,614" becomes "more than 4,600", which stays true)."""
    if value == 0 or not math.isfinite(value):
        return value
    exponent = math.floor(math.log10(abs(value))) - sig + 1
    step = 10.0 ** exponent
    scaled = value / step
    if bound == "lower":
        scaled = math.floor(scaled + 1e-9)
    elif bound == "upper":
        scaled = math.ceil(scaled - 1e-9)
    else:
        scaled = math.floor(scaled + 0.5)
    result = scaled * step
    return round(result, max(0, -exponent))
