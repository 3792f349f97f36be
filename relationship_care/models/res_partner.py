# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_date

from .rc_care_policy import birthday_key

# Writing these can make a contact a key person, whose birthday then becomes private.
KEY_PERSON_FIELDS = {"kam_decision_role", "kam_is_key_person", "is_company"}
# One2many fields to the team's private records. The ORM answers "has lines" / "has
# line #n" conditions on a one2many with a plain SQL subquery, without the comodel's
# access rights and record rules: guarded in _search.
RC_PRIVATE_X2MANY = (
    "rc_care_profile_ids",
    "rc_interaction_ids",
    "rc_compliance_ids",
    "rc_contact_interaction_ids",
)

# Other programmes add higher levels (selection_add) and raise them in
# _compute_rc_vip_level and helpdesk.ticket._rc_vip_priorities.
VIP_LEVELS = [("standard", "Standard"), ("vip", "VIP")]


class ResPartner(models.Model):
    _inherit = "res.partner"

    rc_vip_level = fields.Selection(
        VIP_LEVELS,
        string="Service Level",
        compute="_compute_rc_vip_level",
        store=True,
        index=True,
        help="Level of the VIP green channel: key accounts are VIP; other programmes "
        "may raise the level. Contacts follow their company.",
    )
    rc_public_official = fields.Boolean(
        string="Public Official",
        tracking=True,
        help="Gifts to public officials obey the strictest limits of the company.",
        groups="base.group_user",
    )
    rc_birthday_key = fields.Integer(
        string="Birthday Day Key",
        compute="_compute_rc_birthday_key",
        store=True,
        index=True,
        compute_sudo=True,
        groups="base.group_system",
        help="Technical: MMDD of the contact's (public) Birthdate, so the care job finds "
        "the birthdays of a window with one indexed search. Key persons' birthdays are "
        "private: their day key is on the care profile.",
    )
    # Key persons' birthdays: kept in the care profile, never in OCA's
    # shared birthdate_date. This field is what the current user may see of a birthday.
    rc_birthdate = fields.Date(
        string="Birthday",
        compute="_compute_rc_birthdate",
        inverse="_inverse_rc_birthdate",
        search="_search_rc_birthdate",
        help="The contact's birthday as you may see it: for key persons (and anyone with "
        "a care profile) it is kept in the private care profile, visible only to the "
        "account team and the key account managers; for other contacts it is the "
        "Birthdate of the Personal Information page.",
    )
    rc_birthdate_private = fields.Boolean(
        string="Private Birthday",
        compute="_compute_rc_birthdate_private",
        help="The birthday of this person is private (key person or care profile).",
    )
    rc_care_profile_ids = fields.One2many(
        "rc.care.profile",
        "partner_id",
        string="Care Profile",
        groups="key_account_management.group_kam_user",
    )
    rc_interaction_ids = fields.One2many(
        "rc.interaction",
        "account_id",
        string="Interactions",
        groups="key_account_management.group_kam_user",
    )
    rc_compliance_ids = fields.One2many(
        "rc.care.compliance",
        "partner_id",
        string="Care Compliance",
        groups="key_account_management.group_kam_user",
    )
    rc_care_compliance = fields.Float(
        string="Care Compliance (%)",
        digits=(16, 1),
        readonly=True,
        copy=False,
        aggregator="avg",
        groups="key_account_management.group_kam_user",
        help="Average of done vs required care actions of the current period, over the "
        "account's frequency policies. Kept by the daily care job.",
    )
    rc_contact_interaction_ids = fields.Many2many(
        "rc.interaction",
        "rc_interaction_contact_rel",
        "partner_id",
        "interaction_id",
        string="Interactions as Contact",
        groups="key_account_management.group_kam_user",
    )
    rc_last_interaction_date = fields.Date(
        string="Last Logged Interaction",
        compute="_compute_rc_last_interaction_date",
        store=True,
        compute_sudo=True,
        help="Latest logged interaction on the account, or with the person.",
        groups="base.group_user",
    )
    rc_sla_breach_date = fields.Datetime(
        string="Last SLA Breach",
        readonly=True,
        copy=False,
        help="When a VIP service request of the account last breached its SLA.",
        groups="base.group_user",
    )
    rc_poor_rating_date = fields.Datetime(
        string="Last Poor Rating",
        readonly=True,
        copy=False,
        help="When a closed service request of the account was last rated poorly.",
        groups="base.group_user",
    )
    rc_sla_response_hours = fields.Float(
        string="Response Time Override (h)",
        help="Overrides the response hours of the VIP service level for this account. "
        "0 keeps the level's default.",
        groups="base.group_user",
    )
    rc_sla_resolution_hours = fields.Float(
        string="Resolution Time Override (h)",
        help="Overrides the resolution hours of the VIP service level for this account. "
        "0 keeps the level's default.",
        groups="base.group_user",
    )

    @api.depends("kam_tier", "commercial_partner_id.kam_tier", "is_company")
    def _compute_rc_vip_level(self):
        """Extend (super, then raise the level) for other programmes."""
        for partner in self:
            account = partner.commercial_partner_id or partner
            partner.rc_vip_level = "vip" if account.kam_tier == "key" else "standard"

    @api.depends("birthdate_date")
    def _compute_rc_birthday_key(self):
        for partner in self:
            partner.rc_birthday_key = birthday_key(partner.birthdate_date)

    # --- private birthdays (see the module's README: OCA partner_contact_birthdate) ----
    def _rc_profiles_sudo(self):
        """{partner id: care profile} of self, whoever may read them (one query)."""
        if not self.ids:
            return {}
        profiles = (
            self.env["rc.care.profile"]
            .sudo()
            .search_fetch([("partner_id", "in", self.ids)], ["partner_id", "birthdate"])
        )
        return {profile.partner_id.id: profile for profile in profiles}

    def _rc_private_birthday_partners(self):
        """The partners of self whose birthday is private: key persons and people with a
        care profile. Whether somebody is a key person is not secret."""
        profiles = self._rc_profiles_sudo()
        return self.filtered(
            lambda p: p.id in profiles
            or (not p.sudo().is_company and p.sudo().kam_is_key_person)
        )

    def _compute_rc_birthdate_private(self):
        private = self._rc_private_birthday_partners()
        for partner in self:
            partner.rc_birthdate_private = partner in private

    @api.depends("birthdate_date")
    @api.depends_context("uid")
    def _compute_rc_birthdate(self):
        # Never sudo: the record rules of the care profile decide what the user sees,
        # also when this runs inside a sudo environment (as key_account_management's
        # personal data fields do).
        Profile = self.env(su=False)["rc.care.profile"]
        private = {}
        if self.ids and Profile.has_access("read"):
            private = {
                profile.partner_id.id: profile.birthdate
                for profile in Profile.search_fetch(
                    [("partner_id", "in", self.ids)], ["partner_id", "birthdate"]
                )
            }
        for partner in self:
            partner.rc_birthdate = (
                private[partner.id]
                if partner.id in private
                else partner.sudo().birthdate_date
            )

    def _inverse_rc_birthdate(self):
        for partner in self:
            # Through write(): a private birthday goes to the care profile.
            partner.write({"birthdate_date": partner.rc_birthdate})

    def _search_rc_birthdate(self, operator, value):
        Profile = self.env(su=False)["rc.care.profile"]
        public = [("birthdate_date", operator, value)]
        if not Profile.has_access("read"):
            # Private birthdays are never in birthdate_date: no oracle.
            return public
        readable = Profile._search([])
        matching = Profile._search([("birthdate", operator, value)])
        return (
            [
                "|",
                "&",
                (
                    "id",
                    "not in",
                    readable.subselect(SQL.identifier(readable.table, "partner_id")),
                ),
            ]
            + public
            + [
                (
                    "id",
                    "in",
                    matching.subselect(SQL.identifier(matching.table, "partner_id")),
                )
            ]
        )

    def _rc_write_private_birthdate(self, value):
        """Write the birthday of these private-birthday partners to their care profiles,
        with the current user's rights (AccessError for anyone outside the team)."""
        Profile = self.env["rc.care.profile"]
        existing = self._rc_profiles_sudo()
        to_create = []
        for partner in self:
            if partner.id in existing:
                existing[partner.id].with_env(Profile.env).write({"birthdate": value})
            elif value:
                to_create.append({"partner_id": partner.id, "birthdate": value})
        if to_create:
            Profile.create(to_create)
        self.invalidate_recordset(["rc_birthdate"])

    def _rc_clear_public_birthdate(self):
        """Empty OCA's shared Birthdate of these partners (their birthday is private)."""
        partners = self.sudo().filtered("birthdate_date")
        if not partners:
            return True
        return super(ResPartner, partners).write({"birthdate_date": False})

    def _rc_move_private_birthdates(self):
        """Move the shared Birthdate of key persons (and people with a care profile)
        into their care profiles. As the system: the value was public until now."""
        partners = (
            self.sudo().filtered("birthdate_date")._rc_private_birthday_partners()
        )
        if not partners:
            return
        Profile = self.env["rc.care.profile"].sudo().with_context(tracking_disable=True)
        existing = partners._rc_profiles_sudo()
        for partner in partners.filtered(lambda p: p.id in existing):
            existing[partner.id].birthdate = partner.birthdate_date
        # Creating a profile moves the birthdate itself.
        Profile.create([{"partner_id": p.id} for p in partners if p.id not in existing])
        partners._rc_clear_public_birthdate()

    @api.model
    def _rc_protect_key_person_birthdates(self):
        """Install and upgrade: move every key person's shared Birthdate to the profile."""
        self.with_context(active_test=False).search(
            [("birthdate_date", "!=", False), ("is_company", "=", False)]
        )._rc_move_private_birthdates()

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if domain and not self.env.su:
            domain = self._rc_guard_private_x2many(domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _rc_guard_private_x2many(self, domain):
        """Conditions on the private one2many fields go through the comodel's access
        rights and record rules (no "which contacts have a care profile" oracle)."""
        guarded = []
        for leaf in domain:
            if (
                isinstance(leaf, list | tuple)
                and len(leaf) == 3
                and isinstance(leaf[0], str)
                and leaf[0].split(".", 1)[0] in RC_PRIVATE_X2MANY
            ):
                fname, operator, value = leaf
                self.check_field_access_rights("read", [fname.split(".", 1)[0]])
                if fname in RC_PRIVATE_X2MANY:
                    if operator in ("=", "!=") and value in (False, None):
                        leaf = (fname, "not any" if operator == "=" else "any", [])
                    elif operator in ("in", "not in") and isinstance(
                        value, list | tuple
                    ):
                        leaf = (
                            fname,
                            "any" if operator == "in" else "not any",
                            [("id", "in", list(value))],
                        )
            guarded.append(leaf)
        return guarded

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if any(vals.get("birthdate_date") for vals in vals_list):
            partners._rc_move_private_birthdates()
        return partners

    def write(self, vals):
        private = self.browse()
        if "birthdate_date" in vals:
            private = self._rc_private_birthday_partners()
        if private:
            vals = dict(vals)
            value = vals.pop("birthdate_date")
            if value or self.env["rc.care.profile"].has_access("write"):
                private._rc_write_private_birthdate(value)
            # else: clearing a birthday the user cannot see anyway changes nothing.
            public = self - private
            if public:
                super(ResPartner, public).write({"birthdate_date": value})
            res = super().write(vals) if vals else True
        else:
            res = super().write(vals)
        if KEY_PERSON_FIELDS & set(vals) or "birthdate_date" in vals:
            self._rc_move_private_birthdates()
        return res

    @api.depends("rc_interaction_ids.date", "rc_contact_interaction_ids.date")
    def _compute_rc_last_interaction_date(self):
        for partner in self:
            interactions = (
                partner.rc_interaction_ids | partner.rc_contact_interaction_ids
            )
            partner.rc_last_interaction_date = max(
                interactions.mapped("date"), default=False
            )

    @api.constrains("rc_sla_response_hours", "rc_sla_resolution_hours")
    def _check_rc_sla_override(self):
        for partner in self:
            if partner.rc_sla_response_hours < 0 or partner.rc_sla_resolution_hours < 0:
                raise ValidationError(
                    self.env._("SLA override hours cannot be negative.")
                )

    def action_rc_view_interactions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relationship_care.rc_interaction_action"
        )
        action["domain"] = [("account_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_account_id": self.commercial_partner_id.id}
        return action

    # --- hooks of key_account_management ----------------------------------------------
    def _kam_warning_signals(self):
        """Add the VIP channel signals: breached SLA (red), poor satisfaction (amber).

        Read from dates stored on the account, so the form and the early-warning job pay
        no extra query; put into words by :meth:`_kam_warning_message`.
        """
        signals = super()._kam_warning_signals()
        company = self.env.company
        days = (
            company.kam_warning_window_days
            if "kam_warning_window_days" in company._fields
            else 90
        ) or 90
        since = fields.Datetime.now() - timedelta(days=days)
        # One query, and only the accounts with a recent breach or poor rating.
        recent = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("id", "in", self.filtered("id").ids),
                    ("is_company", "=", True),
                    "|",
                    ("rc_sla_breach_date", ">=", since),
                    ("rc_poor_rating_date", ">=", since),
                ],
                ["rc_sla_breach_date", "rc_poor_rating_date"],
            )
        )
        for account in recent:
            if account.rc_sla_breach_date and account.rc_sla_breach_date >= since:
                signals.setdefault(account.id, []).append(
                    (
                        "rc_sla_breach",
                        "red",
                        {
                            "date": fields.Date.to_string(
                                account.rc_sla_breach_date.date()
                            ),
                            "days": days,
                        },
                    )
                )
            if account.rc_poor_rating_date and account.rc_poor_rating_date >= since:
                signals.setdefault(account.id, []).append(
                    (
                        "rc_poor_satisfaction",
                        "amber",
                        {
                            "date": fields.Date.to_string(
                                account.rc_poor_rating_date.date()
                            ),
                            "days": days,
                        },
                    )
                )
        return signals

    @api.model
    def _kam_warning_message(self, code, params):
        """The VIP channel signals in words, in the reader's language."""
        if code == "rc_sla_breach" and isinstance(params, dict):
            return self.env._(
                "A VIP service request breached its SLA on %(date)s "
                "(within the last %(days)s days).",
                date=format_date(self.env, params.get("date")),
                days=params.get("days"),
            )
        if code == "rc_poor_satisfaction" and isinstance(params, dict):
            return self.env._(
                "A service request was rated poorly on %(date)s "
                "(within the last %(days)s days).",
                date=format_date(self.env, params.get("date")),
                days=params.get("days"),
            )
        return super()._kam_warning_message(code, params)

    def _kam_last_interaction_dates(self):
        """Count the logged interactions: on the account, or with the person."""
        result = super()._kam_last_interaction_dates()
        ids = self.filtered("id").ids
        if not ids:
            return result
        # One query for all, and only the partners that have a logged interaction.
        logged = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("id", "in", ids), ("rc_last_interaction_date", "!=", False)],
                ["rc_last_interaction_date"],
            )
        )
        for partner in logged:
            day = partner.rc_last_interaction_date
            moment = datetime.combine(day, time.min)
            if not result.get(partner.id) or result[partner.id] < moment:
                result[partner.id] = moment
        return result

    @api.model
    def _kam_last_sales_action_dates(self, claims):
        """Count the interactions the claimant took part in as normative sales actions."""
        result = super()._kam_last_sales_action_dates(claims)
        if not claims:
            return result
        self.env["rc.interaction"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT c.id, MAX(i.date)
                  FROM kam_claim c
                  JOIN rc_interaction i ON i.account_id = c.partner_id
                 WHERE c.id = ANY(%(ids)s)
                   AND i.date >= c.date_claimed::date
                   AND i.date <= CURRENT_DATE
                   AND (i.user_id = c.user_id OR EXISTS (
                        SELECT 1 FROM rc_interaction_user_rel r
                         WHERE r.interaction_id = i.id AND r.user_id = c.user_id))
                 GROUP BY c.id
                """,
                ids=list(claims.ids),
            )
        )
        for claim_id, day in self.env.cr.fetchall():
            # An interaction counts for its whole day.
            moment = datetime.combine(day, time.max).replace(microsecond=0)
            if claim_id not in result or result[claim_id] < moment:
                result[claim_id] = moment
        return result

    def _compute_helpdesk_ticket_count(self):
        """One query for all partners (helpdesk_mgmt searches once per partner).

        Same rules as helpdesk_mgmt: the active tickets of the partner and of its children
        (at any depth) that the user may read; the active count leaves out closed stages.
        """
        partners = self.filtered("id")
        counts = {}
        if partners:
            readable = self.env["helpdesk.ticket"]._search([])
            self.env.cr.execute(
                SQL(
                    """
                    WITH RECURSIVE tree AS (
                        SELECT id AS root_id, id FROM res_partner WHERE id = ANY(%s)
                        UNION
                        SELECT tree.root_id, p.id
                          FROM res_partner p JOIN tree ON p.parent_id = tree.id
                    )
                    SELECT tree.root_id, COUNT(t.id),
                           COUNT(t.id) FILTER (WHERE NOT COALESCE(s.closed, FALSE))
                      FROM tree
                      JOIN helpdesk_ticket t ON t.partner_id = tree.id
                      LEFT JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
                     WHERE t.id IN %s
                     GROUP BY tree.root_id
                    """,
                    partners.ids,
                    readable.subselect(),
                )
            )
            counts = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for partner in self:
            total, active = counts.get(partner.id, (0, 0))
            partner.helpdesk_ticket_count = total
            partner.helpdesk_ticket_active_count = active
            partner.helpdesk_ticket_count_string = f"{active} / {total}"
