# Two commands for a fresh machine: `make serve` (preview) and `make test` (everything CI runs).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test bench system-deps browser-deps

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

setup: $(VENV)/.installed

serve: setup
	$(PY) -m mkdocs serve

build: setup
	$(PY) -m mkdocs build --strict

system-deps:
	./scripts/system-deps.sh

browser-deps:
	./scripts/browser-deps.sh

test: setup system-deps browser-deps
	$(PY) -m pytest

bench: setup
	$(PY) bench/run.py --n 1000 --reps 3
