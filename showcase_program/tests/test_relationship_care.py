# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ShowcaseCommon


@tagged("post_install", "-at_install")
class TestRelationshipCare(ShowcaseCommon):
    def test_showcase_vip_level_follows_the_showcase(self):
        self.account.kam_tier = "key"
        self.assertEqual(self.account.rc_vip_level, "vip")
        showcase = self._create_showcase()
        self.assertFalse(self.account.sc_is_showcase)
        self.assertEqual(self.account.rc_vip_level, "vip")
        self._review_and_approve(showcase)
        self.assertTrue(self.account.sc_is_showcase)
        self.assertEqual(self.account.rc_vip_level, "showcase")
        self.assertEqual(self.contact.rc_vip_level, "showcase")
        showcase.active = False
        self.assertFalse(self.account.sc_is_showcase)
        self.assertEqual(self.account.rc_vip_level, "vip")
        self.assertEqual(self.contact.rc_vip_level, "vip")

    def test_showcase_level_gets_its_sla_and_priority(self):
        self.account.kam_tier = "key"
        self._review_and_approve(self._create_showcase())
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Outage",
                "description": "<p>Down</p>",
                "partner_id": self.contact.id,
                "team_id": self.env.ref(
                    "relationship_care.helpdesk_ticket_team_vip"
                ).id,
            }
        )
        self.assertEqual(ticket.rc_vip_level, "showcase")
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(
            ticket.sla_ids, self.env.ref("showcase_program.helpdesk_sla_showcase")
        )
        self.assertEqual(ticket.rc_response_hours, 1)

    def test_showcase_care_policies_target_showcases(self):
        other = self.env["res.partner"].create(
            {"name": "Not a showcase", "is_company": True, "kam_tier": "key"}
        )
        showcase = self._create_showcase()
        self._review_and_approve(showcase)
        policies = self.env.ref(
            "showcase_program.rc_care_policy_executive_showcase_visit"
        ) | self.env.ref("showcase_program.rc_care_policy_showcase_branch_gm_visit")
        self.assertTrue(all(policies.mapped("active")))
        for policy in policies:
            accounts = self.env["res.partner"].search(
                safe_eval(policy.account_domain)
                + [("id", "in", (self.account | other).ids)]
            )
            self.assertEqual(accounts, self.account, policy.name)
