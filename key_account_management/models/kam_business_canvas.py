# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

# The nine blocks of the business model canvas, in the order they are printed.
CANVAS_BLOCKS = [
    ("customer_segments", "Customer Segments"),
    ("value_propositions", "Value Propositions"),
    ("channels", "Channels"),
    ("customer_relationships", "Customer Relationships"),
    ("revenue_streams", "Revenue Streams"),
    ("key_resources", "Key Resources"),
    ("key_activities", "Key Activities"),
    ("key_partnerships", "Key Partnerships"),
    ("cost_structure", "Cost Structure"),
]


class KamBusinessCanvas(models.Model):
    """Business model canvas of one key account: how the customer itself makes money,
    so that the account plan targets what matters to its business."""

    _name = "kam.business.canvas"
    _description = "Business Model Canvas"
    _inherit = ["mail.thread"]
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", True)],
    )
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, index="btree_not_null"
    )
    customer_segments = fields.Text(
        tracking=True, help="The customer's own customers: who it creates value for."
    )
    value_propositions = fields.Text(
        tracking=True, help="The pains it relieves and the gains it brings them."
    )
    channels = fields.Text(tracking=True, help="How it reaches and serves them.")
    customer_relationships = fields.Text(tracking=True)
    revenue_streams = fields.Text(tracking=True)
    key_resources = fields.Text(tracking=True)
    key_activities = fields.Text(tracking=True)
    key_partnerships = fields.Text(tracking=True)
    cost_structure = fields.Text(tracking=True)

    _sql_constraints = [
        (
            "partner_unique",
            "UNIQUE (partner_id)",
            "An account has one business model canvas.",
        ),
    ]

    def _kam_printed_blocks(self):
        """(label, text) of the nine blocks in the language of the rendering context."""
        self.ensure_one()
        return [
            (self._fields[block].get_description(self.env)["string"], self[block])
            for block, _label in CANVAS_BLOCKS
        ]

    def write(self, vals):
        # Record rules check a write before it: moving a canvas to an account outside
        # the team would pass them, so the account is fixed once chosen.
        if "partner_id" in vals and any(
            canvas.partner_id.id != vals["partner_id"] for canvas in self
        ):
            raise UserError(
                self.env._("A business model canvas stays with its account.")
            )
        return super().write(vals)
