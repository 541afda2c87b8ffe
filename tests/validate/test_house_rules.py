"""The organisation's rules in kamdoc.yaml (`rules:`): each finds what it names at the plan's line, says nothing
without its cause, and a wrong rule is an error at its line in kamdoc.yaml."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import DATA, PLANS, kamdoc
from git_history import edit

TODAY = "2026-11-23"
PLAN = "plans/oakridge/plan.yaml"
REV = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the small complete plan (coverage 50 %: Leila Khan has no owner, contact or plan line)."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(DATA / "contracts", tmp_path / "plans" / "oakridge")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(repo: Path, rules: str, today: str = TODAY) -> tuple[int, list[tuple[str, int, str, str, str]]]:
    (repo / "kamdoc.yaml").write_text(f"rules:\n{rules}", encoding="utf-8")
    run = kamdoc("validate", "plans", "--format", "json", "--today", today)
    found = json.loads(run.out)["findings"] if run.out.strip().startswith("{") else []
    return run.code, [(f["file"], f["line"], f["severity"], f["field"], f["message"]) for f in found]


def test_sponsor_for_asks_strategic_accounts_for_an_executive_sponsor(repo: Path) -> None:
    with (repo / PLAN).open("a", encoding="utf-8") as plan:
        plan.write("\nassessment:\n  partnership: strategic\n")
    code, found = findings(repo, "  sponsor_for: [strategic]\n")
    assert code == 1
    assert found == [
        (
            PLAN,
            found[0][1],
            "error",
            "assessment.partnership",
            "a strategic partnership, and kamdoc.yaml's rule sponsor_for asks for an executive sponsor: mark one "
            "account_team member with sponsor: true",
        )
    ]
    assert (repo / PLAN).read_text().splitlines()[found[0][1] - 1].strip() == "partnership: strategic"
    edit(repo, PLAN, "{name: Tom Becker, role: Service lead}", "{name: Tom Becker, role: Service lead, sponsor: true}")
    assert findings(repo, "  sponsor_for: [strategic]\n") == (0, [])
    assert findings(repo, "  sponsor_for: [operative]\n") == (0, [])


def test_min_coverage_names_the_gaps(repo: Path) -> None:
    code, found = findings(repo, "  min_coverage: 60\n")
    assert code == 1 and found[0][3] == "power_map.people"
    assert found[0][4] == (
        "relationship coverage is 50 %, and kamdoc.yaml's rule min_coverage asks for at least 60 %: close the gaps of "
        "Leila Khan (kamdoc health names them)"
    )
    assert findings(repo, "  min_coverage: 50\n") == (0, [])


def test_a_rule_can_be_a_warning(repo: Path) -> None:
    code, found = findings(repo, "  min_coverage: {value: 60, severity: warning}\n")
    assert code == 0 and [f[2] for f in found] == ["warning"]


def test_kpi_source_asks_each_key_figure_for_its_source(repo: Path) -> None:
    code, found = findings(repo, "  kpi_source: required\n")
    assert code == 1 and [(f[3], f[4][:30]) for f in found] == [("profile.kpis[0]", "names no source, and kamdoc.ya")]
    edit(
        repo, PLAN, "      values: {2024: 180, 2025: 194}", "      values: {2024: 180, 2025: 194}\n      source: annual"
    )
    with (repo / PLAN).open("a", encoding="utf-8") as plan:
        plan.write("\nsources:\n  - {id: annual, title: Annual report 2025}\n")
    assert findings(repo, "  kpi_source: required\n") == (0, [])


def test_max_plan_age_counts_from_the_version(repo: Path) -> None:
    # The plan's version is 2026-10-01.
    code, found = findings(repo, "  max_plan_age: 6 months\n", today="2027-05-01")
    assert code == 1 and found[0][3] == "cover.version"
    assert "is 212 days old, and kamdoc.yaml's rule max_plan_age allows 6 months" in found[0][4]
    assert findings(repo, "  max_plan_age: 6 months\n", today="2026-12-01") == (0, [])
    assert findings(repo, "  max_plan_age: 2 weeks\n", today="2026-10-20")[0] == 1


def test_consistent_figures_finds_a_figure_written_twice_that_disagrees(repo: Path) -> None:
    rule = "  consistent_figures: true\n"
    assert findings(repo, rule) == (0, [])
    edit(repo, PLAN, "{name: Wireless line, volume: 1500,", "{name: Line A sensors, volume: 500,")
    edit(repo, PLAN, "      contact: monthly\n", "      contact: monthly\n      owner: Priya Natarajan\n")
    edit(
        repo,
        PLAN,
        "{person: sreed, owner: Priya Natarajan, frequency: monthly}",
        "{person: sreed, owner: P. Natarajan, frequency: weekly}",
    )
    edit(
        repo,
        PLAN,
        "      values: {2024: 180, 2025: 194}",
        "      values: {2024: 180, 2025: 194}\n    - {name: revenue, values: {2025: 190}}",
    )
    code, found = findings(repo, rule)
    assert code == 1
    assert [(f[3], f[4]) for f in found] == [
        ("profile.kpis[1].values", "'revenue' is listed twice and says 194 and 190 for 2025: give one figure"),
        (
            "key_projects[0].volume",
            "'Line A sensors' has the volume 500 here and the size 420 in position.won: give the same figure",
        ),
        (
            "relationship_plan[0].owner",
            "the power map gives sreed's owner as 'Priya Natarajan', the relationship plan as 'P. Natarajan': give the same",
        ),
        (
            "relationship_plan[0].frequency",
            "the power map gives sreed's contact as monthly, the relationship plan as weekly: give the same",
        ),
    ]


def test_max_accounts_counts_over_the_folder_and_is_said_at_kamdoc_yaml(repo: Path) -> None:
    shutil.copytree(repo / "plans/oakridge", repo / "plans/second")
    for plan in ("oakridge", "second"):
        with (repo / f"plans/{plan}/plan.yaml").open("a", encoding="utf-8") as handle:
            handle.write("\nassessment:\n  partnership: strategic\n")
    code, found = findings(repo, "  max_accounts: {strategic: 1, operative: 5}\n")
    assert code == 1
    assert found == [
        (
            "kamdoc.yaml",
            2,
            "error",
            "rules.max_accounts",
            "2 strategic accounts, and the rule allows at most 1: plans/oakridge/plan.yaml, plans/second/plan.yaml",
        )
    ]
    assert findings(repo, "  max_accounts: {strategic: 2}\n") == (0, [])


@pytest.mark.parametrize(
    ("rules", "said"),
    [
        ("  min_coverag: 70\n", "kamdoc.yaml:2: error: rules.min_coverag: unknown rule; did you mean min_coverage?"),
        (
            "  min_coverage: lots\n",
            "kamdoc.yaml:2: error: rules.min_coverage: 'lots' is no parameter of this rule: write e.g. min_coverage: 70",
        ),
        (
            "  max_plan_age: soon\n",
            "kamdoc.yaml:2: error: rules.max_plan_age: 'soon' is no parameter of this rule: write e.g. max_plan_age: 6 months",
        ),
        ("  sponsor_for: [golden]\n", "kamdoc.yaml:2: error: rules.sponsor_for: [golden] is no parameter"),
        ("  max_accounts: {golden: 25}\n", "kamdoc.yaml:2: error: rules.max_accounts: {golden: 25} is no parameter"),
        (
            "  kpi_source: {value: required, severity: fatal}\n",
            "kamdoc.yaml:2: error: rules.kpi_source.severity: 'fatal' is not one of error, warning",
        ),
    ],
)
def test_a_wrong_rule_is_an_error_at_its_line_in_kamdoc_yaml(repo: Path, rules: str, said: str) -> None:
    (repo / "kamdoc.yaml").write_text(f"rules:\n{rules}", encoding="utf-8")
    run = kamdoc("validate", "plans", "--today", TODAY)
    at, message = said.split(": ", 1)
    assert run.code == 1 and re.search(rf"{re.escape(at)}:\d+: {re.escape(message)}", run.err), run.err
    assert "Traceback" not in run.err


def test_an_unknown_rule_is_said_at_its_name(repo: Path) -> None:
    (repo / "kamdoc.yaml").write_text("rules:\n  kpi_sauce: required\n", encoding="utf-8")
    said = kamdoc("validate", "plans", "--today", TODAY).err
    assert said.startswith("kamdoc.yaml:2:3: error: rules.kpi_sauce: unknown rule; did you mean kpi_source?"), said


def test_kamdoc_yaml_is_named_as_plans_are_from_the_working_folder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "kamdoc.yaml").write_text("rules:\n  min_coverage: lots\n", encoding="utf-8")
    assert kamdoc("validate", "plans", "--today", TODAY).err.startswith("kamdoc.yaml:2:17: error: rules.min_coverage: ")
    monkeypatch.chdir(repo.parent)
    run = kamdoc("validate", f"{repo.name}/plans", "--today", TODAY)
    assert run.err.startswith(f"{repo.name}/kamdoc.yaml:2:17: error: "), run.err


def test_a_german_plan_hears_the_rule_in_german(repo: Path) -> None:
    shutil.copytree(PLANS / "brenner-werke", repo / "plans/brenner")
    shutil.rmtree(repo / "plans/oakridge")
    (repo / "kamdoc.yaml").write_text("rules:\n  min_coverage: 90\n", encoding="utf-8")
    run = kamdoc("validate", "plans", "--today", TODAY)
    assert (
        "die Beziehungsabdeckung ist 78 %, und die Regel min_coverage in kamdoc.yaml verlangt mindestens 90 %"
        in run.out
    )


def test_the_example_plans_pass_every_rule_init_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert kamdoc("init", tmp_path, "--kamdoc-repo", "https://github.com/kamdoc/kamdoc", "--kamdoc-rev", REV).code == 0
    config = (tmp_path / "kamdoc.yaml").read_text(encoding="utf-8")
    for rule in ("sponsor_for", "min_coverage", "max_accounts", "kpi_source", "max_plan_age", "consistent_figures"):
        assert f"\n  {rule}: " in config
    for name in ("brenner-werke", "halvorsen-logistics"):
        shutil.copytree(PLANS / name, tmp_path / "plans" / name)
    monkeypatch.chdir(tmp_path)
    run = kamdoc("validate", "plans", "--format", "json", "--today", TODAY)
    assert run.code == 0 and json.loads(run.out)["findings"] == []
    assert len(json.loads(run.out)["plans"]) == 3  # init's own example too
