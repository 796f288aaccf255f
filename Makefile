# The two commands of the README: `make run` and `make test`. CI (.ci/run) calls `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test check lint typecheck pytest assets services schema bench clean

## run: set up, seed the demo organisations and serve on http://127.0.0.1:8000 (SQLite)
run: $(STAMP) assets
	$(BIN)/samen demo
	$(BIN)/samen serve

## test: set up and run every check CI runs (lint, types, tests on SQLite and PostgreSQL)
test: $(STAMP) assets services
	$(MAKE) --no-print-directory check

check: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## assets: fetch GraphiQL and React from the npm registry (never committed)
assets:
	scripts/fetch-graphiql-assets

## services: start PostgreSQL if it is down; install Chromium for the browser test if missing
services:
	scripts/ensure-postgres
	scripts/ensure-chromium

## schema: regenerate schema.graphql after changing the GraphQL types
schema: $(STAMP)
	$(BIN)/samen export-schema > schema.graphql

bench: $(STAMP) assets
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) samen/static/vendor .mypy_cache .ruff_cache .pytest_cache
