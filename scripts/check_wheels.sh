#!/usr/bin/env bash
# Install the addons the way an integrator does, from their wheels, into an existing Odoo:
#  1. build the addons' wheels (scripts/build_wheels.sh) and check their metadata: every
#     manifest depend outside Odoo is required as odoo-addon-<name>, every external Python
#     dependency is required, and requirements-oca.txt provides each odoo-addon-* required;
#  2. pip install them with the OCA addons of requirements-oca.txt (PyPI wheels) into a
#     throwaway virtualenv (--no-deps: their metadata requires an `odoo` distribution no
#     index has) that sees Odoo's Python dependencies from .venv but not .venv's own
#     odoo/addons, so that the addons are found ONLY there: the addons path is Odoo's addons
#     plus that virtualenv's site-packages/odoo/addons, not this repository;
#  3. create a database with sale, account and project (no demo data, like a production
#     database), then install the addons (lib.sh's ADDONS) into it, and fail on an ERROR or
#     CRITICAL line in the log, an addons path outside Odoo and the throwaway virtualenv,
#     or an addon not installed. Warnings are shown.
#
#   bash scripts/check_wheels.sh        WHEEL_DB=name (default kam_wheels), KEEP=1 keeps
#                                       the database and the folder
source "$(dirname "$0")/lib.sh"
find_odoo
ensure_postgres
ensure_venv
t0=$SECONDS
DB="${WHEEL_DB:-kam_wheels}"
WORK=$(mktemp -d)
CACHE="$ROOT/.cache"; mkdir -p "$CACHE"
LOG="$CACHE/check-wheels-$DB.log"
cleanup() {
    if [ -z "${KEEP:-}" ]; then
        dropdb --if-exists "$DB" >/dev/null 2>&1 || true
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

log "Building the wheels"
DIST="$WORK/dist" bash "$ROOT/scripts/build_wheels.sh"

log "Checking the wheels' metadata"
"$PY" - "$WORK/dist" "$ODOO_SRC/odoo/addons" "$ROOT/requirements-oca.txt" "$ADDONS" <<'PY' || die "Wheel metadata check failed."
import ast, re, sys, zipfile
from email.parser import Parser
from pathlib import Path

dist, core, oca_file = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
addons = sys.argv[4].split(",")
name = lambda req: re.split(r"[ ;<>=!~\[]", req, maxsplit=1)[0].lower().replace("_", "-")
oca = {name(line) for line in oca_file.read_text().splitlines() if line.strip() and not line.startswith("#")}
ours = set()
errors = []
wheels = sorted(dist.glob("odoo_addon_*.whl"))
for wheel in wheels:
    with zipfile.ZipFile(wheel) as zf:
        meta_name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(zf.read(meta_name).decode())
        addon = meta["Name"].split("odoo-addon-", 1)[1]
        manifest = ast.literal_eval(zf.read(f"odoo/addons/{addon}/__manifest__.py").decode())
    ours.add(name(meta["Name"]))
    requires = {name(r) for r in meta.get_all("Requires-Dist") or []}
    want = {name(f"odoo-addon-{d}") for d in manifest["depends"] if not (core / d).is_dir()}
    want |= {name(p) for p in manifest.get("external_dependencies", {}).get("python", [])}
    print(f"  {wheel.name}: requires {', '.join(sorted(requires))}")
    if want - requires:
        errors.append(f"{wheel.name} does not require {', '.join(sorted(want - requires))}")
    for req in requires:
        if req.startswith("odoo-addon-") and req not in oca | {name(f"odoo-addon-{a}") for a in addons}:
            errors.append(f"{wheel.name} requires {req}, which requirements-oca.txt does not pin")
if len(wheels) != len(addons):
    errors.append(f"expected {len(addons)} wheels, found {len(wheels)}")
for error in errors:
    print("  ERROR:", error)
sys.exit(1 if errors else 0)
PY

# A throwaway virtualenv standing for the integrator's Odoo environment: Odoo's Python
# dependencies come from .venv (a folder of links to its site-packages, read as a site
# directory), except .venv's odoo/ (the OCA addons the project's own runs use).
log "Installing the wheels and the OCA addons into the virtualenv $WORK/venv (--no-deps)"
"$PY" -m venv --without-pip "$WORK/venv" || die "python3 -m venv failed."
VPY="$WORK/venv/bin/python"
SITE=$("$VPY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
mkdir -p "$WORK/deps"
for entry in "$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"/*; do
    case "${entry##*/}" in odoo | odoo_addon_*) ;; *) ln -s "$entry" "$WORK/deps/" ;; esac
done
echo "import site; site.addsitedir('$WORK/deps')" > "$SITE/odoo-dependencies.pth"
"$VPY" -m pip install -q --no-deps "$WORK"/dist/odoo_addon_*.whl \
    -r "$ROOT/requirements-oca.txt" 2> >(grep -v "is ignored: it is neither a file nor" >&2) \
    || die "pip install of the wheels failed."
ls "$SITE/odoo/addons" >&2

# Odoo from its source, the addons only from the virtualenv; run outside the repository.
cd "$WORK"
run_odoo() {
    PYTHONPATH="$ODOO_SRC" "$VPY" "$ODOO_SRC/odoo-bin" \
        --addons-path="$ODOO_SRC/odoo/addons,$SITE/odoo/addons" --data-dir="$WORK/data" \
        --db_host="${DB_HOST}" --db_user="$PGUSER" -d "$DB" --no-http \
        --stop-after-init --log-level=info "$@" >> "$LOG" 2>&1
}
: > "$LOG"
dropdb --if-exists "$DB" >/dev/null 2>&1 || true
log "Database $DB with sale, account, project (no demo data)"
t1=$SECONDS
run_odoo -i sale,account,project --without-demo=all || die "Installing sale, account, project failed (log: $LOG)."
log "  $(( SECONDS - t1 ))s"
log "Installing $ADDONS from the wheels"
t1=$SECONDS
run_odoo -i "$ADDONS" || die "Installing the addons failed (log: $LOG)."
log "  $(( SECONDS - t1 ))s"

# Every addons path Odoo used is Odoo's own or inside the throwaway virtualenv.
"$VPY" - "$LOG" "$ODOO_SRC/odoo/addons" "$WORK" <<'PY' || die "Addons came from elsewhere (log: $LOG)."
import ast, sys
log, odoo_addons, work = sys.argv[1:]
lines = [l for l in open(log, encoding="utf-8") if "odoo: addons paths: " in l]
paths = {p for l in lines for p in ast.literal_eval(l.split("addons paths: ", 1)[1].strip())}
foreign = sorted(p for p in paths if p != odoo_addons and not p.startswith(work + "/"))
print("  addons paths:", ", ".join(sorted(paths)))
if not lines or foreign:
    sys.exit(f"  addons paths outside Odoo and {work}: {foreign or 'none logged'}")
PY
grep -E " WARNING " "$LOG" >&2 || true
if grep -E " (ERROR|CRITICAL) " "$LOG"; then
    die "Errors were logged while installing from the wheels (log: $LOG)."
fi
want=$(echo "sale,account,project,$ADDONS" | tr ',' '\n' | sort | paste -sd,)
installed=$(psql -d "$DB" -tAc "SELECT string_agg(name, ',' ORDER BY name) FROM ir_module_module
    WHERE state = 'installed' AND name = ANY(string_to_array('$want', ','))")
[ "$installed" = "$want" ] || die "Installed: $installed; expected: $want (log: $LOG)."
log "Wheels OK: installed into an existing database with sale, account, project in $(( SECONDS - t0 ))s (log: $LOG)"
