# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class KamTerritory(models.Model):
    """Sales territory (grid) with its team and its pool of accounts."""

    _name = "kam.territory"
    _description = "Sales Territory"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    team_id = fields.Many2one("crm.team", string="Sales Team", tracking=True)
    manager_id = fields.Many2one("res.users", string="Territory Manager", tracking=True)
    user_ids = fields.Many2many(
        "res.users",
        "kam_territory_user_rel",
        "territory_id",
        "user_id",
        string="Salespeople",
        help="Salespeople who may claim accounts of this territory's pool.",
    )
    partner_ids = fields.One2many("res.partner", "kam_territory_id", string="Accounts")
    account_count = fields.Integer(compute="_compute_account_counts")
    pool_count = fields.Integer(
        string="Unclaimed Accounts", compute="_compute_account_counts"
    )
    description = fields.Html()
    sales_target_count = fields.Integer(
        string="Targets", compute="_compute_sales_target_count"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_unique",
            "UNIQUE (code, company_id)",
            "Territory codes must be unique.",
        ),
    ]

    def _compute_account_counts(self):
        Partner = self.env["res.partner"]
        domain = [("kam_territory_id", "in", self.ids), ("is_company", "=", True)]
        totals = dict(Partner._read_group(domain, ["kam_territory_id"], ["__count"]))
        pools = dict(
            Partner._read_group(
                domain + [("kam_claim_user_id", "=", False)],
                ["kam_territory_id"],
                ["__count"],
            )
        )
        for territory in self:
            territory.account_count = totals.get(territory, 0)
            territory.pool_count = pools.get(territory, 0)

    def _compute_sales_target_count(self):
        counts = dict(
            self.env["kam.sales.target"]._read_group(
                [("territory_id", "in", self.ids)], ["territory_id"], ["__count"]
            )
        )
        for territory in self:
            territory.sales_target_count = counts.get(territory, 0)

    @api.model_create_multi
    def create(self, vals_list):
        territories = super().create(vals_list)
        territories._sync_team_members()
        return territories

    def write(self, vals):
        res = super().write(vals)
        if "team_id" in vals:
            self._sync_team_members()
        return res

    def _sync_team_members(self):
        """Salespeople of the territory's sales team may claim in it."""
        for territory in self.filtered("team_id"):
            territory.user_ids |= (
                territory.team_id.member_ids | territory.team_id.user_id
            )

    def action_open_accounts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_management.res_partner_action_kam"
        )
        action["domain"] = [("kam_territory_id", "=", self.id)]
        action["context"] = {"default_kam_territory_id": self.id}
        return action

    def action_open_sales_targets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_management.kam_sales_target_action"
        )
        action["domain"] = [("territory_id", "=", self.id)]
        action["context"] = {"default_territory_id": self.id}
        return action
