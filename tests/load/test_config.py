"""kamdoc.yaml: repository settings as defaults; command-line options and KAMDOC_* environment variables override them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PLANS, TODAY, kamdoc


@pytest.fixture
def repo(in_tmp: Path) -> Path:
    shutil.copytree(PLANS / "halvorsen-logistics", in_tmp / "accounts" / "halvorsen-logistics")
    (in_tmp / "kamdoc.yaml").write_text("plans: accounts\nout: decks\nlanguage: de\n", encoding="utf-8")
    return in_tmp


def test_settings_are_the_defaults(repo: Path) -> None:
    assert kamdoc("validate", "--today", TODAY).code == 0  # plans: accounts
    run = kamdoc("render", "--today", TODAY)
    assert run.code == 0, run.err
    assert (repo / "decks" / "halvorsen-logistics.pptx").is_file()  # out: decks
    assert kamdoc("new", "neu").code == 0
    assert "language: de" in (repo / "accounts" / "neu" / "plan.yaml").read_text(encoding="utf-8")


def test_command_line_and_environment_override_the_settings(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert kamdoc("render", "--out", "cli", "--today", TODAY).code == 0
    assert (repo / "cli" / "halvorsen-logistics.pptx").is_file()
    monkeypatch.setenv("KAMDOC_RENDER_OUT", "env")
    assert kamdoc("render", "--today", TODAY).code == 0
    assert (repo / "env" / "halvorsen-logistics.pptx").is_file()
    assert not (repo / "decks").exists()


def test_a_wrong_setting_names_its_line(repo: Path) -> None:
    (repo / "kamdoc.yaml").write_text("plans: accounts\nthme: corporate\n", encoding="utf-8")
    run = kamdoc("validate")
    assert run.code == 1
    assert (
        "kamdoc.yaml:2:1: error: unknown setting 'thme'; known: plans, language, theme, out, formats, audience"
        in run.err
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("plans: accounts\nthme: corporate\n", ":2:1: error: unknown setting 'thme'"),
        ("plans: accounts\nportfolio:\n  review_months: six\n", ":3:18: error: portfolio.review_months: 'six' is not"),
    ],
)
def test_a_wrong_setting_is_one_line_that_begins_at_its_place(repo: Path, text: str, said: str) -> None:
    (repo / "kamdoc.yaml").write_text(text, encoding="utf-8")
    run = kamdoc("validate")
    line, *more = run.err.splitlines()
    # As a compiler says it, so that editors and CI jump to it: no "Error: " before the message's own "error:".
    assert run.code == 1 and not more and line.startswith(f"kamdoc.yaml{said}"), run.err


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("thme: corporate\n", ":3:1: error: unbekannte Einstellung 'thme'; bekannt sind: plans, language,"),
        ("shards: 99\n", ":3:9: error: shards: erwartet wird eine ganze Zahl von 1 bis 64, nicht 99"),
        ("portfolio:\n  review_months: sechs\n", ":4:18: error: portfolio.review_months: 'sechs' ist keine ganze Zahl"),
        ("portfolio:\n  currency: euro\n", ":4:13: error: portfolio.currency: 'euro' ist kein Währungscode: nimm drei"),
        (
            "rules:\n  min_coverag: 70\n",
            ":4:3: error: rules.min_coverag: unbekannte Regel; gemeint ist wohl min_coverage;",
        ),
        (
            "coverage: {mentors: -1}\n",
            ":3:21: error: coverage.mentors: -1 liegt außerhalb des Bereichs: gib eine Zahl ab 0 an",
        ),
        (
            "portfolio:\n  criteria: [{id: a, name: A, weight: 1}, {id: b, name: B, weight: 1}]\n",
            ":4:3: error: portfolio: gib 3 bis 8 Kriterien an (es sind 2)",
        ),
        (
            "audiences:\n  customer: {show: [financials.prodcts.actual]}\n",
            ":4:20: error: audiences.customer.show: 'financials.prodcts.actual' ist kein Feld eines Plans; gemeint ist wohl",
        ),
        (
            "rules:\n  min_coverage: viel\n",
            ":4:17: error: rules.min_coverage: 'viel' ist kein Parameter dieser Regel: schreib z. B. min_coverage: 70 (Die "
            "Beziehungsabdeckung",
        ),
    ],
)
def test_a_german_repositorys_settings_are_told_in_german(repo: Path, text: str, said: str) -> None:
    (repo / "kamdoc.yaml").write_text(f"plans: accounts\nlanguage: de\n{text}", encoding="utf-8")
    run = kamdoc("validate")
    assert run.code == 1 and run.err.startswith(f"kamdoc.yaml{said}"), run.err


@pytest.mark.parametrize("value", ["0", "65", '"4"', "true", "2.5"])
def test_shards_is_a_whole_number_in_range(repo: Path, value: str) -> None:
    (repo / "kamdoc.yaml").write_text(f"plans: accounts\nshards: {value}\n", encoding="utf-8")
    run = kamdoc("validate")
    assert run.code == 1 and "kamdoc.yaml:2:9: error: shards: expected a whole number from 1 to 64" in run.err, run.err


def test_a_folder_s_own_kamdoc_yaml_rules_its_plans_in_the_working_tree_and_in_commits(tmp_path: Path) -> None:
    from git_history import commit, new_repo

    from kamdoc.load.git import Snapshot
    from kamdoc.load.settings import programme_at

    repo = new_repo(tmp_path)
    (repo / "kamdoc.yaml").write_text('approvers: ["@directors"]\n', encoding="utf-8")
    (repo / "plans/north").mkdir(parents=True)
    (repo / "plans/north/kamdoc.yaml").write_text('approvers: ["@north-lead"]\n', encoding="utf-8")
    head = commit(repo, "Settings of the repository and of the north unit")
    for snapshot in (Snapshot(repo, None), Snapshot(repo, head)):
        assert programme_at(snapshot, "plans/north/acme/plan.yaml").approvers == ["@north-lead"], snapshot.label()
        assert programme_at(snapshot, "plans/south/acme/plan.yaml").approvers == ["@directors"], snapshot.label()
        assert programme_at(snapshot).approvers == ["@directors"]


def test_every_rule_s_meaning_is_told_in_german() -> None:
    from kamdoc.messages import in_german
    from kamdoc.standard.programme import RULES

    for name, (example, meaning) in RULES.items():
        said = in_german(f"'x' is no parameter of this rule: write e.g. {name}: {example} ({meaning})")
        assert said.startswith(f"'x' ist kein Parameter dieser Regel: schreib z. B. {name}: {example} (")
        assert meaning not in said, name
