#!/usr/bin/env bash
# Build the three addons as wheels the way OCA publishes its addons: one pyproject.toml per
# addon with the whool build backend, a package named odoo-addon-<addon> whose requirements
# come from the manifest (depends -> odoo-addon-*, external_dependencies -> Python packages).
#
#   bash scripts/build_wheels.sh          -> dist/odoo_addon_<addon>-<version>-py3-none-any.whl
#   DIST=/some/dir bash scripts/build_wheels.sh
#
# whool packages the files git tracks (a new file is in the wheel once it is `git add`ed)
# and derives the version from the manifest and the commits since its last change
# (18.0.1.1.0, then 18.0.1.1.0.1 ... as OCA's); WHOOL_POST_VERSION_STRATEGY_OVERRIDE=none
# keeps the manifest version as it is.
source "$(dirname "$0")/lib.sh"
find_odoo
ensure_venv
DIST="${DIST:-$ROOT/dist}"
mkdir -p "$DIST"
for addon in ${ADDONS//,/ }; do
    rm -f "$DIST/odoo_addon_${addon}"-*.whl
    # No build isolation: whool comes pinned from requirements-test.txt (works offline).
    "$PY" -m pip wheel -q --no-deps --no-build-isolation --wheel-dir "$DIST" "$ROOT/$addon" \
        2> >(grep -v "is ignored: it is neither a file nor" >&2) \
        || die "Building the wheel of $addon failed."
done
log "Wheels in $DIST:"
ls -1 "$DIST"/odoo_addon_*.whl >&2
