# The README's two commands: `make demo` and `make test`. Each creates .venv if missing and installs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: install test demo eval lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch $@

test: $(STAMP)
	$(BIN)/python -m pytest -q

demo: $(STAMP) node_modules/.installed
	$(BIN)/python -m warmonitor.demo --out demo-out

eval: $(STAMP)
	$(BIN)/python -m warmonitor.evaluate.all --shared $(SHARED)

lint: $(STAMP)
	$(BIN)/ruff check src tests

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py --shared $(SHARED) $(BENCH_ARGS)

clean:
	rm -rf demo-out warmonitor.db .pytest_cache
