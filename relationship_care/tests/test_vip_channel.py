# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import RelationshipCareCase

RAW_MAIL = """Return-Path: <a@example.com>
To: vip-service@rc-test.example.com
From: Person A <a@example.com>
Subject: Gateway down
Message-ID: <rc-vip-test-1@example.com>
Date: Mon, 23 Nov 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

The ticketing gateway is down since this morning.
"""


@tagged("post_install", "-at_install")
class TestVipChannel(RelationshipCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env.ref("relationship_care.helpdesk_ticket_team_vip")
        cls.sla_vip = cls.env.ref("relationship_care.helpdesk_sla_vip")
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.standard_person = cls.env["res.partner"].create(
            {"name": "Standard Person", "parent_id": cls.supplier.id}
        )
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )

    def _ticket(self, partner, **vals):
        return self.Ticket.create(
            dict(
                {
                    "name": "Outage",
                    "description": "<p>Down</p>",
                    "partner_id": partner.id,
                    "team_id": self.team.id,
                },
                **vals,
            )
        )

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

    def test_vip_level_priority_and_sla(self):
        self.assertEqual(self.acc_a.rc_vip_level, "vip")
        self.assertEqual(self.person_a.rc_vip_level, "vip")
        self.assertEqual(self.supplier.rc_vip_level, "standard")
        ticket = self._ticket(self.person_a)
        self.assertEqual(ticket.rc_vip_level, "vip")
        self.assertEqual(ticket.priority, "2")
        self.assertEqual(ticket.sla_ids, self.sla_vip)
        self.assertEqual(ticket.rc_response_hours, 2)
        self.assertEqual(ticket.ticket_sla_ids.hours, 8)
        standard = self._ticket(self.standard_person)
        self.assertEqual(standard.priority, "1")
        self.assertFalse(standard.sla_ids)
        self.assertFalse(standard.rc_response_deadline)
        # Per-account override
        self.acc_b.write({"rc_sla_response_hours": 0.5, "rc_sla_resolution_hours": 3})
        ticket_b = self._ticket(self.person_b)
        self.assertEqual(ticket_b.rc_response_hours, 0.5)
        self.assertEqual(ticket_b.ticket_sla_ids.hours, 3)
        # The tier change of an account moves its level.
        self.acc_b.write({"kam_tier": "regular", "kam_tier_reason": "Test downgrade"})
        self.assertEqual(self.person_b.rc_vip_level, "standard")

    def test_breach_escalates_once_and_raises_warning(self):
        ticket = self._ticket(self.person_a)
        codes = [
            code
            for code, _colour, _msg in self.acc_a._kam_warning_signals()[self.acc_a.id]
        ]
        self.assertNotIn("rc_sla_breach", codes)
        self._backdate(ticket, 24 * 7)
        self.assertTrue(ticket.sla_expired)
        messages = len(ticket.message_ids)
        self.assertEqual(self.Ticket._cron_rc_escalate(), 2)  # response and resolution
        self.assertEqual(ticket.priority, "3")
        self.assertTrue(ticket.rc_breached)
        activities = ticket.activity_ids.filtered(lambda a: a.user_id == self.user_a)
        self.assertEqual(len(activities), 2)
        self.assertEqual(len(ticket.message_ids), messages + 2)
        self.assertIn(self.user_a.partner_id, ticket.message_ids[:1].partner_ids)
        # The owner is told once, with the ticket, not once per breach.
        summary_domain = [
            ("message_type", "=", "user_notification"),
            ("model", "=", "res.partner"),
            ("res_id", "=", self.user_a.partner_id.id),
            ("partner_ids", "in", self.user_a.partner_id.ids),
        ]
        summary = self.env["mail.message"].search(summary_domain)
        self.assertEqual(len(summary), 1)
        self.assertIn(ticket.display_name, summary.body)
        self.assertIn("Tickets escalated to you", summary.body)
        # Second run: nothing more.
        self.assertEqual(self.Ticket._cron_rc_escalate(), 0)
        self.assertEqual(self.env["mail.message"].search_count(summary_domain), 1)
        self.assertEqual(len(ticket.activity_ids), 2)
        self.assertEqual(len(ticket.message_ids), messages + 2)
        signals = self.acc_a._kam_warning_signals()[self.acc_a.id]
        self.assertIn("rc_sla_breach", [code for code, _colour, _msg in signals])
        self.assertEqual(
            dict((c, col) for c, col, _m in signals)["rc_sla_breach"], "red"
        )
        # The escalation owner of the team wins over the account manager.
        self.team.rc_escalation_user_id = self.manager
        other = self._ticket(self.person_a)
        self._backdate(other, 24 * 7)
        self.Ticket._cron_rc_escalate()
        self.assertEqual(other.activity_ids.user_id, self.manager)

    def test_escalation_queries_do_not_grow_with_breaches(self):
        def escalate(count):
            tickets = self.Ticket.create(
                [
                    {
                        "name": f"Outage {count}-{i}",
                        "description": "<p>Down</p>",
                        "partner_id": (self.person_a, self.person_b)[i % 2].id,
                        "team_id": self.team.id,
                    }
                    for i in range(count)
                ]
            )
            self._backdate(tickets, 24 * 7)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            escalated = self.Ticket._cron_rc_escalate()
            self.env.flush_all()
            return tickets, escalated, self.env.cr.sql_log_count - before

        # Two owners (the accounts' managers) in every run: the queries of a batch are a
        # fixed set of searches, writes and batch creates, whatever its number of
        # breaches. A first run warms the caches (xmlids, subtypes, defaults).
        escalate(2)
        _few, escalated_few, queries_few = escalate(2)
        many, escalated_many, queries_many = escalate(8)
        self.assertEqual((escalated_few, escalated_many), (4, 16))
        self.assertEqual(queries_few, queries_many)
        self.assertEqual(set(many.mapped("priority")), {"3"})
        self.assertEqual(len(many.activity_ids), 16)
        self.assertEqual(many.activity_ids.user_id, self.user_a | self.user_b)
        self.assertEqual(self.Ticket._cron_rc_escalate(), 0)

    def test_two_slas_of_one_ticket_breached_at_once(self):
        self.sla_vip.copy({"name": "VIP second SLA"})
        ticket = self._ticket(self.person_a)
        self._backdate(ticket, 24 * 7)
        self.assertEqual(len(ticket.ticket_sla_ids), 2)
        # Both SLA lines in one batch, one owner: two activities on one ticket.
        self.assertEqual(self.Ticket._cron_rc_escalate(), 3)
        self.assertEqual(len(ticket.activity_ids), 3)
        self.assertEqual(
            ticket.message_partner_ids & self.user_a.partner_id, self.user_a.partner_id
        )
        self.assertEqual(self.Ticket._cron_rc_escalate(), 0)

    def test_escalation_written_in_the_owners_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.user_a.lang = "en_US"
        self.user_b.lang = "fr_FR"
        tickets = self._ticket(self.person_a) | self._ticket(self.person_b)
        self._backdate(tickets, 24 * 7)
        Ticket = type(self.Ticket)
        original = Ticket._rc_escalation_reason
        seen = []

        def reason(self_, kind, values):
            seen.append(self_.env.lang)
            return original(self_, kind, values)

        with patch.object(Ticket, "_rc_escalation_reason", reason):
            self.assertEqual(self.Ticket._cron_rc_escalate(), 4)
        # Two breaches each: user_a's in English, user_b's in French.
        self.assertEqual(sorted(seen), ["en_US", "en_US", "fr_FR", "fr_FR"])

    def test_response_resolution_and_satisfaction(self):
        ticket = self._ticket(self.person_a)
        with self.assertRaises(ValidationError):
            ticket.rc_satisfaction = "5"
        self._backdate(ticket, 3)
        ticket.stage_id = self.stage_progress
        self.assertTrue(ticket.rc_first_response_date)
        self.assertAlmostEqual(ticket.rc_response_time, 3, delta=0.1)
        ticket.stage_id = self.stage_done
        self.assertAlmostEqual(ticket.rc_resolution_time, 3, delta=0.1)
        ticket.write({"rc_satisfaction": "1", "rc_satisfaction_comment": "Slow"})
        signals = self.acc_a._kam_warning_signals()[self.acc_a.id]
        self.assertIn(
            ("rc_poor_satisfaction", "amber"), [(c, col) for c, col, _m in signals]
        )

    def test_creation_from_email_alias(self):
        domain = self.env["mail.alias.domain"].create({"name": "rc-test.example.com"})
        self.team.alias_id.alias_domain_id = domain
        self.assertEqual(self.team.alias_id.alias_model_id.model, "helpdesk.ticket")
        self.env["mail.thread"].message_process(None, RAW_MAIL)
        ticket = self.Ticket.search([("name", "=", "Gateway down")])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.partner_id, self.person_a)
        self.assertEqual(ticket.rc_vip_level, "vip")
        self.assertEqual(ticket.priority, "2")
        self.assertTrue(ticket.rc_response_deadline)

    def test_bad_sla_override(self):
        with self.assertRaises(ValidationError):
            self.acc_a.rc_sla_response_hours = -1
        self.assertEqual(self.acc_a.rc_sla_response_hours, 0)

    def test_partner_ticket_counters_in_one_query(self):
        self._ticket(self.person_a)
        done = self._ticket(self.person_a)
        done.stage_id = self.stage_done
        partners = self.acc_a | self.person_a | self.acc_b
        partners.invalidate_recordset()
        # Counts reading both ticket counters of three partners (accounts and people): one
        # grouped query for all, whatever the number of partners and tickets.
        with self.assertQueryCount(1):
            values = {
                p.id: (p.helpdesk_ticket_count, p.helpdesk_ticket_active_count)
                for p in partners
            }
        self.assertEqual(values[self.acc_a.id], (2, 1))
        self.assertEqual(values[self.person_a.id], (2, 1))
        self.assertEqual(values[self.acc_b.id], (0, 0))
        self.assertEqual(self.acc_a.helpdesk_ticket_count_string, "1 / 2")
