# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scale benchmark: every scheduled job and the salesperson's main screens, one table.

Seeds once, with set-based SQL (bench_base: 100,000 companies, 10,000 key accounts,
200,000 contacts and bad input at --scale 1.0; then each module its own data: 10,000
active claims, 10,000 agreements, stage history, ...), then measures each module in a
child process of its own (so that the peak memory is that module's) and prints one table:

    name, seconds, ORM-batch floor, raw-SQL floor, ratio to each floor, queries, peak MiB

and writes JSON. The ORM floor is one plain ORM batch of the job's own writes, the SQL
floor the same writes in raw SQL, both rolled back. A module that fails is reported as
FAILED (the table still prints); the jobs' log lines about what they skipped are printed
under the table.

Modules (``seed(env, scale)`` and ``measure(env, scale) -> [row dict]``, rows with keys
name, seconds, orm_floor, sql_floor, queries, peak_mib, notes): bench_base, bench_claims,
bench_agreements, bench_reports, bench_screens, and when present bench_early_warning,
bench_care_ops and bench_sme_grid.

Usage (from the repository root; --create makes the database with showcase_program):

    .venv/bin/python tests/benchmarks/scale_benchmark.py --db scale_bench --create
    .venv/bin/python tests/benchmarks/scale_benchmark.py --db scale_bench_small --create --scale 0.1
"""

import argparse
import importlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from bench_common import (
    BENCH_DIR,
    add_common_arguments,
    create_database,
    machine,
    maxrss_mib,
    open_registry,
    superuser_env,
)

MODULES = [
    "bench_base",
    "bench_claims",
    "bench_agreements",
    "bench_reports",
    "bench_screens",
    "bench_early_warning",
    "bench_care_ops",
    "bench_sme_grid",
]
# Log lines of the jobs worth showing: what they did and what they skipped.
LOG_PATTERN = re.compile(
    r"skip|invalid|ignor|releas|expir|reminder|warning:|error", re.IGNORECASE
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_arguments(parser, "scale_bench", "scale_benchmark.json")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1.0 = 100,000 companies"
    )
    parser.add_argument(
        "--create", action="store_true", help="create the database first"
    )
    parser.add_argument(
        "--only", help="comma-separated modules to run (bench_base always seeds)"
    )
    parser.add_argument(
        "--seed-only", action="store_true", help="seed, measure nothing"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-out", help=argparse.SUPPRESS)
    return parser.parse_args()


def load(name):
    """The benchmark module ``name``, or None when it is not in tests/benchmarks."""
    if not os.path.exists(os.path.join(BENCH_DIR, f"{name}.py")):
        return None
    return importlib.import_module(name)


def run_child(args):
    """Child process: measure one module, write its rows as JSON."""
    registry = open_registry(args)
    module = load(args.child)
    with registry.cursor() as cr:
        env = superuser_env(cr)
        rows = module.measure(env, args.scale)
        cr.commit()
    for result in rows:
        if result.get("peak_mib") is None and result.get("seconds") is not None:
            result["peak_mib"] = round(maxrss_mib(), 1)
    with open(args.child_out, "w", encoding="utf-8") as handle:
        json.dump(rows, handle)


def measure_in_child(args, name, log_path):
    """Run the module's measure() in a child process; return (rows, log lines)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        out_path = out.name
    command = [
        sys.executable,
        os.path.abspath(__file__),
        "--db",
        args.db,
        "--addons-path",
        args.addons_path,
        "--db-user",
        args.db_user,
        "--scale",
        str(args.scale),
        "--child",
        name,
        "--child-out",
        out_path,
    ]
    started = time.perf_counter()
    with open(log_path, "w", encoding="utf-8") as log:
        code = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT).returncode
    with open(log_path, encoding="utf-8") as log:
        lines = [
            line.rstrip()
            for line in log
            if LOG_PATTERN.search(line) and "odoo.modules" not in line
        ]
    if code:
        rows = [
            {
                "name": f"{name}: FAILED",
                "seconds": round(time.perf_counter() - started, 1),
                "notes": f"exit code {code}, see {log_path}",
            }
        ]
    else:
        with open(out_path, encoding="utf-8") as handle:
            rows = json.load(handle)
    os.unlink(out_path)
    return rows, lines


def ratio(seconds, floor):
    if seconds is None or not floor:
        return None
    return round(seconds / floor, 2)


def fmt(value, pattern="{:.3f}"):
    return "-" if value is None else pattern.format(value)


def print_table(rows):
    header = (
        f"{'name':<46}{'seconds':>9}{'ORM floor':>10}{'SQL floor':>10}"
        f"{'x ORM':>7}{'x SQL':>8}{'queries':>9}{'peak MiB':>9}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['name'][:45]:<46}{fmt(r.get('seconds')):>9}"
            f"{fmt(r.get('orm_floor')):>10}{fmt(r.get('sql_floor')):>10}"
            f"{fmt(r.get('x_orm'), '{:.2f}'):>7}{fmt(r.get('x_sql'), '{:.1f}'):>8}"
            f"{fmt(r.get('queries'), '{}'):>9}{fmt(r.get('peak_mib'), '{:.0f}'):>9}"
        )
        if r.get("notes"):
            print(f"    {r['notes']}")


def main():
    args = parse_args()
    if args.child:
        return run_child(args)
    names = MODULES
    if args.only:
        names = ["bench_base"] + [n for n in args.only.split(",") if n != "bench_base"]
    modules = {name: load(name) for name in names}
    if args.create:
        print(f"Creating database {args.db} with showcase_program (no demo data)...")
        create_database(args, "showcase_program")
    registry = open_registry(args)
    seeded = {}
    with registry.cursor() as cr:
        env = superuser_env(cr)
        for name, module in modules.items():
            if module is None:
                continue
            started = time.perf_counter()
            module.seed(env, args.scale)
            cr.commit()
            seeded[name] = round(time.perf_counter() - started, 1)
            print(f"seed {name}: {seeded[name]} s", flush=True)
    if args.seed_only:
        return 0
    rows, logs = [], {}
    for name, module in modules.items():
        if module is None:
            rows.append({"name": f"{name}: absent", "notes": "module not written yet"})
            continue
        log_path = os.path.join(tempfile.gettempdir(), f"{args.db}_{name}.log")
        print(f"measure {name} (log {log_path})...", flush=True)
        module_rows, logs[name] = measure_in_child(args, name, log_path)
        rows.extend(module_rows)
    for r in rows:
        r["x_orm"] = ratio(r.get("seconds"), r.get("orm_floor"))
        r["x_sql"] = ratio(r.get("seconds"), r.get("sql_floor"))
    print()
    print_table(rows)
    print()
    print("Job log (what the jobs did and skipped):")
    for name, lines in logs.items():
        for line in lines[:20]:
            print(f"  [{name}] {line[:200]}")
    failed = [r["name"] for r in rows if "FAILED" in r["name"]]
    print("All jobs finished." if not failed else f"FAILED: {', '.join(failed)}")
    summary = {
        "machine": machine(),
        "scale": args.scale,
        "seed_seconds": seeded,
        "rows": rows,
        "logs": logs,
    }
    with open(args.json, "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2, ensure_ascii=False)
    print(f"JSON written to {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
