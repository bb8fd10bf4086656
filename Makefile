# Kazakhstan's constitutional reform in numbers. `make help` lists the targets.
# Needs only Python 3.11+ and make: the first target run creates .venv and installs the pinned lock.

PYTHON ?= python3
# test workers (pytest-xdist): one per core by default; JOBS=0 runs the tests in one process
JOBS   ?= auto
VENV   := .venv
ifeq ($(OS),Windows_NT)
VPY    := $(VENV)/Scripts/python.exe
else
VPY    := $(VENV)/bin/python
endif
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help reproduce test test-fast test-newest lab app check report figures export kernel bench bench-fresh fuzz lock clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0] + " (set PYTHON=python3.11)")'
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	@$(VPY) -m pip uninstall --quiet --yes kzreform >/dev/null 2>&1 || true
	@if command -v uv >/dev/null 2>&1; then \
		echo "uv pip install -r requirements.txt (uv found: same lock, faster)"; \
		uv pip install --quiet --python $(VPY) -r requirements.txt; \
	else \
		echo "$(VPY) -m pip install -r requirements.txt"; \
		$(VPY) -m pip install --quiet --disable-pip-version-check -r requirements.txt; \
	fi
	$(VPY) -m kzreform.environment
	@touch $(STAMP)

reproduce: $(STAMP) ## execute every notebook whose inputs changed and export every figure
	$(VPY) -m kzreform reproduce $(ARGS)

test: $(STAMP) ## run the whole test suite, on every core (JOBS=N to choose; tiers: pytest -m slow|browser|grid)
	$(VPY) -m pytest -n $(JOBS) --dist worksteal -m "not newest" $(ARGS)

test-newest: $(STAMP) ## install the package with the newest release of every dependency from PyPI (not the lock) and run the in-process tests in it (a few minutes)
	$(VPY) -m pytest -q -m newest -p no:cacheprovider $(ARGS)

test-fast: $(STAMP) ## the in-process tier for the edit-test loop: no notebooks, browser or size grid (under a minute)
	$(VPY) -m pytest -n $(JOBS) --dist worksteal -m "not slow and not browser and not grid and not newest" $(ARGS)

lab: $(STAMP) ## open JupyterLab on the project's own kernel (no news pop-up, no kernel dialog)
	$(VPY) -m kzreform lab $(ARGS)

app: $(STAMP) ## serve the explorers as a local web page with no code (prints the address; Ctrl-C stops)
	$(VPY) -m kzreform app $(ARGS)

check: $(STAMP) ## validate every data file against its schema, domain rules and recorded hash
	$(VPY) -m kzreform check

report: $(STAMP) ## write self-contained HTML reports of every notebook to reports/ (and every chart in Russian and Kazakh to reports/ru, reports/kk)
	$(VPY) -m kzreform report $(ARGS)

figures: $(STAMP) ## re-render figures, e.g. make figures ARGS="court_council_rates --dpi 300 --format pdf"
	$(VPY) -m kzreform figures $(ARGS)

export: $(STAMP) ## write the data as Excel, Parquet, SQLite and a zip of the CSVs to exports/
	$(VPY) -m kzreform export $(ARGS)

kernel: $(STAMP) ## register this environment as the Jupyter kernel "kzreform" (for your own JupyterLab or VS Code)
	$(VPY) -m ipykernel install --user --name kzreform --display-name "kzreform (project environment)"

bench: $(STAMP) ## time reproduce against the floor and the naive way (median of 5 runs), then the two test tiers
	$(VPY) benchmarks/bench_reproduce.py $(ARGS)

bench-fresh: ## time a fresh clone's install, reproduce, test-fast and test (several minutes)
	$(PYTHON) benchmarks/bench_fresh.py $(ARGS)

fuzz: $(STAMP) ## fuzz the data checker with many more random mutations than the test suite (20,000)
	KZREFORM_FUZZ_EXAMPLES=$${KZREFORM_FUZZ_EXAMPLES:-20000} $(VPY) -m pytest -q -s tests/test_fuzz.py

lock: ## regenerate requirements.txt from requirements.in (needs uv: pip install uv)
	uv pip compile --universal --python-version 3.11 requirements.in -o requirements.txt

clean: ## remove the virtual environment and caches (not the committed outputs)
	rm -rf $(VENV) .cache .pytest_cache reports exports
