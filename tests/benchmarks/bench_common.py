# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers shared by the benchmarks of tests/benchmarks/.

Paths, the database creation, opening a registry outside odoo-bin, the machine summary,
and ``measure()``: seconds, SQL queries and peak memory of one piece of work.
"""

import contextlib
import os
import platform
import resource
import subprocess
import sys
import sysconfig
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo18")
BENCH_DIR = os.path.join(ROOT, "tests", "benchmarks")


def default_addons_path():
    oca = os.path.join(sysconfig.get_paths()["purelib"], "odoo", "addons")
    return ",".join([os.path.join(ODOO_PATH, "odoo", "addons"), oca, ROOT])


def add_common_arguments(parser, db, json_name):
    """The options every benchmark takes: database, addons path, JSON file, user."""
    parser.add_argument("--db", default=db, help="database name")
    parser.add_argument("--addons-path", default=default_addons_path())
    parser.add_argument("--json", default=os.path.join(BENCH_DIR, json_name))
    parser.add_argument("--db-user", default=os.environ.get("PGUSER", "odoo"))


def maxrss_mib():
    """Peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def create_database(args, modules, extra=(), env=None):
    """Drop and create ``args.db`` with ``modules`` installed, without demo data."""
    subprocess.run(["dropdb", "--if-exists", args.db], check=True)
    command = [
        sys.executable,
        os.path.join(ODOO_PATH, "odoo-bin"),
        f"--addons-path={args.addons_path}",
        f"--db_user={args.db_user}",
        "-d",
        args.db,
        "-i",
        modules,
        "--without-demo=all",
        "--stop-after-init",
        "--no-http",
        *extra,
    ]
    env = env or dict(os.environ, PYTHONPATH=ODOO_PATH)
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)


def open_registry(args):
    """Configure Odoo for ``args.db`` in this process and return its registry."""
    if ODOO_PATH not in sys.path:
        sys.path.insert(0, ODOO_PATH)
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(
        [
            f"--addons-path={args.addons_path}",
            f"--db_user={args.db_user}",
            "-d",
            args.db,
        ]
    )
    odoo.netsvc.init_logger()
    return Registry(args.db)


def superuser_env(cr, context=None):
    import odoo

    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, context or {})


def machine():
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def sql_count():
    """SQL queries run by this process so far (all cursors)."""
    from odoo import sql_db

    return sql_db.sql_counter


class Measure:
    """Result of ``measure()``: seconds, queries, peak MiB (filled on exit)."""

    seconds = queries = peak_mib = None


@contextlib.contextmanager
def measure(env=None):
    """Time the block, count its SQL queries and report the peak memory after it.

    With ``env`` the ORM caches are flushed and emptied first, so that the block pays
    for its own reads.
    """
    if env is not None:
        env.flush_all()
        env.invalidate_all()
    result = Measure()
    queries = sql_count()
    started = time.perf_counter()
    yield result
    if env is not None:
        env.flush_all()
    result.seconds = time.perf_counter() - started
    result.queries = sql_count() - queries
    result.peak_mib = maxrss_mib()


def row(name, measured, orm_floor=None, sql_floor=None, notes=""):
    """A benchmark table row from a ``Measure`` and the two floors (seconds or None)."""
    return {
        "name": name,
        "seconds": round(measured.seconds, 3),
        "orm_floor": round(orm_floor, 3) if orm_floor is not None else None,
        "sql_floor": round(sql_floor, 3) if sql_floor is not None else None,
        "queries": measured.queries,
        "peak_mib": round(measured.peak_mib, 1),
        "notes": notes,
    }
