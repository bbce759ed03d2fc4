# mgops.caseflow — two commands: `make start` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
HOST ?= localhost
PORT ?= 8080
SITE_ID ?= Plone
INSTANCE := instance
# tests/unit runs in a virtualenv of its own with only the pure core's dependencies.
CORE_VENV := .venv-core
# locust and its gevent stay out of the Zope virtualenv: the load comes from beside it
BENCH_VENV := .venv-bench
CORE_DEPS := holidays python-stdnum lxml signxml cryptography pyhanko-certvalidator requests \
	"certomancer[web-api]" openpyxl pyyaml hypothesis pytest
# zope.i18n reads these when first imported, before zope.conf's <environment>.
export zope_i18n_compile_mo_files = true
export zope_i18n_allowed_languages = pl en
# Debian packages the tests drive: xmlsec1 checks our XAdES signatures independently,
# openssl (ts -verify) their RFC 3161 timestamps;
# chromium (headless, via Playwright) and poppler-utils (pdftoppm) for tests/browser.
TEST_DEBS := xmlsec1 openssl chromium poppler-utils e2fsprogs
# Scale-out: postgresql and haproxy run the two-instance tests and `make start-cluster`.
TEST_DEBS += postgresql haproxy
# python-ldap (for pas.plugins.ldap, the directory login) has no binary wheel: it
# compiles against OpenLDAP's and SASL's headers, so `make install` needs these.
BUILD_DEBS := libldap2-dev libsasl2-dev
# The directory-login tests start Debian's OpenLDAP server; ldap-utils to try by hand.
TEST_DEBS += $(BUILD_DEBS) slapd ldap-utils
INSTANCES ?= 2
PG_PORT ?= 5433
CLUSTER := cluster
SCALE ?= 2000

.PHONY: help
help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(UV): $(BIN)/python constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt uv
	touch $(UV)

$(VENV)/.installed: $(UV) setup.py constraints.txt pyproject.toml
	@$(MAKE) --no-print-directory debs DEBS="$(BUILD_DEBS)"
	$(UV) pip install --python $(BIN)/python -c constraints.txt \
		--build-constraints constraints.txt -e ".[test,relstorage]"
	touch $@

.PHONY: install
install: $(VENV)/.installed ## Install the add-on and its pinned dependencies into .venv

.PHONY: system-deps
system-deps: ## Install the Debian packages the tests use (as root)
	@$(MAKE) --no-print-directory debs DEBS="$(TEST_DEBS)"

.PHONY: debs
debs: # the Debian packages DEBS, those missing (as root)
	@missing=""; for pkg in $(DEBS); do \
		dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

.PHONY: instance
instance: install ## Write the Zope instance configuration (FileStorage under var/)
	$(BIN)/caseflow-instance --target $(INSTANCE) --var var --host $(HOST) --port $(PORT)

.PHONY: start
start: instance ## Install, create the site with demo data if missing, and serve it
	$(BIN)/caseflow-demo --zope-conf $(INSTANCE)/etc/zope.conf --site-id $(SITE_ID)
	@echo "Serving http://$(HOST):$(PORT)/$(SITE_ID)"
	$(BIN)/runwsgi $(INSTANCE)/etc/zope.ini

.PHONY: start-cluster
start-cluster: install ## Serve INSTANCES instances on RelStorage/PostgreSQL behind HAProxy
	@set -e; \
	dsn="$${CASEFLOW_DSN:-$$($(BIN)/caseflow-postgres start --data $(CURDIR)/var/postgres --port $(PG_PORT))}"; \
	cluster="$(BIN)/caseflow-cluster --dsn \"$$dsn\" --root $(CLUSTER) --instances $(INSTANCES) --port $(PORT) --base-port $$(( $(PORT) + 1 ))"; \
	eval "$$cluster --write-only"; \
	$(BIN)/caseflow-demo --zope-conf $(CLUSTER)/instance-1/etc/zope.conf --site-id $(SITE_ID); \
	eval "$$cluster"

BACKUPS ?= backups
BACKUP_ARGS = --var var --backups $(BACKUPS) $(if $(DSN),--dsn "$(DSN)") \
	$(if $(BLOB_DIR),--blob-dir $(BLOB_DIR))

.PHONY: backup
backup: install ## Back up Data.fs (repozo) and the blobs into BACKUPS (README: Backup)
	$(BIN)/python -m mgops.caseflow.deploy.backup backup $(BACKUP_ARGS) $(if $(BACKUP_FULL),--full)

.PHONY: restore
restore: install ## Restore the newest backup (or BACKUP_DATE) into var/; instance stopped
	$(BIN)/python -m mgops.caseflow.deploy.backup restore $(BACKUP_ARGS) $(if $(BACKUP_DATE),--date $(BACKUP_DATE))

.PHONY: stop-postgres
stop-postgres: ## Stop the private PostgreSQL of `make start-cluster`
	$(BIN)/caseflow-postgres stop --data $(CURDIR)/var/postgres --port $(PG_PORT)

.PHONY: test
test: system-deps install test-core ## Install and run the whole test suite (import contracts and tests/unit without Plone first)
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest

$(CORE_VENV)/.installed: $(UV) constraints.txt
	$(PYTHON) -m venv $(CORE_VENV)
	$(UV) pip install --python $(CORE_VENV)/bin/python -c constraints.txt $(CORE_DEPS)
	touch $@

.PHONY: test-core
test-core: $(CORE_VENV)/.installed ## Run tests/unit in a virtualenv without Plone (.venv-core)
	PYTHONPATH=src $(CORE_VENV)/bin/python -m pytest tests/unit -p no:cacheprovider

.PHONY: test-scaleout
test-scaleout: system-deps install ## Two instances on PostgreSQL; FileStorage → RelStorage
	$(BIN)/python -m pytest tests/deploy -p no:cacheprovider

$(BENCH_VENV)/.installed: $(UV) constraints.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(UV) pip install --python $(BENCH_VENV)/bin/python -c constraints.txt locust
	touch $@

.PHONY: bench
bench: system-deps install $(BENCH_VENV)/.installed ## Benchmarks against plain Plone (SCALE=200|2000|20000|50000), bench/results/
	$(BIN)/python bench/run.py --scale $(SCALE) --locust $(BENCH_VENV)/bin/locust $(BENCH_ARGS)

.PHONY: lint
lint: install ## Check code style (ruff, zpretty) and the import contracts (lint-imports)
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	find src -name '*.zcml' -o -name '*.xml' -path '*/profiles/*' | xargs $(BIN)/zpretty --check

.PHONY: format
format: install ## Format code (ruff, zpretty)
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench
	find src -name '*.zcml' -o -name '*.xml' -path '*/profiles/*' | xargs $(BIN)/zpretty -i

.PHONY: clean
clean: ## Remove the virtualenvs and the instance configuration (keeps var/ data)
	rm -rf $(VENV) $(CORE_VENV) $(BENCH_VENV) $(INSTANCE)
