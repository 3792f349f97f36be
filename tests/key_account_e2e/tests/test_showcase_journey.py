# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.showcase_program.tests.common import ShowcaseCommon


@tagged("post_install", "-at_install")
class TestShowcaseJourney(ShowcaseCommon):
    """A key account becomes a showcase: its service level, its care and its early
    warning follow, across the three addons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["rc.care.policy"].search([]).active = False
        cls.exec_policy = cls._showcase_ref("rc_care_policy_executive_showcase_visit")
        cls.account.write(
            {"kam_tier": "key", "kam_executive_sponsor_id": cls.manager.id}
        )
        cls.contact.kam_decision_role = "approver"
        cls.vip_team = cls.env.ref("relationship_care.helpdesk_ticket_team_vip")
        cls.Ticket = cls.env["helpdesk.ticket"]

    @classmethod
    def _showcase_ref(cls, name):
        """The showcase policy and SLA are shipped by showcase_program (moved there from
        relationship_care, which does not know showcases)."""
        return cls.env.ref(
            f"showcase_program.{name}", raise_if_not_found=False
        ) or cls.env.ref(f"relationship_care.{name}")

    def _backdate(self, tickets, hours):
        """Pretend the tickets were created ``hours`` ago (the ORM never writes
        create_date), then let the SLA deadlines follow, as at creation."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = NOW() AT TIME ZONE 'UTC' - "
            "make_interval(hours => %s) WHERE id = ANY(%s)",
            (hours, tickets.ids),
        )
        tickets.invalidate_recordset(["create_date"])
        tickets.set_sla()
        tickets._compute_rc_response_deadline()

    def _ticket(self):
        return self.Ticket.create(
            {
                "name": "调度系统故障 Dispatch system down",
                "description": "<p>Down since 8:00</p>",
                "partner_id": self.contact.id,
                "team_id": self.vip_team.id,
            }
        )

    def _care_activities(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.account.id),
                ("user_id", "=", self.manager.id),
            ]
        )

    def test_showcase_service_care_and_warning(self):
        # A key account: VIP service level, VIP SLA.
        self.assertEqual(self.account.rc_vip_level, "vip")
        before = self._ticket()
        self.assertEqual(before.priority, "2")
        self.assertEqual(
            before.sla_ids, self.env.ref("relationship_care.helpdesk_sla_vip")
        )
        # Its showcase passes review: the account and its people become showcase VIPs.
        showcase = self._create_showcase(level="national")
        # a national showcase is owned by an executive before it is reviewed
        showcase.executive_user_id = new_test_user(
            self.env,
            login="journey_executive",
            groups="base.group_user,key_account_management.group_kam_executive",
        )
        self.assertEqual(self.account.rc_vip_level, "vip")
        self._review_and_approve(showcase)
        self.assertTrue(self.account.sc_is_showcase)
        self.assertEqual(self.contact.rc_vip_level, "showcase")
        ticket = self._ticket()
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(ticket.sla_ids, self._showcase_ref("helpdesk_sla_showcase"))
        # The showcase care policy now targets it: the executive sponsor gets one visit
        # activity, once, however often the job runs.
        self.exec_policy.active = True
        self.assertFalse(self._care_activities())
        Policy = self.env["rc.care.policy"]
        Policy._cron_run_care(policies=self.exec_policy)
        self.assertEqual(len(self._care_activities()), 1)
        Policy._cron_run_care(policies=self.exec_policy)
        self.assertEqual(len(self._care_activities()), 1)
        Partner = self.env["res.partner"]
        Partner._cron_kam_early_warning()
        self.assertNotEqual(self.account.kam_warning_level, "red")
        # The showcase SLA is breached: escalation once, and the key account turns red
        # in the early warning with one activity for its key account manager.
        self._backdate(ticket, 24 * 7)
        self.assertGreaterEqual(self.Ticket._cron_rc_escalate(), 1)
        self.assertEqual(self.Ticket._cron_rc_escalate(), 0)
        signals = self.account._kam_warning_signals()[self.account.id]
        self.assertIn(("rc_sla_breach", "red"), [(c, lvl) for c, lvl, _m in signals])
        Partner._cron_kam_early_warning()
        self.assertEqual(self.account.kam_warning_level, "red")
        warning_type = self.env.ref(
            "key_account_management.mail_activity_type_kam_warning"
        )
        warnings = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.account.id),
                ("activity_type_id", "=", warning_type.id),
            ]
        )
        self.assertEqual(len(warnings), 1)
        self.assertEqual(warnings.user_id, self.salesperson_a)
        Partner._cron_kam_early_warning()
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "=", self.account.id),
                    ("activity_type_id", "=", warning_type.id),
                ]
            ),
            1,
        )
        # Archiving the showcase drops the account back to the VIP level.
        showcase.active = False
        self.assertEqual(self.account.rc_vip_level, "vip")
