# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    """The last interaction with a person or an account (freshness of the relationship)."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    kam_last_interaction_date = fields.Datetime(
        string="Last Interaction",
        compute="_compute_kam_last_interaction",
        help="Latest logged note, e-mail or done activity on the person (for an account: "
        "on the account, its people or their opportunities), or past meeting with them.",
        groups="key_account_management.group_kam_user",
    )
    kam_interaction_age = fields.Integer(
        string="Days Since Interaction",
        compute="_compute_kam_last_interaction",
        help="Freshness of the relationship: days since the last interaction.",
        groups="key_account_management.group_kam_user",
    )

    @api.depends_context("uid")
    def _compute_kam_last_interaction(self):
        now = fields.Datetime.now()
        dates = self._kam_last_interaction_dates() if self.ids else {}
        for partner in self:
            last = dates.get(partner.id)
            partner.kam_last_interaction_date = last
            partner.kam_interaction_age = (now - last).days if last else 0

    def _kam_last_interaction_dates(self):
        """Return {partner id: datetime} of the last interaction, in one query.

        For a company: on the account, its people or their opportunities; for a person:
        on that person. Counted: notes, messages and e-mails by people other than
        OdooBot, done activities, and past meetings. Extend (super + merge the later
        date) to add sources.
        """
        if not self.ids:
            return {}
        for model in ("mail.message", "calendar.event", "crm.lead", "res.partner"):
            self.env[model].flush_model()
        bot = self.env.ref("base.partner_root").id
        self.env.cr.execute(
            SQL(
                """
                WITH target AS (
                    -- Two plain joins, not one join ON CASE: that one cannot use the
                    -- index on commercial_partner_id and scans every partner per id.
                    SELECT p.id AS target_id, q.id AS partner_id
                      FROM res_partner p
                      JOIN res_partner q ON q.commercial_partner_id = p.id
                     WHERE p.id = ANY(%(ids)s) AND p.is_company
                     UNION ALL
                    SELECT p.id, p.id
                      FROM res_partner p
                     WHERE p.id = ANY(%(ids)s) AND p.is_company IS NOT TRUE
                ), msg AS (
                    SELECT t.target_id, MAX(m.date) AS last
                      FROM target t
                      JOIN mail_message m
                        ON m.model = 'res.partner' AND m.res_id = t.partner_id
                     WHERE (m.message_type IN ('comment', 'email')
                            OR m.mail_activity_type_id IS NOT NULL)
                       AND m.author_id IS DISTINCT FROM %(bot)s
                     GROUP BY t.target_id
                ), lead_msg AS (
                    SELECT t.target_id, MAX(m.date) AS last
                      FROM target t
                      JOIN crm_lead l ON l.partner_id = t.partner_id
                      JOIN mail_message m ON m.model = 'crm.lead' AND m.res_id = l.id
                     WHERE (m.message_type IN ('comment', 'email')
                            OR m.mail_activity_type_id IS NOT NULL)
                       AND m.author_id IS DISTINCT FROM %(bot)s
                     GROUP BY t.target_id
                ), meeting AS (
                    SELECT t.target_id, MAX(e.start) AS last
                      FROM target t
                      JOIN calendar_event_res_partner_rel r
                        ON r.res_partner_id = t.partner_id
                      JOIN calendar_event e ON e.id = r.calendar_event_id
                     WHERE e.active AND e.start <= NOW() AT TIME ZONE 'UTC'
                     GROUP BY t.target_id
                )
                SELECT p.id, GREATEST(msg.last, lead_msg.last, meeting.last)
                  FROM res_partner p
                  LEFT JOIN msg ON msg.target_id = p.id
                  LEFT JOIN lead_msg ON lead_msg.target_id = p.id
                  LEFT JOIN meeting ON meeting.target_id = p.id
                 WHERE p.id = ANY(%(ids)s)
                """,
                ids=list(self.ids),
                bot=bot,
            )
        )
        return {pid: last for pid, last in self.env.cr.fetchall() if last}
