# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ScShowcaseStage(models.Model):
    """Lifecycle stage of a showcase customer.

    What entering a stage requires is data: the ``require_*`` flags, the agreement
    rule, the approving group and the packaging matrix lines that point at the stage.
    What a stage means is data too (``is_review_stage``, ``is_delivery``,
    ``is_upgrade_stage``, ``allow_upgrade``): the code never reads ``code``.
    """

    _name = "sc.showcase.stage"
    _description = "Showcase Lifecycle Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical code used by code and reports.")
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)
    is_review_stage = fields.Boolean(
        string="Review Stage",
        help="Entering this stage submits the showcase for review (tier validation).",
    )
    is_upgrade_stage = fields.Boolean(
        string="Upgrade Stage", help="The stage 'Start Upgrade' moves a showcase into."
    )
    allow_upgrade = fields.Boolean(
        string="Upgrade Can Start Here",
        help="A showcase in this stage can start a management upgrade (Start "
        "Upgrade moves it into the upgrade stage).",
    )
    is_delivery = fields.Boolean(
        string="Entering it rewards delivery",
        default=False,
        help="Moving a showcase into this stage awards the delivery reward rules.",
    )
    next_stage_id = fields.Many2one(
        "sc.showcase.stage",
        string="Next Stage Override",
        help="Where 'Next Stage' leads from here instead of the following stage by "
        "sequence: the management upgrade loops back into implementation.",
    )
    require_qualification = fields.Boolean(
        string="Requires Qualification",
        help="Every qualification criterion of the showcase's level must be met.",
    )
    require_value_assessment = fields.Boolean(
        string="Requires Value Assessment",
        help="At least one focal value must be recorded in the value assessment.",
    )
    require_review_approved = fields.Boolean(
        string="Requires Approved Review",
        help="The showcase review (tier validation) must be approved.",
    )
    agreement_requirement = fields.Selection(
        [
            ("none", "Not required"),
            ("implementation", "Signed, if signing during implementation"),
            ("acceptance", "Signed, if signing after acceptance"),
            ("always", "Always signed"),
        ],
        default="none",
        required=True,
        help="Whether entering this stage needs a signed (or active) showcase "
        "agreement, depending on the showcase's signing timing.",
    )
    group_id = fields.Many2one(
        "res.groups",
        string="Approving Group",
        help="Only members of this group may move a showcase into this stage.",
    )
    requirement_ids = fields.One2many(
        "sc.deliverable.requirement",
        "stage_id",
        string="Required Deliverables",
        help="Packaging matrix lines that must be approved before entering this stage.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE (code)", "The stage code must be unique."),
    ]
