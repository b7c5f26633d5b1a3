PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: setup system venv migrate demo run test suite lint format messages bench clean

setup: system venv messages

system:
	@bash scripts/install-system-packages.sh

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pinned requirements change.
$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

messages: venv
	@$(PY) manage.py compilemessages --ignore='.venv/*' -v 0

migrate: setup
	$(PY) manage.py migrate --no-input -v 0

demo: migrate
	$(PY) manage.py seed_demo

run: demo
	@bash scripts/run.sh $(PY) $(HOST) $(PORT)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run -v 0

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

suite: setup
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint suite

bench: setup
	$(PY) scripts/benchmark.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
