# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import ShowcaseCommon


@tagged("post_install", "-at_install")
class TestMarketing(ShowcaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.showcase = cls._create_showcase()
        cls.other_showcase = cls._create_showcase(level="national")
        cls.prospects = cls.env["res.partner"].create(
            [{"name": f"Prospect {i}", "is_company": True} for i in range(3)]
        )
        cls.leads = cls.env["crm.lead"].create(
            [
                {
                    "name": f"Deal {i}",
                    "type": "opportunity",
                    "partner_id": p.id,
                    "expected_revenue": revenue,
                    "stage_id": cls.open_stage.id,
                }
                for i, (p, revenue) in enumerate(
                    zip(cls.prospects, (300000, 500000, 800000), strict=True)
                )
            ]
        )

    def test_event_type_defaults(self):
        tour = self.env.ref("showcase_program.event_type_sc_site_tour")
        self.assertEqual(tour.sc_marketing_mode, "site_tour")
        self.assertEqual(tour.sc_min_companies, 10)
        event = self.env["event.event"].create(
            {
                "name": "地铁行业高峰会 Metro Summit",
                "event_type_id": self.env.ref(
                    "showcase_program.event_type_sc_summit"
                ).id,
                "date_begin": "2026-05-01 01:00:00",
                "date_end": "2026-05-01 09:00:00",
            }
        )
        self.assertEqual(event.sc_marketing_mode, "summit")
        self.assertEqual(event.sc_venue, "Hotel, conference centre or customer site")

    def test_influenced_pipeline_moves_with_won_and_lost(self):
        event = self.env["event.event"].create(
            {
                "name": "样板客户现场体验之旅 Site tour",
                "event_type_id": self.env.ref(
                    "showcase_program.event_type_sc_site_tour"
                ).id,
                "date_begin": "2026-05-01 01:00:00",
                "date_end": "2026-05-01 09:00:00",
                "sc_showcase_ids": [(6, 0, self.showcase.ids)],
                "sc_prospect_ids": [
                    (0, 0, {"partner_id": lead.partner_id.id, "lead_id": lead.id})
                    for lead in self.leads[:2]
                ],
            }
        )
        self.assertEqual(event.sc_prospect_count, 2)
        # a site visit links the third opportunity
        self._create_agreement(self.showcase)
        self.env["sc.site.visit"].create(
            {
                "name": "Visit",
                "showcase_id": self.showcase.id,
                "prospect_id": self.leads[2].partner_id.id,
                "lead_id": self.leads[2].id,
            }
        )
        self.assertEqual(self.leads.sc_showcase_ids, self.showcase)
        self.assertEqual(
            self.showcase.influenced_pipeline,
            sum(self.leads.mapped("expected_revenue")),
        )
        self.assertEqual(self.showcase.influenced_pipeline, 1600000)
        self.assertEqual(self.showcase.influenced_count, 3)
        self.assertEqual(self.showcase.influenced_won, 0)
        self.assertEqual(self.other_showcase.influenced_pipeline, 0)

        self.leads[1].action_set_won()
        self.showcase.invalidate_recordset()
        self.assertEqual(self.showcase.influenced_pipeline, 1100000)
        self.assertEqual(self.showcase.influenced_won, 500000)
        reward = self.env["sc.reward.entry"].search(
            [("showcase_id", "=", self.showcase.id), ("milestone", "=", "deal_won")]
        )
        self.assertEqual(reward.points, 40)
        self.assertEqual(reward.user_id, self.salesperson_a)

        self.leads[0].action_set_lost()
        self.showcase.invalidate_recordset()
        self.assertEqual(self.showcase.influenced_pipeline, 800000)
        self.assertEqual(self.showcase.influenced_won, 500000)

        # featuring a second showcase later credits it with the same prospects
        event.sc_showcase_ids = [(4, self.other_showcase.id)]
        self.other_showcase.invalidate_recordset()
        self.assertEqual(self.other_showcase.influenced_won, 500000)
        self.assertEqual(self.other_showcase.influenced_pipeline, 0)

    def test_promotion_scope_by_level(self):
        promotions = self.env["sc.promotion"].create(
            [
                {"name": "National media", "showcase_id": self.other_showcase.id},
                {"name": "Local media", "showcase_id": self.showcase.id},
            ]
        )
        self.assertEqual(promotions.mapped("scope"), ["national", "local"])

    def test_reward_ranking(self):
        self._create_agreement(self.showcase)
        self._create_agreement(self.other_showcase)
        groups = self.env["sc.reward.entry"]._read_group(
            [("showcase_id", "in", (self.showcase | self.other_showcase).ids)],
            ["team_id"],
            ["points:sum"],
        )
        self.assertEqual(dict(groups), {self.team_a: 100})

    def test_event_held_rewards_featured_showcases(self):
        event = self.env["event.event"].create(
            {
                "name": "Summit",
                "date_begin": "2026-05-01 01:00:00",
                "date_end": "2026-05-01 09:00:00",
                "sc_showcase_ids": [(6, 0, self.showcase.ids)],
            }
        )
        end_stage = self.env["event.stage"].search([("pipe_end", "=", True)], limit=1)
        event.stage_id = end_stage
        event.stage_id = end_stage
        entries = self.env["sc.reward.entry"].search(
            [("milestone", "=", "event_held"), ("showcase_id", "=", self.showcase.id)]
        )
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries.points, 20)


@tagged("post_install", "-at_install")
class TestPlainCrmUsers(ShowcaseCommon):
    """Salespeople outside the KAM groups keep using CRM and Events as before."""

    def test_plain_salesman_wins_an_influenced_deal(self):
        salesman = mail_new_test_user(
            self.env, login="crm_only_sales", groups="sales_team.group_sale_salesman"
        )
        showcase = self._create_showcase()
        lead = self.env["crm.lead"].create(
            {
                "name": "Influenced deal",
                "type": "opportunity",
                "partner_id": self.account.id,
                "user_id": salesman.id,
                "stage_id": self.open_stage.id,
                "sc_showcase_ids": [(6, 0, showcase.ids)],
            }
        )
        self.env.invalidate_all()  # as in a new request: nothing cached
        lead.with_user(salesman).action_set_won()
        self.assertTrue(lead.stage_id.is_won)
        entries = self.env["sc.reward.entry"].search(
            [("showcase_id", "=", showcase.id), ("milestone", "=", "deal_won")]
        )
        self.assertTrue(entries, "The influencing showcase is rewarded")
        self.assertNotIn("sc_showcase_ids", lead.with_user(salesman).read()[0])
