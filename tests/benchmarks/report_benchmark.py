# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the PDF reports printed as a user prints them (issue 15).

Seeds 50 key accounts (logo, three key persons, an account plan), 50 showcases (cover photo,
customer logo, values, a testimonial, an agreement) and a case collection of 20 showcases,
then starts Odoo over HTTP with wkhtmltopdf with patched Qt first on PATH (as scripts/start.sh
does) and downloads, as the admin user, what the print menu downloads
(/report/pdf/<report>/<ids>):

  (a) one case package (after a warm-up print that builds the report assets),
  (b) the case collection of 20 showcases,
  (c) 50 case packages in one print, and 50 agreements, 50 account plans and 50
      relationship maps, each in one print.

Each print is repeated (--repeat, default 2) and the fastest kept; prints time, size and
pages per print, writes JSON.

Usage (from the repository root; --create makes the database with showcase_program, no demo
data, Chinese loaded):

    .venv/bin/python tests/benchmarks/report_benchmark.py --db report_bench --create
    .venv/bin/python tests/benchmarks/report_benchmark.py --db report_bench --lang en_US
"""

import argparse
import base64
import io
import json
import os
import shutil
import subprocess
import sys
import time

from bench_common import (
    ODOO_PATH,
    ROOT,
    add_common_arguments,
    create_database,
    machine,
    open_registry,
    superuser_env,
)

VENV = os.environ.get("VENV", os.path.join(ROOT, ".venv"))
WKHTMLTOX_BIN = os.path.join(VENV, "opt", "wkhtmltox", "bin")
SEED_TAG = "report-bench"
ACCOUNTS = 50
COLLECTION_SIZE = 20


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_arguments(parser, "report_bench", "report_benchmark.json")
    parser.add_argument(
        "--create",
        action="store_true",
        help="create the database with showcase_program (no demo data)",
    )
    parser.add_argument("--lang", default="zh_CN", help="language of the prints")
    parser.add_argument(
        "--port", type=int, default=8679, help="HTTP port of the server"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="prints of each kind; the fastest is reported (the machine may be shared)",
    )
    return parser.parse_args()


def server_env():
    """The environment of the Odoo server: patched wkhtmltopdf first on PATH."""
    path = os.environ.get("PATH", os.defpath)
    if os.path.isdir(WKHTMLTOX_BIN):
        path = WKHTMLTOX_BIN + os.pathsep + path
    return dict(os.environ, PATH=path, PYTHONPATH=ODOO_PATH)


def wkhtmltopdf_version(env):
    binary = shutil.which("wkhtmltopdf", path=env["PATH"])
    if not binary:
        sys.exit("wkhtmltopdf not found: run scripts/setup.sh")
    version = subprocess.run(
        [binary, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    if "patched qt" not in version:
        print(
            f"WARNING: {binary} ({version}) is not the patched-Qt build: several "
            "records in one print fail. Run scripts/setup.sh.",
            file=sys.stderr,
        )
    return binary, version


def image(size, colour, fmt):
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(img)
    width, height = size
    for i in range(6):  # a few bars, so that the image does not compress to nothing
        x = width // 8 + i * width // 8
        draw.rectangle(
            [x, height - height * (i + 2) // 9, x + width // 12, height - 10], "white"
        )
    stream = io.BytesIO()
    img.save(stream, fmt)
    return base64.b64encode(stream.getvalue())


def seed(env):
    """Accounts, people, plans, showcases, agreements and a collection. Returns ids."""
    Partner = env["res.partner"]
    accounts = Partner.search(
        [("ref", "=", SEED_TAG), ("is_company", "=", True)], order="id"
    )
    if not accounts:
        started = time.perf_counter()
        accounts = Partner.create(
            [
                {
                    "name": f"基准客户 {i:02d} Bench Account {i:02d}",
                    "ref": SEED_TAG,
                    "is_company": True,
                    # Distinct images, so that the PDF cannot share one between records.
                    "image_1920": image((420, 140), (200, 30 + 4 * i, 40), "PNG"),
                }
                for i in range(ACCOUNTS)
            ]
        )
        roles = (("approver", "supportive"), ("decision_maker", "opposed"))
        roles += (("coach", "exclusive"),)
        Partner.create(
            [
                {
                    "name": f"联系人 {account.id}-{k} Person {k}",
                    "parent_id": account.id,
                    "function": "CIO",
                    "kam_decision_role": role,
                    "kam_attitude": attitude,
                    "kam_professional_needs": "系统稳定 Stable systems",
                }
                for account in accounts
                for k, (role, attitude) in enumerate(roles)
            ]
        )
        env["kam.account.plan"].create(
            [
                {
                    "partner_id": account.id,
                    "market_macro": "行业数字化加速 Digitalisation speeds up",
                    "market_customer": "二期建设 Phase two",
                    "objective_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "收入增长 Revenue",
                                "kpi": "Revenue",
                                "target": 10,
                            },
                        ),
                        (0, 0, {"name": "份额 Share", "kpi": "Share", "target": 30}),
                    ],
                    "action_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "高层拜访 Executive visit",
                                "strategy": "Top-down",
                                "user_id": env.uid,
                                "date_deadline": "2026-12-31",
                            },
                        )
                    ],
                }
                for account in accounts
            ]
        )
        team = env["crm.team"].create({"name": "Bench Branch"})
        testimonial = env.ref("showcase_program.sc_document_type_testimonial")
        showcases = env["sc.showcase"].create(
            [
                {
                    "name": f"基准样板 {i:02d} Bench Showcase {i:02d}",
                    "partner_id": account.id,
                    "level": "national" if i % 3 == 0 else "city",
                    "team_id": team.id,
                    "user_id": env.uid,
                    "image_1920": image((800, 500), (40, 90, 100 + 3 * i), "JPEG"),
                    "solution": "智慧运营平台 Smart operations platform",
                    "challenge": "<p>线网规模翻倍 The network doubled in three years.</p>",
                    "solution_description": "<p>统一调度 One operations platform.</p>",
                    "key_person_ids": [(6, 0, account.child_ids[:2].ids)],
                    "value_line_ids": [
                        (
                            0,
                            0,
                            {"name": "效率提升三成 30% faster", "value_type": "focal"},
                        ),
                        (0, 0, {"name": "无纸化 Paperless", "value_type": "common"}),
                    ],
                    "deliverable_ids": [
                        (
                            0,
                            0,
                            {
                                "document_type_id": testimonial.id,
                                "consent_to_publish": True,
                                "content": "<p>调度效率提升三成 Dispatch is 30% faster</p>",
                            },
                        )
                    ],
                }
                for i, account in enumerate(accounts)
            ]
        )
        env["sc.agreement"].create(
            [
                {
                    "showcase_id": showcase.id,
                    "company_signatory_id": env.uid,
                    "customer_signatory_id": showcase.partner_id.child_ids[:1].id,
                    "date_start": "2026-01-01",
                    "date_end": "2027-12-31",
                    "obligation_ids": [
                        (0, 0, {"obligation_type": "prospect_visits", "quantity": 6}),
                        (0, 0, {"obligation_type": "testimonial"}),
                    ],
                }
                for showcase in showcases
            ]
        )
        env["sc.case.collection"].create(
            {
                "name": "基准案例集 Bench collection",
                "introduction": "<p>二十个样板 Twenty showcases.</p>",
                "showcase_ids": [(6, 0, showcases[:COLLECTION_SIZE].ids)],
            }
        )
        env.cr.commit()
        print(
            f"Seeded {ACCOUNTS} accounts and showcases in {time.perf_counter() - started:.1f} s"
        )
    showcases = env["sc.showcase"].search(
        [("partner_id", "in", accounts.ids)], order="id"
    )
    return {
        "accounts": accounts.ids,
        "showcases": showcases.ids,
        "agreements": env["sc.agreement"]
        .search([("showcase_id", "in", showcases.ids)], order="id")
        .ids,
        "plans": env["kam.account.plan"]
        .search([("partner_id", "in", accounts.ids)], order="id")
        .ids,
        "collection": env["sc.case.collection"]
        .search([("showcase_ids", "in", showcases.ids)], limit=1)
        .ids,
    }


def start_server(args, env):
    logfile = open(os.path.join("/tmp", f"report_benchmark_{args.db}.log"), "w")  # noqa: SIM115
    command = [
        sys.executable,
        os.path.join(ODOO_PATH, "odoo-bin"),
        f"--addons-path={args.addons_path}",
        f"--db_user={args.db_user}",
        "-d",
        args.db,
        f"--db-filter=^{args.db}$",
        f"--http-port={args.port}",
        "--http-interface=127.0.0.1",
        "--max-cron-threads=0",
        "--workers=0",
    ]
    process = subprocess.Popen(
        command, env=env, stdout=logfile, stderr=subprocess.STDOUT
    )
    return process, logfile


def wait_and_login(args, process):
    import requests

    base = f"http://127.0.0.1:{args.port}"
    session = requests.Session()
    for _ in range(120):
        if process.poll() is not None:
            sys.exit(
                f"The Odoo server stopped (see /tmp/report_benchmark_{args.db}.log)"
            )
        try:
            response = session.post(
                f"{base}/web/session/authenticate",
                json={
                    "jsonrpc": "2.0",
                    "params": {"db": args.db, "login": "admin", "password": "admin"},
                },
                timeout=30,
            )
            if response.ok and response.json().get("result"):
                return base, session
        except requests.ConnectionError:
            pass
        time.sleep(1)
    sys.exit("The Odoo server did not answer.")


def timed_print(base, session, lang, repeat, label, report, ids, results):
    from PyPDF2 import PdfReader

    url = f"{base}/report/pdf/{report}/{','.join(map(str, ids))}"
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = session.get(
            url, params={"context": json.dumps({"lang": lang})}, timeout=1800
        )
        times.append(time.perf_counter() - started)
        if response.status_code != 200 or not response.content.startswith(b"%PDF"):
            sys.exit(f"{label}: HTTP {response.status_code}: {response.text[:500]}")
    seconds = min(times)
    pages = len(PdfReader(io.BytesIO(response.content)).pages)
    size_kib = len(response.content) / 1024.0
    results.append(
        {
            "run": label,
            "report": report,
            "records": len(ids),
            "seconds": round(seconds, 2),
            "all_seconds": [round(t, 2) for t in times],
            "pages": pages,
            "size_kib": round(size_kib, 1),
            "seconds_per_record": round(seconds / len(ids), 3),
        }
    )
    print(f"{label:<42} {seconds:8.2f} s {pages:5d} pages {size_kib:9.1f} KiB")


def main():
    args = parse_args()
    env_vars = server_env()
    binary, version = wkhtmltopdf_version(env_vars)
    print(f"wkhtmltopdf: {binary} ({version})")
    if args.create:
        print(f"Creating database {args.db} with showcase_program (no demo data)...")
        create_database(
            args,
            "showcase_program",
            extra=["--load-language=zh_CN"],
            env=server_env(),
        )
    registry = open_registry(args)
    with registry.cursor() as cr:
        env = superuser_env(cr)
        if not env["res.lang"]._lang_get(args.lang):
            env["res.lang"]._activate_lang(args.lang)
            env["ir.module.module"].search(
                [("state", "=", "installed")]
            )._update_translations(args.lang)
        ids = seed(env)
        # The account plans and relationship maps print in the account's language.
        env["res.partner"].browse(ids["accounts"]).lang = args.lang
        cr.commit()
    process, logfile = start_server(args, env_vars)
    results = []
    try:
        base, session = wait_and_login(args, process)
        package = "showcase_program.report_sc_case_package"
        printed = (base, session, args.lang, args.repeat)
        timed_print(
            *printed[:3],
            1,
            "warm-up: 1 case package",
            package,
            ids["showcases"][:1],
            [],
        )
        timed_print(
            *printed, "(a) 1 case package", package, ids["showcases"][:1], results
        )
        timed_print(
            *printed,
            f"(b) case collection of {COLLECTION_SIZE} showcases",
            "showcase_program.report_sc_case_collection",
            ids["collection"],
            results,
        )
        for label, report, key in (
            ("case packages", package, "showcases"),
            ("agreements", "showcase_program.report_sc_agreement", "agreements"),
            ("account plans", "key_account_management.report_account_plan", "plans"),
            (
                "relationship maps",
                "key_account_management.report_relationship_map",
                "accounts",
            ),
        ):
            timed_print(
                *printed,
                f"(c) {len(ids[key])} {label} in one print",
                report,
                ids[key],
                results,
            )
    finally:
        process.terminate()
        process.wait(timeout=60)
        logfile.close()
    summary = {
        "machine": machine(),
        "wkhtmltopdf": version,
        "lang": args.lang,
        "repeat": args.repeat,
        "runs": results,
    }
    print()
    print(
        f"{'run':<42}{'records':>8}{'seconds':>9}{'s/record':>9}{'pages':>7}{'KiB':>9}"
    )
    for r in results:
        print(
            f"{r['run']:<42}{r['records']:>8}{r['seconds']:>9}"
            f"{r['seconds_per_record']:>9}{r['pages']:>7}{r['size_kib']:>9}"
        )
    with open(args.json, "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    print(f"JSON written to {args.json}")


if __name__ == "__main__":
    main()
