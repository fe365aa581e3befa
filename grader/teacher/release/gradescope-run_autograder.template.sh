#!/usr/bin/env bash
# Gradescope runs this as root for every submission: grades /autograder/submission with the release's hidden
# suites as the unprivileged user `seqlab` and writes /autograder/results/results.json.
# Written by seqlab's release builder. SEQLAB_AUTOGRADER_ROOT (default /autograder) and SEQLAB_AUTOGRADER_USER
# (default seqlab) let a test run it on a simulated tree.
set -euo pipefail
root=${SEQLAB_AUTOGRADER_ROOT:-/autograder}
user=${SEQLAB_AUTOGRADER_USER:-seqlab}
source="$root/source"
kit="$source/seqlab"
node=$(command -v node)

# A copy of the submission the grading user owns; Gradescope's original stays as it was.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/submission" "$work/out"
cp -R "$root/submission/." "$work/submission/"
run=()
if [ "$(id -u)" = 0 ]; then
  chown -R "$user" "$work"
  # Vite writes the bundled Vitest config and its cache inside node_modules, the grader its sandbox folders.
  install -d -o "$user" "$kit/node_modules/.vite-temp" "$kit/node_modules/.vite" "$kit/node_modules/.seqlab-sandboxes"
  chown -R "$user" "$kit/node_modules/.vite-temp" "$kit/node_modules/.vite" "$kit/node_modules/.seqlab-sandboxes"
  run=(runuser -u "$user" --)
fi

cd "$kit"
echo "seqlab: grading $root/submission as user $("${run[@]}" id -un)"
"${run[@]}" env HOME="$work" TMPDIR="$work" SEQLAB_BACKEND=wasm "$node" --import ./grader/runtime/loader/register.mjs grader/grading/release/autograde.ts gradescope \
  --submission "$work/submission" --results "$work/out/results.json" --hidden-visibility "$(cat "$source/hidden-visibility")"

mkdir -p "$root/results"
cp "$work/out/results.json" "$root/results/results.json"
