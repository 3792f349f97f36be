# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .rc_care_policy import birthday_key

VIP_LEVELS = [("standard", "Standard"), ("vip", "VIP"), ("showcase", "Showcase VIP")]


class ResPartner(models.Model):
    _inherit = "res.partner"

    rc_vip_level = fields.Selection(
        VIP_LEVELS,
        string="Service Level",
        compute="_compute_rc_vip_level",
        store=True,
        index=True,
        help="Level of the VIP green channel: key accounts are VIP; showcase customers "
        "(showcase_program) are Showcase VIP. Contacts follow their company.",
    )
    rc_public_official = fields.Boolean(
        string="Public Official",
        tracking=True,
        help="Gifts to public officials obey the strictest limits of the company.",
    )
    rc_birthday_key = fields.Integer(
        string="Birthday Day Key",
        compute="_compute_rc_birthday_key",
        store=True,
        index=True,
        compute_sudo=True,
        help="Technical: MMDD of the birthday (10000 + lunar MMDD for lunar birthdays), "
        "so the care job finds the birthdays of a window with one indexed search.",
    )
    rc_care_profile_ids = fields.One2many(
        "rc.care.profile",
        "partner_id",
        string="Care Profile",
        groups="key_account_management.group_kam_user",
    )
    rc_interaction_ids = fields.One2many(
        "rc.interaction",
        "account_id",
        string="Interactions",
        groups="key_account_management.group_kam_user",
    )
    rc_compliance_ids = fields.One2many(
        "rc.care.compliance",
        "partner_id",
        string="Care Compliance",
        groups="key_account_management.group_kam_user",
    )
    rc_care_compliance = fields.Float(
        string="Care Compliance (%)",
        digits=(16, 1),
        readonly=True,
        copy=False,
        aggregator="avg",
        groups="key_account_management.group_kam_user",
        help="Average of done vs required care actions of the current period, over the "
        "account's frequency policies. Kept by the daily care job.",
    )
    rc_contact_interaction_ids = fields.Many2many(
        "rc.interaction",
        "rc_interaction_contact_rel",
        "partner_id",
        "interaction_id",
        string="Interactions as Contact",
        groups="key_account_management.group_kam_user",
    )
    rc_last_interaction_date = fields.Date(
        string="Last Logged Interaction",
        compute="_compute_rc_last_interaction_date",
        store=True,
        compute_sudo=True,
        help="Latest logged interaction on the account, or with the person.",
    )
    rc_sla_breach_date = fields.Datetime(
        string="Last SLA Breach",
        readonly=True,
        copy=False,
        help="When a VIP service request of the account last breached its SLA.",
    )
    rc_poor_rating_date = fields.Datetime(
        string="Last Poor Rating",
        readonly=True,
        copy=False,
        help="When a closed service request of the account was last rated poorly.",
    )
    rc_sla_response_hours = fields.Float(
        string="Response Time Override (h)",
        help="Overrides the response hours of the VIP service level for this account. "
        "0 keeps the level's default.",
    )
    rc_sla_resolution_hours = fields.Float(
        string="Resolution Time Override (h)",
        help="Overrides the resolution hours of the VIP service level for this account. "
        "0 keeps the level's default.",
    )

    @api.depends("kam_tier", "commercial_partner_id.kam_tier", "is_company")
    def _compute_rc_vip_level(self):
        """Extend (super, then raise the level) for other programmes, e.g. showcases."""
        for partner in self:
            account = partner.commercial_partner_id or partner
            partner.rc_vip_level = "vip" if account.kam_tier == "key" else "standard"

    @api.depends("birthdate_date", "rc_care_profile_ids.lunar_birthday")
    def _compute_rc_birthday_key(self):
        for partner in self:
            lunar = any(partner.sudo().rc_care_profile_ids.mapped("lunar_birthday"))
            partner.rc_birthday_key = birthday_key(partner.birthdate_date, lunar)

    @api.depends("rc_interaction_ids.date", "rc_contact_interaction_ids.date")
    def _compute_rc_last_interaction_date(self):
        for partner in self:
            interactions = (
                partner.rc_interaction_ids | partner.rc_contact_interaction_ids
            )
            partner.rc_last_interaction_date = max(
                interactions.mapped("date"), default=False
            )

    @api.constrains("rc_sla_response_hours", "rc_sla_resolution_hours")
    def _check_rc_sla_override(self):
        for partner in self:
            if partner.rc_sla_response_hours < 0 or partner.rc_sla_resolution_hours < 0:
                raise ValidationError(
                    self.env._("SLA override hours cannot be negative.")
                )

    def action_rc_view_interactions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relationship_care.rc_interaction_action"
        )
        action["domain"] = [("account_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_account_id": self.commercial_partner_id.id}
        return action

    # --- hooks of key_account_management ----------------------------------------------
    def _kam_warning_signals(self):
        """Add the VIP channel signals: breached SLA (red), poor satisfaction (amber).

        Read from dates stored on the account, so the form and the early-warning job pay
        no extra query.
        """
        signals = super()._kam_warning_signals()
        company = self.env.company
        days = (
            company.kam_warning_window_days
            if "kam_warning_window_days" in company._fields
            else 90
        ) or 90
        since = fields.Datetime.now() - timedelta(days=days)
        for account in self.filtered("is_company"):
            if account.rc_sla_breach_date and account.rc_sla_breach_date >= since:
                signals.setdefault(account.id, []).append(
                    (
                        "rc_sla_breach",
                        "red",
                        self.env._(
                            "A VIP service request breached its SLA on %(date)s "
                            "(within the last %(days)s days).",
                            date=account.rc_sla_breach_date.date(),
                            days=days,
                        ),
                    )
                )
            if account.rc_poor_rating_date and account.rc_poor_rating_date >= since:
                signals.setdefault(account.id, []).append(
                    (
                        "rc_poor_satisfaction",
                        "amber",
                        self.env._(
                            "A service request was rated poorly on %(date)s "
                            "(within the last %(days)s days).",
                            date=account.rc_poor_rating_date.date(),
                            days=days,
                        ),
                    )
                )
        return signals

    def _kam_last_interaction_dates(self):
        """Count the logged interactions: on the account, or with the person."""
        result = super()._kam_last_interaction_dates()
        for partner in self.filtered("id"):
            day = partner.rc_last_interaction_date
            if not day:
                continue
            moment = datetime.combine(day, time.min)
            if not result.get(partner.id) or result[partner.id] < moment:
                result[partner.id] = moment
        return result

    @api.model
    def _kam_last_sales_action_dates(self, claims):
        """Count the interactions the claimant took part in as normative sales actions."""
        result = super()._kam_last_sales_action_dates(claims)
        if not claims:
            return result
        self.env["rc.interaction"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT c.id, MAX(i.date)
                  FROM kam_claim c
                  JOIN rc_interaction i ON i.account_id = c.partner_id
                 WHERE c.id = ANY(%(ids)s)
                   AND i.date >= c.date_claimed::date
                   AND i.date <= CURRENT_DATE
                   AND (i.user_id = c.user_id OR EXISTS (
                        SELECT 1 FROM rc_interaction_user_rel r
                         WHERE r.interaction_id = i.id AND r.user_id = c.user_id))
                 GROUP BY c.id
                """,
                ids=list(claims.ids),
            )
        )
        for claim_id, day in self.env.cr.fetchall():
            # An interaction counts for its whole day.
            moment = datetime.combine(day, time.max).replace(microsecond=0)
            if claim_id not in result or result[claim_id] < moment:
                result[claim_id] = moment
        return result

    def _compute_helpdesk_ticket_count(self):
        """One query for all partners (helpdesk_mgmt searches once per partner).

        Same rules as helpdesk_mgmt: the active tickets of the partner and of its children
        (at any depth) that the user may read; the active count leaves out closed stages.
        """
        partners = self.filtered("id")
        counts = {}
        if partners:
            readable = self.env["helpdesk.ticket"]._search([])
            self.env.cr.execute(
                SQL(
                    """
                    WITH RECURSIVE tree AS (
                        SELECT id AS root_id, id FROM res_partner WHERE id = ANY(%s)
                        UNION
                        SELECT tree.root_id, p.id
                          FROM res_partner p JOIN tree ON p.parent_id = tree.id
                    )
                    SELECT tree.root_id, COUNT(t.id),
                           COUNT(t.id) FILTER (WHERE NOT COALESCE(s.closed, FALSE))
                      FROM tree
                      JOIN helpdesk_ticket t ON t.partner_id = tree.id
                      LEFT JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
                     WHERE t.id IN %s
                     GROUP BY tree.root_id
                    """,
                    partners.ids,
                    readable.subselect(),
                )
            )
            counts = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for partner in self:
            total, active = counts.get(partner.id, (0, 0))
            partner.helpdesk_ticket_count = total
            partner.helpdesk_ticket_active_count = active
            partner.helpdesk_ticket_count_string = f"{active} / {total}"
