# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .kam_business_canvas import CANVAS_BLOCKS

_CANVAS_FIELDS = [f"kam_canvas_{block}" for block, _label in CANVAS_BLOCKS]


def _canvas_field(string):
    # Edited on the account form, stored on the account's kam.business.canvas (created
    # on the first write), whose record rules decide who reads and writes it.
    return fields.Text(
        string=string,
        compute="_compute_kam_canvas",
        inverse="_inverse_kam_canvas",
        groups="key_account_management.group_kam_user",
    )


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    kam_business_canvas_ids = fields.One2many(
        "kam.business.canvas",
        "partner_id",
        string="Business Model Canvas",
        groups="key_account_management.group_kam_user",
    )
    kam_canvas_customer_segments = _canvas_field("Customer Segments")
    kam_canvas_value_propositions = _canvas_field("Value Propositions")
    kam_canvas_channels = _canvas_field("Canvas Channels")
    kam_canvas_customer_relationships = _canvas_field("Customer Relationships")
    kam_canvas_revenue_streams = _canvas_field("Revenue Streams")
    kam_canvas_key_resources = _canvas_field("Key Resources")
    kam_canvas_key_activities = _canvas_field("Key Activities")
    kam_canvas_key_partnerships = _canvas_field("Key Partnerships")
    kam_canvas_cost_structure = _canvas_field("Cost Structure")

    def _kam_canvas_by_partner(self):
        partners = self._origin.filtered("id")
        canvases = self.env["kam.business.canvas"].search(
            [("partner_id", "in", partners.ids)]
        )
        return {canvas.partner_id.id: canvas for canvas in canvases}

    # What the canvas rules let the current user read.
    @api.depends_context("uid")
    def _compute_kam_canvas(self):
        by_partner = self._kam_canvas_by_partner()
        for partner in self:
            canvas = by_partner.get(partner._origin.id)
            for block, _label in CANVAS_BLOCKS:
                partner[f"kam_canvas_{block}"] = canvas[block] if canvas else False

    def _inverse_kam_canvas(self):
        by_partner = self._kam_canvas_by_partner()
        for partner in self:
            vals = {
                block: partner[f"kam_canvas_{block}"] for block, _label in CANVAS_BLOCKS
            }
            canvas = by_partner.get(partner.id)
            if canvas:
                canvas.write(
                    {key: value for key, value in vals.items() if canvas[key] != value}
                )
            elif any(vals.values()):
                self.env["kam.business.canvas"].create(
                    dict(vals, partner_id=partner.id)
                )
