# repo-lint's own Makefile: the targets of docs/Makefile.snippet (the block adopting repositories paste)
# run on this repository, plus `test`.
#
# This repository holds no model library of its own. Its Python code is linted with ruff; repo-lint
# itself runs on the bundled fixture library fixtures/copies/clean (the README's main job), which must
# stay clean. `--changed-since` needs the checked root to be a git repository's top level, which the
# fixture is not, so `fixup` takes the files changed since main from git for ruff and checks the fixture.

PYTHON ?= python
RUFF ?= $(PYTHON) -m ruff
REPO_LINT ?= $(PYTHON) -m repo_lint
FIXTURE_CONFIG := fixtures/copies/clean/pyproject.toml
MODULAR_CONFIG := fixtures/modular/clean/pyproject.toml

.PHONY: quality fixup fix-copies check-repo fix-repo test

# Lint the code, check the clean fixture; fixes nothing.
quality:
	$(RUFF) check .
	$(REPO_LINT) check --config $(FIXTURE_CONFIG)

# ruff --fix on the Python files changed since the merge-base with main (committed, staged, unstaged,
# untracked), then the check of the fixture.
fixup:
	@base=$$(git merge-base main HEAD) || exit 2; \
	files=$$( { git diff --name-only --diff-filter=d $$base -- '*.py'; \
	            git ls-files --others --exclude-standard -- '*.py'; } | sort -u ); \
	if [ -z "$$files" ]; then echo "fixup: no Python file changed since main"; \
	else echo $(RUFF) check --force-exclude --fix $$files; $(RUFF) check --force-exclude --fix $$files; fi
	$(REPO_LINT) check --config $(FIXTURE_CONFIG)

# Copies and dummy files of the clean fixture (a no-op unless someone let it drift).
fix-copies:
	$(REPO_LINT) check --fix --select CPY,DUM --config $(FIXTURE_CONFIG)

# The clean modular fixture converted and compared with its generated files (a no-op fix unless it drifted).
check-repo:
	$(REPO_LINT) check --extend-select MOD --config $(MODULAR_CONFIG)

fix-repo:
	$(REPO_LINT) check --extend-select MOD --fix --config $(MODULAR_CONFIG)

test:
	$(PYTHON) -m pytest -m "" -ra
