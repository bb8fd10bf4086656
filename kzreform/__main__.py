"""Command line: python -m kzreform reproduce | check | figures | report | export.

Every option is validated before anything is drawn or written; a problem is reported in one line naming
what was expected (exit status 2 for a bad option, 1 for bad data or a failed run, 130 when interrupted),
never as a traceback. Set KZREFORM_DEBUG=1 to see the traceback of an unexpected error.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

PROG = "python -m kzreform"  # how the command was called; main() says "kzreform" for the installed command
# The largest PNG `figures` draws: 150 million pixels take about 600 MB while drawn (a 13.3 x 7.5 in slide at
# 600 dpi is 36 million; 40 x 40 in at 1200 dpi would be 2,304 million and exhaust the memory).
PIXEL_BUDGET = 150_000_000
# Which extra of an installed package brings a missing module (pip install "kzreform[EXTRA]").
EXTRAS = {"openpyxl": "export", "pyarrow": "export", "ipywidgets": "notebooks", "voila": "app"}


def _called_as(argv0: str) -> str:
    name = Path(argv0 or "").name
    return name.removesuffix(".exe") if name.startswith("kzreform") and name != "kzreform.py" else "python -m kzreform"


def needs_checkout(command: str) -> None:
    """Refuse, in one line, a command that works only in a checkout of the project (not an installed copy)."""
    from . import paths
    if not paths.CHECKOUT:
        raise CheckoutError(f"needs a checkout of the project (its notebooks/, figures/ and lock), not the package "
                            f"installed in {paths.ROOT}: clone or download the project's repository and run "
                            f"`make {command}` in it (see its README)")


class CheckoutError(RuntimeError):
    """A command that needs the project's folder was run from an installed copy; exit status 2."""


class UsageError(ValueError):
    """An option value the command cannot use; exit status 2."""


def _reproduce(args) -> int:
    needs_checkout("reproduce")
    from .runner import reproduce
    return reproduce(args.notebooks, force=args.force, jobs=args.jobs, timeout=args.timeout)


def _check(args) -> int:
    from .datasets import check_all, update_hashes
    if args.update_hashes:
        changed = update_hashes()
        print(f"updated the recorded hash of {len(changed)} file(s): {', '.join(changed) or 'none'}")
    _say_which_data("check")
    from .runner import tracked_in_ignored_folders
    problems = [str(p) for p in check_all()]
    problems += [f"{path}:0:-: is tracked by git but lies in a folder git ignores (expected nothing committed under "
                 ".cache/, reports/, exports/, .venv/ or matching .gitignore: a clone would take it for what the "
                 f"program wrote itself; `git rm --cached {path}`)" for path in tracked_in_ignored_folders()]
    for p in problems:
        print(p)
    n = len(problems)
    print(f"{n} problem{'s' * (n != 1)} found" if n else "data OK: every file matches its schema, "
          "its domain rules and its recorded hash; git tracks nothing in an ignored folder")
    return 1 if n else 0


def _say_which_data(command: str) -> None:
    """In a checkout, KZREFORM_DATA pointing elsewhere is said loudly (reproduce refuses it outright)."""
    from .runner import data_from_elsewhere
    elsewhere = data_from_elsewhere()
    if elsewhere:
        print(f"{PROG} {command}: NOTE: reading the data in {elsewhere} (KZREFORM_DATA is set), not this checkout's "
              "data/; unset KZREFORM_DATA to use the checkout's", file=sys.stderr, flush=True)


def output_folder(text: str, what: str) -> Path:
    """A folder the command may write to: created if needed, writable, and not a folder of committed files."""
    from . import paths
    folder = Path(text).expanduser()
    resolved = folder.resolve()
    for protected in (paths.FIGURES, paths.DATA, paths.NOTEBOOKS, paths.ROOT / "kzreform", paths.ROOT / "tests") \
            if paths.CHECKOUT else (paths.ROOT,):  # an installed copy: nothing goes into site-packages
        if resolved == protected.resolve() or protected.resolve() in resolved.parents:
            if not paths.CHECKOUT:
                raise UsageError(f"--out {text}: inside the installed packages ({protected}); {what} go to "
                                 "another folder, such as one in the current folder")
            raise UsageError(f"--out {text}: {paths.relative(protected)}/ holds committed files; {what} go to "
                             f"another folder ({PROG} reproduce writes figures/)")
    if resolved == paths.ROOT.resolve():
        raise UsageError(f"--out {text}: the project folder itself; choose a subfolder such as reports/")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out {text}: is a file, not a folder (expected a folder to write {what} to)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".kzreform-write-test.tmp"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise UsageError(f"--out {text}: cannot write there ({e.strerror or e}); choose a writable folder") from None
    return folder


def _figures(args) -> int:
    from . import exhibits, i18n
    if args.list:
        ready = set(exhibits.editions(args.lang)) if i18n.locale(args.lang).edition else None
        for e in exhibits.listing():
            status = "" if ready is None else f"{'ready' if e['name'] in ready else 'not yet':<8} "
            print(f"{e['name']:<42} {e['notebook']:<24} {status}{e['title']}")
        if ready is not None:
            from . import i18n
            print(f"{len(ready)} of {len(exhibits.listing())} charts have a {i18n.IN_ENGLISH[args.lang]} edition")
        return 0
    _say_which_data("figures")
    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    if not formats:
        raise UsageError(f"--format {args.format!r}: no format given (expected some of: "
                         f"{', '.join(exhibits.FORMATS)}, separated by commas)")
    try:
        names, formats = exhibits.check_request(args.names, formats)
    except exhibits.ExportError as e:
        raise UsageError(str(e)) from None
    titles = not args.no_title
    too_small = []
    for name in names:  # every size is checked before anything is drawn
        try:
            canvas = exhibits.canvas_for(name, args.width, args.height, titles)
        except exhibits.ExportError as e:
            if args.names or len(too_small) == len(names) - 1:  # a chart asked by name, or none fits: refused
                raise UsageError(str(e)) from None
            too_small.append((name, str(e)))  # every chart asked: those that need more room are left out, said so
            continue
        pixels = canvas.width * canvas.height * args.dpi ** 2
        if "png" in formats and pixels > PIXEL_BUDGET:
            raise UsageError(f"--dpi {args.dpi} at {canvas.width:g} x {canvas.height:g} in makes a PNG of "
                             f"{pixels / 1e6:,.0f} million pixels ({name}); expected at most {PIXEL_BUDGET / 1e6:,.0f} "
                             "million (lower --dpi or the size, or ask for svg or pdf, which have no pixels)")
    for name, why in too_small:
        print(f"  left out {why}", flush=True)
    names = [n for n in names if n not in dict(too_small)]
    if i18n.locale(args.lang).edition:
        missing = [n for n in names if not exhibits.edition_ready(n, args.lang)]
        if missing:
            raise UsageError(f"--lang {args.lang}: no {i18n.IN_ENGLISH[args.lang]} edition yet of "
                             f"{', '.join(missing)} (`{PROG} figures --list --lang {args.lang}` lists the charts "
                             "that have one)")
    folder = args.out or str(exhibits.default_out() / args.lang if i18n.locale(args.lang).edition
                             else exhibits.default_out())
    out = output_folder(folder, "figures")
    import time
    done = 0
    for i, name in enumerate(names, 1):
        start = time.perf_counter()
        try:
            written = exhibits.render(name, formats, args.dpi, args.width, args.height, out, titles, args.svg_text,
                                      args.lang)
        except exhibits.ExportError as e:  # not legible at this size: the smallest size that works is named
            if args.names:  # a chart asked by name is refused; of every chart, it is left out like those above
                raise UsageError(str(e)) from None
            print(f"  left out {e}", flush=True)
            continue
        done += 1
        print(f"  [{i}/{len(names)}] {name}: {', '.join(p.name for p in written)}  "
              f"{time.perf_counter() - start:.1f} s", flush=True)
    if not done:
        raise UsageError("no chart is legible at the size asked (each is named above with the smallest size that works)")
    print(f"{done} figure{'s' * (done != 1)} in {out}", flush=True)
    return 0


def _report(args) -> int:
    from . import paths
    needs_checkout("report")
    from .report import build
    _say_which_data("report")
    langs = tuple(dict.fromkeys(args.lang)) if args.lang else ("en", "ru", "kk")
    build(output_folder(args.out or str(paths.REPORTS), "reports"), langs=langs)
    return 0


def _export(args) -> int:
    from . import paths
    from .export import write_all
    _say_which_data("export")
    out = output_folder(args.out or str(paths.output("exports")), "exports")
    written = write_all(out)
    print(f"{len(written)} files in {out}")
    return 0


def _app(args) -> int:
    needs_checkout("app")
    from .app import serve
    return serve(args.port, max_kernels=args.max_kernels, idle_minutes=args.idle_minutes)


def _lab(args) -> int:
    needs_checkout("lab")
    from .app import lab
    return lab(args.extra)


def number(kind, low: float, high: float, what: str):
    """An argparse type: a finite number of `kind` between low and high."""
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what} between {low:g} and {high:g}, found {text!r}") from None
        if not (isinstance(value, int) or math.isfinite(value)) or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected {what} between {low:g} and {high:g}, found {text!r}")
        return value
    return parse


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    from . import __version__
    p.add_argument("--version", action="version", version=f"kzreform {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("reproduce", help="execute the notebooks (skipping unchanged ones) and export figures")
    s.add_argument("notebooks", nargs="*", help="notebook names (default: all)")
    s.add_argument("--force", action="store_true", help="run even notebooks whose inputs are unchanged")
    s.add_argument("--jobs", type=number(int, 1, 64, "a whole number of notebooks"), default=None,
                   help="notebooks run at once (default: number of cores)")
    s.add_argument("--timeout", type=number(int, 1, 86400, "a whole number of seconds"), default=600,
                   help="seconds a cell may take (default 600)")
    s.set_defaults(func=_reproduce)

    s = sub.add_parser("check", help="validate every data file; list every problem")
    s.add_argument("--update-hashes", action="store_true",
                   help="record the current sha256 and size of each data file in datapackage.json first")
    s.set_defaults(func=_check)

    s = sub.add_parser("figures", help="render figures at another size, resolution or format into reports/figures/ "
                                       "(the committed figures/ are never touched)")
    s.add_argument("names", nargs="*", help="figure names (default: all; see --list)")
    s.add_argument("--list", action="store_true", help="list every figure with its notebook and title")
    s.add_argument("--format", default="png,svg,pdf", help="comma-separated: png, svg, pdf (default: all three)")
    s.add_argument("--dpi", type=number(int, 50, 1200, "a whole number of dots per inch"), default=200,
                   help="resolution of PNG output (default 200)")
    s.add_argument("--width", type=number(float, 1, 40, "a width in inches"), default=None,
                   help="width in inches (default: the figure's)")
    s.add_argument("--height", type=number(float, 1, 40, "a height in inches"), default=None,
                   help="height in inches (default: the figure's)")
    s.add_argument("--out", default=None, help="folder to write to (default: reports/figures in the project)")
    s.add_argument("--no-title", action="store_true",
                   help="caption mode: no title, subtitle or source line on the image; NAME.txt beside it holds them "
                        "and the alt text, ready to paste (holds down to 3.5 x 2.5 in)")
    s.add_argument("--svg-text", action="store_true",
                   help="SVG with real text (searchable, editable, translatable; needs the DejaVu Sans font to look "
                        "the same) instead of text drawn as paths (the default: looks the same everywhere)")
    s.add_argument("--lang", choices=["en", "ru", "kk"], default="en",
                   help="language of every word on the figure and of its caption and alt text: en (default), ru "
                        "(Russian) or kk (Kazakh); other languages go to reports/figures/LANG")
    s.set_defaults(func=_figures)

    s = sub.add_parser("export", help="write the data as Excel, Parquet, SQLite (with Datasette metadata) and a zip "
                                      "of the CSVs to exports/")
    s.add_argument("--out", default=None, help="folder (default: exports/ in the project; for an installed copy, "
                                               "exports/ in the current folder)")
    s.set_defaults(func=_export)

    s = sub.add_parser("report", help="write self-contained HTML reports of the notebooks to reports/, and every "
                                      "chart in Russian and Kazakh to reports/ru/ and reports/kk/")
    s.add_argument("--out", default=None, help="folder (default: reports/ in the project)")
    s.add_argument("--lang", choices=("en", "ru", "kk"), default=None, action="append",
                   help="only this language: en (the notebooks' reports and the index), ru (Russian) or kk (Kazakh); "
                        "give it twice for two (default: all three)")
    s.set_defaults(func=_report)

    s = sub.add_parser("app", help="serve the explorers as a local web page with no code (127.0.0.1, free port; "
                                   "Ctrl-C stops)")
    s.add_argument("--port", type=number(int, 1024, 65535, "a port number"), default=None,
                   help="port (default: a free one)")
    s.add_argument("--max-kernels", type=number(int, 1, 64, "a whole number of kernels"), default=4,
                   help="pages served at once, one kernel (about 200 MB) each; more are refused (default 4)")
    s.add_argument("--idle-minutes", type=number(float, 0.1, 1440, "a number of minutes"), default=10,
                   help="a kernel nobody is connected to is stopped after this long (default 10)")
    s.set_defaults(func=_app)

    s = sub.add_parser("lab", help="open JupyterLab on the notebooks with the project's kernel, no news pop-ups")
    s.epilog = "Other options go to JupyterLab, e.g. --no-browser --port=8899."
    s.set_defaults(func=_lab)
    return p


def _safe_streams() -> None:
    """Messages print under any terminal encoding: characters it cannot show are escaped, not fatal."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def main(argv=None) -> int:
    global PROG
    PROG = _called_as(sys.argv[0] if argv is None and sys.argv else "")
    _safe_streams()
    from .validate import DataError
    command = PROG
    try:
        p = parser()
        args, extra = p.parse_known_args(argv)
        if extra and args.command != "lab":
            p.error(f"unrecognized arguments: {' '.join(extra)}")
        args.extra = extra
        command = f"{PROG} {args.command}"
        return args.func(args)
    except KeyboardInterrupt:
        print(f"{command}: interrupted; committed outputs were left as they were", file=sys.stderr)
        return 130
    except (UsageError, CheckoutError) as e:
        print(f"{command}: {e}", file=sys.stderr)
        return 2
    except DataError as e:
        print(f"{command}: {e}\nRun `{PROG} check` for every problem.", file=sys.stderr)
        return 1
    except ModuleNotFoundError as e:  # run outside the project's environment: say how to get it
        if os.environ.get("KZREFORM_DEBUG"):
            raise
        from . import paths
        if not paths.CHECKOUT:
            extra = EXTRAS.get((e.name or "").split(".")[0], "notebooks")
            print(f"{command}: this Python ({sys.executable}) lacks the package {e.name!r} this command needs: "
                  f"install the package again with its {extra!r} extra, e.g. pip install \".[{extra}]\" in the "
                  "project's folder", file=sys.stderr)
            return 1
        print(f"{command}: this Python ({sys.executable}) lacks the package {e.name!r} the project needs: "
              "run `make reproduce` once (it installs everything into .venv), then `.venv/bin/python -m kzreform`; "
              "without make, follow the README's plain-Python steps", file=sys.stderr)
        return 1
    except Exception as e:  # no traceback for any input; the message says what went wrong
        if os.environ.get("KZREFORM_DEBUG"):
            raise
        from .runner import RunError
        from .layout import LayoutError
        if isinstance(e, LayoutError):
            print(f"{command}: the figure cannot hold its text at this size ({e}); try a larger size or --no-title",
                  file=sys.stderr)
            return 2
        from .app import AppError
        if isinstance(e, (RunError, OSError, AppError)):
            print(f"{command}: {e}", file=sys.stderr)
        else:
            print(f"{command}: unexpected error: {type(e).__name__}: {e} (set KZREFORM_DEBUG=1 to see where)",
                  file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
