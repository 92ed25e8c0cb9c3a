"""Shared helpers for the benchmark runners: find ../shared, run a scorer, parse what it prints."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

_FIGURE = re.compile(r"^\s*([A-Za-z][\w@ ./%-]*?)\s*[:=]?\s+(-?\d+(?:\.\d+)?)\s*$")


def find_shared(shared: Path | str | None = None) -> Path | None:
    """The shared folder: the given one, else ``../shared`` from the working directory or the repository."""
    if shared:
        path = Path(shared)
        return path if path.is_dir() else None
    repo = Path(__file__).resolve().parents[3]
    for candidate in (Path.cwd() / ".." / "shared", repo / ".." / "shared"):
        if (candidate / "eval").is_dir():
            return candidate.resolve()
    return None


def run_scorer(shared: Path | None, script: str, args: list[str], echo: bool = True) -> dict[str, float]:
    """Run ``shared/eval/<script>`` with ``args``; print its output; return the ``NAME value`` figures found."""
    if shared is None or not (shared / "eval" / script).is_file():
        if echo:
            print(f"(scorer {script} not found: ../shared absent; predictions written only)", file=sys.stderr)
        return {}
    proc = subprocess.run(
        [sys.executable, str(shared / "eval" / script), *args], capture_output=True, text=True, check=False
    )
    if echo:
        sys.stdout.write(proc.stdout)
        if proc.returncode:
            sys.stderr.write(proc.stderr)
    return parse_figures(proc.stdout)


def parse_figures(text: str) -> dict[str, float]:
    """Every line that ends in a number becomes ``{name: value}`` (later lines win)."""
    figures: dict[str, float] = {}
    for line in text.splitlines():
        m = _FIGURE.match(line)
        if m:
            figures[m.group(1).strip()] = float(m.group(2))
    return figures
