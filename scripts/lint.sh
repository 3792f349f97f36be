#!/usr/bin/env bash
# Linters Odoo teams use, as OCA's addons repository template runs them: pre-commit with the
# hooks of .pre-commit-config.yaml (ruff check, ruff format --check, pylint-odoo with
# .pylintrc-mandatory, OCA's oca-checks-odoo-module and oca-checks-po, and the generic checks
# of pre-commit-hooks), every tool from the virtualenv, so nothing is downloaded.
# Arguments go to `pre-commit run` (default: --all-files), e.g. scripts/lint.sh --files x.py
# Note: pre-commit checks the files git knows: `git add` a new file to have it checked.
source "$(dirname "$0")/lib.sh"
find_odoo; ensure_venv
cd "$ROOT"
# The hooks call the tools by name: the virtualenv's first.
export PATH="$VENV/bin:$PATH"
export PRE_COMMIT_HOME="$ROOT/.cache/pre-commit"
[ $# -gt 0 ] || set -- --all-files
log "pre-commit run $*"
"$VENV/bin/pre-commit" run --show-diff-on-failure --color=never "$@"
log "lint OK"
