"""The pre-commit hook: `ainews check` on the staged files, with the project's own .venv.

pre-commit runs this with the Python of the hook's own environment, so it works
from any shell and from GUI git clients, with no activated venv and nothing on
PATH: it finds the project's .venv (made by `make setup`) next to this folder.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_python() -> Path | None:
    """The project's .venv Python, else this one when it has the package (`pre-commit` run from the venv)."""
    for candidate in (ROOT / ".venv" / "bin" / "python", ROOT / ".venv" / "Scripts" / "python.exe"):
        if candidate.is_file():
            return candidate
    return Path(sys.executable) if importlib.util.find_spec("ainews") is not None else None


def main(paths: list[str]) -> int:
    python = project_python()
    if python is None:
        print("ainews check: .venv がありません。先に `make setup` を実行してください / "
              "no .venv here: run `make setup` first", file=sys.stderr)
        return 1
    env = {**os.environ, "PYTHONUTF8": "1"}
    return subprocess.call([str(python), "-m", "ainews.cli.main", "check", *paths], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
