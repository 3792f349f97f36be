# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    rc_review_id = fields.Many2one(
        "rc.review", string="Satisfaction Review", index="btree_not_null"
    )

    def _mark_done(self):
        """An answer to a review closes it once every invited key person answered."""
        res = super()._mark_done()
        reviews = self.rc_review_id
        if reviews:
            reviews = reviews.sudo()
            finished = reviews.filtered(
                lambda r: all(i.state == "done" for i in r.user_input_ids)
            )
            finished.state = "done"
            finished.activity_ids.action_feedback()
            reviews.account_id._rc_update_satisfaction()
            reviews._rc_feed_scorecard()
        return res
