# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""pytest-odoo entry point: check the set-up first, then load the plugin.

Run through ``scripts/test.sh --pytest [pytest arguments]``, which prepares the database; or
by hand with Odoo's source on PYTHONPATH:
``pytest --odoo-config .cache/odoo-test-kam_test.conf --odoo-database kam_test --odoo-http``.
"""

import importlib.util

ADDONS = ("key_account_management", "relationship_care", "showcase_program")
# Not just "odoo": the OCA wheels install a bare odoo/addons namespace in site-packages.
ODOO_IMPORTABLE = importlib.util.find_spec("odoo") is not None and (
    importlib.util.find_spec("odoo.release") is not None
)

if ODOO_IMPORTABLE:
    # The plugin's hooks and fixtures, registered from here (its own entry point is
    # disabled in pytest.ini because it imports odoo before anything can check).
    from pytest_odoo import *  # noqa: F403
else:

    def pytest_addoption(parser):
        # The plugin's options, so that the command line parses and the message below shows.
        group = parser.getgroup("odoo")
        for name in (
            "--odoo-database",
            "--odoo-config",
            "--odoo-log-level",
            "--odoo-dev",
        ):
            group.addoption(name, action="store")
        group.addoption("--odoo-http", action="store_true")


def pytest_configure(config):
    import pytest

    if not ODOO_IMPORTABLE:
        pytest.exit(
            "Odoo is not importable: put Odoo 18's source on PYTHONPATH "
            "(e.g. PYTHONPATH=/opt/odoo18) or use 'scripts/test.sh --pytest'.",
            returncode=4,
        )
    import odoo

    db_name = odoo.tools.config.get("db_name")
    if not db_name:
        pytest.exit(
            "No database: pass --odoo-database (and --odoo-config) or use "
            "'scripts/test.sh --pytest', which prepares one.",
            returncode=4,
        )
    try:
        with odoo.sql_db.db_connect("postgres").cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db_name])
            exists = cr.fetchone()
    except Exception as exc:  # noqa: BLE001 - any connection failure gets the same advice
        pytest.exit(f"PostgreSQL is not reachable ({exc}).", returncode=4)
    if not exists:
        pytest.exit(
            f"The database {db_name} does not exist: 'scripts/test.sh --pytest' creates it "
            "with the addons installed.",
            returncode=4,
        )
    with odoo.sql_db.db_connect(db_name).cursor() as cr:
        cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
        installed = set()
        if cr.fetchone()[0]:
            cr.execute(
                "SELECT name FROM ir_module_module "
                "WHERE state = 'installed' AND name IN %s",
                [ADDONS],
            )
            installed = {name for (name,) in cr.fetchall()}
        missing = set(ADDONS) - installed
    if missing:
        pytest.exit(
            f"The database {db_name} lacks the addons {', '.join(sorted(missing))}: "
            "'scripts/test.sh --pytest' installs them.",
            returncode=4,
        )
