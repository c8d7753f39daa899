"""The ae kernel: ipykernel's wrapper-kernel API over `ae --machine`, as bash_kernel wraps bash."""

import uuid

from ipykernel.kernelbase import Kernel

from . import __version__
from .machine import Machine, MachineError


class AEKernel(Kernel):
    implementation = "ae_kernel"
    implementation_version = __version__
    language = "ae"
    language_info = {
        "name": "ae",
        "mimetype": "text/x-ae",
        "file_extension": ".ae",
        "pygments_lexer": "text",
        "codemirror_mode": "python",
    }
    banner = "ae: explore what regularized auto-encoders learn (?name for help)"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.machine = Machine()
        self.language_info = dict(self.language_info, version=self.machine.version)

    def _request(self, kind, **fields):
        """The messages of one request; when ae has died, a new ae for the next request."""
        try:
            yield from self.machine.request(kind, **fields)
        except MachineError as error:
            self.machine.close()
            self.machine = Machine()
            yield {"type": "reply", "status": "error",
                   "error": {"kind": "exited", "text": f"{error}; a new session was started\n"}}

    async def do_execute(self, code, silent, store_history=True, user_expressions=None,
                         allow_stdin=False, **kwargs):
        progress_id = None
        reply = None
        for message in self._request("execute", code=code):
            kind = message["type"]
            if kind != "progress" and progress_id is not None:
                # The task has ended (its summary or the next output follows): clear its bar.
                self._show_progress(progress_id, "")
                progress_id = None
            if kind == "reply":
                reply = message
            elif silent:
                continue
            elif kind == "stream":
                self.send_response(self.iopub_socket, "stream",
                                   {"name": message["name"], "text": message["text"]})
            elif kind == "result":
                self.send_response(self.iopub_socket, "execute_result",
                                   {"execution_count": self.execution_count,
                                    "data": message["data"], "metadata": {}})
            elif kind == "display":
                self.send_response(self.iopub_socket, "display_data",
                                   {"data": message["data"], "metadata": {}})
            elif kind == "progress":
                progress_id = self._show_progress(progress_id, message["text"])
        if reply["status"] == "ok":
            return {"status": "ok", "execution_count": self.execution_count,
                    "payload": [], "user_expressions": {}}
        error = reply["error"]
        text = error["text"]
        content = {"ename": error["kind"], "evalue": text.splitlines()[0] if text else "",
                   "traceback": text.rstrip("\n").split("\n")}
        if not silent:
            self.send_response(self.iopub_socket, "error", content)
        return {"status": "error", "execution_count": self.execution_count, **content}

    def _show_progress(self, display_id, text):
        """A progress bar redrawn in place in the cell: one display, updated."""
        kind = "update_display_data" if display_id else "display_data"
        display_id = display_id or uuid.uuid4().hex
        self.send_response(self.iopub_socket, kind,
                           {"data": {"text/plain": text}, "metadata": {},
                            "transient": {"display_id": display_id}})
        return display_id

    def _final(self, kind, **fields):
        reply = None
        for message in self._request(kind, **fields):
            if message["type"] == "reply":
                reply = message
        return reply

    async def do_complete(self, code, cursor_pos):
        reply = self._final("complete", code=code, cursor=cursor_pos)
        if reply.get("status") != "ok":
            return {"status": "ok", "matches": [], "cursor_start": cursor_pos,
                    "cursor_end": cursor_pos, "metadata": {}}
        return {"status": "ok", "matches": reply["matches"], "cursor_start": reply["cursor_start"],
                "cursor_end": reply["cursor_end"], "metadata": {}}

    async def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        reply = self._final("inspect", code=code, cursor=cursor_pos)
        found = reply.get("status") == "ok" and reply.get("found", False)
        return {"status": "ok", "found": found, "data": reply.get("data", {}) if found else {},
                "metadata": {}}

    async def do_is_complete(self, code):
        reply = self._final("is_complete", code=code)
        if reply.get("status") != "ok":
            return {"status": "unknown"}
        result = {"status": reply["completeness"]}
        if reply["completeness"] == "incomplete":
            result["indent"] = reply.get("indent", "")
        return result

    async def do_shutdown(self, restart):
        self.machine.close()
        return {"status": "ok", "restart": restart}
