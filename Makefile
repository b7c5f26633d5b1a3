PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Everything that starts Django with project.settings reads the same local keys (.env, written
# on first use): DEBUG is off unless that file or the environment turns it on.
WITH_ENV := bash scripts/with-env.sh
MANAGE := $(WITH_ENV) $(PY) manage.py

.PHONY: setup system venv migrate demo run test suite lint format messages static bench screenshots clean

setup: system venv messages static

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
	@$(MANAGE) compilemessages --ignore='.venv/*' -v 0

# Served by WhiteNoise from staticfiles/, with DEBUG off as in production.
static: venv
	@$(MANAGE) collectstatic --no-input -v 0

migrate: setup
	$(MANAGE) migrate --no-input -v 0

demo: migrate
	$(MANAGE) seed_demo

run: demo
	@$(WITH_ENV) bash scripts/run.sh $(PY) $(HOST) $(PORT)

# lint-imports checks the layer contracts in pyproject.toml; a whole run takes under a second,
# so it keeps no cache directory in the checkout.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache --no-logo
	$(MANAGE) makemigrations --check --dry-run -v 0

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

suite: setup
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint suite

bench: setup
	$(WITH_ENV) $(PY) scripts/benchmark.py

# The README's pictures, taken from the demo that `make run` serves (start it first).
screenshots: venv
	$(PY) scripts/screenshots.py --url http://$(HOST):$(PORT)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
