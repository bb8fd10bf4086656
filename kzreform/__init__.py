"""Helpers for a reproducible data analysis of Kazakhstan's constitutional reform.

Data flows one way: data/*.csv -> kzreform.datasets.load -> pure functions -> charts.
"""

__version__ = "0.6.0"
