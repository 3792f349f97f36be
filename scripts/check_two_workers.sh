#!/usr/bin/env bash
# Two-worker check: Odoo in prefork mode (--workers=2 --max-cron-threads=1, a real cron
# worker) on a fresh demo database; the product's scheduled jobs are due and have work,
# and while the cron worker runs them, "Run now" of the same jobs is called many times at
# once over JSON-RPC. Then no activity, message, greeting, escalation, reminder, claim
# release or care occasion may exist twice, and no error may be logged
# (tests/operations/two_workers.py says exactly what is checked).
#
#   scripts/check_two_workers.sh
#   DB=kam_two_workers   database (DB_base holds the freshly installed demo database, kept
#                        as a cache keyed on the addons' content; REBUILD=1 reinstalls)
#   HTTP_PORT=8069       the port Odoo serves on (and HTTP_PORT+1 for its gevent worker)
#   ACCOUNTS=1500        key accounts added for the early warning to rate red (the longer
#                        run makes Run now and the cron worker overlap)
#   PRODUCT_DIR=<root>   the folder holding the three addons (default this repository)
source "$(dirname "$0")/lib.sh"
find_odoo
ensure_postgres
cd "$ROOT"
t0=$(date +%s)
DB="${DB:-kam_two_workers}"
BASE_DB="${DB}_base"
PORT="${HTTP_PORT:-8069}"
PRODUCT_DIR="$(cd "${PRODUCT_DIR:-$ROOT}" && pwd)"
CACHE="$ROOT/.cache"; mkdir -p "$CACHE"
DATA_DIR="$CACHE/two-workers-data"  # the filestores, copied with the database
LOGF="$CACHE/two-workers-$DB.log"

odoo_product() {  # odoo-bin with the product of PRODUCT_DIR
    PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$PY" "$ODOO_SRC/odoo-bin" \
        --addons-path="$ODOO_SRC/odoo/addons,$(oca_addons_dir),$PRODUCT_DIR" \
        --db_host="${DB_HOST}" --db_user="$PGUSER" --http-port="$PORT" \
        --gevent-port="$((PORT + 1))" --data-dir="$DATA_DIR" "$@"
}

# The addons of the scripts' list that PRODUCT_DIR holds.
product_addons=$(for a in ${ADDONS//,/ }; do if [ -d "$PRODUCT_DIR/$a" ]; then echo "$a"; fi; done | paste -sd,)
key=$( (cd "$PRODUCT_DIR" && find ${product_addons//,/ } -type f ! -name '*.pyc' -print0 | sort -z \
        | xargs -0 sha1sum) | sha1sum | cut -c1-16)
stamp=$(psql -d "$BASE_DB" -tAc "SELECT value FROM ir_config_parameter WHERE key = 'kam.two_workers.addons'" 2>/dev/null || true)
if [ -n "${REBUILD:-}" ] || [ "$stamp" != "$key" ] || [ ! -d "$DATA_DIR/filestore/$BASE_DB" ]; then
    log "Installing the addons with demo data into $BASE_DB (a few minutes)"
    dropdb --if-exists "$BASE_DB"
    odoo_product -d "$BASE_DB" -i "$product_addons" --stop-after-init --log-level=warn \
        > "$CACHE/two-workers-install-$DB.log" 2>&1 \
        || { tail -30 "$CACHE/two-workers-install-$DB.log"; die "Installing the addons failed."; }
    psql -d "$BASE_DB" -tAc "SELECT 1 FROM ir_module_module WHERE name = 'showcase_program' AND state = 'installed'" \
        | grep -q 1 || die "showcase_program is not installed in $BASE_DB (log: $CACHE/two-workers-install-$DB.log)."
    psql -d "$BASE_DB" -qc "INSERT INTO ir_config_parameter (key, value) VALUES ('kam.two_workers.addons', '$key')"
else
    log "Reusing $BASE_DB (same addons; REBUILD=1 to reinstall)"
fi
dropdb --if-exists "$DB"
createdb -T "$BASE_DB" "$DB"
rm -rf "$DATA_DIR/filestore/$DB"
if [ -d "$DATA_DIR/filestore/$BASE_DB" ]; then cp -a "$DATA_DIR/filestore/$BASE_DB" "$DATA_DIR/filestore/$DB"; fi
"$PY" tests/operations/two_workers.py prepare "$DB" "${ACCOUNTS:-1500}"

log "Starting Odoo on $DB: --workers=2 --max-cron-threads=1, port $PORT (log: $LOGF)"
rm -f "$LOGF"
# Started directly (not through a function's subshell): $! is Odoo's own process.
PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$PY" "$ODOO_SRC/odoo-bin" \
    --addons-path="$ODOO_SRC/odoo/addons,$(oca_addons_dir),$PRODUCT_DIR" \
    --db_host="${DB_HOST}" --db_user="$PGUSER" --http-port="$PORT" \
    --gevent-port="$((PORT + 1))" --data-dir="$DATA_DIR" \
    -d "$DB" --db-filter="^$DB\$" --workers=2 --max-cron-threads=1 \
    --limit-time-real=600 --limit-time-real-cron=900 --limit-time-cpu=900 --logfile="$LOGF" &
server=$!
stop_server() { kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true; }
trap stop_server EXIT
for _ in $(seq 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/web/webclient/version_info" -H 'Content-Type: application/json' -d '{}' && break
    kill -0 "$server" 2>/dev/null || die "Odoo stopped (log: $LOGF)."
    sleep 1
done
set +e
"$PY" tests/operations/two_workers.py run "$DB" "http://127.0.0.1:$PORT" "$LOGF"
rc=$?
set -e
stop_server; trap - EXIT
[ "$rc" = 0 ] || die "Jobs ran twice or errors were logged under two workers (log: $LOGF). $(( $(date +%s) - t0 ))s."
log "Two workers: no job ran twice, nothing created twice, no error logged ($(( $(date +%s) - t0 ))s)"
