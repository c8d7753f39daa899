"""`save(ae, "m.safetensors")` read by the safetensors package, and a model made in NumPy loaded by ae:
the tensors of two torch.nn.Linear layers, the score (r(x) - x) / sigma^2 matching NumPy's to 1e-12;
bad files give clear errors."""

import json
import struct
import unittest

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file, save_file

from ae_program import ScratchTestCase, run_ae


def numpy_score(tensors, metadata, x):
    """The score as PyTorch's two Linear layers compute r: Linear(x) = x W^T + b."""
    act = np.tanh if metadata.get("activation", "tanh") == "tanh" else lambda z: 1 / (1 + np.exp(-z))
    h = act(x @ tensors["encoder.weight"].T + tensors["encoder.bias"])
    r = h @ tensors["decoder.weight"].T + tensors["decoder.bias"]
    if metadata.get("decoder", "linear") == "sigmoid":
        r = 1 / (1 + np.exp(-r))
    return (r - x) / float(metadata["sigma"]) ** 2


class SafetensorsTests(ScratchTestCase):
    def test_a_model_saved_by_ae_reads_as_torch_linear_layers(self):
        ran = run_ae("""
            seed(4)
            m = train(dae(hidden: 6, sigma: 0.15), spiral(200), iters: 20)
            save(m, "m.safetensors")
            x = spiral(10, noise: 0.1)
            save(x, "x.npy")
            save(score(m, x), "s.npy")
        """, self.folder)
        self.assertEqual(ran.returncode, 0, ran.stderr)
        tensors = load_file(self.path("m.safetensors"))
        self.assertEqual({name: (t.shape, t.dtype) for name, t in tensors.items()}, {
            "encoder.weight": ((6, 2), np.float64), "encoder.bias": ((6,), np.float64),
            "decoder.weight": ((2, 6), np.float64), "decoder.bias": ((2,), np.float64)})
        with safe_open(self.path("m.safetensors"), "np") as f:
            metadata = f.metadata()
        self.assertEqual({key: metadata[key] for key in ("kind", "sigma", "activation", "decoder", "tied", "hidden", "dim")},
                         {"kind": "DAE", "sigma": "0.15", "activation": "tanh", "decoder": "linear", "tied": "false",
                          "hidden": "6", "dim": "2"})
        x = np.load(self.path("x.npy"))
        np.testing.assert_allclose(np.load(self.path("s.npy")), numpy_score(tensors, metadata, x), rtol=1e-12, atol=1e-12)

    def round_trip(self, tensors, metadata):
        save_file(tensors, self.path("m.safetensors"), metadata=metadata)
        rng = np.random.default_rng(7)
        x = rng.normal(size=(25, tensors["decoder.bias"].shape[0]))
        np.save(self.path("x.npy"), x)
        ran = run_ae('m = load("m.safetensors")\nsave(score(m, load_npy("x.npy")), "s.npy")\nprint(m)', self.folder)
        self.assertEqual(ran.returncode, 0, ran.stderr)
        as_float64 = {name: t.astype(np.float64) for name, t in tensors.items()}
        expected = numpy_score(as_float64, metadata, x)
        np.testing.assert_allclose(np.load(self.path("s.npy")), expected, rtol=1e-12, atol=1e-12)
        return ran.stdout

    def numpy_model(self, d, hidden, dtype=np.float64, seed=3):
        rng = np.random.default_rng(seed)
        return {"encoder.weight": rng.normal(size=(hidden, d)).astype(dtype),
                "encoder.bias": rng.normal(size=hidden).astype(dtype),
                "decoder.weight": rng.normal(size=(d, hidden)).astype(dtype),
                "decoder.bias": rng.normal(size=d).astype(dtype)}

    def test_a_model_made_in_numpy_gives_numpys_score(self):
        printed = self.round_trip(self.numpy_model(3, 7), {"kind": "DAE", "sigma": "0.3"})
        self.assertEqual(printed, "DAE(dim 3, hidden 7, sigma 0.3, 0 iterations)\n")

    def test_sigmoid_units_and_float32_tensors(self):
        self.round_trip(self.numpy_model(2, 5, np.float32, seed=8),
                        {"kind": "DAE", "sigma": "0.5", "activation": "sigmoid", "decoder": "sigmoid"})

    def test_bad_files(self):
        good = self.numpy_model(2, 3)
        meta = {"kind": "DAE", "sigma": "0.1"}
        save_file(good, self.path("good.safetensors"), metadata=meta)
        with open(self.path("good.safetensors"), "rb") as f:
            data = f.read()
        header_length = struct.unpack("<Q", data[:8])[0]
        header = json.loads(data[8:8 + header_length])
        last = max((entry["data_offsets"][1], name) for name, entry in header.items() if name != "__metadata__")[1]
        begin, end = header[last]["data_offsets"]

        def write(name, content):
            with open(self.path(name), "wb") as f:
                f.write(content)

        write("short.safetensors", data[:5])
        write("cut.safetensors", data[:-8])
        write("absurd.safetensors", struct.pack("<Q", 2 ** 62) + data[8:])
        write("notjson.safetensors", struct.pack("<Q", 4) + b"abcd")
        wrong = dict(good, **{"encoder.bias": good["encoder.bias"].astype(np.int64)})
        save_file(wrong, self.path("dtype.safetensors"), metadata=meta)
        missing = {name: t for name, t in good.items() if name != "decoder.weight"}
        save_file(missing, self.path("missing.safetensors"), metadata=meta)
        save_file(dict(good, **{"decoder.weight": np.zeros((3, 3))}), self.path("shapes.safetensors"), metadata=meta)
        save_file(good, self.path("nosigma.safetensors"), metadata={"kind": "DAE"})
        save_file(good, self.path("badsigma.safetensors"), metadata={"kind": "DAE", "sigma": "small"})
        save_file(good, self.path("negative.safetensors"), metadata={"kind": "DAE", "sigma": "-1"})
        cases = {
            "short.safetensors": "truncated safetensors file (5 bytes, no header length)",
            "cut.safetensors": f"tensor '{last}' has data_offsets [{begin}, {end}] outside the {len(data) - 8 - header_length - 8} bytes of data: truncated or corrupt",
            "absurd.safetensors": f"the header length {2 ** 62} is larger than the file ({len(data)} bytes): truncated or not a safetensors file",
            "notjson.safetensors": "the header is not a JSON object: not a safetensors file",
            "dtype.safetensors": "tensor 'encoder.bias' has dtype I64; ae reads F64 and F32",
            "missing.safetensors": "it has no tensor 'decoder.weight' (V, [dim, hidden]); it needs encoder.weight, encoder.bias, decoder.weight and decoder.bias",
            "shapes.safetensors": "inconsistent shapes: encoder.weight [3, 2], encoder.bias [3], decoder.weight [3, 3], decoder.bias [2]; expected [H, d], [H], [d, H], [d]",
            "nosigma.safetensors": "the model has no 'sigma'",
            "badsigma.safetensors": "metadata 'sigma' is not a number: 'small'",
            "negative.safetensors": "sigma must be a finite number > 0, got -1.0",
        }
        for name, message in cases.items():
            with self.subTest(name):
                ran = run_ae(f'm = load("{name}")', self.folder)
                self.assertEqual(ran.returncode, 70, ran.stdout)
                self.assertEqual(ran.stderr.splitlines()[0], f"<-e>:1:10: error: load(): cannot read '{name}': {message}")


if __name__ == "__main__":
    unittest.main()
