# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ScCaseCollection(models.Model):
    """A case collection 案例集 of several showcases, by industry, region or tool."""

    _name = "sc.case.collection"
    _description = "Showcase Case Collection"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, translate=True)
    collection_type = fields.Selection(
        [("industry", "By Industry"), ("region", "By Region"), ("tool", "By Tool")],
        string="Type",
        required=True,
        default="industry",
    )
    industry_id = fields.Many2one("res.partner.industry")
    region = fields.Char()
    showcase_ids = fields.Many2many("sc.showcase", string="Showcases")
    introduction = fields.Html()
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )

    def action_print(self):
        return self.env.ref(
            "showcase_program.action_report_sc_case_collection"
        ).report_action(self)
