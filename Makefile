# Two commands for a fresh machine: `make serve` (preview) and `make test` (everything CI runs).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Where `make serve` listens, e.g. `make serve ADDR=127.0.0.1:8001`.
ADDR ?= 127.0.0.1:8000

.PHONY: setup serve build test bench system-deps browser-deps lighthouse

$(VENV)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "make: Python 3.11 or newer is needed as $(PYTHON) (or run make PYTHON=python3.12 ...)" >&2; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "make: '$(PYTHON) -m venv' failed; on Debian/Ubuntu it needs: sudo apt-get install python3-venv" >&2; exit 1; }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

setup: $(VENV)/.installed

# Material's end-of-life notice is for maintainers (make build, CI; docs/stack.md), not for the
# editors' everyday preview.
serve: setup
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve --dev-addr $(ADDR)

build: setup
	$(PY) -m mkdocs build --strict

system-deps:
	./scripts/system-deps.sh

browser-deps:
	./scripts/npm-deps.sh axe-core

test: setup system-deps browser-deps
	$(PY) -m pytest

bench: setup
	$(PY) bench/run.py --n 1000 --reps 3

# Lighthouse (mobile) on one page of each type of the built sample site; see docs/benchmarks.md.
lighthouse: build
	./scripts/npm-deps.sh lighthouse
	cd bench && ../$(PY) lighthouse.py ../site --runs 3
