"""The preview's web application (Starlette): its pages, the deck's files, and a stream that says when plans changed.

Every address starts with the run's random token; requests whose Host header names another site are refused
(DNS rebinding); every answer carries a policy that lets the page run only this server's script and load
nothing from elsewhere.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kamdoc.errors import KamdocError
from kamdoc.preview.pages import deck_page, not_found, plans_page, plans_rows, view_data
from kamdoc.preview.workspace import AUDIENCES, Workspace

STATIC = Path(__file__).parent / "static"
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""Only this server's script runs (no inline script, no handler in plan text), and nothing is fetched from elsewhere."""

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGI = Callable[[Scope, Receive, Send], Awaitable[None]]


class Hub:
    """The version of the plans, and a wake-up for every page that waits for the next one."""

    def __init__(self, version: int) -> None:
        self.version = version
        self._changed = asyncio.Event()

    def publish(self, version: int) -> None:
        self.version = version
        self._changed.set()
        self._changed = asyncio.Event()

    async def after(self, seen: int, stop: Any = None) -> int | None:
        """The version once it is other than `seen` (at once when it is already), or None once `stop` (an event) is set."""
        while self.version == seen:
            waits = {asyncio.ensure_future(self._changed.wait())}
            if stop is not None:
                waits.add(asyncio.ensure_future(stop.wait()))
            _, pending = await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            for waiting in pending:
                waiting.cancel()
            if stop is not None and stop.is_set():
                return None
        return self.version


class _Token:
    """Refuses every request whose path does not start with the run's token: other local pages cannot guess it."""

    def __init__(self, app: ASGI, token: str) -> None:
        self.app, self.token = app, token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            first = scope["path"].lstrip("/").split("/", 1)[0]
            if not secrets.compare_digest(first.encode(), self.token.encode()):
                response = PlainTextResponse(
                    "This preview needs the address with its token that `kamdoc preview` printed.", 403
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class _Headers:
    """Adds the safety headers to every answer: the content policy, no sniffing, no referrer, no caching of plans."""

    def __init__(self, app: ASGI) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not _cacheable(scope):
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"] + [
                        (b"cache-control", b"no-store")
                    ]
                message["headers"] = headers + [
                    (b"content-security-policy", POLICY.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cross-origin-resource-policy", b"same-origin"),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


def _cacheable(scope: Scope) -> bool:
    """Fonts and logos are named by their content, and the page's script does not change while it runs."""
    parts = str(scope.get("path", "")).split("/")
    return len(parts) > 2 and parts[2] in ("file", "static")


def _audience(request: Request) -> str:
    audience = request.query_params.get("audience", "")
    return audience if audience in AUDIENCES else str(request.app.state.audience)


class _Pages:
    """The preview's addresses, each answered from the workspace (made in a worker thread, so the server keeps answering)."""

    def __init__(self, workspace: Workspace, hub: Hub, prefix: str) -> None:
        self.workspace, self.hub, self.prefix = workspace, hub, prefix

    def routes(self) -> list[Any]:
        return [
            Mount(
                self.prefix,
                routes=[
                    Route("/", self.start),
                    Route("/api/plans", self.plans_api),
                    Route("/deck/{slug}", self.deck),
                    Route("/api/deck/{slug}", self.deck_api),
                    Route("/events", self.events),
                    Route("/file/{key}", self.file),
                    Mount("/static", StaticFiles(directory=STATIC), name="static"),
                ],
            )
        ]

    @property
    def language(self) -> str:
        return self.workspace.language or "en"

    async def start(self, request: Request) -> Response:
        from anyio import to_thread

        plans = await to_thread.run_sync(self.workspace.plans)
        if _single(self.workspace, plans):
            return RedirectResponse(f"{self.prefix}/deck/{quote(next(iter(plans)))}", 307)
        rows, problem = await _rows(self.workspace)
        return HTMLResponse(plans_page(rows, self.prefix, self.page_language(rows), self.workspace.version, problem))

    async def plans_api(self, request: Request) -> Response:
        rows, problem = await _rows(self.workspace)
        return JSONResponse(
            {
                "version": self.workspace.version,
                "rows": plans_rows(rows, self.prefix, self.page_language(rows), problem),
            }
        )

    def page_language(self, rows: list[Any]) -> str:
        """The start page's words: in the language asked for, else the one most of the plans are written in."""
        from kamdoc.messages import most_spoken

        return self.workspace.language or most_spoken(row.language for row in rows)

    async def deck(self, request: Request) -> Response:
        from anyio import to_thread

        slug = request.path_params["slug"]
        view = await to_thread.run_sync(self.workspace.view, slug, _audience(request))
        if view is None:
            return HTMLResponse(not_found(slug, self.prefix, self.language), 404)
        many = len(await to_thread.run_sync(self.workspace.plans)) > 1
        return HTMLResponse(deck_page(view, self.prefix, many))

    async def deck_api(self, request: Request) -> Response:
        from anyio import to_thread

        view = await to_thread.run_sync(self.workspace.view, request.path_params["slug"], _audience(request))
        if view is None:
            return JSONResponse({"error": "no such plan"}, 404)
        return JSONResponse(view_data(view))

    async def events(self, request: Request) -> Response:
        import anyio
        from sse_starlette import EventSourceResponse

        stopping = (
            anyio.Event()
        )  # set by sse-starlette when the server shuts down: the stream then ends as a stream should

        async def stream() -> AsyncIterator[dict[str, str]]:
            seen: int | None = -1
            while seen is not None:
                seen = await self.hub.after(seen, stopping)
                if seen is not None:
                    yield {"event": "change", "data": json.dumps({"version": seen})}

        return EventSourceResponse(stream(), ping=15, shutdown_event=stopping, shutdown_grace_period=0.5)

    async def file(self, request: Request) -> Response:
        found = self.workspace.files.get(request.path_params["key"])
        if found is None:
            return PlainTextResponse("not found", 404)
        data, kind = found
        return Response(data, media_type=kind, headers={"cache-control": "private, max-age=86400, immutable"})


def make_app(
    workspace: Workspace,
    hub: Hub,
    token: str,
    hosts: list[str],
    audience: str = "internal",
    lifespan: Callable[[Starlette], AbstractAsyncContextManager[None]] | None = None,
) -> Starlette:
    """The application for one run: `hosts` are the names a Host header may give, `audience` the deck's default."""
    app = Starlette(
        routes=_Pages(workspace, hub, f"/{token}").routes(),
        lifespan=lifespan,
        middleware=[
            Middleware(_Headers),
            Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
            Middleware(_Token, token=token),
        ],
    )
    app.state.audience = audience
    return app


def _single(workspace: Workspace, plans: dict[str, Path]) -> bool:
    """Whether the preview was given one plan (a file or a plan's folder): its deck is the start page."""
    return (
        len(plans) == 1
        and len(workspace.paths) == 1
        and (workspace.paths[0].is_file() or (workspace.paths[0] / "plan.yaml").is_file())
    )


async def _rows(workspace: Workspace) -> tuple[list[Any], str]:
    """The start page's rows, or the message that says why there are none (a broken kamdoc.yaml)."""
    from anyio import to_thread

    try:
        return await to_thread.run_sync(workspace.rows), ""
    except KamdocError as exc:
        return [], exc.message
