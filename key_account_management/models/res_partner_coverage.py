# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    """Coverage of an account's decision chain: single-threaded accounts."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    kam_single_threaded = fields.Boolean(
        string="Single-Threaded",
        compute="_compute_kam_coverage",
        search="_search_kam_single_threaded",
        help="The account lacks a known approver, decision maker or coach, or has "
        "fewer people than its tier requires (settings).",
        groups="key_account_management.group_kam_user",
    )
    kam_coverage_gaps = fields.Text(
        string="Coverage Gaps",
        compute="_compute_kam_coverage",
        groups="key_account_management.group_kam_user",
    )

    def _compute_kam_coverage(self):
        gaps = self._kam_coverage_gap_map()
        for partner in self:
            lines = gaps.get(partner.id, [])
            partner.kam_single_threaded = bool(lines)
            partner.kam_coverage_gaps = "\n".join(lines) or False

    def _search_kam_single_threaded(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Unsupported search on single-threaded accounts.")
            )
        accounts = self.sudo().search(
            [("is_company", "=", True), ("kam_tier", "!=", False)]
        )
        gap_ids = list(accounts._kam_coverage_gap_map())
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", gap_ids)]

    def _kam_coverage_gap_map(self):
        """Return {account id: [gap in words]} for the tiered companies of self, in one
        query."""
        return {
            account_id: self._kam_coverage_gap_texts(data)
            for account_id, data in self._kam_coverage_gap_data().items()
        }

    def _kam_coverage_gap_data(self):
        """Return {account id: {"roles": [missing role], "people": n, "required": m,
        "tier": tier}} for the tiered companies of self that have a gap, in one query
        (JSON values: the early warning stores them with its signal)."""
        accounts = self.filtered(lambda p: p.is_company and p.kam_tier and p.id)
        if not accounts:
            return {}
        groups = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=True)
            ._read_group(
                [
                    ("commercial_partner_id", "in", accounts.ids),
                    ("is_company", "=", False),
                    ("kam_has_left", "=", False),
                ],
                ["commercial_partner_id"],
                [
                    "__count",
                    "kam_decision_role:array_agg",
                    "kam_is_rising_star:bool_or",
                ],
            )
        )
        roles, people, stars = {}, {}, set()
        for account, count, account_roles, has_star in groups:
            roles[account.id] = set(account_roles)
            people[account.id] = count
            if has_star:
                stars.add(account.id)
        result = {}
        for account in accounts:
            company = account.company_id or self.env.company
            missing = [
                role
                for role in ("approver", "decision_maker", "coach")
                if role not in roles.get(account.id, set())
            ]
            required = company._kam_min_contacts(account.kam_tier)
            count = people.get(account.id, 0)
            no_star = (
                company.kam_coverage_rising_star
                and account.kam_tier == "key"
                and account.id not in stars
            )
            if missing or count < required or no_star:
                result[account.id] = {
                    "roles": missing,
                    "people": count,
                    "required": required,
                    "tier": account.kam_tier,
                }
                if no_star:
                    result[account.id]["rising_star"] = True
        return result

    @api.model
    def _kam_coverage_gap_texts(self, data):
        """The gaps of one account (from :meth:`_kam_coverage_gap_data`) in words, in
        the language of the environment."""
        labels = dict(
            self._fields["kam_decision_role"]._description_selection(self.env)
        )
        tier_labels = dict(self._fields["kam_tier"]._description_selection(self.env))
        gaps = [
            self.env._("No known %(role)s", role=labels.get(role, role))
            for role in data.get("roles", [])
        ]
        if data.get("people", 0) < data.get("required", 0):
            gaps.append(
                self.env._(
                    "%(count)s of the %(required)s people a %(tier)s needs",
                    count=data["people"],
                    required=data["required"],
                    tier=tier_labels.get(data.get("tier"), data.get("tier")),
                )
            )
        if data.get("rising_star"):
            gaps.append(self.env._("No rising star identified"))
        return gaps
