"""Command line: python -m kzreform reproduce | check."""

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

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
