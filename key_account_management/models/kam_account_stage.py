# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KamAccountStage(models.Model):
    """Lifecycle stage of an account (the sales funnel plus churned).

    What entering a stage requires is data (the ``require_*`` flags), so a company can
    tighten or loosen its funnel without code.
    """

    _name = "kam.account.stage"
    _description = "Account Lifecycle Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Technical code used by reports and integrations."
    )
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(
        string="Folded in Kanban",
        help="Folded stages are collapsed in the kanban view.",
    )
    description = fields.Text(translate=True)
    target_measure = fields.Selection(
        [
            ("none", "None"),
            ("listed", "New Listed Accounts"),
            ("converted", "Converted Accounts"),
        ],
        string="Counts toward Target",
        default="none",
        required=True,
        help="Which sales target an account entering this stage counts toward: new "
        "listed accounts, or accounts converted into customers.",
    )
    is_churn = fields.Boolean(
        string="Churned Stage",
        help="Accounts that left; only Reactivate moves an account out of this stage.",
    )
    is_reactivation_target = fields.Boolean(
        string="Reactivation Target",
        help="Reactivating a churned account moves it into this stage.",
    )
    require_claim = fields.Boolean(
        string="Requires a Claim",
        help="Entering this stage requires the account to be claimed by a salesperson.",
    )
    require_contact = fields.Boolean(
        string="Requires a Contact Person",
        help="Entering this stage requires at least one contact person on the account.",
    )
    require_manager = fields.Boolean(
        string="Requires a Key Account Manager",
        help="Entering this stage requires a key account manager on the account team.",
    )
    require_opportunity = fields.Boolean(
        string="Requires an Opportunity",
        help="Entering this stage requires an open or won opportunity for the account.",
    )
    require_won_opportunity = fields.Boolean(
        string="Requires a Won Opportunity",
        help="Entering this stage requires at least one won opportunity for the account.",
    )
    require_customer_file = fields.Boolean(
        string="Requires the Customer File",
        help="Entering this stage requires a complete customer file: every field and "
        "document of the Customer File configuration (only a target customer with a "
        "file is claimed into a list).",
    )
    require_potential_level = fields.Boolean(
        string="Requires a Potential Sub-Level",
        help="Entering this stage requires the account's potential sub-level (A/B/C: "
        "how hard it is to convert).",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE (code)", "The stage code must be unique."),
    ]
