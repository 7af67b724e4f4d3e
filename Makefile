# communique: `make demo` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint evaluate model clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/communique demo -o demo_events.jsonl

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports --no-logo

test: install lint
	$(BIN)/python -m pytest -q

evaluate: install
	$(BIN)/communique evaluate gold/gold.jsonl
	$(BIN)/python benchmarks/realtext.py

# retrain the learned event layer from ../shared/data (deterministic: one BLAS thread, fixed seeds)
model: install
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 nice -n 10 $(BIN)/communique train --hold-out gold/realtext.jsonl

clean:
	rm -rf $(VENV) demo_events.jsonl .pytest_cache
