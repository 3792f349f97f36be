#!/usr/bin/env bash
# Upgrade check: install the three addons with demo data at the previous release, upgrade
# that database to the working tree, and check that nothing was lost.
#
#   scripts/check_upgrade.sh
#   FROM=v18.0.1.0.0   the release to upgrade from (a git tag or commit; default the tag,
#                      else commit 318936a, e.g. in a shallow clone without tags)
#   DB=kam_upgrade     database name (DB_base holds the old release, kept as a cache keyed
#                      on the commit; REBUILD=1 reinstalls it)
#   HTTP_PORT=8069     a free port for the odoo-bin runs (nothing is served)
#
# Checks (tests/operations/upgrade_check.py): no row lost per model of the product and of
# the business models it builds on, no value lost per field of the product, the audit
# trails (stage and attitude histories, claims, care occasions) unchanged, every key
# person's birthday moved into the private care profile, and no ERROR/CRITICAL logged
# during the upgrade. Exits non-zero with the reason on any loss.
source "$(dirname "$0")/lib.sh"
find_odoo
ensure_postgres
cd "$ROOT"
t0=$(date +%s)
DB="${DB:-kam_upgrade}"
BASE_DB="${DB}_base"
PORT="${HTTP_PORT:-8069}"
CACHE="$ROOT/.cache"; mkdir -p "$CACHE"
DATA_DIR="$CACHE/upgrade-data"  # the filestores, copied with the database
FROM="${FROM:-v18.0.1.0.0}"
commit=$(git rev-parse -q --verify "$FROM^{commit}" 2>/dev/null \
    || git rev-parse -q --verify "318936a^{commit}" 2>/dev/null) \
    || die "Neither $FROM nor commit 318936a is in this clone (git fetch --tags --unshallow)."

OLD="$CACHE/upgrade-from-${commit:0:12}"
if [ ! -d "$OLD/key_account_management" ]; then
    log "Exporting the addons at ${commit:0:12} ($FROM) into $OLD"
    rm -rf "$OLD"; mkdir -p "$OLD"
    git archive "$commit" key_account_management relationship_care showcase_program requirements-oca.txt \
        | tar -x -C "$OLD"
fi
# The OCA addons the old release needed must be the ones installed.
if ! diff -q <(grep -v '^#' "$OLD/requirements-oca.txt") <(grep -v '^#' requirements-oca.txt) >/dev/null; then
    log "requirements-oca.txt changed since $FROM: the old release runs on today's OCA addons"
fi

# The addons of the scripts' list that the old release has (later ones are not upgraded).
OLD_ADDONS=$(for a in ${ADDONS//,/ }; do if [ -d "$OLD/$a" ]; then echo "$a"; fi; done | paste -sd,)

run_odoo() {  # $1 = addons folder of the product, $2 = log, rest = odoo-bin arguments
    local product=$1 logf=$2; shift 2
    PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$PY" "$ODOO_SRC/odoo-bin" \
        --addons-path="$ODOO_SRC/odoo/addons,$(oca_addons_dir),$product" \
        --db_host="${DB_HOST}" --db_user="$PGUSER" --http-port="$PORT" \
        --gevent-port="$((PORT + 1))" --data-dir="$DATA_DIR" --stop-after-init --log-level=info \
        "$@" > "$logf" 2>&1
}

stamp=$(psql -d "$BASE_DB" -tAc "SELECT value FROM ir_config_parameter WHERE key = 'kam.upgrade_check.commit'" 2>/dev/null || true)
if [ -n "${REBUILD:-}" ] || [ "$stamp" != "$commit" ] || [ ! -d "$DATA_DIR/filestore/$BASE_DB" ]; then
    log "Installing the addons with demo data at $FROM into $BASE_DB (a few minutes)"
    dropdb --if-exists "$BASE_DB"
    t1=$(date +%s)
    run_odoo "$OLD" "$CACHE/upgrade-install-$DB.log" -d "$BASE_DB" -i "$OLD_ADDONS" \
        || { tail -30 "$CACHE/upgrade-install-$DB.log"; die "Installing $FROM failed (log: $CACHE/upgrade-install-$DB.log)."; }
    psql -d "$BASE_DB" -tAc "SELECT 1 FROM ir_module_module WHERE name = 'showcase_program' AND state = 'installed'" \
        | grep -q 1 || die "showcase_program is not installed in $BASE_DB (log: $CACHE/upgrade-install-$DB.log)."
    psql -d "$BASE_DB" -qc "INSERT INTO ir_config_parameter (key, value) VALUES ('kam.upgrade_check.commit', '$commit')"
    log "Installed in $(( $(date +%s) - t1 ))s"
else
    log "Reusing $BASE_DB (installed at ${commit:0:12}; REBUILD=1 to reinstall)"
fi

dropdb --if-exists "$DB"
createdb -T "$BASE_DB" "$DB"
rm -rf "$DATA_DIR/filestore/$DB"
if [ -d "$DATA_DIR/filestore/$BASE_DB" ]; then cp -a "$DATA_DIR/filestore/$BASE_DB" "$DATA_DIR/filestore/$DB"; fi
before="$CACHE/upgrade-before-$DB.json"
"$PY" tests/operations/upgrade_check.py snapshot "$DB" "$before"

log "Upgrading $DB to the working tree"
t1=$(date +%s)
upgrade_log="$CACHE/upgrade-$DB.log"
if ! run_odoo "$ROOT" "$upgrade_log" -d "$DB" -u "$OLD_ADDONS"; then
    tail -30 "$upgrade_log"; die "The upgrade failed (log: $upgrade_log)."
fi
upgrade_s=$(( $(date +%s) - t1 ))
log "Upgraded in ${upgrade_s}s"
failed=0
versions=$(psql -d "$DB" -tAc "SELECT string_agg(name || ' ' || latest_version, ', ' ORDER BY name) FROM ir_module_module WHERE name IN ('key_account_management', 'relationship_care', 'showcase_program')")
echo "Versions after the upgrade: $versions"
if psql -d "$DB" -tAc "SELECT name FROM ir_module_module WHERE name IN ('key_account_management', 'relationship_care', 'showcase_program') AND state != 'installed'" | grep -q .; then
    echo "  LOST: an addon is not installed after the upgrade"; failed=1
fi
if grep -E " (ERROR|CRITICAL) " "$upgrade_log"; then
    echo "  LOST: errors were logged during the upgrade (log: $upgrade_log)"; failed=1
fi
"$PY" tests/operations/upgrade_check.py compare "$DB" "$before" || failed=1
total=$(( $(date +%s) - t0 ))
[ "$failed" = 0 ] || die "Upgrade from $FROM loses data or logs errors (see above; log: $upgrade_log). ${total}s."
log "Upgrade from $FROM: nothing lost, no error logged (upgrade ${upgrade_s}s, check ${total}s in all)"
