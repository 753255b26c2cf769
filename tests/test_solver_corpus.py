"""Every obligation can fail: each wrong model is refuted by its IDs."""

from __future__ import annotations

import pytest

from amphora_sets.registry import OBLIGATIONS
from amphora_sets.solver import Verdict
from corpus import CORPUS, WrongModel, results_of


def _verdicts(entry: WrongModel) -> dict[str, Verdict]:
    return {r.obligation.id: r.verdict for r in results_of(entry)}


@pytest.mark.parametrize("entry", CORPUS, ids=lambda entry: entry.name)
def test_wrong_model_is_refuted_by_exactly_its_ids(entry: WrongModel) -> None:
    verdicts = _verdicts(entry)
    refuted = {i for i, v in verdicts.items() if v is Verdict.REFUTED}
    vacuous = {i for i, v in verdicts.items() if v is Verdict.VACUOUS}
    assert refuted == entry.refuted_by
    assert vacuous == entry.vacuous
    assert Verdict.UNKNOWN not in verdicts.values()


def test_every_obligation_is_refuted_by_some_wrong_model() -> None:
    covered = set().union(*(entry.refuted_by for entry in CORPUS))
    assert covered == set(OBLIGATIONS)
