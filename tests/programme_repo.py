"""A plans repository of 12 accounts made from the English example, with known revenue, scores, dates and power maps."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PLANS

TODAY = date(2026, 11, 23)
KAMDOC_YAML = """\
portfolio:
  currency: EUR
  rates: {USD: 0.8}
  review_months: 6
  criteria:
    - {id: revenue_potential, name: Revenue potential, weight: 30}
    - {id: margin, name: Achievable margin, weight: 20}
    - {id: growth, name: Growth, weight: 20}
    - {id: cross_selling, name: Cross- and up-selling, weight: 15}
    - {id: access, name: Access to decision-makers, weight: 15}
  knock_outs:
    - {id: size, name: At least 1000 employees}
# The example's relationships are left as they are: no account's status here is about coverage.
coverage: {warn_below: 0, mentors: 0, owner_share: 100}
"""


@dataclass
class Spec:
    """What one generated account is made of."""

    slug: str
    revenue: float  # last actual year, thousands in `currency`
    score: int | None = 4  # every criterion gets this score; None: no assessment
    share_of_wallet: float | None = 30
    partnership: str | None = "operative"
    deciders: str | None = "positive"  # every decision-maker's attitude; None: nobody is a decision-maker
    currency: str = "EUR"
    version_days: int = 10  # cover.version this many days before TODAY
    review_days: int | None = 60  # next_review this many days after TODAY (negative: overdue); None: no date
    goal_deadline_days: int | None = None  # the first goal's deadline this many days after TODAY
    no_baseline: bool = False
    thin: bool = False  # leave out every optional section
    knock_out: bool | None = True  # the size criterion: met, missed, or not answered (None)
    broken: bool = False  # a validation error
    covered: bool = False  # every key person owned, met monthly, friendly and in the relationship plan; two mentors
    single_owner: bool = False  # (with covered) one of ours holds every key person, and there is one mentor only
    action_overdue: bool = False  # the first goal's first action ten days past due and not done
    notice_passed: bool = False  # a self-renewing contract whose notice date passed a month ago
    keep_contracts: bool = False  # the example's contracts stay (their notice dates are far from TODAY)


SPECS = [
    Spec("alpha", 5000, score=4, share_of_wallet=50, partnership="strategic", deciders="positive"),  # star
    Spec(
        "bravo", 3000, score=4, share_of_wallet=0, partnership="lean", deciders="negative", review_days=-20
    ),  # question mark; review a little late
    Spec(
        "charlie", 2000, score=2, share_of_wallet=50, partnership="strategic", deciders="mentor", review_days=-300
    ),  # cash cow; review long overdue
    Spec("delta", 1000, score=2, share_of_wallet=5, partnership="lean", deciders="enemy"),  # dog; enemy decision-maker
    Spec(
        "echo", 800, score=3, share_of_wallet=25, partnership="operative", deciders="neutral", version_days=200
    ),  # 3/3 is a star; revised long ago
    Spec("foxtrot", 750, currency="USD", knock_out=False),  # 600 in EUR; misses the knock-out
    Spec("golf", 500, deciders=None, goal_deadline_days=-5),  # no decision-maker; a goal's deadline passed
    Spec("hotel", 400, no_baseline=True),  # a goal without baseline: not SMART
    Spec("india", 300, thin=True, score=None),  # little filled in, no assessment
    Spec("juliett", 200, version_days=400),  # revised more than a year ago
    Spec("kilo", 150, knock_out=None),  # knock-out not answered
    Spec("lima", 50, broken=True),  # does not validate
]


def _plan(base: dict[str, Any], spec: Spec) -> dict[str, Any]:
    plan = copy.deepcopy(base)
    plan.pop("assessment", None)  # the example's own; each account gets its own below
    # Dated things the spec does not set would add reasons of their own: each account's status is the spec's alone.
    if not spec.keep_contracts:
        plan.pop("contracts", None)
    plan.pop("risks", None)
    cover = plan["cover"]
    cover["account"] = f"{spec.slug.capitalize()} Group"
    cover.pop("division", None)
    cover["version"] = TODAY - timedelta(days=spec.version_days)
    cover.pop("next_review", None)
    if spec.review_days is not None:
        cover["next_review"] = TODAY + timedelta(days=spec.review_days)
    plan["financials"] = {
        "currency": spec.currency,
        "unit": "thousand",
        "products": [
            {
                "name": "Everything",
                "actual": {2024: spec.revenue * 0.9, 2025: spec.revenue},
                "plan": {2026: spec.revenue * 1.1},
            }
        ],
    }
    for person in plan["power_map"]["people"]:
        if spec.deciders is None:
            person["roles"] = [r for r in person["roles"] if r != "decision-maker"] or ["user"]
        elif "decision-maker" in person["roles"]:
            person["attitude"] = spec.deciders
    for goal in plan["goals"]:
        goal["deadline"] = max(goal["deadline"], cover["version"] + timedelta(days=400))
    if spec.goal_deadline_days is not None:
        plan["goals"][0]["deadline"] = TODAY + timedelta(days=spec.goal_deadline_days)
    if spec.no_baseline:
        plan["goals"][0].pop("baseline", None)
    if spec.thin:
        for key in ("position", "key_projects", "account_team", "relationship_plan", "marketing"):
            plan.pop(key, None)
        profile = plan["profile"]
        for key in ("website", "headquarters", "kpis", "owners", "subsidiaries", "market", "competitors"):
            profile.pop(key, None)
        plan["buying_strategy"] = {"sourcing": "dual"}
        plan["power_map"].pop("links", None)
        plan["swot"].pop("our_contribution", None)
        plan["mission"] = {"statement": plan["mission"]["statement"], "horizon": plan["mission"]["horizon"]}
        for goal in plan["goals"]:
            for key in ("strategy", "milestones", "actions", "resources"):
                goal.pop(key, None)
    if spec.score is not None:
        assessment: dict[str, Any] = {
            "scores": {
                c: {"score": spec.score, "reason": f"{c} judged {spec.score}"}
                for c in ("revenue_potential", "margin", "growth", "cross_selling", "access")
            },
        }
        if spec.partnership:
            assessment["partnership"] = spec.partnership
        if spec.share_of_wallet is not None:
            assessment["share_of_wallet"] = spec.share_of_wallet
        if spec.knock_out is not None:
            assessment["knock_outs"] = {
                "size": {"met": spec.knock_out, "reason": "4,000 staff" if spec.knock_out else "450 staff"}
            }
        plan["assessment"] = assessment
    if spec.covered:
        _cover(plan, spec.single_owner)
    if spec.action_overdue:
        plan["goals"][0]["actions"][0].update(due=TODAY - timedelta(days=10), status="open", owner="Aisha Rahman")
    if spec.notice_passed:
        plan.setdefault("contracts", []).append(
            {
                "name": "Support agreement",
                "start": date(2025, 1, 1),
                "end": TODAY + timedelta(days=60),
                "notice_months": 3,
                "auto_renewal": True,
            }
        )
    if spec.broken:
        plan["power_map"]["people"][0]["roles"] = ["boss"]
    return plan


KEY_ROLES = ("decision-maker", "ratifier", "buyer", "specifier")


def _cover(plan: dict[str, Any], single_owner: bool) -> None:
    """Every key person owned, in monthly contact, at least neutral and in the relationship plan; the first two key
    people mentors (one only, and one owner for all, with `single_owner`); every action done or ahead."""
    owners = ["Karin Solberg", "Daniel Okafor", "Tom Reilly", "Aisha Rahman"]
    key = [p for p in plan["power_map"]["people"] if p.get("influence") == "high" or set(p["roles"]) & set(KEY_ROLES)]
    for n, person in enumerate(key):
        person.update(contact="monthly", owner=owners[0] if single_owner else owners[n % len(owners)])
        if person.get("attitude") in (None, "negative", "enemy"):
            person["attitude"] = "neutral"
        if n < (1 if single_owner else 2):
            person["attitude"] = "mentor"
        elif person.get("attitude") == "mentor":
            person["attitude"] = "positive"
    plan["relationship_plan"] = [{"person": p["id"], "owner": p["owner"], "frequency": "monthly"} for p in key]
    for goal in plan["goals"]:
        for action in goal.get("actions", []):
            action["status"] = "done"


def make_repo(root: Path, specs: list[Spec] | None = None, config: str = KAMDOC_YAML) -> Path:
    """The repository at `root`: kamdoc.yaml, plans/<slug>/ for each spec, committed in two commits (juliett only in the first, long ago)."""
    specs = specs or SPECS
    source = PLANS / "halvorsen-logistics"
    base = yaml.safe_load((source / "plan.yaml").read_text(encoding="utf-8"))
    (root / "plans").mkdir(parents=True)
    (root / "kamdoc.yaml").write_text(config, encoding="utf-8")
    for spec in specs:
        folder = root / "plans" / spec.slug
        shutil.copytree(source, folder)
        text = yaml.safe_dump(_plan(base, spec), sort_keys=False, allow_unicode=True, width=1000)
        (folder / "plan.yaml").write_text(text, encoding="utf-8")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]
    old = {**os.environ, "GIT_AUTHOR_DATE": "2026-01-10T12:00:00", "GIT_COMMITTER_DATE": "2026-01-10T12:00:00"}
    recent = {**os.environ, "GIT_AUTHOR_DATE": "2026-11-20T12:00:00", "GIT_COMMITTER_DATE": "2026-11-20T12:00:00"}
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "plans"], cwd=root, check=True, env=old)
    for spec in specs:
        if spec.slug != "juliett":
            with (root / "plans" / spec.slug / "plan.yaml").open("a", encoding="utf-8") as handle:
                handle.write("# reviewed\n")
    subprocess.run([*git, "commit", "-qam", "reviewed"], cwd=root, check=True, env=recent)
    return root


@pytest.fixture(scope="module", name="repo")
def repo_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The generated repository, as the working folder of a test module (kamdoc shows paths relative to it)."""
    yield from working_in(make_repo(tmp_path_factory.mktemp("programme")))


def working_in(root: Path) -> Iterator[Path]:
    """`root` as the working folder while a module's tests run (kamdoc shows paths relative to it), then the old one."""
    before = Path.cwd()
    os.chdir(root)
    try:
        yield root
    finally:
        os.chdir(before)
