#!/usr/bin/env python3
"""Independent NumPy reference for the paper's Figure 4 (Alain & Bengio 2014, section 3.3).

The Swift tests (Tests/AENumericsTests/NonParametricTests.swift) compare ae's rcae1d/dae1d against the
numbers printed here. Everything is computed differently on purpose:
  - E(x) is expanded into a polynomial with numpy.polynomial, and the true score is -E'(x) from its
    derivative (ae uses the product rule on the three factors);
  - Z uses 80001 trapezoid nodes on [-4, 4] (ae uses 8001);
  - the RCAE minimiser of the discretised loss (10) is found by a dense solve of
    (A + sigma^2 D^T W D) r = A x with A = diag(p*dx), D the forward-difference matrix / dx and
    W = diag(p[:-1]*dx), i.e. the loss written in matrix form (ae solves the tridiagonal rows by Thomas);
  - the discrete DAE of eq. (3) uses a dense kernel matrix.

Usage: python3 bench/figure4_reference.py > Tests/fixtures/figure4_reference.txt
Output: a header, then for each sigma: sigma, RCAE error, DAE error, p-weighted RMS distance between the
two score estimates; error = sqrt(sum p e^2 / sum p), e = estimate - true score on the grid.
"""
import numpy as np
from numpy.polynomial import Polynomial as P

a, T = 10.0, 1000.0
x = P([0.0, 1.0])
E = (a * (x + 1) ** 2 + 1) * (2 * a * x ** 2 + 1) * (3 * a * (x - 1) ** 2 + 1) / T
dE = E.deriv()

zs = np.linspace(-4.0, 4.0, 80001)
Z = np.trapezoid(np.exp(-E(zs)), zs) if hasattr(np, "trapezoid") else np.trapz(np.exp(-E(zs)), zs)

M = 1000
grid = np.linspace(-1.5, 1.5, M)
dx = grid[1] - grid[0]
p = np.exp(-E(grid)) / Z
true_score = -dE(grid)


def weighted_rms(e):
    return np.sqrt(np.sum(p * e ** 2) / np.sum(p))


def rcae(sigma):
    A = np.diag(p * dx)
    D = (np.eye(M, k=1) - np.eye(M))[:-1] / dx
    W = np.diag(p[:-1] * dx)
    r = np.linalg.solve(A + sigma ** 2 * D.T @ W @ D, A @ grid)
    return (r - grid) / sigma ** 2


def dae(sigma):
    logk = np.log(p)[None, :] - (grid[:, None] - grid[None, :]) ** 2 / (2 * sigma ** 2)
    k = np.exp(logk - logk.max(axis=1, keepdims=True))
    r = (k @ grid) / k.sum(axis=1)
    return (r - grid) / sigma ** 2


print(f"# figure4_reference.py: numpy {np.__version__}; logZ {np.log(Z):.15e}")
print("# sigma rcae_error dae_error rcae_dae_distance")
for sigma in [1.00, 0.31, 0.16, 0.06]:
    s_r, s_d = rcae(sigma), dae(sigma)
    print(f"{sigma:.2f} {weighted_rms(s_r - true_score):.15e} {weighted_rms(s_d - true_score):.15e} "
          f"{weighted_rms(s_r - s_d):.15e}")
