"""seqlab's autograder for Classroom 50 (written by the release builder: npm run release -- --classroom50 DIR).

Classroom 50's runner calls it once per submission with the student's checkout as working folder; it must
leave ./result.json (schema classroom50/result/v1) and exit 0, or exit non-zero for an infrastructure error.
The grading runs from the course's grading copy beside this file (seqlab/: the release with the reference and
the hidden suites, without the solutions or any key), never from the student's files. Everything in this
folder is readable by anyone who finds the classroom's autograder bundle: the hidden tests and the reference
are not secret here (see the course README).
The assignment's runtime (runtime.json beside this file) asks for Node {{nodeMajor}} and bubblewrap.
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KIT = HERE / "seqlab"

# The grader's operating-system sandbox needs unprivileged user namespaces, which Ubuntu 24.04 restricts.
if Path("/proc/sys/kernel/apparmor_restrict_unprivileged_userns").exists():
    subprocess.run(["sudo", "-n", "sysctl", "-w", "kernel.apparmor_restrict_unprivileged_userns=0"], check=False)

# The release's locked dependencies, without install scripts (no libtensorflow download: the wasm backend).
if not (KIT / "node_modules").is_dir():
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=KIT, check=True)

checkout = Path.cwd()
status = subprocess.run(
    ["node", "--import", "./grader/runtime/loader/register.mjs", "grader/grading/release/autograde.ts", "classroom50",
     "--submission", str(checkout), "--results", str(checkout / "result.json")],
    cwd=KIT,
    env={**os.environ, "SEQLAB_BACKEND": "wasm"},
    check=False,
).returncode
sys.exit(status)
