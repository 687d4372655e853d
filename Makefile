# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test
DEMO_DB ?= var/demo.sqlite3
# The PostgreSQL run repeats what touches the database; pure modules (names, dates, places, the
# linkage engine) behave the same whatever the database and run once, with SQLite.
PG_TESTS ?= tests/ingest tests/registry tests/web tests/search tests/stats tests/family \
	tests/opendata tests/demo tests/linkage/test_registry_linkage.py $(wildcard tests/api)

.PHONY: install demo test test-sqlite test-postgres lint check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	mkdir -p var
	ALZHIR_DATABASE_URL=sqlite:///$(abspath $(DEMO_DB)) $(BIN)/alzhir serve --demo

# The deployment checks run with the environment of docs/production.md (a made-up key).
PRODUCTION_ENV := ALZHIR_SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-key-0123456789abcdefghij \
	ALZHIR_HTTPS=1 ALZHIR_ALLOWED_HOSTS=registry.example.org

check: install
	$(BIN)/python -m django check --settings=alzhir.web.settings
	$(PRODUCTION_ENV) $(BIN)/python -m django check --deploy --fail-level WARNING \
		--settings=alzhir.web.settings
	$(BIN)/python -m django makemigrations --check --dry-run --settings=alzhir.web.settings

lint: install
	$(BIN)/ruff check .

test-sqlite: install
	ALZHIR_DATABASE_URL=sqlite:///:memory: $(BIN)/pytest -q

test-postgres: install
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		ALZHIR_DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -m "not sqlite_only and not e2e" $(PG_TESTS); \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL is not reachable at $(PG_URL): CI must start it (.ci/run)"; exit 1; \
	else \
		echo "SKIPPED the PostgreSQL run: nothing answers at $(PG_URL) (start PostgreSQL or set PG_URL)"; \
	fi

test: check lint test-sqlite test-postgres

clean:
	rm -rf $(VENV) var .pytest_cache
