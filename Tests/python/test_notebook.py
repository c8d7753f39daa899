"""`ae --notebook` turns a sample into a notebook that nbclient runs on the ae kernel without errors."""

import os
import subprocess
import tempfile
import unittest

import nbclient
import nbformat

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
AE = os.environ["AE_EXECUTABLE"]
SAMPLE = os.path.join(ROOT, "samples", "04-spiral-field.ae")


class NotebookTests(unittest.TestCase):
    def test_sample_runs_as_a_notebook(self):
        text = subprocess.run([AE, "--notebook", SAMPLE], check=True, capture_output=True, text=True).stdout
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
        kinds = [cell.cell_type for cell in notebook.cells]
        self.assertEqual(kinds[0], "markdown")
        self.assertTrue(notebook.cells[0].source.startswith("# 04 "))
        self.assertIn("code", kinds)
        with tempfile.TemporaryDirectory() as folder:
            nbclient.NotebookClient(notebook, timeout=300, kernel_name="ae",
                                    resources={"metadata": {"path": folder}}).execute()
            written = os.listdir(os.path.join(folder, "out"))
        outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
        self.assertEqual([output for output in outputs if output.output_type == "error"], [])
        printed = "".join(output.text for output in outputs
                          if output.output_type == "stream" and output.name == "stdout")
        self.assertNotEqual(printed, "")
        self.assertTrue(any(name.endswith(".svg") for name in written), written)


if __name__ == "__main__":
    unittest.main()
