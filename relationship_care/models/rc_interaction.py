# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .rc_care_policy import SENIORITY, SENIORITY_RANK


class RcInteraction(models.Model):
    _name = "rc.interaction"
    _description = "Interaction"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    interaction_type = fields.Selection(
        [
            ("visit", "Visit"),
            ("call", "Call"),
            ("message", "Message"),
            ("greeting", "Greeting"),
            ("gift", "Gift"),
            ("event", "Social Event"),
            ("meal", "Meal"),
            ("sports", "Sports"),
            ("publication", "Management Publication"),
        ],
        string="Type",
        required=True,
        default="visit",
        tracking=True,
        index=True,
    )
    date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True, index=True
    )
    account_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        ondelete="restrict",
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "rc_interaction_contact_rel",
        "interaction_id",
        "partner_id",
        string="Contacts",
        domain="[('commercial_partner_id', '=', account_id), ('is_company', '=', False)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        default=lambda self: self.env.user,
        required=True,
        index=True,
        tracking=True,
    )
    participant_ids = fields.Many2many(
        "res.users",
        "rc_interaction_user_rel",
        "interaction_id",
        "user_id",
        string="Our Participants",
        default=lambda self: self.env.user,
    )
    seniority = fields.Selection(
        SENIORITY,
        compute="_compute_seniority",
        store=True,
        readonly=False,
        index=True,
        help="Highest seniority among our participants; decides which visit policies "
        "the interaction fulfils.",
    )
    cost = fields.Monetary(string="Cost / Value", currency_field="currency_id")
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.company.currency_id
    )
    outcome = fields.Text()
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Meeting", ondelete="set null", index=True
    )
    policy_id = fields.Many2one("rc.care.policy", string="Care Policy")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        interactions = super().create(vals_list)
        interactions._rc_check_account_team()
        return interactions

    def write(self, vals):
        res = super().write(vals)
        if "account_id" in vals:
            self._rc_check_account_team()
        return res

    def _rc_check_account_team(self):
        """Only the account's team (or a manager) logs interactions of an account.

        The record rule also lets the owner of an interaction read it, which a new record
        satisfies by itself: Odoo checks create rules after the insert, so the rule alone
        would let anybody log interactions on any account.
        """
        if self.env.su or self.env.user.has_group(
            "key_account_management.group_kam_manager"
        ):
            return
        for interaction in self:
            if self.env.user not in interaction.account_id.sudo().kam_team_user_ids:
                raise AccessError(
                    self.env._(
                        "Only the team of %(account)s logs its interactions.",
                        account=interaction.account_id.sudo().display_name,
                    )
                )

    @api.depends("participant_ids.rc_seniority", "user_id.rc_seniority")
    def _compute_seniority(self):
        for interaction in self:
            levels = (interaction.participant_ids | interaction.user_id).mapped(
                "rc_seniority"
            )
            levels = [level for level in levels if level]
            interaction.seniority = (
                max(levels, key=SENIORITY_RANK.get) if levels else "account_manager"
            )

    @api.constrains("account_id", "contact_ids")
    def _check_contacts(self):
        for interaction in self:
            if not interaction.account_id.is_company:
                raise ValidationError(
                    self.env._("The account of an interaction must be a company.")
                )
            strangers = interaction.contact_ids.filtered(
                lambda p, acc=interaction.account_id: p.commercial_partner_id != acc
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(people)s do not belong to %(account)s.",
                        people=", ".join(strangers.mapped("name")),
                        account=interaction.account_id.name,
                    )
                )

    @api.constrains("cost")
    def _check_cost(self):
        for interaction in self:
            if interaction.cost < 0:
                raise ValidationError(self.env._("The cost cannot be negative."))

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for interaction in self:
            if interaction.date.year > today.year + 1:
                raise ValidationError(
                    self.env._(
                        "The interaction date %(date)s is too far ahead.",
                        date=interaction.date,
                    )
                )
