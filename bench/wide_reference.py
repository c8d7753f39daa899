"""The NumPy reference for bench/wide.sh: the same DAE loss + gradient as ae's (tanh hidden layer,
linear decoder, untied, squared error averaged over rows, inputs corrupted once with N(0, sigma^2)),
written the plain way a user would: matrix products through NumPy's BLAS (OpenBLAS), N x H
intermediates and all. Times the median of `--evals` evaluations and `--lbfgs` iterations of SciPy's
L-BFGS-B on it, and prints `key value` lines and the peak resident size.

    OPENBLAS_NUM_THREADS=2 python3 bench/wide_reference.py --dim 784 --rows 2000 --hidden 1000
"""
import argparse
import resource
import time

import numpy as np


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dim", type=int, default=784)
    p.add_argument("--rows", type=int, default=2000)
    p.add_argument("--hidden", type=int, default=1000)
    p.add_argument("--evals", type=int, default=5)
    p.add_argument("--lbfgs", type=int, default=100)
    a = p.parse_args()
    d, n, h = a.dim, a.rows, a.hidden
    rng = np.random.default_rng(1)
    x = rng.uniform(size=(n, d))
    xt = x + 0.1 * rng.standard_normal((n, d))
    bound = np.sqrt(6 / (d + h))
    theta0 = np.concatenate([rng.uniform(-bound, bound, h * d), np.zeros(h),
                             rng.uniform(-bound, bound, d * h), np.zeros(d)])

    def loss_grad(theta):
        w = theta[:h * d].reshape(h, d)
        b = theta[h * d:h * d + h]
        v = theta[h * d + h:2 * h * d + h].reshape(d, h)
        c = theta[2 * h * d + h:]
        hid = np.tanh(xt @ w.T + b)
        e = hid @ v.T + c - x
        loss = np.einsum("ij,ij->", e, e) / n
        dr = (2 / n) * e
        da = (dr @ v) * (1 - hid * hid)
        return loss, np.concatenate([(da.T @ xt).ravel(), da.sum(0), (dr.T @ hid).ravel(), dr.sum(0)])

    loss_grad(theta0)
    times, cpu = [], []
    for _ in range(a.evals):
        t0, c0 = time.perf_counter(), time.process_time()
        loss, _ = loss_grad(theta0)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print("eval_s", sorted(times)[len(times) // 2])
    print("eval_cpu_s", sorted(cpu)[len(cpu) // 2])
    print("loss", loss)
    if a.lbfgs > 0:
        from scipy.optimize import minimize
        t0 = time.perf_counter()
        r = minimize(loss_grad, theta0, jac=True, method="L-BFGS-B",
                     options={"maxiter": a.lbfgs, "gtol": 0, "ftol": 0})
        print("lbfgs_s", time.perf_counter() - t0)
        print("lbfgs_iterations", r.nit)
        print("lbfgs_evaluations", r.nfev)
        print("lbfgs_loss", r.fun)
    print("maxrss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


if __name__ == "__main__":
    main()
