"""The arrays benchmark's NumPy half (bench/arrays.sh runs it beside bench/arrays.ae): the same cases
on the same shapes, each case's best time of `repeats` runs, one "case seconds" line each. NumPy's
x[::2] is a view (no copy); ae's makes a copy, so the copy is timed too, as a separate line."""
import sys
import timeit

import numpy as np

repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 7
rng = np.random.default_rng(42)
x = rng.standard_normal((1_000_000, 1))
xs = x[:, 0].copy()
d = rng.standard_normal((1000, 10))
cases = [
    ("2x+1 dataset", lambda: 2 * x + 1),
    ("2x+1 list", lambda: 2 * xs + 1),
    ("sum(exp) dataset", lambda: np.exp(x).sum(axis=0)),
    ("sum(exp) list", lambda: np.exp(xs).sum()),
    ("x[::2] dataset", lambda: x[::2].copy()),
    ("x[::2] list", lambda: xs[::2].copy()),
    ("sort dataset", lambda: np.sort(x, axis=0)),   # rows of one column: sorting it orders them
    ("sort list", lambda: np.sort(xs)),
    ("blur 1000x10", lambda: d + 0.1 * rng.standard_normal((1000, 10))),
]
for name, f in cases:
    print(name, min(timeit.repeat(f, number=1, repeat=repeats)))
