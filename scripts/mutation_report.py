#!/usr/bin/env python3
"""Score of the last `mutmut run`, per module: killed / (all - equivalent), survivors listed.

Exit status 1 when surviving mutants exceed ``--max-surviving`` (a share, default 0.05) of the
non-equivalent ones, so a target can gate on it.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

EQUIVALENT = Path(__file__).resolve().parent.parent / "tests" / "mutation_equivalent.txt"
LINE = re.compile(r"^\s*(?P<name>\S+):\s*(?P<status>[\w ]+?)\s*$")


def _module(name: str) -> str:
    """parsers.verify.xǁVerifierǁcheck__mutmut_3 -> parsers.verify"""
    parts = name.split(".")
    return ".".join(p for p in parts if not p.startswith("x") or "__mutmut_" not in p)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-surviving", type=float, default=0.05)
    parser.add_argument("--mutmut", default=str(Path(sys.executable).parent / "mutmut"))
    args = parser.parse_args()
    equivalent = {
        line.split()[0]
        for line in EQUIVALENT.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    answer = subprocess.run(
        [args.mutmut, "results", "--all", "true"], capture_output=True, text=True, check=False
    )
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: dict[str, list[str]] = defaultdict(list)
    for line in answer.stdout.splitlines():
        match = LINE.match(line)
        if not match:
            continue
        name, status = match["name"], match["status"]
        module = _module(name)
        if name in equivalent:
            counts[module]["equivalent"] += 1
            continue
        counts[module][status] += 1
        if status != "killed":
            survivors[module].append(name)
    if not counts:
        print("no mutmut results: run `make mutation` first", file=sys.stderr)
        return 2
    total_live = total_survived = 0
    print(f"{'module':40} {'mutants':>8} {'killed':>8} {'survived':>9} {'score':>7}")
    for module in sorted(counts):
        c = counts[module]
        live = sum(n for status, n in c.items() if status != "equivalent")
        survived = live - c["killed"]
        total_live, total_survived = total_live + live, total_survived + survived
        score = c["killed"] / live if live else 1.0
        print(f"{module:40} {live:8} {c['killed']:8} {survived:9} {score:7.1%}")
    share = total_survived / total_live if total_live else 0.0
    print(
        f"{'all':40} {total_live:8} {total_live - total_survived:8} {total_survived:9}"
        f" {1 - share:7.1%}"
    )
    for module, names in sorted(survivors.items()):
        print(f"\nsurviving in {module}:")
        for name in names:
            print(f"  {name}  (mutmut show {name})")
    return 1 if share > args.max_surviving else 0


if __name__ == "__main__":
    sys.exit(main())
