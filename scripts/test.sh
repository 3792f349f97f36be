#!/usr/bin/env bash
# Run the whole test suite: lint, then the addons' tests and the top-level tests/ against PostgreSQL.
#
#   scripts/test.sh              lint + product tests (our three addons and tests/)
#   COMPAT=1 scripts/test.sh     also re-run Odoo's crm/calendar/event/survey and the OCA addons' tests
#                                with our addons installed (longer; on in CI)
#   SKIP_LINT=1                  skip the linters
#   TEST_TAGS=/addon:TestClass    run only those tests (odoo-bin --test-tags syntax)
#   COVERAGE=0                   no coverage (on by default: line and branch coverage of the
#                                three addons, report in .cache/coverage/html)
#   PYTEST_CHECK=1               also run one addon's tests under pytest-odoo (on in CI)
#   scripts/test.sh --pytest [pytest arguments]
#                                prepare the same database, then run pytest-odoo instead, e.g.
#                                scripts/test.sh --pytest key_account_management/tests/test_claim.py -k race
#
# Tests run with odoo-bin --test-tags against a database cloned from a cached template
# (click-odoo-initdb, keyed on the content of every addon), so a rerun without changes does not
# reinstall everything. Exits non-zero on a failed test, an error logged during install or tests,
# zero tests run, or a browser tour that did not really run.
source "$(dirname "$0")/lib.sh"
PYTEST_MODE=""
if [ "${1:-}" = "--pytest" ]; then PYTEST_MODE=1; shift; fi
setup_all
cd "$ROOT"

CACHE="$ROOT/.cache"; mkdir -p "$CACHE"
DB="${TEST_DB:-kam_test}"
# Per-database config and logs, so that several runs (other ports, other databases) can coexist.
CONF="$CACHE/odoo-test-$DB.conf"
EXTRA_ADDONS="$ROOT/tests"  # the key_account_e2e test addon
# ONLY=addon[,addon] restricts the run to those addons (for quick iterations).
TEST_ADDONS="${ONLY:-$ADDONS,key_account_e2e}"
cat > "$CONF" <<CONF
[options]
addons_path = $(addons_path)
db_user = $PGUSER
db_host = ${DB_HOST}
without_demo = False
log_level = info
http_port = ${TEST_HTTP_PORT:-8169}
gevent_port = ${TEST_GEVENT_PORT:-8172}
CONF

[ -n "${SKIP_LINT:-}${PYTEST_MODE}" ] || bash "$ROOT/scripts/lint.sh"

export PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}"
t0=$(date +%s)
log "Preparing database $DB (template cached on the addons' content)"
dropdb --if-exists "$DB" >/dev/null 2>&1 || true
"$VENV/bin/click-odoo-dropdb" -c "$CONF" --if-exists "$DB" >/dev/null 2>&1 || true
if ! "$VENV/bin/click-odoo-initdb" -c "$CONF" -n "$DB" -m "$TEST_ADDONS" --demo \
        --cache-prefix kamtmpl --cache-max-size 4 --cache-max-age 30 > "$CACHE/install-$DB.log" 2>&1; then
    tail -50 "$CACHE/install-$DB.log"; die "Installing the addons failed (log: $CACHE/install-$DB.log)."
fi
if grep -E " (ERROR|CRITICAL) " "$CACHE/install-$DB.log"; then
    die "Errors were logged while installing the addons (log: $CACHE/install-$DB.log)."
fi
log "Database ready in $(( $(date +%s) - t0 ))s"

run_pytest() {  # pytest-odoo on the prepared database; arguments go to pytest
    PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$PY" -m pytest \
        --odoo-config="$CONF" --odoo-database="$DB" --odoo-http "$@"
}

if [ -n "$PYTEST_MODE" ]; then
    log "Running pytest-odoo on $DB"
    run_pytest "$@"
    exit $?
fi

COVERAGE="${COVERAGE:-1}"
odoo_tested() {  # odoo-bin, under coverage.py when COVERAGE=1 (as OCA's CI measures it)
    if [ "$COVERAGE" = 1 ]; then
        PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$PY" -m coverage run \
            --rcfile="$ROOT/.coveragerc" "$ODOO_SRC/odoo-bin" --addons-path="$(addons_path)" \
            --db_host="${DB_HOST}" --db_user="$PGUSER" "$@"
    else
        odoo_bin "$@"
    fi
}

run_odoo_tests() {  # $1 = log file, rest = odoo-bin arguments
    local logf=$1; shift
    set +e
    odoo_tested -c "$CONF" -d "$DB" --stop-after-init "$@" 2>&1 | tee "$logf" \
        | grep -E --line-buffered " (ERROR|CRITICAL|WARNING) |tests when loading|post-tests in|FAIL:|Ran "
    set -e
    local stats
    stats=$(grep -E "tests when loading database" "$logf" | tail -1)
    [ -n "$stats" ] || die "No test report in $logf: the run crashed."
    local failed errors total
    failed=$(sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1/' <<<"$stats")
    errors=$(sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\2/' <<<"$stats")
    total=$(sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\3/' <<<"$stats")
    echo "RESULT: $total tests, $failed failed, $errors errors ($logf)"
    [ "$total" -gt 0 ] || die "Zero tests ran."
    [ "$failed" = 0 ] && [ "$errors" = 0 ] || die "$failed failed, $errors errors: see $logf"
    if grep -E " (ERROR|CRITICAL) " "$logf" >/dev/null; then
        die "Errors were logged during the tests: see $logf"
    fi
    TOTAL_TESTS=$(( ${TOTAL_TESTS:-0} + total ))
}

log "Running the product tests"
TAGS="${TEST_TAGS:-$(sed -E 's/(^|,)/\1\//g' <<<"$TEST_ADDONS")}"
# Per-database coverage data, so that runs side by side do not mix their figures.
export COVERAGE_FILE="$CACHE/coverage-$DB/.coverage"
rm -rf "$CACHE/coverage-$DB"; mkdir -p "$CACHE/coverage-$DB"
run_odoo_tests "$CACHE/test-$DB.log" --test-tags "$TAGS"
if [ "$COVERAGE" = 1 ]; then
    "$PY" -m coverage html --rcfile="$ROOT/.coveragerc" -q -d "$CACHE/coverage-$DB/html" || true
    log "Coverage (line and branch; HTML report: $CACHE/coverage-$DB/html/index.html)"
    cov_total() {  # percentage for the files matching the include pattern
        "$PY" -m coverage report --rcfile="$ROOT/.coveragerc" --include="$1" --format=total 2>/dev/null || echo "-"
    }
    printf '  %-24s %8s %16s\n' addon all "models+wizard"
    for addon in ${ADDONS//,/ }; do
        [[ ",$TEST_ADDONS," == *",$addon,"* ]] || continue
        printf '  %-24s %7s%% %15s%%\n' "$addon" "$(cov_total "$addon/*")" \
            "$(cov_total "$addon/models/*,$addon/wizard/*")"
    done
    printf '  %-24s %7s%%\n' total "$(cov_total "*")"
fi

# Browser tours: Odoo skips them silently without websocket-client or Chrome, so count them.
expected_tours=0
for addon in ${TEST_ADDONS//,/ }; do
    dir="$ROOT/$addon"
    [ -d "$dir" ] || dir="$ROOT/tests/$addon"
    n=$( (grep -rhoE "self\.start_tour\(" "$dir" 2>/dev/null || true) | wc -l)
    expected_tours=$(( expected_tours + n ))
done
ran_tours=$(grep -acE "\.browser: tour succeeded" "$CACHE/test-$DB.log" || true)
log "Browser tours: $ran_tours of $expected_tours ran"
[ -n "${TEST_TAGS:-}" ] || [ "$ran_tours" -ge "$expected_tours" ] || die "Only $ran_tours of $expected_tours browser tours ran."

if [ -n "${PYTEST_CHECK:-}" ]; then
    # The second way to run the tests (pytest-odoo), once per CI run so that it cannot rot.
    log "Running key_account_management's tests under pytest-odoo"
    pytest_log="$CACHE/pytest-$DB.log"
    run_pytest -q -p no:warnings key_account_management 2>&1 | tee "$pytest_log" | tail -3
    grep -qE "^[0-9]+ passed" "$pytest_log" && ! grep -qE "[0-9]+ (failed|error)" "$pytest_log" \
        || die "pytest-odoo run failed: see $pytest_log"
    TOTAL_TESTS=$(( TOTAL_TESTS + $(grep -oE "^[0-9]+ passed" "$pytest_log" | grep -oE "[0-9]+") ))
fi

if [ -n "${COMPAT:-}" ]; then
    # As Odoo's and OCA's CI do: a fresh database where each module's at_install tests run
    # as it is installed, and the post_install tests run at the end, with our addons installed.
    log "Running Odoo's and OCA's own tests with our addons installed"
    # survey: relationship_care extends survey.user_input (~1.5 min of tests). Its at_install
    # tests only pass on a fresh database: on an installed one they run with a partial
    # registry and trip over helpdesk_mgmt's own aliases (KeyError 'helpdesk.ticket.team',
    # also without our addons).
    COMPAT_MODULES=crm,calendar,event,survey,base_tier_validation,helpdesk_mgmt,helpdesk_mgmt_sla
    COMPAT_MODULES+=,partner_contact_department,partner_contact_birthdate
    COMPAT_MODULES+=,partner_contact_personal_information_page
    DB="${DB}_compat"
    COVERAGE=0  # coverage measures the product's own tests only
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    run_odoo_tests "$CACHE/compat-$DB.log" -i "${ONLY:-$ADDONS},event" \
        --test-tags "$(sed -E 's/(^|,)/\1\//g' <<<"$COMPAT_MODULES")"
fi

log "All $TOTAL_TESTS tests passed in $(( $(date +%s) - t0 ))s"
