# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Take the README's screenshots with headless Chromium (Chrome DevTools protocol).

Run by scripts/screenshots.sh against a running Odoo with the demo data:

    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8079 \\
        --db kam_screenshots --out docs/screenshots [--only name,name]

Each shot logs in as a demo user (in Simplified Chinese, as the users of the demo
story work), opens a screen as that user would, waits for it to be drawn and writes
a 1280x800 PNG with a 256-colour palette (a few hundred KiB at most)."""

import argparse
import base64
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import xmlrpc.client
from pathlib import Path

import websocket
from PIL import Image

WIDTH, HEIGHT = 1280, 800
LANG = "zh_CN"
USERS = {  # login: password (the demo users)
    "kam.wang": "kam.wang",
    "kam.chen": "kam.chen",
    "sc.office": "sc.office",
}


class Chromium:
    """A headless Chromium and one page, driven over the DevTools websocket."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="kam-shots-")
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            sys.exit("chromium not found")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--disable-extensions",
                "--lang=zh-CN",
                f"--window-size={WIDTH},{HEIGHT}",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        for _ in range(100):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as answer:
            pages = [t for t in json.load(answer) if t["type"] == "page"]
        self.ws = websocket.create_connection(
            pages[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True
        )
        self.next_id = 0
        self.call("Page.enable")
        self.scale(1)

    def scale(self, factor):
        """Lay the page out for a screen 1/factor as large, drawn into 1280x800."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=round(WIDTH / factor),
            height=round(HEIGHT / factor),
            deviceScaleFactor=factor,
            mobile=False,
        )

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def js(self, expression):
        result = self.call(
            "Runtime.evaluate",
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, condition, timeout=60, what=None):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.js(f"!!({condition})"):
                return True
            time.sleep(0.2)
        raise TimeoutError(what or condition)

    def wait_for(self, selector, timeout=60):
        return self.wait(
            f"document.querySelector({json.dumps(selector)})", timeout, selector
        )

    def settle(self):
        """Wait until the web client has nothing left to load, then for fonts."""
        busy = "document.querySelector('.o_loading_indicator, .o_blockUI')"
        self.wait("document.readyState === 'complete'")
        for _ in range(20):
            self.wait(f"!{busy}")
            self.js("document.fonts.ready.then(() => true)")
            time.sleep(1.0)  # the last animations (kanban, charts) end, late RPCs start
            if not self.js(f"!!{busy}"):
                return

    def goto(self, url, selector):
        self.call("Page.navigate", url=url)
        self.wait_for(selector)
        self.settle()

    def click(self, selector):
        self.wait_for(selector)
        self.js(f"document.querySelector({json.dumps(selector)}).click()")

    def tab(self, name):
        """Open the notebook page ``name`` of the form."""
        self.click(f".o_notebook_headers a[name={name}]")
        self.settle()

    def login(self, base, db, login):
        self.call("Network.clearBrowserCookies")
        self.goto(f"{base}/web/login?db={db}", "input[name=login]")
        self.js(
            "(() => {"
            f"document.querySelector('input[name=login]').value = {json.dumps(login)};"
            "document.querySelector('input[name=password]').value = "
            f"{json.dumps(USERS[login])};"
            "document.querySelector('form.oe_login_form').submit(); return true;})()"
        )
        self.wait_for(".o_main_navbar")
        self.settle()

    def shot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        image = Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")
        if image.size != (WIDTH, HEIGHT):
            image = image.crop((0, 0, WIDTH, HEIGHT))
        # 256 colours are plenty for a web client and keep the PNGs small
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
            path, optimize=True
        )
        sys.stdout.write(f"  {path.name}: {path.stat().st_size // 1024} KiB\n")

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            self.process.wait(timeout=10)
            shutil.rmtree(self.profile, ignore_errors=True)


class Odoo:
    """XML-RPC as admin: record ids of the demo data, the demo users' language."""

    def __init__(self, url, db):
        self.url, self.db = url, db
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
        self.uid = common.authenticate(db, "admin", "admin", {})
        if not self.uid:
            sys.exit("admin/admin cannot log in: is it the demo database?")
        self.models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.db, self.uid, "admin", model, method, list(args), kwargs
        )

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        found = self.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        if not found:
            sys.exit(f"{xmlid} not found: is it the demo database?")
        return found[0]["res_id"]

    def set_language(self, logins, lang):
        users = self.call("res.users", "search", [("login", "in", list(logins))])
        self.call("res.users", "write", users, {"lang": lang})


def action(base, xmlid, record=None, view_type=None):
    url = f"{base}/odoo/action-{xmlid}"
    if record:
        url += f"/{record}"
    if view_type:
        url += f"?view_type={view_type}"
    return url


def shots(base, odoo):
    """(file name, login, function(browser)): the screens of the README, in order."""
    metro = odoo.ref("key_account_management.acc_sh_metro")
    jac = odoo.ref("key_account_management.acc_hf_auto")
    plan = odoo.ref("key_account_management.plan_sh_metro_last_year")
    waiting_plan = odoo.ref("key_account_management.plan_sh_metro")
    profile = odoo.ref("relationship_care.rc_care_profile_sh_metro")
    airport = odoo.ref("showcase_program.sc_showcase_demo_implementation")
    showcase_metro = odoo.ref("showcase_program.sc_showcase_demo_marketing")
    accounts = "key_account_management.res_partner_action_kam"
    plans = "key_account_management.kam_account_plan_action"
    showcases = "showcase_program.sc_showcase_action"
    form = ".o_form_view .o_form_sheet"
    kanban = ".o_kanban_renderer .o_kanban_record"

    def board(xmlid, selector=kanban, factor=0.8, last_columns=False):
        """A wide board: laid out for a larger screen so that more columns show;
        ``last_columns`` scrolls to the end of the funnel (the customers)."""

        def show(browser):
            browser.scale(factor)
            browser.goto(action(base, xmlid), selector)
            if last_columns:
                browser.js(
                    "[...document.querySelectorAll('.o_kanban_group')].pop()"
                    ".scrollIntoView({inline: 'end', block: 'start'})"
                )
                browser.settle()

        return show

    def pivot(xmlid, measures):
        """A pivot with ``measures`` (their labels in the user's language) toggled in
        this order: a measure already shown goes off, so name it twice to move it last."""

        def show(browser):
            browser.goto(action(base, xmlid), ".o_pivot table")
            browser.click(".o_pivot_buttons .btn-group > .btn-primary")
            for label in measures:
                browser.wait_for(".o-dropdown--menu .o_menu_item")
                browser.js(
                    "[...document.querySelectorAll('.o-dropdown--menu .o_menu_item')]"
                    f".find((item) => item.textContent.trim() === {json.dumps(label)})"
                    ".click()"
                )
                browser.settle()
            browser.click(".o_pivot_buttons .btn-group > .btn-primary")  # close it
            browser.settle()

        return show

    def record(xmlid, res_id, page=None):
        def show(browser):
            browser.goto(action(base, xmlid, res_id), form)
            if page:
                browser.tab(page)

        return show

    def relationship_map(browser):
        browser.goto(action(base, accounts, metro), form)
        browser.click("button[name=action_kam_relationship_map]")
        browser.wait_for(".o_kam_person")
        browser.settle()

    def blocked_gate(browser):
        browser.goto(action(base, showcases, airport), form)
        browser.click("button[name=action_next_stage]")
        browser.wait_for(".modal .modal-body")
        browser.settle()

    def case_package(browser):
        browser.goto(
            f"{base}/report/html/showcase_program.report_sc_case_package/"
            f"{showcase_metro}",
            ".page",
        )

    def dashboard(name):
        """A dashboard of the Key Accounts group (key_account_dashboard), by its name
        in Chinese, once its figures are computed."""

        def show(browser):
            browser.goto(
                f"{base}/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
                ".o_spreadsheet_dashboard_search_panel",
            )
            # a CSS string, not a JSON one: the Chinese name as is
            item = f"li[data-name={json.dumps(name, ensure_ascii=False)}]"
            browser.click(f".o_spreadsheet_dashboard_search_panel {item}")
            browser.wait_for(f"{item}.active")
            browser.wait_for(".o_renderer canvas.o-scorecard")
            browser.settle()

        return show

    return [
        ("kam-accounts-kanban", "kam.wang", board(accounts, last_columns=True)),
        ("kam-account-form", "kam.wang", record(accounts, metro, "key_account")),
        ("kam-relationship-map", "kam.wang", relationship_map),
        ("kam-account-plan", "kam.wang", record(plans, plan, "objectives")),
        (
            "rc-care-profile",
            "kam.wang",
            record("relationship_care.rc_care_profile_action", profile),
        ),
        (
            "kam-risk-board",
            "kam.chen",
            board("key_account_management.res_partner_action_kam_risk"),
        ),
        (
            "kam-funnel-report",
            "kam.chen",
            board(
                "key_account_management.kam_funnel_report_action", ".o_pivot table", 1
            ),
        ),
        ("kam-plan-approval", "kam.chen", record(plans, waiting_plan, "objectives")),
        ("kam-customer-file", "kam.wang", record(accounts, jac, "kam_customer_file")),
        (
            "kam-target-achievement",
            "kam.chen",
            board(
                "key_account_management.kam_target_achievement_report_action",
                ".o_pivot table",
                1,
            ),
        ),
        (
            "rc-visit-cadence",
            "kam.chen",
            # visits required and done next to the rate (its label, then back last)
            pivot(
                "relationship_care.rc_care_compliance_action_visit_cadence",
                ["应完成", "已完成", "达成率（%）", "达成率（%）"],
            ),
        ),
        ("sc-showcase-kanban", "sc.office", board(showcases, last_columns=True)),
        ("sc-showcase-form", "sc.office", record(showcases, showcase_metro, "value")),
        ("sc-showcase-gate", "sc.office", blocked_gate),
        ("sc-case-package", "sc.office", case_package),
        ("dashboard-key-accounts", "kam.chen", dashboard("重点客户")),
        ("dashboard-showcases", "kam.chen", dashboard("样板客户")),
        ("dashboard-care", "kam.chen", dashboard("关怀与合规")),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--only", help="comma-separated shot names")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    odoo = Odoo(base, args.db)
    odoo.set_language(USERS, LANG)
    todo = shots(base, odoo)
    if args.only:
        wanted = set(args.only.split(","))
        todo = [shot for shot in todo if shot[0] in wanted]
    args.out.mkdir(parents=True, exist_ok=True)
    browser = Chromium()
    try:
        logged_in = None
        for name, login, show in todo:
            if login != logged_in:
                browser.login(base, args.db, login)
                logged_in = login
            browser.scale(1)
            show(browser)
            browser.shot(args.out / f"{name}.png")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
