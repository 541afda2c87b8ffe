"""Running the preview: a socket on this machine only (unless asked), uvicorn serving the app, and watchfiles following every save."""

from __future__ import annotations

import asyncio
import ipaddress
import secrets
import socket
import threading
import webbrowser
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

from kamdoc.errors import KamdocError
from kamdoc.pipeline.listener import SILENT, Listener
from kamdoc.preview.app import Hub
from kamdoc.preview.files import Served
from kamdoc.preview.workspace import Workspace

LOCAL = "127.0.0.1"
DEFAULT_PORT = 8765
TRIES = 20
"""Without --port, the ports after the default one that are tried when it is taken."""
STEP_MS = 20
"""How long the watcher waits for more changes after one (editors write a file in several steps)."""


def allowed_hosts(host: str) -> list[str]:
    """The names a request's Host header may give: this machine's loopback names, and what --host opened up."""
    names = {"127.0.0.1", "localhost", host}
    if host in ("0.0.0.0", "::"):
        # Open to the network: the machine is reached by its name or one of its addresses.
        names |= {socket.gethostname(), socket.getfqdn()}
        try:
            names |= {str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)}
        except OSError:
            pass
    # A Host header writes an IPv6 address in brackets ([::1]:8765).
    return sorted(names | {f"[{name}]" for name in names if _is_ipv6(name)})


def bind(host: str, port: int | None) -> socket.socket:
    """A listening socket: on `port`, or without one on the first free port from the default one."""
    family = socket.AF_INET6 if _is_ipv6(host) else socket.AF_INET
    candidates = [port] if port is not None else list(range(DEFAULT_PORT, DEFAULT_PORT + TRIES))
    for number in candidates:
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, number))
        except OSError as exc:
            sock.close()
            if port is not None or number == candidates[-1]:
                raise KamdocError(
                    f"cannot listen on {host}:{number}: {exc.strerror or exc}; choose another port with --port"
                ) from None
            continue
        sock.listen(64)
        sock.set_inheritable(True)
        return sock
    raise AssertionError("unreachable")  # the loop returns or raises


def _is_ipv6(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).version == 6
    except ValueError:
        return False


class Preview:
    """One run of the preview: its token, workspace, socket and server, made before it serves (so the address is known)."""

    def __init__(
        self,
        paths: list[Path],
        host: str = LOCAL,
        port: int | None = None,
        audience: str = "internal",
        language: str | None = None,
        theme_dir: Path | None = None,
        say: Listener = SILENT,
        today: Callable[[], date] = date.today,
    ) -> None:
        import uvicorn

        from kamdoc.preview.app import make_app

        self.token = secrets.token_urlsafe(18)
        self.say = say
        self.workspace = Workspace(paths, Served(f"/{self.token}"), theme_dir, language, today)
        if not self.workspace.plans():
            raise KamdocError(f"no plans found in {', '.join(map(str, paths))}")
        self.socket = bind(host, port)
        shown = f"[{host}]" if _is_ipv6(host) else host
        self.url = (
            f"http://{LOCAL if host in ('0.0.0.0', '::') else shown}:{self.socket.getsockname()[1]}/{self.token}/"
        )
        self.hub = Hub(self.workspace.version)
        app = make_app(self.workspace, self.hub, self.token, allowed_hosts(host), audience, self._lifespan)
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=1)
        self.server = uvicorn.Server(config)

    @asynccontextmanager
    async def _lifespan(self, app: Any) -> AsyncIterator[None]:
        stop = asyncio.Event()
        task = asyncio.create_task(follow(self.workspace, self.hub, stop, self.say))
        self.say.err(f"preview: {self.url}")
        self.say.err(f"following {', '.join(str(f) for f in self.workspace.folders())} (Ctrl-C to stop)")
        try:
            yield
        finally:
            stop.set()
            task.cancel()

    def run(self) -> None:
        """Serve until stopped (Ctrl-C, or `stop` from another thread)."""
        try:
            self.server.run(sockets=[self.socket])
        finally:
            self.socket.close()

    def stop(self) -> None:
        self.server.should_exit = True


def serve(
    paths: list[Path],
    host: str = LOCAL,
    port: int | None = None,
    audience: str = "internal",
    language: str | None = None,
    theme_dir: Path | None = None,
    open_browser: bool = False,
    say: Listener = SILENT,
) -> int:
    """Serve the preview until interrupted; returns the exit code."""
    preview = Preview(paths, host, port, audience, language, theme_dir, say)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, (preview.url,)).start()
    try:
        preview.run()
    except KeyboardInterrupt:
        pass
    return 0


async def follow(workspace: Workspace, hub: Hub, stop: asyncio.Event, say: Listener = SILENT) -> None:
    """Make the views again after every change below the followed folders, then wake the pages."""
    from anyio import to_thread
    from watchfiles import DefaultFilter, awatch

    async for batch in awatch(
        *workspace.folders(), watch_filter=DefaultFilter(), step=STEP_MS, stop_event=stop, debounce=1000
    ):
        names = sorted({Path(path).name for _, path in batch})
        try:
            version = await to_thread.run_sync(workspace.changed)
        except Exception as exc:  # a bug of kamdoc's while making a view: said, and the preview goes on
            say.err(
                f"error: kamdoc could not make the preview again ({type(exc).__name__}: {exc}); this is a bug, please report it"
            )
            continue
        say.err(f"changed: {', '.join(names)}")
        hub.publish(version)
