"""Axis formats: numbers on an axis in the current language's format, years on a date axis, thousands separators
on a value axis, the grid of a horizontal bar chart. The house style's frame and colours are in kzreform.charts."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.ticker  # noqa: F401  (mpl.ticker)

from . import i18n


class LocalisedFormatter(mpl.ticker.Formatter):
    """A tick formatter in the current language's number format (decimal comma, no-break space between
    thousands), wrapping the one the exhibit chose."""

    def __init__(self, inner, lang: str):
        self.inner, self.lang = inner, lang

    def set_axis(self, axis):
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def set_locs(self, locs):
        self.inner.set_locs(locs)

    def get_offset(self):
        return self._local(self.inner.get_offset())

    def _local(self, text: str) -> str:
        with i18n.language(self.lang):
            return i18n.localise_number(text)

    def __call__(self, x, pos=None):
        return self._local(self.inner(x, pos))

    def format_ticks(self, values):
        return [self._local(t) for t in self.inner.format_ticks(values)]


def localise_axes(fig) -> None:
    """Numbers on every axis in the current language (tick labels an exhibit wrote itself are its own)."""
    lang = i18n.current()
    if i18n.symbols(lang)[:2] == (",", "."):  # the locale writes numbers as the formatters do (English)
        return
    numeric = (mpl.ticker.ScalarFormatter, mpl.ticker.LogFormatter, mpl.ticker.StrMethodFormatter,
               mpl.ticker.FormatStrFormatter, mpl.ticker.PercentFormatter)  # labels an exhibit set are its own
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for get, put in ((axis.get_major_formatter, axis.set_major_formatter),
                             (axis.get_minor_formatter, axis.set_minor_formatter)):
                if isinstance(get(), numeric):
                    put(LocalisedFormatter(get(), lang))


def sentence_case_legends(fig) -> None:
    """Every legend entry in sentence case, whatever the exhibit wrote ('turnout' -> 'Turnout'): the house style,
    in every language."""
    from .wording import sentence_case
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    for legend in legends:
        for text in legend.get_texts():
            text.set_text(sentence_case(text.get_text()))


def date_axis(ax, canvas=None) -> None:
    """Years as major ticks labelled '2024', quarters as minor ticks."""
    import matplotlib.dates as mdates
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def value_axis(ax, axis: str = "y") -> None:
    """Thousands separators on a value axis."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    python = lambda v, _: f"{v:,.0f}" if abs(v) >= 1000 or float(v).is_integer() else f"{v:g}"  # noqa: E731
    # the separators of the language current when the figure is drawn
    group, decimal, _ = i18n.symbols(i18n.current())
    target.set_major_formatter(lambda v, pos: python(v, pos).replace(",", "\x00").replace(".", decimal)
                               .replace("\x00", group))


def horizontal_bars(ax) -> None:
    """Grid lines along the value axis of a horizontal bar chart."""
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
