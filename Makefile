# kmblog: `make run` and `make test` do all of the set-up in .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format install messages makemessages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "kmblog needs Python 3.11 or newer; set PYTHON=python3.11")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Thai catalogues (the editor's dialogs); without GNU gettext they stay English.
messages: install
	@if command -v msgfmt >/dev/null; then DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=staticfiles -v0; \
	else echo "msgfmt not found (apt-get install gettext): the editor's dialogs stay in English"; fi

# Refresh locale/*/django.po and djangojs.po from the code and templates.
makemessages: install
	DEBUG=1 $(PY) manage.py makemessages -l en -l th --no-obsolete --ignore=.venv --ignore=tests --ignore=benchmarks --ignore=staticfiles --ignore=locale_upstream --ignore=templates/admin/object_history.html
	DEBUG=1 $(PY) manage.py makemessages -d djangojs -l en -l th --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=node_modules

# The site on http://$(ADDR)/ and a task worker beside it (mail, periodic jobs).
# Ctrl-C stops both: the terminal sends it to the whole group, and the trap
# stops the worker whatever ends the server.
ADDR ?= 127.0.0.1:8000
run: messages
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' INT TERM EXIT; \
	DEBUG=1 $(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	DEBUG=1 $(PY) manage.py runserver $(ADDR)

test: messages
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
