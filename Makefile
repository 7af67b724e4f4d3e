# communique: `make demo` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint evaluate model fuzz faults clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

DEMO_CORPUS := src/communique/cli/demo/korea_2016_2018.jsonl

demo: install
	$(BIN)/communique demo -o demo_events.jsonl
	$(BIN)/communique ingest $(DEMO_CORPUS) --db demo.duckdb --progress none
	@echo
	@echo "The workbench over the demo store (open http://127.0.0.1:8000/; the token enables corrections):"
	@echo "$(BIN)/communique serve --db demo.duckdb --token demo-token"

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports --no-logo

test: install lint
	$(BIN)/python -m pytest -q

evaluate: install
	$(BIN)/communique evaluate gold/gold.jsonl
	$(BIN)/python benchmarks/realtext.py

# the property-based tests, long (CI runs them with the short "ci" profile)
fuzz: install
	HYPOTHESIS_PROFILE=fuzz nice -n 10 $(BIN)/python -m pytest -q tests/test_properties.py

# kill -9 and resume 20 times, a full disk, a read-only store, a Dask worker killed (CI: 2 kills)
faults: install
	COMMUNIQUE_FAULT_TRIALS=20 nice -n 10 $(BIN)/python -m pytest -q tests/test_faults.py

# retrain the learned event layer from ../shared/data (deterministic: one BLAS thread, fixed seeds)
model: install
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 nice -n 10 $(BIN)/communique train --hold-out gold/realtext.jsonl

clean:
	rm -rf $(VENV) demo_events.jsonl demo.duckdb demo.duckdb.wal demo.quarantine.jsonl .pytest_cache
