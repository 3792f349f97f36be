# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models, tools


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def init(self):
        # The target achievement sums a salesperson's won revenue of a period, per
        # target: without this index each target scans every opportunity
        # (tests/benchmarks/bench_sme_grid.py).
        tools.create_index(
            self.env.cr,
            "crm_lead_kam_user_closed_idx",
            self._table,
            ["user_id", "COALESCE(date_closed, create_date)"],
            where="active",
        )
