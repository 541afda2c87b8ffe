"""Validation as a user meets it: every defect of the standard reported at its file, line, column and field."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import DATA, PLANS, TODAY, kamdoc

BAD = sorted((DATA / "bad").glob("*.yaml"))
_EXPECT = re.compile(r"# expect: (error|warning) at (\d+:\d+|any) in (\S+): (.*)")


def expectation(plan: Path) -> tuple[str, str, str, str]:
    match = _EXPECT.match(plan.read_text(encoding="utf-8").split("\n", 1)[0])
    assert match, f"{plan.name} lacks its '# expect:' line"
    return match.groups()  # type: ignore[return-value]


def test_there_are_enough_distinct_bad_inputs() -> None:
    errors = [p for p in BAD if expectation(p)[0] == "error"]
    assert len(errors) >= 30
    assert len({expectation(p)[2:] for p in BAD}) == len(BAD), "each bad input tests something different"


@pytest.mark.parametrize("plan", BAD, ids=[p.stem for p in BAD])
def test_bad_input_is_reported_where_it_is(plan: Path) -> None:
    severity, where, field, fragment = expectation(plan)
    run = kamdoc("validate", plan, "--today", TODAY)
    assert run.code == (1 if severity == "error" else 0), run.out
    lines = [line for line in run.out.splitlines() if f": {severity}: " in line]
    shown = f"tests/data/bad/{plan.name}"
    prefix = f"{shown}:{where}: {severity}: " if where != "any" else f"{shown}:"
    if field != "-":
        prefix += f"{field}: " if where != "any" else ""
    matching = [line for line in lines if line.startswith(prefix) and fragment in line]
    assert matching, f"expected a line starting {prefix!r} containing {fragment!r}; got:\n{run.out}"


@pytest.mark.parametrize("plan", [p for p in BAD if p.stem.startswith("warn-")], ids=lambda p: p.stem)
def test_strict_makes_warnings_fail(plan: Path) -> None:
    assert kamdoc("validate", plan, "--today", TODAY).code == 0
    assert kamdoc("validate", plan, "--today", TODAY, "--strict").code == 1


def test_example_plans_are_valid_without_warnings() -> None:
    run = kamdoc("validate", PLANS, "--today", TODAY, "--strict")
    assert run.code == 0, run.out
    assert run.out == ""
    assert "checked 2 plans: 0 errors, 0 warnings" in run.err


def test_every_problem_is_reported_in_one_pass(tmp_path: Path) -> None:
    base = (DATA / "base" / "plan.yaml").read_text(encoding="utf-8")
    text = (
        base.replace("roles: [decision-maker]", "roles: [boss]")
        .replace("reports_to: sreed", "reports_to: nobody")
        .replace("share: 61.8", "share: 62")
        .replace("status: approved", "status: final")
        .replace("    target: 60 %\n", "")
    )
    (tmp_path / ".git").mkdir()
    shutil.copy(DATA / "base" / "logo.png", tmp_path)
    shutil.copy(DATA / "base" / "market.md", tmp_path)
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    run = kamdoc("validate", tmp_path / "plan.yaml", "--today", TODAY)
    assert run.code == 1
    fields = [line.split(": ")[2] for line in run.out.splitlines() if ": error: " in line]
    assert fields == [
        "cover.status",
        "profile.owners",
        "power_map.people[0].roles[0]",
        "power_map.people[1].reports_to",
        "goals[0].target",
    ]


def test_json_format_is_a_stable_document() -> None:
    plan = DATA / "bad" / "role-not-in-list.yaml"
    run = kamdoc("validate", plan, "--format", "json", "--today", TODAY)
    assert run.code == 1
    doc = json.loads(run.out)
    assert doc["plans"] == [
        {"file": "tests/data/bad/role-not-in-list.yaml", "valid": False, "errors": 1, "warnings": 0}
    ]
    (finding,) = doc["findings"]
    assert finding == {
        "file": "tests/data/bad/role-not-in-list.yaml",
        "line": 58,
        "column": 31,
        "severity": "error",
        "field": "power_map.people[0].roles[1]",
        "message": "'boss' is not one of decision-maker, user, influencer, ratifier, specifier, door-opener, buyer",
        "plan": "tests/data/bad/role-not-in-list.yaml",
    }


def test_github_format_annotates_the_line() -> None:
    run = kamdoc("validate", DATA / "bad" / "unknown-reports-to.yaml", "--format", "github", "--today", TODAY)
    assert run.code == 1
    assert run.out.strip() == (
        "::error file=tests/data/bad/unknown-reports-to.yaml,line=65,col=19,"
        "title=kamdoc%3A power_map.people[1].reports_to::'sred' is not the id of a person in power_map.people; did you mean 'sreed'?"
    )


def test_gitlab_format_is_a_code_quality_report() -> None:
    run = kamdoc("validate", DATA / "bad" / "unknown-reports-to.yaml", "--format", "gitlab", "--today", TODAY)
    assert run.code == 1
    (issue,) = json.loads(run.out)
    fingerprint = issue.pop("fingerprint")
    assert issue == {
        "description": "power_map.people[1].reports_to: 'sred' is not the id of a person in power_map.people; did you mean 'sreed'?",
        "check_name": "kamdoc-error",
        "severity": "major",
        "location": {"path": "tests/data/bad/unknown-reports-to.yaml", "lines": {"begin": 65}},
    }
    assert re.fullmatch(r"[0-9a-f]{64}", fingerprint)
    valid = kamdoc("validate", PLANS / "halvorsen-logistics", "--format", "gitlab", "--today", TODAY)
    assert valid.code == 0 and json.loads(valid.out) == []


def test_today_pins_the_date_warnings() -> None:
    plan = DATA / "base" / "plan.yaml"  # next_review 2027-01-15
    assert "next_review" not in kamdoc("validate", plan, "--today", "2027-01-15").out
    late = kamdoc("validate", plan, "--today", "2027-01-16")
    assert late.code == 0
    assert "cover.next_review: the review was due on 2027-01-15" in late.out


def test_a_folder_of_plans_is_searched(in_tmp: Path) -> None:
    shutil.copytree(DATA / "base", in_tmp / "plans" / "oakridge")
    shutil.copy(DATA / "bad" / "status-not-in-list.yaml", in_tmp / "plans" / "bare.yaml")
    (in_tmp / "plans" / "bare.yaml").write_text(
        (in_tmp / "plans" / "bare.yaml").read_text().replace("../base/", "oakridge/"), encoding="utf-8"
    )
    run = kamdoc("validate", "--today", TODAY)
    assert run.code == 1
    assert run.out.startswith("plans/bare.yaml:12:11: error: cover.status:")
    assert "checked 2 plans: 1 error, 0 warnings (1 plan invalid)" in run.err


def test_many_plans_are_validated_in_parallel_with_the_same_result(in_tmp: Path) -> None:
    for i in range(30):
        shutil.copytree(DATA / "base", in_tmp / "plans" / f"p{i:02}")
    (in_tmp / "plans" / "p07" / "plan.yaml").write_text(
        (DATA / "base" / "plan.yaml").read_text().replace("attitude: neutral", "attitude: cold"), encoding="utf-8"
    )
    run = kamdoc("validate", "plans", "--today", TODAY)
    assert run.code == 1
    assert run.out.splitlines() == [
        "plans/p07/plan.yaml:67:17: error: power_map.people[1].attitude: 'cold' is not one of mentor, positive, neutral, negative, enemy"
    ]
    assert "checked 30 plans: 1 error" in run.err


def test_usage_errors_exit_2(in_tmp: Path) -> None:
    assert kamdoc("validate").code == 2  # no plans/ here
    assert kamdoc("validate", "missing-folder").code == 2
    assert kamdoc("validate", DATA / "base", "--format", "xml").code == 2
    assert kamdoc("validate", DATA / "base", "--today", "22.11.2026").code == 2


def test_a_folder_without_plans_is_an_error(in_tmp: Path) -> None:
    (in_tmp / "plans").mkdir()
    run = kamdoc("validate", "plans")
    assert run.code == 1
    assert "no plans found in plans" in run.err


def test_sidecar_errors_name_the_sidecar_file(in_tmp: Path) -> None:
    shutil.copytree(DATA / "base", in_tmp / "p")
    (in_tmp / "p" / "market.md").write_text(
        "Growth is **4 %**.\n\nShare: ![chart](charts/share.png)\n", encoding="utf-8"
    )
    run = kamdoc("validate", "p", "--today", TODAY)
    assert run.code == 1
    assert run.out.startswith("p/market.md:3:8: error: profile.market: image 'charts/share.png' does not exist")


def test_images_in_inline_markdown_point_into_the_block(in_tmp: Path) -> None:
    shutil.copytree(DATA / "base", in_tmp / "p")
    plan = in_tmp / "p" / "plan.yaml"
    plan.write_text(
        plan.read_text().replace(
            "    to machine builders in Europe and North America.\n",
            "    to machine builders.\n    ![map](https://maps.example/uk.png)\n",
        )
    )
    run = kamdoc("validate", "p", "--today", TODAY)
    assert run.out.startswith("p/plan.yaml:20:5: error: profile.summary: image 'https://maps.example/uk.png' is a URL")


def test_quoted_dates_and_year_keys_are_accepted(in_tmp: Path) -> None:
    shutil.copytree(DATA / "base", in_tmp / "p")
    plan = in_tmp / "p" / "plan.yaml"
    plan.write_text(
        plan.read_text().replace("version: 2026-10-01", 'version: "2026-10-01"').replace("{2026: 780", '{"2026": 780')
    )
    run = kamdoc("validate", "p", "--today", TODAY, "--strict")
    assert run.code == 0, run.out


def test_annotations_keep_a_strangers_text_inside_its_own_finding(tmp_path: Path) -> None:
    # A value or key that carries a newline and a workflow command must not start a command of its own.
    shutil.copytree(PLANS / "brenner-werke", tmp_path / "p")
    plan = tmp_path / "p" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("attitude: neutral", 'attitude: "neutral\\n::error file=README.md,line=1::forged"', 1)
    text = text.replace("cover:\n", 'cover:\n  "x::warning file=a,line=1::forged": 1\n', 1)
    plan.write_text(text, encoding="utf-8")
    github = kamdoc("validate", tmp_path / "p", "--format", "github")
    assert github.code == 1
    lines = [line for line in github.out.splitlines() if line and not line.startswith("checked ")]
    assert lines and all(
        re.match(r"::(error|warning) file=", line) for line in lines
    )  # a finding per line, nothing else
    for line in lines:
        properties = line.split("::")[1].partition(" ")[2]  # "error file=…,line=…,col=…,title=…": what GitHub reads
        pairs = dict(item.split("=", 1) for item in properties.split(","))  # a stranger's commas arrive as %2C
        assert list(pairs) == ["file", "line", "col", "title"] and pairs["file"].endswith("p/plan.yaml"), line
    assert any("forged" in line for line in lines)  # still said, as data of its own finding
    gitlab = json.loads(kamdoc("validate", tmp_path / "p", "--format", "gitlab").out)
    assert gitlab and all(issue["location"]["path"].endswith("p/plan.yaml") for issue in gitlab)
