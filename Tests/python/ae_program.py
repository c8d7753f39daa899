"""The `ae` under test (AE_EXECUTABLE) and a scratch folder per test, for the file-format tests."""

import os
import subprocess
import tempfile
import unittest

AE = os.environ["AE_EXECUTABLE"]


def run_ae(code, folder):
    """Runs `ae --quiet -e code` in `folder`; the CompletedProcess, output as text."""
    return subprocess.run([AE, "--quiet", "-e", code], cwd=folder, capture_output=True, text=True)


class ScratchTestCase(unittest.TestCase):
    """A test with an empty folder of its own, `self.folder`, removed afterwards."""

    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.folder = self.scratch.name

    def tearDown(self):
        self.scratch.cleanup()

    def path(self, name):
        return os.path.join(self.folder, name)
