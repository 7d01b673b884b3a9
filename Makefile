# The two commands: `make run` (install, migrate, demo data, serve with worker and beat)
# and `make test` (install the test tools, run the whole suite).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
HOST ?= 127.0.0.1
PORT ?= 8000
# Two workers by default (the CI machine has two cores); `make test PYTEST_ARGS=` runs serially.
PYTEST_ARGS ?= -n 2 --dist loadfile

.PHONY: run test lint bench install install-dev migrate demo messages serve clean check-deploy backup restore-drill

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PIP) -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PIP) -r requirements-dev.txt
	@touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

# `make run` is for a developer's machine: DEBUG on unless the environment says otherwise.
run: export DEBUG ?= 1
run: export LOG_FORMAT ?= text
run: install
	$(PY) manage.py compile_translations
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "  Portal:  http://$(HOST):$(PORT)/        Staff and admin log in at http://$(HOST):$(PORT)/accounts/login/"
	@echo "  Demo logins:"
	@$(PY) manage.py demo_logins
	@echo ""
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/honcho -f Procfile.dev start

test: export PORTAL_TESTING = 1
test: install-dev
	$(PY) manage.py compile_translations
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

bench: export PORTAL_TESTING = 1
bench: install-dev
	$(PY) manage.py compile_translations
	$(PY) benchmarks/run_all.py

# Refresh the Chinese catalogue after changing strings (needs GNU gettext): extract every
# string, fill translations from locale/zh_Hans/fragments/*.json, compile. The lock lets
# several people run it at once.
messages: export PORTAL_TESTING = 1
messages: install-dev
	flock locale/.lock sh -c '$(PY) manage.py makemessages -l zh_Hans --no-obsolete --no-location \
		--ignore=.venv --ignore=var --ignore=tests --ignore=benchmarks && $(PY) tools/po.py fill'
	$(PY) manage.py compile_translations

check-deploy: install
	DEBUG=0 SECRET_KEY=$$($(PY) -c "import secrets; print(secrets.token_urlsafe(50))") ALLOWED_HOSTS=hrss.example.org \
		$(PY) manage.py check --deploy --fail-level WARNING

# A backup of the database and the uploaded material into BACKUP_DIR (default var/backups), then the retention
# rule; the drill restores the newest one into a scratch database and compares it with its source.
# Like `make run`, for a checkout: DEBUG on unless the environment says otherwise (production sets it, and runs
# them in the worker container: README, Operations).
backup: export DEBUG ?= 1
backup: install
	$(PY) manage.py backup

restore-drill: export DEBUG ?= 1
restore-drill: install
	$(PY) manage.py restore_drill $(DRILL_ARGS)

clean:
	rm -rf $(VENV) var
