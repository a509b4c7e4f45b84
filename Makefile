# The single entry point. `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test test-fast install install-dev lint format check browser axe bench clean serve

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 of nieuwer is nodig (PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

demo: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py demo_data
	$(PY) manage.py db_worker --batch --no-startup-delay --verbosity 0
	@echo "Escalatiepunten draait op http://$(HOST):$(PORT)/  (CMS: http://$(HOST):$(PORT)/cms/) - stoppen met Ctrl-C"
	@$(PY) manage.py db_worker --no-startup-delay --verbosity 0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(VENV)/bin/gunicorn escalatiepunten.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -

# Browser tests drive Debian's chromium; install it when we may (root), never download a browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium ontbreekt: sudo apt-get install chromium"; exit 1; fi; }

# axe-core for the console's accessibility tests: pinned, into the git-ignored var/node/
# (the tests inject var/node/node_modules/axe-core/axe.min.js into the page).
AXE_CORE_VERSION := 4.14.1
AXE_JS := var/node/node_modules/axe-core/axe.min.js
$(AXE_JS):
	@command -v npm >/dev/null 2>&1 || { echo "npm ontbreekt: sudo apt-get install npm"; exit 1; }
	mkdir -p var/node
	npm install --prefix var/node --no-save --no-audit --no-fund --silent axe-core@$(AXE_CORE_VERSION)
	@grep -q '"version": "$(AXE_CORE_VERSION)"' var/node/node_modules/axe-core/package.json || { echo "axe-core is niet $(AXE_CORE_VERSION)"; exit 1; }
axe: $(AXE_JS)

test: install-dev browser axe
	mkdir -p var
	$(PY) -m pytest $(PYTEST_ARGS)

# The suite without the browser tests (marker `browser`): no chromium needed.
test-fast: install-dev
	mkdir -p var
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install-dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Performance figures come from here, never from timed unit tests.
bench: install-dev
	$(PY) -m calendar_engine.bench
	$(PY) manage.py bench_api --settings=escalatiepunten.settings.test

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache static_collected
