"""Running the app under uvicorn: in this process for one worker, or as a small
supervisor over N worker processes, each with its own listening socket.

Why one socket per worker: when uvicorn's workers share one listening socket, the
kernel wakes whichever worker is waiting, and a burst of keep-alive connections
often lands on one of them (at 32 clients, 5 runs of 8 had every connection on one
worker, halving throughput). With SO_REUSEPORT each worker listens on a socket of
its own and Linux spreads new connections over them by a hash of their addresses.
The parent binds every socket, so a busy port is reported before anything starts,
and keeps them, so a restarted worker takes over its predecessor's socket and the
connections waiting on it. Where SO_REUSEPORT does not balance (other systems), the
workers share one socket under uvicorn's own supervisor.
"""

import errno
import functools
import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors import Multiprocess

from bodyweight import protocol

APP = "bodyweight.app:create_app"
# Requests with larger headers are refused: 431 (protocol.py) with httptools, 400
# from h11 where httptools is missing.
MAX_HEADER_BYTES = protocol.MAX_HEADER_BYTES
# An idle keep-alive connection is closed after this many seconds.
KEEP_ALIVE_S = 5
BACKLOG = 2048
# A worker that dies unexpectedly is restarted, but not forever: this many deaths
# within the window mean something is broken, and the server stops.
MAX_RESTARTS = 5
RESTART_WINDOW_S = 60.0
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)

log = logging.getLogger("bodyweight.server")


class ServeError(Exception):
    """The server cannot start or keep running; explained in one line."""


def http_protocol(read_timeout: float) -> Any:
    """httptools with the header-size and read-time limits of protocol.py, or h11
    (with its own header limit) where httptools cannot be installed."""
    try:
        import httptools  # noqa: F401
    except ImportError:
        return "h11"
    return functools.partial(protocol.BoundedHttpToolsProtocol, read_timeout=read_timeout)


def uvicorn_options(host: str, port: int, read_timeout: float = protocol.READ_TIMEOUT_S) -> dict[str, Any]:
    return {
        "app": APP,
        "factory": True,
        "host": host,
        "port": port,
        "log_level": "warning",
        "access_log": False,
        "backlog": BACKLOG,
        "http": http_protocol(read_timeout),
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
        "timeout_keep_alive": KEEP_ALIVE_S,
    }


def balances_by_port() -> bool:
    """SO_REUSEPORT spreads connections over the sockets on Linux only (elsewhere
    it exists with other meanings, or not at all)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _cannot_listen(host: str, port: int, exc: OSError) -> ServeError:
    if exc.errno == errno.EADDRINUSE:
        return ServeError(
            f"port {port} on {host} is already in use (another server?); stop it or choose another --port"
        )
    return ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


def _bind(host: str, port: int, *, reuse_port: bool) -> socket.socket:
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        raise _cannot_listen(host, port, exc) from None
    sock.set_inheritable(True)
    return sock


def listen(host: str, port: int, count: int) -> list[socket.socket]:
    """`count` listening sockets on host:port: one plain socket, or `count` sharing
    the port with SO_REUSEPORT. Port 0 picks a free port, the same for all."""
    if count == 1:
        return [_bind(host, port, reuse_port=False)]
    if port:
        # A socket without SO_REUSEPORT cannot share the port, so this probe fails
        # if anything listens there, including another server with SO_REUSEPORT that
        # would otherwise quietly share our port (and our traffic).
        _bind(host, port, reuse_port=False).close()
    sockets = [_bind(host, port, reuse_port=True)]
    port = sockets[0].getsockname()[1]
    try:
        sockets += [_bind(host, port, reuse_port=True) for _ in range(count - 1)]
    except ServeError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


# The workers -------------------------------------------------------------------


def _stop_when_orphaned(parent_alive: Connection) -> None:
    """Stop this worker gracefully once the supervisor is gone (even killed): its end
    of the pipe then reads end-of-file."""
    try:
        parent_alive.recv()
    except (EOFError, OSError):
        pass
    os.kill(os.getpid(), signal.SIGTERM)


def run_worker(options: dict[str, Any], sock: socket.socket, parent_alive: Connection) -> None:
    """A worker process: uvicorn serving on its own socket until SIGTERM or SIGINT."""
    threading.Thread(target=_stop_when_orphaned, args=(parent_alive,), daemon=True).start()
    try:
        uvicorn.Server(uvicorn.Config(**options)).run(sockets=[sock])
    except KeyboardInterrupt:  # a stop on SIGINT, re-raised by uvicorn once it is done
        pass


class Supervisor:
    """Starts one worker per socket, restarts a worker that dies unexpectedly (within
    a budget), and on SIGINT or SIGTERM asks every worker to finish its requests and
    stop. A second signal kills the workers at once."""

    def __init__(self, options: dict[str, Any], sockets: list[socket.socket]) -> None:
        self.options = options
        self.sockets = sockets
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[multiprocessing.process.BaseProcess | None] = [None] * len(sockets)
        self.deaths: deque[float] = deque()
        self.stop_signal: int | None = None
        self.signalled: set[int] = set()
        # The workers hold the reading ends; when this process ends, they read EOF.
        self.parent_alive, self.keep_alive = multiprocessing.Pipe(duplex=False)

    def _start(self, index: int) -> None:
        worker = self.context.Process(
            target=run_worker,
            args=(self.options, self.sockets[index], self.parent_alive),
            name=f"bodyweight-worker-{index + 1}",
        )
        worker.start()
        self.workers[index] = worker
        log.info("worker started", extra={"worker": worker.pid, "slot": index + 1})

    def _on_signal(self, signum: int, frame: object) -> None:
        if self.stop_signal is not None:
            for worker in self._alive():
                worker.kill()
        self.stop_signal = signum
        self._ask_to_stop()

    def _alive(self) -> list[multiprocessing.process.BaseProcess]:
        return [w for w in self.workers if w is not None and w.exitcode is None]

    def _ask_to_stop(self) -> None:
        for worker in self._alive():
            pid = worker.pid  # set once started, and every worker here was
            if pid is not None and pid not in self.signalled:
                self.signalled.add(pid)
                os.kill(pid, signal.SIGTERM)

    def _replace(self, index: int, worker: multiprocessing.process.BaseProcess) -> None:
        now = time.monotonic()
        self.deaths.append(now)
        while self.deaths and self.deaths[0] < now - RESTART_WINDOW_S:
            self.deaths.popleft()
        if worker.exitcode == STARTUP_FAILURE:
            raise ServeError("a worker could not start the app (see the log above); stopping")
        if len(self.deaths) > MAX_RESTARTS:
            raise ServeError(
                f"the workers keep dying ({len(self.deaths)} deaths within {RESTART_WINDOW_S:.0f} s, "
                "see the log above); stopping"
            )
        log.warning("worker died; starting another", extra={"worker": worker.pid, "exitcode": worker.exitcode})
        self._start(index)

    def _watch(self) -> None:
        while self._alive():
            sentinels = [w.sentinel for w in self._alive()]
            wait(sentinels, timeout=1.0)
            if self.stop_signal is not None:
                self._ask_to_stop()  # also reaches a worker started just before the signal
                continue
            for index, worker in enumerate(self.workers):
                if worker is not None and worker.exitcode is not None:
                    self._replace(index, worker)

    def run(self) -> int | None:
        """Serve until a stop signal (returned) or until workers keep dying (ServeError)."""
        previous = {sig: signal.signal(sig, self._on_signal) for sig in STOP_SIGNALS}
        try:
            for index in range(len(self.sockets)):
                self._start(index)
            self._watch()
        except BaseException:
            self.stop_signal = self.stop_signal or signal.SIGTERM
            self._ask_to_stop()
            for worker in self._alive():
                worker.join()
            raise
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return self.stop_signal


def serve(
    host: str,
    port: int,
    workers: int,
    announce: Callable[[int], None],
    read_timeout: float = protocol.READ_TIMEOUT_S,
) -> None:
    """Bind, call `announce(port)` once the port is listening, then serve until stopped.

    As uvicorn does, a stop by signal ends with that signal re-raised once every
    worker has finished (SIGTERM: the exit status says so; SIGINT: a clean exit).
    """
    reuse_port = workers > 1 and balances_by_port()
    sockets = listen(host, port, workers if reuse_port else 1)
    options = uvicorn_options(host, sockets[0].getsockname()[1], read_timeout)
    announce(options["port"])
    try:
        if reuse_port:
            stopped_by = Supervisor(options, sockets).run()
            if stopped_by is not None:
                signal.raise_signal(stopped_by)
        elif workers > 1:
            Multiprocess(uvicorn.Config(**options, workers=workers), sockets=sockets).run()
        else:
            server = uvicorn.Server(uvicorn.Config(**options))
            server.run(sockets=sockets)
            if not server.started:
                raise ServeError("the app could not start (see the log above)")
    except KeyboardInterrupt:
        pass
    finally:
        for sock in sockets:
            sock.close()
