"""Real receivers on loopback for tests, the demo and the benchmark: an SMTP server
(aiosmtpd) and an HTTP endpoint standing in for a CRM. Nothing here is a mock: the code under
test talks SMTP and HTTP to them over a socket.

    sink = SmtpSink().start()          # sink.port; settings EMAIL_HOST=127.0.0.1, EMAIL_PORT
    ...                                # deliver
    sink.wait_for(2)                   # the messages received, as email.message.EmailMessage
    sink.stop()
"""

import asyncio
import email
import email.policy
import http.server
import importlib
import json
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from importlib.metadata import distribution


def _is_public(name: str) -> bool:
    return name == "public" or name.startswith("public.")


def _import_aiosmtpd():
    """aiosmtpd imports `public` (the atpublic package), which our app `public` shadows:
    import it with atpublic's directory first on the path, then give `public` back to our
    app. aiosmtpd uses atpublic only while it is imported."""
    ours = {name: module for name, module in sys.modules.items() if _is_public(name)}
    for name in ours:
        del sys.modules[name]
    site = str(distribution("atpublic").locate_file(""))
    sys.path.insert(0, site)
    try:
        return importlib.import_module("aiosmtpd.controller").Controller
    finally:
        sys.path.remove(site)
        for name in [name for name in sys.modules if _is_public(name)]:
            del sys.modules[name]
        sys.modules.update(ours)


Controller = _import_aiosmtpd()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout: float, what: str, pause: float = 0.02):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"wachtte vergeefs op: {what}")
        time.sleep(pause)
    return result


class _SinkHandler:
    def __init__(self, sink: "SmtpSink"):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.sink.refused:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.sink.holding.is_set():
            self.sink.held.set()
            loop = asyncio.get_running_loop()
            # Until released; if the client goes away meanwhile, aiosmtpd cancels this
            # coroutine and, like a real server that never sent its 250, keeps nothing.
            await loop.run_in_executor(None, self.sink.released.wait, 120)
            if server.transport is None or server.transport.is_closing():
                return "421 verbinding verbroken"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.sink.lock:
            self.sink.messages.append(message)
            self.sink.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        if self.sink.on_message:
            self.sink.on_message(message, envelope.content)
        return "250 OK"


class SmtpSink:
    """An SMTP server on 127.0.0.1 that keeps every message it accepts. `stop()` and
    `start()` again keep the port (a mail server that was down and comes back); `hold()`
    makes it wait after the DATA of the next messages until `release()`."""

    def __init__(self, port: int | None = None, on_message=None):
        self.port = port or free_port()
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.on_message = on_message
        self.refused: set[str] = set()  # addresses answered with 550
        self.lock = threading.Lock()
        self.holding = threading.Event()
        self.held = threading.Event()
        self.released = threading.Event()
        self.controller = None

    def start(self) -> "SmtpSink":
        self.controller = Controller(_SinkHandler(self), hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        self.release()
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def hold(self) -> None:
        self.released.clear()
        self.held.clear()
        self.holding.set()

    def release(self) -> None:
        self.holding.clear()
        self.released.set()

    def wait_for(self, count: int, timeout: float = 10) -> list:
        wait_until(lambda: len(self.messages) >= count, timeout, f"{count} bericht(en)")
        return list(self.messages)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


@dataclass
class ReceivedRequest:
    path: str
    headers: dict
    body: bytes
    status: int

    def json(self):
        return json.loads(self.body)


@dataclass
class HttpSink:
    """An HTTP endpoint on 127.0.0.1 standing in for a CRM: answers each POST with the
    next of `statuses` (then 200) and keeps every request."""

    statuses: list[int] = field(default_factory=list)
    requests: list[ReceivedRequest] = field(default_factory=list)

    def start(self) -> "HttpSink":
        sink = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status = sink.statuses.pop(0) if sink.statuses else 200
                sink.requests.append(
                    ReceivedRequest(self.path, dict(self.headers.items()), body, status)
                )
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/escalaties"

    @property
    def accepted(self) -> list[ReceivedRequest]:
        return [request for request in self.requests if 200 <= request.status < 300]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
