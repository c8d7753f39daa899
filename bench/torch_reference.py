#!/usr/bin/env python3
"""PyTorch CPU float64 reference for ae-bench: the same DAE (tanh, untied, linear decoder), the same
loss mean_i ||r(x~_i) - x_i||^2 with the corruption drawn once, the same sizes.

Prints "key value" lines that ae-bench reads: version, threads, a_ms, b_ms (median ms per
loss+gradient evaluation), lbfgs_s and lbfgs_iters (torch.optim.LBFGS, strong-Wolfe line search,
history 10), maxrss_mb (peak resident memory of this process).

    python3 bench/torch_reference.py --evals 20 --lbfgs 100
"""
import argparse
import resource
import time

import numpy as np

try:
    import torch
except ImportError:
    raise SystemExit("No module named 'torch': pip install torch")

parser = argparse.ArgumentParser()
parser.add_argument("--evals", type=int, default=20)
parser.add_argument("--lbfgs", type=int, default=100)
parser.add_argument("--threads", type=int, default=2)
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(1)


def spiral(n):
    t = rng.uniform(3, 12, n)
    return np.stack([0.04 * t * np.sin(t), 0.04 * t * np.cos(t)], axis=1)


def ten_d(n):
    t = rng.uniform(0, 1, n)[:, None]
    j = np.arange(1, 11)[None, :]
    return np.sin(2 * np.pi * j * 0.3 * t) + 0.05 * rng.standard_normal((n, 10))


class DAE:
    def __init__(self, data, hidden, sigma):
        n, d = data.shape
        bound = (6.0 / (d + hidden)) ** 0.5
        self.x = torch.tensor(data)
        self.noisy = self.x + sigma * torch.randn(n, d, generator=torch.Generator().manual_seed(1))
        self.W = (torch.rand(hidden, d) * 2 - 1) * bound
        self.V = (torch.rand(d, hidden) * 2 - 1) * bound
        self.b = torch.zeros(hidden)
        self.c = self.x.mean(0).clone()
        self.params = [p.requires_grad_() for p in (self.W, self.b, self.V, self.c)]

    def loss(self):
        h = torch.tanh(self.noisy @ self.W.T + self.b)
        r = h @ self.V.T + self.c
        return ((r - self.x) ** 2).sum(1).mean()

    def loss_and_grad(self):
        for p in self.params:
            p.grad = None
        value = self.loss()
        value.backward()
        return value.item()


def median_ms(model):
    model.loss_and_grad()
    times = []
    for _ in range(args.evals):
        t0 = time.perf_counter()
        model.loss_and_grad()
        times.append((time.perf_counter() - t0) * 1000)
    return sorted(times)[len(times) // 2]


print("version", torch.__version__.split("+")[0])
print("threads", torch.get_num_threads())
a = DAE(spiral(10000), 1000, 0.01)
print("a_ms", median_ms(a))
b = DAE(ten_d(10000), 1000, 0.1)
print("b_ms", median_ms(b))
if args.lbfgs > 0:
    model = DAE(spiral(10000), 1000, 0.01)
    optimizer = torch.optim.LBFGS(model.params, lr=1, max_iter=args.lbfgs, max_eval=10 * args.lbfgs, history_size=10,
                                  tolerance_grad=0, tolerance_change=0, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        value = model.loss()
        value.backward()
        return value

    t0 = time.perf_counter()
    optimizer.step(closure)
    print("lbfgs_s", time.perf_counter() - t0)
    print("lbfgs_iters", optimizer.state[optimizer._params[0]]["n_iter"])
    print("lbfgs_loss", model.loss().item())
print("maxrss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
