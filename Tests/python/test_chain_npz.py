"""`save(chain, "c.npz")` read by NumPy: the (chain, draw, dim) layout ArviZ's from_dict takes as the
posterior, acceptance as a (chain, draw) sample statistic; bad chain files give clear errors in ae."""

import os
import unittest

import numpy as np

from ae_program import ScratchTestCase, run_ae


class ChainNpzTests(ScratchTestCase):
    def test_layout(self):
        ran = run_ae("""
            seed(5)
            c = sample(normal(mean: [0, 3, -1], sd: [1, 0.5, 2]), mh(1.2), 30, chains: 4, burn: 20)
            save(c, "c.npz")
            save(c.samples, "samples.npy")
            print(c.acceptance)
        """, self.folder)
        self.assertEqual(ran.returncode, 0, ran.stderr)
        acceptance = np.array(eval(ran.stdout))
        with np.load(os.path.join(self.folder, "c.npz")) as f:
            self.assertEqual(f["x"].shape, (4, 30, 3))
            self.assertEqual(f["x"].dtype, np.float64)
            # c.samples is chain after chain (M·N × d): the same numbers, chain-major.
            samples = np.load(os.path.join(self.folder, "samples.npy"))
            np.testing.assert_array_equal(f["x"], samples.reshape(4, 30, 3))
            # Each chain's acceptance fraction, and repeated at every draw as ArviZ's sample statistic.
            np.testing.assert_array_equal(f["acceptance"], acceptance)
            self.assertEqual(f["acceptance_rate"].shape, (4, 30))
            np.testing.assert_array_equal(f["acceptance_rate"], np.repeat(acceptance[:, None], 30, axis=1))
            self.assertEqual(str(f["kind"]), "Chain")
            self.assertEqual((str(f["sampler"]), float(f["step"]), int(f["steps"]), str(f["rule"])),
                             ("mh", 1.2, 20, "even"))
            self.assertEqual(float(f["interrupted"]), 0.0)

    def write_chain(self, name, **changes):
        arrays = {"x": np.zeros((2, 5, 1)), "acceptance": np.array([0.5, 0.25]),
                  "acceptance_rate": np.full((2, 5), 0.5), "kind": np.array("Chain"),
                  "sampler": np.array("mh"), "step": np.array(1.0), "steps": np.array(20.0),
                  "rule": np.array("even"), "exact": np.array(0.0), "seconds": np.array(0.1),
                  "interrupted": np.array(0.0)}
        arrays.update(changes)
        arrays = {key: value for key, value in arrays.items() if value is not None}
        np.savez(os.path.join(self.folder, name), **arrays)

    def load_error(self, name):
        ran = run_ae(f'c = load("{name}")\nprint(c)', self.folder)
        self.assertEqual(ran.returncode, 70, ran.stdout)
        return ran.stderr.splitlines()[0]

    def test_a_chain_written_by_numpy_loads(self):
        self.write_chain("ok.npz", x=np.arange(10.0).reshape(2, 5, 1))
        ran = run_ae('c = load("ok.npz")\nprint(c.chains, c.draws, c.acceptance, tolist(c[1]))', self.folder)
        self.assertEqual(ran.stdout, "2 5 [0.5, 0.25] [[5], [6], [7], [8], [9]]\n", ran.stderr)

    def test_bad_chain_files(self):
        cases = {
            "flat.npz": ({"x": np.zeros((2, 5))}, "it needs the draws 'x' of shape (chains, draws, dim), none empty"),
            "empty.npz": ({"x": np.zeros((2, 0, 1))}, "it needs the draws 'x' of shape (chains, draws, dim), none empty"),
            "accept.npz": ({"acceptance": np.array([0.5])}, "it needs 'acceptance' of shape (2,), fractions from 0 to 1"),
            "range.npz": ({"acceptance": np.array([0.5, 1.5])}, "it needs 'acceptance' of shape (2,), fractions from 0 to 1"),
            "nostep.npz": ({"step": None}, "it needs a number 'step'"),
            "step.npz": ({"step": np.array(-1.0)}, "the sampler's step must be > 0, got -1.0"),
            "sampler.npz": ({"sampler": np.array("hmc")}, "unknown sampler 'hmc' (mh, langevin, mala, annealed_langevin)"),
            "rule.npz": ({"rule": np.array("simpson")}, "unknown path rule 'simpson' (even, gauss, endpoints)"),
        }
        for name, (changes, message) in cases.items():
            with self.subTest(name):
                self.write_chain(name, **changes)
                self.assertEqual(self.load_error(name),
                                 f"<-e>:1:10: error: load(): cannot read '{name}' as a Chain: {message}")

    def test_truncated_chain_file(self):
        self.write_chain("whole.npz")
        with open(os.path.join(self.folder, "whole.npz"), "rb") as whole:
            data = whole.read()
        with open(os.path.join(self.folder, "cut.npz"), "wb") as cut:
            cut.write(data[: len(data) // 2])
        self.assertEqual(self.load_error("cut.npz"),
                         "<-e>:1:10: error: load(): cannot read 'cut.npz': truncated .npz archive (no ZIP directory)")


if __name__ == "__main__":
    unittest.main()
