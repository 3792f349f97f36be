#!/usr/bin/env bash
# Set everything up, create the demo database if needed and start Odoo on http://localhost:8069.
#   DB=key_accounts (default)   RESET=1 drops and recreates the database first.
source "$(dirname "$0")/lib.sh"
setup_all
DB="${DB:-key_accounts}"
PORT="${PORT:-8069}"
if [ -n "${RESET:-}" ]; then dropdb --if-exists "$DB"; fi
if ! psql -d "$DB" -tAc "SELECT 1 FROM ir_module_module WHERE name='showcase_program' AND state='installed'" 2>/dev/null | grep -q 1; then
    log "Creating database $DB with the addons and their demo data (a few minutes)"
    dropdb --if-exists "$DB"
    odoo_bin -d "$DB" -i "$ADDONS" --load-language=zh_CN,zh_TW --stop-after-init --log-level=warn \
        2>&1 | grep -v "security risk" || true
    psql -d "$DB" -tAc "SELECT 1 FROM ir_module_module WHERE name='showcase_program' AND state='installed'" \
        | grep -q 1 || die "Installing the addons into $DB failed (see the log above)."
else
    log "Updating the addons in $DB"
    odoo_bin -d "$DB" -u "$ADDONS" --stop-after-init --log-level=warn 2>&1 | grep -v "security risk" || true
fi
cat <<MSG

  Key Accounts is starting on  http://localhost:$PORT
  Login: admin    Password: admin     (salespeople: kam.wang / kam.wang, kam.li / kam.li;
                                        manager: kam.chen / kam.chen)
  Database: $DB.  Stop with Ctrl-C.

MSG
exec_odoo() {
    PYTHONPATH="$ODOO_SRC" exec "$PY" "$ODOO_SRC/odoo-bin" --addons-path="$(addons_path)" \
        --db_user="$PGUSER" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" \
        --http-interface=127.0.0.1
}
exec_odoo
