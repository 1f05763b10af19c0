# Two commands, as in the README:
#   make laporan   set up, then render every report from the bundled sample data into reports/
#   make test      set up, then run the whole test suite (unit tests + notebooks under nbval)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup laporan test benchmark clean

$(BIN)/spakanalysis: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,lab]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (spakanalysis)" >/dev/null
	touch $@

setup: $(BIN)/spakanalysis

laporan: setup
	$(BIN)/spakanalysis validasi --data data/raw
	$(BIN)/spakanalysis sampel --data data/raw
	$(BIN)/spakanalysis laporan --semua --periode 2024-Q3 --data data/raw --keluaran reports

test: setup
	$(BIN)/python -m pytest -q tests
	cd notebooks && ../$(BIN)/python -m pytest -q --nbval-lax -p no:cacheprovider .

benchmark: setup
	$(BIN)/python benchmarks/bench_batch.py

clean:
	rm -rf reports/2024* .pytest_cache
