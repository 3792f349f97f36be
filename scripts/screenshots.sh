#!/usr/bin/env bash
# Refresh the README's screenshots (docs/screenshots/*.png) from the real UI:
# a fresh demo database, Odoo on it, headless Chromium driven by scripts/screenshots.py.
#   DB=kam_screenshots (default)  PORT=8079 (default)
#   KEEP_DB=1   reuse the database if it has the addons (updated with -u); default: recreate
#               it, so that the demo story's dates are relative to today
#   ONLY=name[,name]  only these shots (names as in scripts/screenshots.py)
source "$(dirname "$0")/lib.sh"
setup_all
DB="${DB:-kam_screenshots}"
PORT="${PORT:-8079}"
OUT="$ROOT/docs/screenshots"
command -v chromium >/dev/null || die "chromium is missing (apt install chromium)."

installed() {
    psql -d "$DB" -tAc "SELECT 1 FROM ir_module_module WHERE name='showcase_program' AND state='installed'" \
        2>/dev/null | grep -q 1
}
if [ -n "${KEEP_DB:-}" ] && installed; then
    log "Updating the addons in $DB"
    odoo_bin -d "$DB" -u "$ADDONS" --stop-after-init --log-level=warn 2>&1 | grep -v "security risk" || true
else
    log "Creating the demo database $DB (a few minutes)"
    dropdb --if-exists "$DB"
    odoo_bin -d "$DB" -i "$ADDONS" --load-language=zh_CN,zh_TW --stop-after-init --log-level=warn \
        2>&1 | grep -v "security risk" || true
    installed || die "Installing the addons into $DB failed (see the log above)."
fi

LOGFILE="$ROOT/.cache/screenshots-$DB.log"
mkdir -p "$ROOT/.cache" "$OUT"
log "Starting Odoo on port $PORT (log: $LOGFILE)"
# Odoo itself in the background (not a shell function), so that $! is its process.
PYTHONPATH="$ODOO_SRC" "$PY" "$ODOO_SRC/odoo-bin" --addons-path="$(addons_path)" \
    --db_host="$DB_HOST" --db_user="$PGUSER" -d "$DB" --db-filter="^$DB\$" \
    --http-port="$PORT" --http-interface=127.0.0.1 --gevent-port="$((PORT + 1))" \
    --workers=0 --max-cron-threads=0 --log-level=warn > "$LOGFILE" 2>&1 &
ODOO_PID=$!
trap 'kill "$ODOO_PID" 2>/dev/null || true; wait "$ODOO_PID" 2>/dev/null || true' EXIT
for _ in $(seq 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/web/login" && break
    kill -0 "$ODOO_PID" 2>/dev/null || die "Odoo stopped (log: $LOGFILE)."
    sleep 1
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/web/login" || die "Odoo did not answer on port $PORT."

"$PY" "$ROOT/scripts/screenshots.py" --url "http://127.0.0.1:$PORT" --db "$DB" --out "$OUT" \
    ${ONLY:+--only "$ONLY"}
log "Screenshots written to $OUT"
