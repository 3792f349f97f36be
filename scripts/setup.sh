#!/usr/bin/env bash
# Install everything the addons need (Debian packages, PostgreSQL, Python venv, OCA addons,
# wkhtmltopdf with patched Qt for the PDF reports).
source "$(dirname "$0")/lib.sh"
setup_all
log "Ready: Odoo at $ODOO_SRC, Python at $PY, addons path $(addons_path)"
log "PDF reports: $(command -v wkhtmltopdf) ($(wkhtmltopdf --version 2>/dev/null || echo missing))"
