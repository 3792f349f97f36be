# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

MILESTONES = [
    ("agreement_signed", "Showcase agreement signed"),
    ("delivery", "Showcase delivered"),
    ("event_held", "Marketing event held"),
    ("visit_hosted", "Prospect visit hosted"),
    ("deal_won", "Influenced deal won"),
]


class ScRewardRule(models.Model):
    """Points or amounts awarded on a showcase milestone."""

    _name = "sc.reward.rule"
    _description = "Showcase Reward Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    milestone = fields.Selection(MILESTONES, required=True)
    beneficiary = fields.Selection(
        [("branch", "Branch"), ("owner", "Showcase owner")],
        required=True,
        default="branch",
    )
    points = fields.Integer()
    amount = fields.Monetary()
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )
    level = fields.Selection(
        [
            ("national", "National (provincial / ministry)"),
            ("city", "City"),
            ("township", "Township"),
        ],
        help="Only for showcases of this level; empty for all.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    @api.model
    def _award(self, milestone, showcases, origin):
        """Write ledger entries for a milestone, once per rule, showcase and origin."""
        rules = self.sudo().search([("milestone", "=", milestone)])
        if not rules or not showcases:
            return
        Entry = self.env["sc.reward.entry"].sudo()
        origin_ref = f"{origin._name},{origin.id}" if origin else False
        existing = Entry.search(
            [
                ("rule_id", "in", rules.ids),
                ("showcase_id", "in", showcases.ids),
                ("origin", "=", origin_ref),
            ]
        )
        done = {(e.rule_id, e.showcase_id) for e in existing}
        vals_list = []
        for showcase in showcases:
            for rule in rules:
                if (rule, showcase) in done or (
                    rule.level and rule.level != showcase.level
                ):
                    continue
                vals_list.append(
                    {
                        "rule_id": rule.id,
                        "showcase_id": showcase.id,
                        "team_id": showcase.team_id.id,
                        "user_id": showcase.user_id.id
                        if rule.beneficiary == "owner"
                        else False,
                        "points": rule.points,
                        "amount": rule.amount,
                        "origin": origin_ref,
                        "description": origin.display_name if origin else rule.name,
                    }
                )
        Entry.create(vals_list)
