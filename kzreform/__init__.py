"""Helpers for a reproducible data analysis of Kazakhstan's constitutional reform.

Data flows one way: data/*.csv -> kzreform.datasets.load -> pure functions -> charts.

The public API (README, "Use the data without notebooks"): kzreform.load(name) (a typed, checked table),
kzreform.names() (the tables), kzreform.datapackage() (the descriptor), kzreform.check() (every problem);
the same in kzreform.datasets, and kzreform.export.write_all(folder). They are imported on first use, so
`import kzreform` and the command stay fast.
"""

__version__ = "0.6.0"
__all__ = ["load", "names", "datapackage", "check", "__version__"]
_PUBLIC = {"load": "load", "names": "names", "datapackage": "datapackage", "check": "check_all"}


def __getattr__(name: str):
    if name in _PUBLIC:
        from . import datasets
        return getattr(datasets, _PUBLIC[name])
    raise AttributeError(f"module 'kzreform' has no attribute {name!r}")
