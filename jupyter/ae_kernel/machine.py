"""The `ae --machine` process and its JSON-lines protocol (docs/machine-mode.md)."""

import json
import os
import queue
import shutil
import signal
import subprocess
import threading


class MachineError(RuntimeError):
    """ae ended or broke the protocol."""


class Machine:
    """One `ae --machine` process. `request` sends a request and yields its messages up to the reply.

    ae stays in the kernel's process group: Jupyter signals the whole group, so its interrupt reaches
    ae directly (once), and ae dies with the kernel when Jupyter kills it. Only when ae is in a group of
    its own (another launcher) does the kernel pass the interrupt on.
    """

    def __init__(self, executable=None, arguments=()):
        self.executable = executable or os.environ.get("AE_EXECUTABLE") or shutil.which("ae")
        if not self.executable:
            raise MachineError("cannot find the ae executable: put it on PATH or set AE_EXECUTABLE")
        self.process = subprocess.Popen(
            [self.executable, "--machine", *arguments],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            # ae's own SIGINT handler replaces the SIG_IGN that ipykernel leaves for it.
        )
        self.lines = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.next_id = 0
        ready = self._next_message()
        if ready.get("type") != "ready":
            raise MachineError(f"ae did not start its machine mode: {ready}")
        self.version = ready.get("version", "")

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _next_message(self):
        # A timed wait: a signal handler runs between two waits.
        while True:
            try:
                line = self.lines.get(timeout=0.1)
                break
            except queue.Empty:
                continue
        if line is None:
            raise MachineError(f"ae exited (status {self.process.wait()})")
        return json.loads(line)

    def request(self, kind, on_interrupt=None, **fields):
        """Sends one request; yields every message for it, the final `reply` last.

        While the request runs, SIGINT (Jupyter's interrupt) only reaches ae: a KeyboardInterrupt
        raised in the kernel could land anywhere, between two messages too, and abandon the request
        with ae's reply still to come.
        """
        self.next_id += 1
        request_id = self.next_id
        line = json.dumps({"id": request_id, "type": kind, **fields}) + "\n"
        previous = signal.signal(signal.SIGINT, self._on_interrupt)
        try:
            self.process.stdin.write(line.encode("utf-8"))
            self.process.stdin.flush()
            while True:
                message = self._next_message()
                if message.get("id") != request_id:
                    continue
                yield message
                if message.get("type") == "reply":
                    return
        finally:
            signal.signal(signal.SIGINT, previous)

    def _on_interrupt(self, signum, frame):
        # Jupyter signals the kernel's whole process group, ae included; ae in a group of its own
        # (another launcher) is passed the signal.
        if os.getpgid(self.process.pid) != os.getpgid(0):
            self.interrupt()

    def interrupt(self):
        """Stops the running request as Ctrl-C does in the REPL; the session stays."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
