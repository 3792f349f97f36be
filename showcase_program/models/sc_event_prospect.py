# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ScEventProspect(models.Model):
    """A prospect invited to a showcase marketing event, with its opportunity."""

    _name = "sc.event.prospect"
    _description = "Showcase Event Prospect"
    _order = "event_id, id"
    _rec_name = "partner_id"

    event_id = fields.Many2one(
        "event.event", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one("res.partner", string="Prospect", required=True)
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        domain="[('type', '=', 'opportunity')]",
        index=True,
    )
    expected_revenue = fields.Monetary(related="lead_id.expected_revenue")
    currency_id = fields.Many2one(related="lead_id.company_currency")
    attended = fields.Boolean()
    company_id = fields.Many2one(related="event_id.company_id", store=True)

    @api.model_create_multi
    def create(self, vals_list):
        prospects = super().create(vals_list)
        prospects._link_lead_to_showcases()
        return prospects

    def write(self, vals):
        res = super().write(vals)
        if "lead_id" in vals or "event_id" in vals:
            self._link_lead_to_showcases()
        return res

    def _link_lead_to_showcases(self):
        """Credit the featured showcases with the prospect's opportunity."""
        for prospect in self.filtered("lead_id"):
            missing = (
                prospect.event_id.sc_showcase_ids - prospect.lead_id.sc_showcase_ids
            )
            if missing:
                prospect.lead_id.sc_showcase_ids = [(4, s.id) for s in missing]
