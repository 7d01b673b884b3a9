"""Run every benchmark in this folder (or those named on the command line) and print their figures."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIP = {"run_all.py", "harness.py"}


def main(names: list[str]) -> int:
    scripts = [HERE / f"{n}.py" for n in names] if names else sorted(
        p for p in HERE.glob("*.py") if p.name not in SKIP and not p.name.startswith("_"))
    failed = []
    for script in scripts:
        print(f"\n### {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"\nbenchmarks that failed to run: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
