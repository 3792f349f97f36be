# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import re

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open

from .common import DASHBOARDS, DashboardCommon

CELL_REF = re.compile(r"^(?:(\w+)!)?([A-Z]+)(\d+)$")


@tagged("post_install", "-at_install")
class TestDashboards(DashboardCommon, TransactionCase):
    """The published dashboards install, load, and refer only to what exists."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboards = cls.env["spreadsheet.dashboard"].concat(
            *(cls.env.ref(xmlid) for xmlid in DASHBOARDS)
        )

    # --- helpers ------------------------------------------------------------------
    def _fields(self, model):
        self.assertIn(model, self.env, f"unknown model {model}")
        return self.env[model].fields_get(
            attributes=["type", "relation", "groupable", "sortable", "aggregator"]
        )

    def _check_chain(self, model, chain, where):
        """Each step of a global filter's field chain exists; the steps before the last
        are relations."""
        for name in chain.split("."):
            fields = self._fields(model)
            self.assertIn(name, fields, f"{where}: {model} has no field {name}")
            model = fields[name].get("relation") or model
        return fields[name]

    def _check_matching(self, data, matching, model, where):
        filter_ids = {f["id"] for f in data["globalFilters"]}
        self.assertEqual(set(matching), filter_ids, f"{where}: every filter is matched")
        for matched in matching.values():
            if matched.get("chain"):
                field = self._check_chain(model, matched["chain"], where)
                self.assertEqual(field["type"], matched["type"], where)

    def _check_domain(self, model, domain, where):
        # the domain runs (unknown fields or values raise)
        self.env[model].search_count(domain)

    def _check_groupby(self, model, spec, where):
        name = spec.split(":")[0]
        fields = self._fields(model)
        self.assertIn(name, fields, f"{where}: {model} has no field {name}")
        self.assertTrue(fields[name].get("groupable"), f"{where}: {name} not groupable")

    def _check_measure(self, model, name, where):
        if name == "__count":
            return
        fields = self._fields(model)
        self.assertIn(name, fields, f"{where}: {model} has no field {name}")
        self.assertTrue(
            fields[name].get("aggregator"), f"{where}: {name} not a measure"
        )

    def _snapshots(self):
        for dashboard in self.dashboards:
            yield dashboard.name, json.loads(dashboard.spreadsheet_data), False
            with file_open(dashboard.sample_dashboard_file_path) as handle:
                yield dashboard.name, json.load(handle), True

    # --- tests --------------------------------------------------------------------
    def test_dashboards_are_published_for_key_account_users(self):
        group = self.env.ref("key_account_dashboard.dashboard_group_key_accounts")
        self.assertEqual(self.dashboards.dashboard_group_id, group)
        self.assertEqual(len(self.dashboards), 3)
        for dashboard in self.dashboards:
            self.assertTrue(dashboard.is_published)
            self.assertEqual(
                dashboard.group_ids,
                self.env.ref("key_account_management.group_kam_user"),
            )
        # the dashboard rule lets users of the group (and managers, who imply it) see
        # them, and nobody outside it
        self._setup_people()
        outsider = self.env["res.users"].create(
            {"name": "Dashboard Outsider", "login": "kad_outsider"}
        )
        Dashboard = self.env["spreadsheet.dashboard"]
        for user in (self.salesperson, self.manager):
            self.assertEqual(
                Dashboard.with_user(user).search([("id", "in", self.dashboards.ids)]),
                self.dashboards,
            )
        self.assertFalse(
            Dashboard.with_user(outsider).search([("id", "in", self.dashboards.ids)])
        )

    def test_names_are_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["res.lang"]._activate_lang("zh_TW")
        self.env["ir.module.module"]._load_module_terms(
            ["key_account_dashboard"], ["zh_CN", "zh_TW"], overwrite=True
        )
        names = {
            lang: self.dashboards.with_context(lang=lang).mapped("name")
            for lang in ("en_US", "zh_CN", "zh_TW")
        }
        self.assertEqual(
            names["en_US"], ["Key accounts", "Showcases", "Care and compliance"]
        )
        self.assertEqual(names["zh_CN"], ["重点客户", "样板客户", "关怀与合规"])
        self.assertEqual(names["zh_TW"], ["重點客戶", "樣板客戶", "關懷與合規"])

    def test_json_refers_to_existing_models_fields_and_measures(self):
        seen = {"pivots": 0, "lists": 0, "charts": 0}
        for name, data, is_sample in self._snapshots():
            where = f"{name}{' (sample)' if is_sample else ''}"
            self.assertEqual(data["version"], 21, where)
            self.assertEqual(data["odooVersion"], 12, where)
            for gfilter in data["globalFilters"]:
                if gfilter["type"] == "relation":
                    self.assertIn(gfilter["modelName"], self.env, where)
            if is_sample:
                # a sample has no data source: it must not query the database
                self.assertFalse(data.get("pivots") or data.get("lists"), where)
            for pid, pivot in data.get("pivots", {}).items():
                model = pivot["model"]
                wpivot = f"{where} pivot {pid}"
                self._check_domain(model, pivot["domain"], wpivot)
                for spec in pivot["rows"] + pivot["columns"]:
                    self._check_groupby(model, spec["fieldName"], wpivot)
                for measure in pivot["measures"]:
                    self._check_measure(model, measure["fieldName"], wpivot)
                self._check_matching(data, pivot["fieldMatching"], model, wpivot)
                seen["pivots"] += 1
            for lid, spec in data.get("lists", {}).items():
                model = spec["model"]
                wlist = f"{where} list {lid}"
                fields = self._fields(model)
                self._check_domain(model, spec["domain"], wlist)
                for column in spec["columns"]:
                    self.assertIn(column, fields, f"{wlist}: no field {column}")
                for order in spec["orderBy"]:
                    self.assertTrue(fields[order["name"]]["sortable"], wlist)
                self._check_matching(data, spec["fieldMatching"], model, wlist)
                seen["lists"] += 1
            sheets = {sheet["name"]: sheet for sheet in data["sheets"]}
            for sheet in data["sheets"]:
                for figure in sheet["figures"]:
                    chart = figure["data"]
                    wchart = f"{where} chart {chart['title'].get('text')}"
                    if chart["type"].startswith("odoo_"):
                        meta = chart["metaData"]
                        model = meta["resModel"]
                        self._check_domain(
                            model, chart["searchParams"]["domain"], wchart
                        )
                        for spec in meta["groupBy"]:
                            self._check_groupby(model, spec, wchart)
                        self._check_measure(model, meta["measure"], wchart)
                        self._check_matching(
                            data, chart["fieldMatching"], model, wchart
                        )
                        seen["charts"] += 1
                    refs = [chart.get("keyValue"), chart.get("labelRange")] + [
                        ds["dataRange"] for ds in chart.get("dataSets", [])
                    ]
                    for ref in filter(None, refs):
                        # the cells a chart reads are filled
                        first = ref.split(":")[0]
                        sheet_name, col, row = CELL_REF.match(first).groups()
                        target = sheets[sheet_name] if sheet_name else sheet
                        self.assertIn(
                            f"{col}{row}", target["cells"], f"{wchart}: {ref}"
                        )
                self._check_formulas(data, sheet, where)
        self.assertGreaterEqual(seen["pivots"], 12)
        self.assertGreaterEqual(seen["lists"], 6)
        self.assertGreaterEqual(seen["charts"], 6)

    def _check_formulas(self, data, sheet, where):
        """PIVOT/ODOO.LIST formulas name a data source of the file, a measure of the
        pivot, a column of the list."""
        pivots, lists = data.get("pivots", {}), data.get("lists", {})
        for cell, content in sheet["cells"].items():
            formula = content.get("content", "")
            wcell = f"{where} {sheet['name']}!{cell}"
            for pid, measure in re.findall(r'PIVOT\.VALUE\((\d+),"(\w+)"', formula):
                self.assertIn(pid, pivots, wcell)
                measures = [m["fieldName"] for m in pivots[pid]["measures"]]
                self.assertIn(measure, measures, wcell)
            for pid in re.findall(r"=PIVOT\((\d+)[,)]", formula):
                self.assertIn(pid, pivots, wcell)
            for lid, column in re.findall(r'ODOO\.LIST\((\d+),\d+,"(\w+)"\)', formula):
                self.assertIn(lid, lists, wcell)
                self.assertIn(column, lists[lid]["columns"], wcell)

    def test_each_dashboard_loads_for_a_salesperson(self):
        """The Dashboards app's own loader returns each snapshot; a salesperson without
        accounts gets the sample, one with accounts the real dashboard."""
        self._setup_people()
        newcomer = self.env["res.users"].create(
            {
                "name": "Dashboard Newcomer",
                "login": "kad_newcomer",
                "groups_id": [
                    (4, self.env.ref("key_account_management.group_kam_user").id)
                ],
            }
        )
        key_accounts = self.env.ref("key_account_dashboard.dashboard_key_accounts")
        self.env.flush_all()
        for dashboard in self.dashboards:
            loaded = dashboard.with_user(self.manager).get_readonly_dashboard()
            self.assertIn("sheets", loaded["snapshot"], dashboard.name)
        own = key_accounts.with_user(self.salesperson).get_readonly_dashboard()
        self.assertFalse(own.get("is_sample"))
        self.assertTrue(own["snapshot"]["pivots"])
        empty = key_accounts.with_user(newcomer).get_readonly_dashboard()
        self.assertTrue(empty.get("is_sample"))
        self.assertFalse(empty["snapshot"]["pivots"])
