#!/usr/bin/env bash
# Linters Odoo teams use: ruff, pylint-odoo and OCA's odoo-pre-commit-hooks checks.
source "$(dirname "$0")/lib.sh"
find_odoo; ensure_venv
cd "$ROOT"
PATHS=(key_account_management relationship_care showcase_program tests)
log "ruff"
"$VENV/bin/ruff" check "${PATHS[@]}"
"$VENV/bin/ruff" format --check "${PATHS[@]}"
log "pylint-odoo"
"$VENV/bin/pylint" --rcfile="$ROOT/.pylintrc-mandatory" key_account_management relationship_care showcase_program tests/key_account_e2e
log "oca-odoo-pre-commit-hooks"
"$VENV/bin/oca-checks-odoo-module" key_account_management/__manifest__.py relationship_care/__manifest__.py \
    showcase_program/__manifest__.py tests/key_account_e2e/__manifest__.py
find key_account_management relationship_care showcase_program -name '*.po' -o -name '*.pot' \
    | xargs -r "$VENV/bin/oca-checks-po"
log "lint OK"
