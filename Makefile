# ticketworker.  The README's two commands: `make demo` and `make test`.
# PYTHON, VENV and STAMP can be given (`make demo VENV=../other/.venv`): the newcomer test
# runs a fresh clone's `make demo` on an existing virtualenv that way.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP  ?= $(VENV)/.installed-stamp

.PHONY: install lint format typecheck test test-fast test-tools bench demo mutation rt-start rt-stop clean

install: $(STAMP)

# Re-installs when pyproject.toml changes; editable so the venv follows the checkout.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

# The full suite: lint, types, unit tests and the integration tests against the real
# PostgreSQL, Redis and Request Tracker on this machine (started by the tests if needed).
test: lint typecheck test-tools
	$(BIN)/pytest

# What the tests need beyond Python: Debian's chromium for the browser tests.  Installed
# when missing (as root); otherwise this stops at once and says what to install.
test-tools:
	@scripts/ci-prepare.sh

# Without the services: what a laptop without RT can run in seconds.
test-fast: install
	$(BIN)/pytest -m "not integration and not rt and not browser"

# Mutation testing of the safety-critical modules (pyproject.toml [tool.mutmut]); long: about
# a mutant a second on this machine.  Prints the score per module; fails above 5% survivors.
mutation: install
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2 >/dev/null
	$(BIN)/python scripts/mutation_report.py

bench: install
	$(BIN)/ticketworker bench parse
	$(BIN)/ticketworker bench reconcile

demo: install
	$(BIN)/ticketworker demo

rt-start:
	scripts/rt.sh start

rt-stop:
	scripts/rt.sh stop

clean:
	rm -rf $(VENV) var mutants .pytest_cache .mypy_cache .ruff_cache
