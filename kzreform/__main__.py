"""Command line: python -m kzreform reproduce | check | figures | report."""

from __future__ import annotations

import argparse
import sys


def _reproduce(args) -> int:
    from .runner import reproduce
    return reproduce(args.notebooks, force=args.force, jobs=args.jobs, timeout=args.timeout)


def _check(args) -> int:
    from .datasets import check_all, update_hashes
    if args.update_hashes:
        changed = update_hashes()
        print(f"updated the recorded hash of {len(changed)} file(s): {', '.join(changed) or 'none'}")
    problems = check_all()
    for p in problems:
        print(p)
    n = len(problems)
    print(f"{n} problem{'s' * (n != 1)} found" if n else "data OK: every file matches its schema, "
          "its domain rules and its recorded hash")
    return 1 if n else 0


def _figures(args) -> int:
    from . import catalogue, exhibits
    if args.list:
        titles = {e["name"]: e["title"] for e in catalogue.figure_entries()}
        for name, (notebook, _) in exhibits.EXHIBITS.items():
            print(f"{name:<42} {notebook:<24} {titles.get(name, '(not yet rendered)')}")
        return 0
    try:
        names, formats = exhibits.check_request(args.names, [f.strip() for f in args.format.split(",") if f.strip()])
    except exhibits.ExportError as e:
        print(f"figures: {e}", file=sys.stderr)
        return 2
    from pathlib import Path
    out = Path(args.out)
    for name in names:
        written = exhibits.render(name, formats, args.dpi, args.width, args.height, out)
        print(f"wrote {', '.join(str(p) for p in written)}")
    return 0


def _report(args) -> int:
    from .report import build
    build(args.out)
    return 0


def _positive(kind):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a positive number, found {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"expected a positive number, found {text!r}")
        return value
    return parse


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kzreform", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("reproduce", help="execute the notebooks (skipping unchanged ones) and export figures")
    p.add_argument("notebooks", nargs="*", help="notebook names (default: all)")
    p.add_argument("--force", action="store_true", help="run even notebooks whose inputs are unchanged")
    p.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: number of cores)")
    p.add_argument("--timeout", type=int, default=600, help="seconds a cell may take (default 600)")
    p.set_defaults(func=_reproduce)

    p = sub.add_parser("check", help="validate every data file; list every problem")
    p.add_argument("--update-hashes", action="store_true",
                   help="record the current sha256 and size of each data file in datapackage.json first")
    p.set_defaults(func=_check)

    p = sub.add_parser("figures", help="re-render figures at another size, resolution or format (figures/ untouched)")
    p.add_argument("names", nargs="*", help="figure names (default: all; see --list)")
    p.add_argument("--list", action="store_true", help="list every figure with its notebook and title")
    p.add_argument("--format", default="png,svg,pdf", help="comma-separated: png, svg, pdf (default: all three)")
    p.add_argument("--dpi", type=_positive(int), default=200, help="resolution of PNG output (default 200)")
    p.add_argument("--width", type=_positive(float), default=None, help="width in inches (default: the figure's)")
    p.add_argument("--height", type=_positive(float), default=None, help="height in inches (default: the figure's)")
    p.add_argument("--out", default="reports/figures", help="folder to write to (default reports/figures)")
    p.set_defaults(func=_figures)

    p = sub.add_parser("report", help="write self-contained HTML reports of the notebooks to reports/")
    p.add_argument("--out", default=None, help="folder (default reports/)")
    p.set_defaults(func=_report)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
