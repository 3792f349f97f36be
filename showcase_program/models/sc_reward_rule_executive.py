# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ScRewardRuleExecutive(models.Model):
    _inherit = "sc.reward.rule"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _award(self, milestone, showcases, origin):
        # Every milestone reaches the executive owner, rewarded by a rule or not.
        res = super()._award(milestone, showcases, origin)
        if showcases:
            field = self._fields["milestone"]
            showcases._sc_executive_activity(
                lambda s: s.env._(
                    "Showcase milestone: %(milestone)s (%(showcase)s)",
                    milestone=dict(field._description_selection(s.env))[milestone],
                    showcase=s.name,
                )
            )
        return res
