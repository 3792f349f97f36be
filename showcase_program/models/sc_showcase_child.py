# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ScShowcaseChild(models.AbstractModel):
    """A record that belongs to a showcase (deliverable, site visit, value, promotion).

    The record rules let a salesperson create such a record only on a showcase he may
    see (create rules are checked on the new record); moving an existing record to
    another showcase is checked here, since Odoo checks the write rules on the record
    before the change only.
    """

    _name = "sc.showcase.child"
    _description = "Record of a Showcase"

    def write(self, vals):
        if vals.get("showcase_id") and not self.env.su:
            self.env["sc.showcase"].browse(vals["showcase_id"]).check_access("write")
        return super().write(vals)
