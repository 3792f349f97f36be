#!/usr/bin/env bash
# Install everything the addons need (Debian packages, PostgreSQL, Python venv, OCA addons).
source "$(dirname "$0")/lib.sh"
setup_all
log "Ready: Odoo at $ODOO_SRC, Python at $PY, addons path $(addons_path)"
