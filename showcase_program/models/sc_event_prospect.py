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
    # read with the user's rights: a prospect does not show the revenue of an
    # opportunity its reader cannot open
    expected_revenue = fields.Monetary(
        compute="_compute_expected_revenue", compute_sudo=False
    )
    currency_id = fields.Many2one(related="lead_id.company_currency")
    attended = fields.Boolean()
    company_id = fields.Many2one(related="event_id.company_id", store=True)

    @api.depends("lead_id.expected_revenue")
    @api.depends_context("uid")
    def _compute_expected_revenue(self):
        readable = self.lead_id._filtered_access("read")
        for prospect in self:
            prospect.expected_revenue = (
                prospect.lead_id.expected_revenue
                if prospect.lead_id and prospect.lead_id in readable
                else 0.0
            )

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
        """Credit the featured showcases with the prospect's opportunity, for the
        showcases and opportunities the user can read (crm.lead._sc_link_showcases):
        a teammate of the showcase saving the event links the others."""
        for prospect in self.filtered("lead_id"):
            prospect.lead_id._sc_link_showcases(prospect.event_id.sc_showcase_ids)
