#!/usr/bin/env python3
"""Vectorised NumPy reference for ae's sampling benchmark.

Approximate Metropolis-Hastings (Alain & Bengio 2014, section 4.2) on a DAE score
(r(x) - x) / sigma^2, r(x) = c + V tanh(b + W x), for many chains at once: each step evaluates the
score at the same path points as ae's `mh(sigma_mh, steps: q, rule: "even")` -- the midpoints
t_k = (k + 1/2)/q of the segment x -> x* -- for all chains in one matrix product, and accepts with
min(1, exp(-dE)), dE = -mean_k score(x + t_k (x* - x)) . (x* - x).

With --line it uses the same affine trick as ae's auto-encoders: the pre-activations along a segment
are (b + W x) + t (W delta), so the weights are touched three times per chain instead of twice per
path point.

Prints one line: `numpy: proposals_per_second <value> acceptance <value> seconds <value>`.
"""
import argparse
import time

import numpy as np


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--chains", type=int, default=100)
    p.add_argument("--steps", type=int, default=5000)
    p.add_argument("--points", type=int, default=10)
    p.add_argument("--hidden", type=int, default=1000)
    p.add_argument("--dim", type=int, default=10)
    p.add_argument("--sigma", type=float, default=0.1, help="the DAE's training noise")
    p.add_argument("--sigma-mh", type=float, default=0.1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--line", action="store_true",
                   help="use the affine pre-activations along each segment (as ae does for its models)")
    a = p.parse_args()

    rng = np.random.default_rng(a.seed)
    d, h = a.dim, a.hidden
    bound = np.sqrt(6.0 / (d + h))  # Glorot, as ae initialises its models
    W = rng.uniform(-bound, bound, size=(h, d))
    b = np.zeros(h)
    V = rng.uniform(-bound, bound, size=(d, h))
    c = np.zeros(d)
    WT, VT = np.ascontiguousarray(W.T), np.ascontiguousarray(V.T)

    t = (np.arange(a.points) + 0.5) / a.points  # midpoints, as rule: "even"
    inv_s2 = 1.0 / (a.sigma * a.sigma)
    x = rng.uniform(-1, 1, size=(a.chains, d))
    accepted = 0

    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(a.steps):
        delta = a.sigma_mh * rng.standard_normal((a.chains, d))
        if a.line:
            # b + W(x + t delta) = (b + W x) + t (W delta); r . delta = c . delta + act . (V^T delta).
            a0, a1, u = x @ WT + b, delta @ WT, delta @ V
            act = np.tanh(a0[:, None, :] + t[None, :, None] * a1[:, None, :])
            r_delta = (delta @ c)[:, None] + np.einsum("cqh,ch->cq", act, u)
            x_delta = (x * delta).sum(1)[:, None] + t[None, :] * (delta * delta).sum(1)[:, None]
            log_alpha = ((r_delta - x_delta) * inv_s2).mean(1)  # = -dE
        else:
            path = (x[:, None, :] + t[None, :, None] * delta[:, None, :]).reshape(-1, d)
            r = np.tanh(path @ WT + b) @ VT + c
            score = ((r - path) * inv_s2).reshape(a.chains, a.points, d)
            log_alpha = np.einsum("cqd,cd->c", score, delta) / a.points  # = -dE
        u = rng.uniform(size=a.chains)
        move = np.log1p(-u) < log_alpha
        x[move] += delta[move]
        accepted += int(move.sum())
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start

    proposals = a.chains * a.steps
    label = "numpy-line" if a.line else "numpy"
    print(f"{label}: proposals_per_second {proposals / seconds:.1f} acceptance {accepted / proposals:.4f} "
          f"seconds {seconds:.3f} proposals_per_cpu_second {proposals / cpu:.1f}")


if __name__ == "__main__":
    main()
