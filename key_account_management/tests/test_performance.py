# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged, users

from .common import KamCommon


@tagged("post_install", "-at_install")
class TestViewQueryCounts(KamCommon):
    """The account list and form read in a bounded number of queries, whatever the rows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        criteria = cls.env["kam.score.criterion"].search([])
        cls.accounts = cls.env["res.partner"].create(
            [
                {
                    "name": f"Perf Account {i:03d}",
                    "is_company": True,
                    "kam_territory_id": cls.territory_east.id,
                    "kam_stage_id": cls.stage_target.id,
                    "kam_manager_id": cls.kam_manager.id,
                    "kam_score_line_ids": [
                        (0, 0, {"criterion_id": c.id, "score": 9}) for c in criteria
                    ],
                    "kam_tier": "key",
                }
                for i in range(80)
            ]
        )
        cls.env["crm.lead"].create(
            [
                {
                    "name": f"Won {a.name}",
                    "type": "opportunity",
                    "partner_id": a.id,
                    "expected_revenue": 1000,
                    "stage_id": cls.won_stage.id,
                }
                for a in cls.accounts
            ]
        )
        cls.list_view = cls.env.ref("key_account_management.res_partner_view_list_kam")
        cls.form_view = cls.env.ref("key_account_management.res_partner_view_form_kam")

    def _list_spec(self):
        arch = self.env["res.partner"].get_views([(self.list_view.id, "list")])
        fields_ = arch["views"]["list"]
        self.assertTrue(fields_)
        names = [
            "name",
            "kam_tier",
            "kam_score_total",
            "kam_relationship_level",
            "kam_relationship_trend",
            "kam_stage_id",
            "kam_territory_id",
            "kam_manager_id",
            "kam_claim_user_id",
            "kam_service_model",
            "city",
            "country_id",
            "company_id",
        ]
        return {
            n: (
                {"fields": {"display_name": {}}}
                if self.env["res.partner"]._fields[n].type == "many2one"
                else {}
            )
            for n in names
        }

    @users("kam_manager")
    def test_list_80_rows_bounded(self):
        spec = self._list_spec()
        Partner = self.env["res.partner"]
        domain = [("id", "in", self.accounts.ids)]
        Partner.web_search_read(domain, spec, limit=80)  # warm caches
        self.env.invalidate_all()
        # Counts one page of the account list as the list view reads it (search with the
        # record rules, count, the stored columns, the computed score and relationship
        # columns, the display names of the many2one columns), caches warm: a constant,
        # one query per row would make it 80 or more.
        with self.assertQueryCount(kam_manager=7):
            result = Partner.web_search_read(domain, spec, limit=80)
        self.assertEqual(result["length"], 80)
        # The cost does not grow per row: 20 rows cost the same number of queries.
        self.env.invalidate_all()
        with self.assertQueryCount(kam_manager=7):
            Partner.web_search_read(domain, spec, limit=20)

    @users("kam_manager")
    def test_form_bounded(self):
        Partner = self.env["res.partner"]
        views = Partner.get_views([(self.form_view.id, "form")])
        form_fields = views["models"]["res.partner"]["fields"]
        spec = {
            name: {}
            for name, desc in form_fields.items()
            if desc["type"] not in ("one2many", "many2many", "many2one")
        }
        spec.update(
            {
                "kam_stage_id": {"fields": {"display_name": {}}},
                "kam_manager_id": {"fields": {"display_name": {}}},
                "kam_score_line_ids": {
                    "fields": {
                        "criterion_id": {"fields": {"display_name": {}}},
                        "score": {},
                        "weight": {},
                    }
                },
                "kam_stage_history_ids": {
                    "fields": {
                        "stage_to_id": {"fields": {"display_name": {}}},
                        "days_in_previous": {},
                    }
                },
                "kam_evidence_ids": {"fields": {"display_name": {}}},
            }
        )
        account = self.accounts[0]
        account.with_env(self.env).web_read(spec)
        self.env.invalidate_all()
        # Counts one account form as the web client reads it (every non-relational field
        # of the form, computed ones included: scores, value and CLV, revenue, coverage,
        # plus the score lines, stage history and evidence), caches warm. A guard against
        # a new field costing a query per related record, not a tight measure. The
        # business model canvas tab and the service model suggestion add three, the
        # customer file one (its documents, for the checklist and their count).
        with self.assertQueryCount(kam_manager=50):
            result = account.with_env(self.env).web_read(spec)
        self.assertEqual(result[0]["kam_won_revenue_12m"], 1000)
