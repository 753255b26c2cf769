#!/usr/bin/env bash
# Mutation testing of the model, the registry and the testing kit.
#
# mutmut puts its mutated copy of the sources on sys.path as mutants/src,
# so the package is copied into a scratch tree with that layout, beside the
# tests and the files they read.  Mutated: the model (values, adapter,
# cardinality, delta, errors), the registry and the testing kit.  Not
# mutated: the solver, which has its own mutant corpus
# (tests/solver_mutants.py), and the CLI, audit, plumbing and diagrams.
#
# Usage: tools/run_mutation.sh [WORKDIR [MUTANT...]]
#   WORKDIR keeps the scratch tree (default: a temporary directory, removed
#   afterwards).  A kept tree is run again incrementally: its sources and
#   tests are refreshed from the repository and mutmut keeps its earlier
#   results, re-testing the functions whose code changed and the mutants
#   not yet checked.  MUTANT names (globs allowed) re-test only those
#   mutants, e.g. the survivors once new tests are in.  Prints the time
#   taken and the score (tools/mutation_score.py).
#
# Two passes.  The screen runs every mutant with each Hypothesis test capped
# at MUTATION_SCREEN_EXAMPLES examples (HYPOTHESIS_MAX_EXAMPLES, see
# tests/conftest.py): a test that fails there fails with the mutant in, so
# its kills stand.  The survivors are then re-tested with the tests as CI
# runs them, uncapped, and only what survives both counts as a survivor.
# Environment: PYTHON (default python3), MUTATION_CHILDREN (default 2),
#   MUTATION_SCREEN_EXAMPLES (default 10; 0 runs a single uncapped pass).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=${PYTHON:-python3}
if [ $# -ge 1 ]; then
    work=$1
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi

rm -rf "$work/src" "$work/tests" "$work/README.rst" "$work/specs" \
    "$work/doc" "$work/benchmarks" "$work/tools"
# Which tests reach which function is traced afresh on every run: mutmut
# traces only new tests again, so a function new or moved since the last
# run would be tested by those alone.
rm -f "$work/mutants/mutmut-stats.json"
mkdir -p "$work/src"
cp -r "$repo/model/amphora_sets" "$work/src/amphora_sets"
cp -r "$repo/tests" "$work/tests"
for extra in README.rst specs doc benchmarks tools; do
    cp -r "$repo/$extra" "$work/$extra"
done
find "$work" -name __pycache__ -prune -exec rm -rf {} +
cat > "$work/pyproject.toml" <<'TOML'
[tool.mutmut]
source_paths = ["src"]
do_not_mutate = [
    "src/amphora_sets/__main__.py",
    "src/amphora_sets/audit/*",
    "src/amphora_sets/cli/*",
    "src/amphora_sets/diagram.py",
    "src/amphora_sets/plumbing/*",
    "src/amphora_sets/solver/*",
]
also_copy = ["README.rst", "specs", "doc", "benchmarks", "tools"]
# Ctrl-C timing tests race with mutmut's tracing: left out.
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x", "-k", "not ctrl_c"]

[tool.pytest.ini_options]
testpaths = ["tests"]
filterwarnings = ["error"]
TOML

cd "$work"
start=$(date +%s)
shift $(( $# > 0 ? 1 : 0 ))
screen=${MUTATION_SCREEN_EXAMPLES:-10}
run_mutmut() {
    "$python" -m mutmut run --max-children "${MUTATION_CHILDREN:-2}" "$@" \
        >>mutmut.log 2>&1 || {
        tail -40 mutmut.log
        exit 1
    }
}
: >mutmut.log
if [ "$screen" -gt 0 ]; then
    HYPOTHESIS_MAX_EXAMPLES=$screen run_mutmut "$@"
    echo "screen (at most $screen examples a test):" \
        "$(( $(date +%s) - start )) s"
    mapfile -t survivors < <("$python" "$repo/tools/mutation_score.py" \
        mutants | sed -n 's/^survivor: \([^ ]*\).*/\1/p')
    if [ "${#survivors[@]}" -gt 0 ]; then
        run_mutmut "${survivors[@]}"
    fi
else
    run_mutmut "$@"
fi
echo "seconds: $(( $(date +%s) - start ))"
"$python" "$repo/tools/mutation_score.py" mutants
