#!/usr/bin/env bash
# Run Octavia's own spec tests, unmodified, on this repository's specs.
#
# Takes the Octavia 19.0.0 sdist from $AMPHORA_SETS_CACHE/sdist when it is
# there (.ci/run puts it there) or else downloads it from the package index,
# unpacks it in a scratch directory, checks that Octavia's spec test passes on Octavia's
# own specs, copies our specs/ tree into the sdist's specs/ (next to
# Octavia's) and runs the test again from the sdist's root, as Octavia's
# tox does:
#
#     python -m unittest specs-tests.test_titles
#
# Then runs doc8 at 79 columns over our specs/ only.  The interpreter
# (PYTHON, default python3) needs pip, testtools, docutils<=0.21.2 and
# doc8.  Exits non-zero if any step fails.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=${PYTHON:-python3}
octavia=octavia==19.0.0

mapfile -t ours < <(cd "$repo" && find specs -type f | sort)
if [ "${#ours[@]}" -eq 0 ]; then
    echo "error: no files under $repo/specs" >&2
    exit 1
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cached=${AMPHORA_SETS_CACHE:+$AMPHORA_SETS_CACHE/sdist/octavia-19.0.0.tar.gz}
if [ -n "$cached" ] && [ -f "$cached" ]; then
    echo "== Using the $octavia sdist in $cached"
    mkdir -p "$scratch/download"
    cp "$cached" "$scratch/download/"
else
    echo "== Downloading the $octavia sdist"
    "$python" -m pip download --quiet --disable-pip-version-check \
        --no-deps --no-binary :all: "$octavia" -d "$scratch/download"
fi
sdists=("$scratch"/download/octavia-*.tar.gz)
if [ "${#sdists[@]}" -ne 1 ] || [ ! -f "${sdists[0]}" ]; then
    echo "error: expected one octavia sdist, found: ${sdists[*]}" >&2
    exit 1
fi
tar -xzf "${sdists[0]}" -C "$scratch"
trees=("$scratch"/octavia-*/)
tree=${trees[0]%/}
if [ ! -f "$tree/specs-tests/test_titles.py" ]; then
    echo "error: $tree has no specs-tests/test_titles.py" >&2
    exit 1
fi

run_titles() {
    (cd "$tree" && "$python" -m unittest specs-tests.test_titles)
}

echo "== Octavia's spec tests on Octavia's own specs (baseline)"
if ! run_titles; then
    echo "error: Octavia's spec tests fail on its own specs; check that" \
        "$python has testtools and docutils<=0.21.2" >&2
    exit 1
fi

echo "== Octavia's spec tests with our specs added:"
printf '     %s\n' "${ours[@]}"
cp -R "$repo/specs/." "$tree/specs/"
if ! run_titles; then
    echo "error: Octavia's spec tests fail once our specs are added; a" \
        "'7 != N' means a top-level section is missing or extra" >&2
    exit 1
fi

echo "== doc8 at 79 columns over our specs"
(cd "$repo" && "$python" -m doc8 --max-line-length 79 specs)

echo "== Octavia's spec tests and doc8 pass on our specs"
