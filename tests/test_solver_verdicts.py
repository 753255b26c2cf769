"""Verdict honesty: proofs, counterexamples, vacuity and UNKNOWN."""

from __future__ import annotations

import pytest

import amphora_sets
from amphora_sets.registry import (
    BUILTIN_REGISTRY,
    OBLIGATIONS,
    Cardinality,
    Registry,
    RoleRow,
    SetKind,
    Subject,
    Topology,
    applicable,
)
from amphora_sets.solver import Verdict, prove, verify
from amphora_sets.solver.catalogue import BUILDERS


def test_every_catalogued_obligation_has_exactly_one_builder() -> None:
    assert set(BUILDERS) == set(OBLIGATIONS)


def _expected_count(registry: Registry) -> int:
    """The definitions once, then each topology's table obligations."""
    definitions = [
        o for o in OBLIGATIONS.values() if o.about is Subject.DEFINITIONS
    ]
    return len(definitions) + sum(
        1 for t in registry for o in applicable(t) if o.about is Subject.TABLE
    )


def test_every_builtin_obligation_is_proved_for_all_sizes() -> None:
    results = verify(BUILTIN_REGISTRY)
    assert len(results) == _expected_count(BUILTIN_REGISTRY)
    for result in results:
        assert result.verdict is Verdict.PROVED, result
        assert result.bound == "all sizes"
        assert result.rlimit_count > 0
        assert result.counterexample is None


def test_tiny_rlimit_gives_unknown_with_reason_never_a_pass() -> None:
    obligation = OBLIGATIONS["OP-FAILOVER-WINDOW"]
    topology = BUILTIN_REGISTRY.get("ACTIVE_ACTIVE")
    result = prove(obligation, topology, rlimit=1)
    assert result.verdict is Verdict.UNKNOWN
    # The reason names the budget and how to raise it, not just "canceled".
    assert "rlimit budget of 1 " in result.reason
    assert "--rlimit" in result.reason
    assert result.counterexample is None


def test_unsatisfiable_hypotheses_are_vacuous_not_proved() -> None:
    impossible = Topology(
        "IMPOSSIBLE",
        (RoleRow("X", frozenset(SetKind), Cardinality(2, 1)),),
    )
    result = prove(OBLIGATIONS["INV-FRONT-NONEMPTY"], impossible)
    assert result.verdict is Verdict.VACUOUS
    assert result.reason == "the hypotheses are unsatisfiable"
    assert result.counterexample is None


def test_only_glob_selects_obligations() -> None:
    results = verify(BUILTIN_REGISTRY, only="SEL-*")
    assert results
    assert {r.obligation.id.split("-")[0] for r in results} == {"SEL"}


@pytest.mark.parametrize(
    ("role_sets", "obligation_id"),
    [
        ({SetKind.BACK}, "INV-BACK-IN-FRONT"),
        ({SetKind.VRRP}, "INV-VRRP-IN-FRONT"),
        ({SetKind.FRONT}, "INV-FRONT-IS-UNION"),
    ],
)
def test_counterexample_is_a_pasteable_load_balancer_that_breaks_the_claim(
    role_sets: set[SetKind], obligation_id: str
) -> None:
    sound = RoleRow("GOOD", frozenset(SetKind), Cardinality(2, 2))
    wrong = RoleRow("WRONG", frozenset(role_sets), Cardinality(0, 1))
    topology = Topology("BROKEN", (sound, wrong))
    result = prove(OBLIGATIONS[obligation_id], topology)
    assert result.verdict is Verdict.REFUTED
    source = result.counterexample["lb"]
    assert source.startswith("LoadBalancer(")
    # The point of the text: it is Python that builds the failing value.
    lb = eval(
        source[:-1] + ", registry=REGISTRY)",
        {
            "LoadBalancer": amphora_sets.LoadBalancer,
            "Amphora": amphora_sets.Amphora,
            "REGISTRY": Registry((topology,)),
        },
    )
    front = set(lb.front_facing_amphorae)
    back = set(lb.back_facing_amphorae)
    vrrp = set(lb.vrrp_amphorae)
    broken = {
        "INV-BACK-IN-FRONT": not back <= front,
        "INV-VRRP-IN-FRONT": not vrrp <= front,
        "INV-FRONT-IS-UNION": front != back | vrrp,
    }
    assert broken[obligation_id]


def test_rlimit_counts_repeat_exactly_across_runs() -> None:
    def counts() -> list[int]:
        return [r.rlimit_count for r in verify(BUILTIN_REGISTRY, only="OP-*")]

    assert counts() == counts()


def test_each_builder_is_named_after_its_obligation() -> None:
    for obligation_id, builder in BUILDERS.items():
        assert builder.__name__ == obligation_id.lower().replace("-", "_")
        assert builder.__doc__ == f"The goal of ``{obligation_id}``."


def test_builtin_proofs_use_under_two_percent_of_the_budget() -> None:
    # The headroom DEFAULT_RLIMIT's docstring promises: a proof growing
    # towards the budget would soon turn into UNKNOWN.
    from amphora_sets.registry.obligations import DEFAULT_RLIMIT

    used = max(r.rlimit_count for r in verify(BUILTIN_REGISTRY))
    assert used < DEFAULT_RLIMIT // 50


def test_the_budget_covers_the_whole_obligation_not_each_check() -> None:
    obligation = OBLIGATIONS["OP-FAILOVER-WINDOW"]
    topology = BUILTIN_REGISTRY.get("ACTIVE_ACTIVE")
    full = prove(obligation, topology)
    assert full.verdict is Verdict.PROVED
    half = prove(obligation, topology, rlimit=full.rlimit_count // 2)
    # The non-vacuity check fits in half the budget, the claim does not.
    assert half.verdict is Verdict.UNKNOWN
    assert half.reason.startswith(
        f"ran out of its rlimit budget of {full.rlimit_count // 2} "
        "on the claim check"
    )


def test_counting_counterexamples_are_minimal_and_named_per_version() -> None:
    lone = Topology(
        "LONE_VRRP",
        (
            RoleRow(
                "D",
                frozenset({SetKind.FRONT, SetKind.VRRP}),
                Cardinality(1, 1),
            ),
            RoleRow(
                "C",
                frozenset({SetKind.FRONT, SetKind.BACK}),
                Cardinality(3, 9),
            ),
        ),
    )
    result = prove(OBLIGATIONS["INV-VRRP-PEERED"], lone)
    assert result.verdict is Verdict.REFUTED
    # One D and three C: the fewest amphorae that meet the rules.
    assert result.counterexample["lb"].count("Amphora(") == 4
    assert "id='lb-1'," in result.counterexample["lb"]
    assert "Amphora(id='lb-amp-1'" in result.counterexample["lb"]
