# Two commands for a fresh machine: `make run` and `make test`.
# Both set up what is missing first; a second run with nothing changed is quick.

VENV   := .venv
PY     := $(VENV)/bin/python
PYDEPS := $(VENV)/.installed
LOCK   := requirements.lock
NODE   := node_modules/.installed
ASSETS := static/vendor/versions.json

.PHONY: setup run test test-fast lint format bench chromium servers lock

setup: $(PYDEPS) $(ASSETS)

# Exactly the pinned packages of requirements.lock, each checked against its hash; then the
# planner itself.
$(PYDEPS): $(LOCK) pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Pin every Python package (with hashes) again from pyproject.toml: run it after changing
# the dependencies there, and commit requirements.lock.
lock: $(PYDEPS)
	$(PY) -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --extra test --strip-extras \
	  --no-emit-index-url --no-emit-find-links --output-file $(LOCK) pyproject.toml

$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(ASSETS): $(NODE) scripts/vendor_assets.py
	$(PY) scripts/vendor_assets.py

run: setup
	$(VENV)/bin/planner serve

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v /usr/bin/chromium >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "Chromium could not be installed: browser tests will be skipped (and fail under CI=true)."

# PostgreSQL, Redis and nginx for the tests, which start throwaway servers of their own on free
# ports (tests/engines.py, tests/web/test_nginx.py); nothing is left running. RUNLEVEL=1 keeps
# apt from starting Debian's own nginx, PostgreSQL and Redis services.
servers:
	@{ { command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } && \
	   command -v redis-server >/dev/null 2>&1 && \
	   { command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx; }; } || \
	  { apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq postgresql redis-server nginx >/dev/null; } || \
	  echo "PostgreSQL, Redis or nginx could not be installed: their tests will be skipped (and fail under CI=true)."

# The tests run on every core (pytest-xdist), a module at a time; every browser test runs on
# one of them, with one live server and one Chromium (tests/conftest.py). The ten slowest
# are listed at the end, so a slow test is seen when it is added.
PYTEST_PARALLEL := -n auto --dist loadscope

# pytest exits 5 when it collected no tests: that is a failure, not a pass.
test: setup chromium servers lint
	$(VENV)/bin/pytest $(PYTEST_PARALLEL) --durations=10; status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest ran no tests: failing." >&2; exit 1; fi; exit $$status

# Everything but the browser tests and the slow ones (marked slow: real server processes,
# the crash, load and two-instance tests, and every route between every pair of jobs).
test-fast: setup servers
	$(VENV)/bin/pytest $(PYTEST_PARALLEL) -m "not browser and not slow"; status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest ran no tests: failing." >&2; exit 1; fi; exit $$status

lint: $(PYDEPS)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(PYDEPS)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: setup
	$(PY) bench/run.py
