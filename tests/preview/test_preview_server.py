"""The preview's server: the token and the Host header guard every address, answers carry their policy, only the deck's own files are served."""

from __future__ import annotations

import http.client
import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import DATA, PLANS, kamdoc, name_first_person
from preview_server import copy_plans, serving

from kamdoc.preview.server import Preview, allowed_hosts

HOSTILE = "</style><script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    plans = copy_plans(PLANS, tmp_path_factory.mktemp("served"), "brenner-werke", "halvorsen-logistics")
    with serving([plans]) as running:
        yield running


def get(url: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {"Host": host} if host else {}
    connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_the_address_with_its_token_answers(preview: Preview) -> None:
    status, headers, body = get(preview.url)
    assert status == 200 and b"Brenner Werke AG" in body
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe-eval" not in policy
    assert headers["referrer-policy"] == "no-referrer" and headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    "path", ["/", "/deck/brenner-werke", "/api/deck/brenner-werke", "/events", "/static/preview.js"]
)
def test_a_wrong_or_missing_token_is_refused(preview: Preview, path: str) -> None:
    origin = preview.url.rsplit("/", 2)[0]
    for token in ("", "wrong-token", preview.token[:-1]):
        status, _, body = get(f"{origin}/{token}{path}".replace("//deck", "/deck"))
        assert status == 403, (token, path)
        assert b"Brenner" not in body


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:80", "127.0.0.1.evil.example", "attacker.localhost.example"]
)
def test_a_foreign_host_header_is_refused(preview: Preview, host: str) -> None:
    # DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 still says evil.example.
    port = urlsplit(preview.url).port
    status, _, body = get(preview.url, host=host.replace(":80", f":{port}"))
    assert status == 400 and b"Brenner" not in body


def test_this_machines_names_are_allowed(preview: Preview) -> None:
    port = urlsplit(preview.url).port
    assert get(preview.url, host=f"localhost:{port}")[0] == 200
    assert "evil.example" not in allowed_hosts("127.0.0.1") and "0.0.0.0" not in allowed_hosts("127.0.0.1")


def test_only_the_decks_own_files_are_served(preview: Preview) -> None:
    status, _, page = get(f"{preview.url}deck/brenner-werke")
    files = re.findall(rb"/file/([0-9a-f]+\.[a-z]+)", page)
    assert status == 200 and len(set(files)) >= 4  # the four faces of the font, and the logo
    for key in set(files):
        assert get(f"{preview.url}file/{key.decode()}")[0] == 200
    for guess in ("../plan.yaml", "..%2F..%2F.git%2Fconfig", "0" * 24 + ".ttf", "plan.yaml"):
        assert get(f"{preview.url}file/{guess}")[0] in (403, 404)


def test_the_deck_api_gives_the_view_after_a_save(preview: Preview) -> None:
    status, _, body = get(f"{preview.url}api/deck/halvorsen-logistics?audience=customer")
    view = json.loads(body)
    assert status == 200 and view["errors"] == 0 and view["count"] > 10 and "<section" in view["slides"]
    assert get(f"{preview.url}api/deck/nobody")[0] == 404
    assert get(f"{preview.url}deck/nobody")[0] == 404


def test_a_hostile_plan_is_shown_as_text(tmp_path: Path) -> None:
    plans = copy_plans(PLANS, tmp_path, "halvorsen-logistics")
    plan = plans / "halvorsen-logistics" / "plan.yaml"
    name_first_person(plan, HOSTILE)
    with serving([plans / "halvorsen-logistics"]) as running:
        status, _, page = get(f"{running.url}deck/halvorsen-logistics")
        view = json.loads(get(f"{running.url}api/deck/halvorsen-logistics")[2])
    assert status == 200 and view["errors"] == 0
    for shown in (page.decode(), view["slides"]):
        assert "<script>alert" not in shown and "</style><" not in shown
        assert "&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert page.count(b"<script") == 2  # the page's data and its one script


def test_one_plan_opens_on_its_deck(tmp_path: Path) -> None:
    plans = copy_plans(PLANS, tmp_path, "halvorsen-logistics")
    with serving([plans / "halvorsen-logistics"]) as running:
        parts = urlsplit(running.url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        connection.request("GET", parts.path)
        response = connection.getresponse()
        assert response.status == 307 and response.getheader("location", "").endswith("/deck/halvorsen-logistics")


def test_a_taken_port_is_one_message(tmp_path: Path) -> None:
    plans = copy_plans(PLANS, tmp_path, "halvorsen-logistics")
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        run = kamdoc("preview", plans, "--port", str(taken.getsockname()[1]))
    finally:
        taken.close()
    assert (
        run.code == 1
        and "cannot listen on 127.0.0.1:" in run.err
        and "--port" in run.err
        and "Traceback" not in run.err
    )


def test_no_plans_is_one_message(tmp_path: Path) -> None:
    run = kamdoc("preview", tmp_path)
    assert run.code == 1 and "no plans found" in run.err
    assert kamdoc("preview", tmp_path / "nowhere").code == 2


def test_a_broken_plan_still_starts_the_preview(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (DATA / "base" / "plan.yaml").read_text(encoding="utf-8").replace("language:", "languages:", 1),
        encoding="utf-8",
    )
    with serving([broken]) as running:
        status, _, body = get(f"{running.url}api/deck/broken")
    view = json.loads(body)
    assert status == 200 and view["errors"] >= 1 and "broken.yaml:" in view["problems"]
