# Two commands on a fresh machine (python3, pip, make and npm present):
#   make run   set up .venv from uv.lock if needed, then run the nightly flow on seeds/articles into warehouse/
#   make test  set up .venv from uv.lock if needed, then run the test suite
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
STAMP := $(VENV)/.synced-from-lock
# The BI clients' own environment (duckdb-sqlalchemy needs DuckDB < 2): the BI-client test runs in it.
BI_VENV := .venv-bi
BI_STAMP := $(BI_VENV)/.synced-from-requirements
BI_REQUIREMENTS := tests/bi_clients/requirements.txt
# Superset's driver (duckdb-engine, SQLAlchemy 1.4): its known gaps are checked as such.
BI_ENGINE_VENV := .venv-bi-engine
BI_ENGINE_STAMP := $(BI_ENGINE_VENV)/.synced-from-requirements
BI_ENGINE_REQUIREMENTS := tests/bi_clients/requirements-duckdb-engine.txt
PYTEST_ARGS ?=
# The browser scripts the run report and Data Docs inline or link (warehouse/vendor.py pins them), from npm.
VENDOR_STAMP := $(VENV)/share/broadsheet/vendor/.fetched

# Bytecode at install time: this machine sets PYTHONDONTWRITEBYTECODE=1, and uncompiled imports take twice as long.
export UV_COMPILE_BYTECODE := 1
# Never fetch a Python build; use the machine's python3.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

BENCH_CORPUS ?= bbc
BENCH_ROUNDS ?= 3

.PHONY: run test lint unit setup bench bench-hostile dictionary clean

run: $(STAMP) $(VENDOR_STAMP)
	$(VENV)/bin/broadsheet run

# The gate first (lint, format, types over the whole tree: config in pyproject.toml), then every test, on both
# cores (serial, the run had grown past eight minutes).
test: lint $(VENDOR_STAMP) $(BI_STAMP) $(BI_ENGINE_STAMP)
	$(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The fast unit layer alone (no Prefect flow runs, no corpus-sized tests): under a minute.
unit: $(STAMP) $(VENDOR_STAMP)
	$(VENV)/bin/pytest -m "not slow and not e2e" -n 2 $(PYTEST_ARGS)

setup: $(STAMP) $(VENDOR_STAMP)

# Benchmarks print numbers, never part of `make test`: `broadsheet run` against bare spaCy, each in a fresh
# process, rounds alternated (time, memory, the ratios); then the full-size hostile corpus (time, memory per process).
bench: $(STAMP) $(VENDOR_STAMP)
	$(VENV)/bin/python bench/pipeline_bench.py --corpus $(BENCH_CORPUS) --rounds $(BENCH_ROUNDS)
	$(VENV)/bin/python bench/hostile_bench.py

# docs/data-dictionary.md from the schemas and views (a test fails when the checked-in page is stale).
dictionary: $(STAMP)
	$(VENV)/bin/python -m warehouse.dictionary docs/data-dictionary.md

# Time and per-process memory of a run over the full-size hostile corpus (tests/hostile_corpus.py).
bench-hostile: $(STAMP)
	$(VENV)/bin/python bench/hostile_bench.py

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(STAMP): uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

$(VENDOR_STAMP): warehouse/vendor.py $(STAMP)
	$(VENV)/bin/python -m warehouse.vendor
	touch $@

$(BI_STAMP): $(BI_REQUIREMENTS) | $(UV)
	$(UV) venv --quiet --allow-existing $(BI_VENV) --python $(PYTHON)
	$(UV) pip install --quiet --python $(BI_VENV)/bin/python -r $(BI_REQUIREMENTS)
	touch $@

$(BI_ENGINE_STAMP): $(BI_ENGINE_REQUIREMENTS) | $(UV)
	$(UV) venv --quiet --allow-existing $(BI_ENGINE_VENV) --python $(PYTHON)
	$(UV) pip install --quiet --python $(BI_ENGINE_VENV)/bin/python -r $(BI_ENGINE_REQUIREMENTS)
	touch $@

clean:
	rm -rf $(VENV) $(BI_VENV) $(BI_ENGINE_VENV) $(TOOLS) warehouse/lake warehouse/_work warehouse/rejected warehouse/quarantine warehouse/broadsheet.duckdb warehouse/reports warehouse/docs
