"""Per-series sums and firsts over rows keyed by series, in NumPy.

An assessment of a few dozen series fits each model with a handful of group-bys, and pandas' groupby
costs a millisecond or more per call whatever the size: most of an assessment's time. :class:`Keyed`
does the same work with ``np.bincount`` on integer codes, in the order of ``groupby(sort=False)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Keyed:
    """Rows grouped by key: ``keys`` in order of each key's first row, ``code`` each row's position in it."""

    keys: pd.Index
    code: np.ndarray

    @classmethod
    def of(cls, keys) -> Keyed:
        code, distinct = pd.factorize(np.asarray(keys), sort=False)
        return cls(pd.Index(distinct, name="key"), code)

    def size(self) -> np.ndarray:
        """Rows per key."""
        return np.bincount(self.code, minlength=len(self.keys))

    def sum(self, values) -> np.ndarray:
        """Sum per key, a missing value counting as nothing (as pandas' ``sum``)."""
        values = np.asarray(values, dtype=float)
        return np.bincount(self.code, weights=np.where(np.isnan(values), 0.0, values), minlength=len(self.keys))

    def first_rows(self) -> np.ndarray:
        """Each key's first row (position in the rows), in the order of ``keys``."""
        first = np.full(len(self.keys), len(self.code), dtype=np.intp)
        np.minimum.at(first, self.code, np.arange(len(self.code)))
        return first

    def last_rows(self) -> np.ndarray:
        """Each key's last row (position in the rows), in the order of ``keys``."""
        last = np.full(len(self.keys), -1, dtype=np.intp)
        np.maximum.at(last, self.code, np.arange(len(self.code)))
        return last

    def previous_rows(self) -> np.ndarray:
        """Each row's previous row of the same key (position in the rows), -1 for a key's first row."""
        order = np.argsort(self.code, kind="stable")
        follows = self.code[order][1:] == self.code[order][:-1]
        previous = np.full(len(self.code), -1, dtype=np.intp)
        previous[order[1:][follows]] = order[:-1][follows]
        return previous

    def first(self, values) -> np.ndarray:
        """Each key's first value that is not missing (NaN where none is), as pandas' ``first``."""
        return self._known(values, Keyed.first_rows)

    def last(self, values) -> np.ndarray:
        """Each key's last value that is not missing (NaN where none is), as pandas' ``last``."""
        return self._known(values, Keyed.last_rows)

    def mean(self, values) -> np.ndarray:
        """Mean per key of the values that are not missing (NaN where none is)."""
        values = np.asarray(values, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return self.sum(values) / self.sum(~np.isnan(values))

    def _known(self, values, rows) -> np.ndarray:
        values = np.asarray(values, dtype=float)
        known = ~np.isnan(values)
        among_known = Keyed(self.keys, self.code[known])
        at = rows(among_known)
        found = (at >= 0) & (at < known.sum())
        return np.where(found, np.append(values[known], np.nan)[np.where(found, at, -1)], np.nan)

    def median(self, values) -> np.ndarray:
        """Median per key of the values that are not missing (NaN where none is), as pandas' ``median``."""
        values = np.asarray(values, dtype=float)
        known = ~np.isnan(values)
        code, known_values = self.code[known], values[known]
        order = np.lexsort((known_values, code))
        ordered = known_values[order]
        if not len(ordered):
            return np.full(len(self.keys), np.nan)
        counts = np.bincount(code, minlength=len(self.keys))
        starts = np.cumsum(counts) - counts
        # the two middle values of each key's sorted run (the same one for an odd count); a key with no
        # value points anywhere within the array, and is NaN
        middle = np.clip(starts + (counts - 1) // 2, 0, len(ordered) - 1)
        upper = np.clip(starts + counts // 2, 0, len(ordered) - 1)
        return np.where(counts > 0, (ordered[middle] + ordered[upper]) / 2, np.nan)
