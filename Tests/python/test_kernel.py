"""The installed `ae` kernel driven by a real Jupyter client (jupyter_client's KernelManager).

Run by .ci/jupyter.sh, with the Python that has ae_kernel and its kernelspec installed.
"""

import time
import unittest

from jupyter_client.manager import start_new_kernel

TIMEOUT = 60


class KernelTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.manager, cls.client = start_new_kernel(kernel_name="ae", startup_timeout=TIMEOUT)

    @classmethod
    def tearDownClass(cls):
        cls.client.stop_channels()
        cls.manager.shutdown_kernel(now=True)

    def run_cell(self, code):
        """The reply's content and the cell's iopub messages (type, content), status messages left out."""
        outputs = []

        def hook(message):
            if message["msg_type"] not in ("status", "execute_input"):
                outputs.append((message["msg_type"], message["content"]))

        reply = self.client.execute_interactive(code, output_hook=hook, timeout=TIMEOUT)
        return reply["content"], outputs

    def test_result_and_stdout(self):
        reply, outputs = self.run_cell('y = 3\nprint("seven", 7)\ny * 2')
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(outputs[0], ("stream", {"name": "stdout", "text": "seven 7\n"}))
        self.assertEqual(outputs[1][0], "execute_result")
        self.assertEqual(outputs[1][1]["data"], {"text/plain": "6"})
        self.assertEqual(len(outputs), 2)

    def test_assignment_has_no_result(self):
        reply, outputs = self.run_cell("z = [1, 2]")
        self.assertEqual((reply["status"], outputs), ("ok", []))

    def test_error_text(self):
        reply, outputs = self.run_cell("a = 1\na / nope")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "resolve")
        expected = ["<cell>:2:5: error: unknown name 'nope'", "  2 | a / nope", "    |     ^^^^"]
        self.assertEqual(reply["traceback"], expected)
        self.assertEqual(outputs, [("error", {"ename": "resolve", "evalue": expected[0], "traceback": expected})])

    def test_runtime_error_with_traceback(self):
        reply, _ = self.run_cell("fn inner(v) {\n  v[5]\n}\nfn outer() { inner([1]) }\nouter()")
        self.assertEqual(reply["ename"], "runtime")
        self.assertEqual(reply["traceback"][-3:], ["traceback (innermost first):",
                                                   "  in inner at <cell>:2:4", "  in outer at <cell>:4:14"])

    def test_figure_is_svg_with_text_fallback(self):
        reply, outputs = self.run_cell("scatter(spiral(20))")
        self.assertEqual(reply["status"], "ok")
        kind, content = outputs[0]
        self.assertEqual(kind, "execute_result")
        self.assertEqual(set(content["data"]), {"image/svg+xml", "text/plain"})
        self.assertEqual(content["data"]["text/plain"], "Figure(scatter)")
        svg = content["data"]["image/svg+xml"]
        self.assertTrue(svg.startswith('<?xml version="1.0"'))
        self.assertIn('<svg xmlns="http://www.w3.org/2000/svg"', svg)
        self.assertTrue(svg.rstrip().endswith("</svg>"))

    def test_show_draws_the_figure_in_the_cell(self):
        reply, outputs = self.run_cell("show(scatter(spiral(20)))")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual([kind for kind, _ in outputs], ["display_data"])
        data = outputs[0][1]["data"]
        self.assertEqual(data["text/plain"], "Figure(scatter)")
        self.assertIn('<svg xmlns="http://www.w3.org/2000/svg"', data["image/svg+xml"])

    def test_restart_gives_an_empty_session(self):
        self.run_cell("before_restart = 1")
        self.manager.restart_kernel(now=False)
        self.client.wait_for_ready(timeout=TIMEOUT)
        reply, _ = self.run_cell("before_restart")
        self.assertEqual((reply["status"], reply["ename"]), ("error", "resolve"))
        self.assertEqual(reply["evalue"], "<cell>:1:1: error: unknown name 'before_restart'")

    def test_complete_names_and_labels(self):
        reply = self.client.complete("ae = dae(hid", 12, reply=True, timeout=TIMEOUT)["content"]
        self.assertEqual(reply["matches"], ["hidden:"])
        self.assertEqual((reply["cursor_start"], reply["cursor_end"]), (9, 12))
        reply = self.client.complete("x = 1\nscat", 10, reply=True, timeout=TIMEOUT)["content"]
        self.assertEqual(reply["matches"], ["scatter"])
        self.assertEqual((reply["cursor_start"], reply["cursor_end"]), (6, 10))

    def test_inspect_shows_help(self):
        reply = self.client.inspect("train(", 6, reply=True, timeout=TIMEOUT)["content"]
        self.assertTrue(reply["found"])
        self.assertTrue(reply["data"]["text/plain"].startswith("train(ae, data, iters:"))
        reply = self.client.inspect("nosuchname", 3, reply=True, timeout=TIMEOUT)["content"]
        self.assertFalse(reply["found"])

    def test_is_complete(self):
        def status(code):
            message_id = self.client.is_complete(code)
            reply = self.client.get_shell_msg(timeout=TIMEOUT)
            self.assertEqual(reply["parent_header"]["msg_id"], message_id)
            return reply["content"]

        self.assertEqual(status("f = fn(x) {"), {"status": "incomplete", "indent": "    "})
        self.assertEqual(status("1 +"), {"status": "incomplete", "indent": "    "})
        self.assertEqual(status("1 + 1")["status"], "complete")
        self.assertEqual(status('s = "open')["status"], "complete")

    def reply_to(self, message_id):
        """The shell reply to one request (a kernel_info_reply left by wait_for_ready is skipped)."""
        while True:
            reply = self.client.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == message_id:
                return reply["content"]

    def outputs_until_idle(self, message_id):
        outputs = []
        while True:
            message = self.client.get_iopub_msg(timeout=TIMEOUT)
            if message["parent_header"].get("msg_id") != message_id:
                continue
            if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                return outputs
            outputs.append((message["msg_type"], message["content"]))

    def test_interrupt_stops_train_and_keeps_session(self):
        self.run_cell("kept = 41")
        started = time.monotonic()
        message_id = self.client.execute(
            "model = dae(hidden: 200, sigma: 0.1)\ntrain(model, spiral(20000), iters: 1000000)")
        # Wait for the progress display: train is running.
        while True:
            message = self.client.get_iopub_msg(timeout=TIMEOUT)
            if message["parent_header"].get("msg_id") == message_id and message["msg_type"] == "display_data":
                self.assertTrue(message["content"]["data"]["text/plain"].startswith("train DAE "))
                break
        self.manager.interrupt_kernel()
        reply = self.reply_to(message_id)
        outputs = self.outputs_until_idle(message_id)
        self.assertLess(time.monotonic() - started, 30)
        # As Ctrl-C in the REPL: train returns the model trained so far, which is echoed.
        self.assertEqual(reply["status"], "ok")
        stderr = "".join(content["text"] for kind, content in outputs
                         if kind == "stream" and content["name"] == "stderr")
        self.assertRegex(stderr, r"^train DAE: \d+ iterations, loss \S+, interrupted \(")
        self.assertEqual(outputs[-1][0], "execute_result")
        self.assertTrue(outputs[-1][1]["data"]["text/plain"].startswith("DAE("))
        # The progress bar is cleared when the cell ends.
        self.assertIn(("update_display_data", ""),
                      [(kind, content.get("data", {}).get("text/plain")) for kind, content in outputs])
        reply, outputs = self.run_cell("kept + 1")
        self.assertEqual(outputs, [("execute_result", {"execution_count": reply["execution_count"],
                                                       "data": {"text/plain": "42"}, "metadata": {}})])
        reply, outputs = self.run_cell("len(model.losses) > 0")
        self.assertEqual(outputs[-1][1]["data"], {"text/plain": "true"})

    def test_interrupt_stops_a_loop(self):
        message_id = self.client.execute('print("start")\nwhile true { }')
        while True:
            message = self.client.get_iopub_msg(timeout=TIMEOUT)
            if message["parent_header"].get("msg_id") == message_id and message["msg_type"] == "stream":
                break
        self.manager.interrupt_kernel()
        reply = self.reply_to(message_id)
        self.assertEqual((reply["status"], reply["ename"], reply["traceback"]),
                         ("error", "interrupted", ["interrupted"]))
        _, outputs = self.run_cell("1 + 1")
        self.assertEqual(outputs[-1][1]["data"], {"text/plain": "2"})

if __name__ == "__main__":
    unittest.main()
