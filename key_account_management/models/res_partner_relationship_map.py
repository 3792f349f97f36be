# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from .res_partner import ATTITUDES, DECISION_ROLES


class ResPartner(models.Model):
    """The relationship map: its client action and the data its client reads."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def action_kam_relationship_map(self):
        self.ensure_one()
        account = self.commercial_partner_id
        return {
            "type": "ir.actions.client",
            "tag": "kam_relationship_map",
            "name": self.env._("Relationship Map: %(account)s", account=account.name),
            "params": {"account_id": account.id},
            "context": {"active_id": account.id, "active_model": "res.partner"},
        }

    @api.model
    def kam_relationship_map_data(self, account_id):
        """Everything the relationship map shows, read with the user's own rights."""
        account = self.browse(account_id).exists()
        if not account:
            raise UserError(self.env._("This account no longer exists."))
        account.check_access("read")
        account = account.commercial_partner_id
        people = self.search(
            [("commercial_partner_id", "=", account.id), ("is_company", "=", False)],
            order="kam_decision_role, name, id",
        )
        people.fetch(
            [
                "name",
                "function",
                "kam_decision_role",
                "kam_attitude",
                "kam_attitude_target",
                "kam_is_key_person",
                "kam_is_hidden_decision_maker",
                "kam_is_rising_star",
                "kam_influence",
                "kam_reports_to_id",
                "kam_relationship_owner_id",
                "kam_has_left",
                "department_id",
            ]
        )
        role_labels = dict(
            self._fields["kam_decision_role"]._description_selection(self.env)
        )
        attitude_labels = dict(
            self._fields["kam_attitude"]._description_selection(self.env)
        )
        influence_labels = dict(
            self._fields["kam_influence"]._description_selection(self.env)
        )
        visible = set(people.ids)
        plans = self._kam_relationship_map_plans(people)
        return {
            "account": {"id": account.id, "name": account.name},
            "roles": [
                {"code": code, "label": role_labels[code]}
                for code, _l in DECISION_ROLES
            ]
            + [{"code": False, "label": self.env._("No Role Yet")}],
            "attitudes": [
                {"code": code, "label": attitude_labels[code]} for code, _l in ATTITUDES
            ],
            "coverage_gaps": (account.kam_coverage_gaps or "").splitlines(),
            "people": [
                {
                    "id": person.id,
                    "name": person.name,
                    "function": person.function or "",
                    "department": person.department_id.name or "",
                    "role": person.kam_decision_role or False,
                    "attitude": person.kam_attitude or False,
                    "attitude_label": attitude_labels.get(person.kam_attitude, ""),
                    "attitude_target": person.kam_attitude_target or False,
                    "attitude_target_label": attitude_labels.get(
                        person.kam_attitude_target, ""
                    ),
                    "key_person": person.kam_is_key_person,
                    "hidden": person.kam_is_hidden_decision_maker,
                    "rising_star": person.kam_is_rising_star,
                    "influence": influence_labels.get(person.kam_influence, ""),
                    "reports_to_id": person.kam_reports_to_id.id
                    if person.kam_reports_to_id.id in visible
                    else False,
                    "owner": person.kam_relationship_owner_id.name or "",
                    "left": person.kam_has_left,
                    "plan": plans.get(person.id, False),
                }
                for person in people
            ],
        }

    @api.model
    def _kam_relationship_map_plans(self, people):
        """{person id: the current relationship plan (target vs current)}, the latest
        active plan of each person that the user may read, in one search."""
        Plan = self.env["kam.relationship.plan"]
        if not people or not Plan.has_access("read"):
            return {}
        levels = dict(Plan._fields["level_target"]._description_selection(self.env))
        evaluations = dict(Plan._fields["evaluation"]._description_selection(self.env))
        result = {}
        for plan in Plan.search(
            [("person_id", "in", people.ids)], order="date_end desc, id desc"
        ):
            if plan.person_id.id in result:
                continue
            result[plan.person_id.id] = {
                "id": plan.id,
                "level": levels.get(plan.level_current, ""),
                "level_target": levels.get(plan.level_target, ""),
                "gap": plan.attitude_gap + plan.level_gap,
                "evaluation": evaluations.get(plan.evaluation, ""),
                "overdue": plan.overdue_count,
            }
        return result
