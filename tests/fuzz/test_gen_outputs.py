"""A quick seeded run of hostile output targets (gen_outputs.py): `schema -o` and the atomic writer refuse each in one message, touching nothing."""

from __future__ import annotations

import os
import random
from pathlib import Path

import gen_outputs
import pytest
from conftest import kamdoc

from kamdoc.pipeline.render import OutputRefused, write_atomically

SEED = int(os.environ.get("KAMDOC_FUZZ_SEED", "20261206"))
CASES = 24


@pytest.mark.parametrize("case", range(CASES))
def test_hostile_output_targets_are_refused_in_one_message(tmp_path: Path, case: int) -> None:
    rng = random.Random(SEED + case)
    tree = tmp_path / "tree"
    (tree / ".git").mkdir(parents=True)
    (tree / "out").mkdir()
    target = gen_outputs.any_target(rng, tree / "out")
    kept, outside = gen_outputs.state(target.kept), gen_outputs.outside_state(tree / "out")
    run = kamdoc("schema", "-o", target.path)
    if target.refused:
        lines = run.err.strip().splitlines()
        assert run.code == 1 and len(lines) == 1 and lines[0].startswith(f"Error: cannot write {target.path}: "), (
            target.kind,
            run.err,
        )
        assert gen_outputs.outside_state(tree / "out") == outside, target.kind
    else:
        assert run.code == 0 and target.path.read_bytes().startswith(b"{"), (target.kind, run.err)
    assert gen_outputs.state(target.kept) == kept, target.kind
    if target.kind == "read-only folder" and not target.refused:
        return  # root writes into read-only folders: nothing for the tree-aware writer to refuse either
    with pytest.raises(OutputRefused):  # the writer that knows the tree refuses a folder linked out of it too
        write_atomically(target.path, b"x", tree)


def test_every_generator_makes_what_it_says(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    (tmp_path / "tree" / ".git").mkdir(parents=True)
    for index, generate in enumerate(gen_outputs.GENERATORS):
        folder = tmp_path / "tree" / str(index)
        folder.mkdir()
        target = generate(rng, folder)
        assert target.path.is_relative_to(folder) and all(os.path.lexists(p) for p in target.kept), target.kind
