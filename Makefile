# The single entry point. `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The demo's local mail server (manage.py mail_sink): only `make demo` points EMAIL_* at it.
DEMO_MAIL_PORT ?= 8025

.PHONY: demo test test-fast install install-dev lint format check browser axe wrk postgres redis bench bench-delivery bench-reports clean serve

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
	@export EMAIL_HOST=127.0.0.1 EMAIL_PORT=$(DEMO_MAIL_PORT); \
	  $(PY) manage.py mail_sink --port $(DEMO_MAIL_PORT) & sink=$$!; \
	  trap 'kill $$sink $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py demo_data || exit 1; \
	  $(PY) manage.py db_worker --batch --no-startup-delay --verbosity 0 || exit 1; \
	  echo "Escalatiepunten draait op http://$(HOST):$(PORT)/  (CMS: http://$(HOST):$(PORT)/cms/) - stoppen met Ctrl-C"; \
	  echo "Escalatiemails komen toe in de lokale mailserver op 127.0.0.1:$(DEMO_MAIL_PORT): var/mail/*.eml"; \
	  $(PY) manage.py db_worker --no-startup-delay --verbosity 0 & worker=$$!; \
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

# The load benchmark's load generator: Debian's wrk, installed when we may (root).
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "wrk ontbreekt: sudo apt-get install wrk"; exit 1; fi; }

# PostgreSQL on 127.0.0.1:5432, started (or installed) when it is down and we may (root).
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || { \
	  if [ "$$(id -u)" != 0 ]; then echo "PostgreSQL draait niet op 127.0.0.1:5432"; exit 1; fi; \
	  command -v pg_ctlcluster >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }; \
	  pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql | head -1)" main start; \
	  for _ in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }

# Redis on 127.0.0.1:6379 for the bench (sessions and the console's shared cache, as in
# production with REDIS_URL), started (or installed) when it is down and we may (root); the
# bench runs without it otherwise, and says so.
redis:
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" != 0 ]; then echo "Redis draait niet op 127.0.0.1:6379 (de benchmark draait zonder)"; exit 0; fi; \
	  command -v redis-server >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }; \
	  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes >/dev/null; }

# Performance figures come from here, never from timed unit tests. The load benchmark
# (escalatiepunten/loadbench.py) writes var/bench/latest.json; BENCH_ARGS="--duration 5" etc.
bench: install-dev wrk postgres redis
	$(PY) -m calendar_engine.bench
	$(PY) manage.py bench_api --settings=escalatiepunten.settings.test
	$(PY) -m escalatiepunten.loadbench $(BENCH_ARGS)
	$(PY) -m escalatiepunten.deliverybench $(DELIVERY_BENCH_ARGS)
	$(PY) manage.py bench_reports --settings=escalatiepunten.settings.test

# The workers' delivery throughput to a local SMTP server (messages/s), into var/bench/latest.json.
bench-delivery: install-dev postgres
	$(PY) -m escalatiepunten.deliverybench $(DELIVERY_BENCH_ARGS)

# The escalation reports with a year of 1,000,000 escalations, in its own database
# bench_reports (created and dropped); figures under "reports" in var/bench/latest.json.
bench-reports: install-dev postgres
	$(PY) manage.py bench_reports --settings=escalatiepunten.settings.test $(BENCH_REPORTS_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache static_collected
