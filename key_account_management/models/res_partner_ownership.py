# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

# The ownership of an account: changed only by its key account manager or a manager.
OWNERSHIP_FIELDS = (
    "kam_manager_id",
    "kam_sales_manager_id",
    "kam_executive_sponsor_id",
    "kam_tier",
    "kam_tier_reason",
)


class ResPartner(models.Model):
    """Who changes an account: the guarded create and write, and the ownership rules."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    kam_can_edit_ownership = fields.Boolean(
        string="May Change the Ownership",
        compute="_compute_kam_can_edit_ownership",
        help="The current user is the account's key account manager or a manager: "
        "the team, the tier and the owners are theirs to change.",
        groups="key_account_management.group_kam_user",
    )

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        entry_stages = {}
        records = self
        if not self._workflow_trusted():
            # Odoo checks the fields' groups on write, not on create: a user outside
            # the key-account groups must not set account intelligence on a new contact.
            self.check_field_access_rights(
                "write",
                list(
                    {f for vals in vals_list for f in vals if f.startswith("kam_")}
                    | {
                        key.removeprefix("default_")
                        for key in self.env.context
                        if key.startswith("default_kam_")
                    }
                ),
            )
            records = self._kam_untrusted_create_context(vals_list)
            entry_stages = records._kam_pop_entry_stages(vals_list)
            records._kam_check_ownership_create(vals_list)
        for vals in vals_list:
            if vals.get("kam_stage_id"):
                vals.setdefault("kam_stage_date", now)
        partners = super(ResPartner, records).create(vals_list)
        # Internal bookkeeping: read as the system, the creating user may be a plain
        # employee who cannot read the key-account fields.
        sudo_partners = partners.sudo()
        sudo_partners.filtered("kam_attitude")._kam_record_attitude_changes({})
        # (a system create with a stage is gated and recorded by
        # kam.stage.lifecycle.mixin)
        # A user creates an account in the first stage of the funnel through the stage's
        # own path: the same gate and history as the lifecycle buttons.
        for index, stage in entry_stages.items():
            partners[index]._workflow_write({"kam_stage_id": stage.id})
        return partners

    def _kam_untrusted_create_context(self, vals_list):
        """Turn the client's ``default_`` context keys of protected fields into values.

        The mixin checks the values a client sends; a ``default_kam_claim_user_id`` in
        the context would otherwise be applied by the ORM after that check. The keys
        become explicit values (checked like the others) and leave the context, so that
        they are not applied to the records created on the way (contacts, users).
        """
        guarded = set(self._workflow_fields) | set(OWNERSHIP_FIELDS)
        context = dict(self.env.context)
        defaults = {
            fname: context.pop(f"default_{fname}")
            for fname in guarded
            if f"default_{fname}" in context
        }
        if not defaults:
            return self
        for vals in vals_list:
            for fname, value in defaults.items():
                is_company = vals.get("is_company", context.get("default_is_company"))
                if fname == "kam_stage_id" and not is_company:
                    continue  # as before: the contacts of a new account get no stage
                vals.setdefault(fname, value)
        # Replacing the context is the point: the keys must go.
        return self.with_context(context)  # pylint: disable=context-overridden

    def _kam_pop_entry_stages(self, vals_list):
        """Check the stage and claim values a user sends at create; return
        {index in vals_list: stage} of the accounts to move into the entry stage."""
        entry = None
        result = {}
        for index, vals in enumerate(vals_list):
            forged = [
                fname
                for fname in ("kam_stage_date", "kam_claim_user_id", "kam_claim_date")
                if vals.get(fname)
            ]
            if forged:
                self._workflow_refuse(forged)
            stage_id = vals.pop("kam_stage_id", False)
            stage = self.env["kam.account.stage"].browse(
                stage_id.id if isinstance(stage_id, models.BaseModel) else stage_id
            )
            vals.pop("kam_stage_date", None)
            if not stage:
                continue
            if entry is None:
                entry = self.sudo()._kam_entry_stage()
            if stage != entry:
                raise UserError(
                    self.env._(
                        "A new account starts in the stage %(stage)s; it moves on with "
                        "the lifecycle buttons, which check each stage's requirements.",
                        stage=entry.name,
                    )
                )
            result[index] = stage
        return result

    def _kam_is_manager(self):
        return self.env.su or self.env.user.has_group(
            "key_account_management.group_kam_manager"
        )

    def _kam_refuse_ownership(self, fnames, account=None):
        raise UserError(
            self.env._(
                "%(fields)s of %(account)s can only be changed by its key account "
                "manager or a key account manager of the Manager group.",
                fields=self._workflow_field_labels(fnames),
                account=account.display_name if account else self.env._("an account"),
            )
        )

    def _kam_check_ownership_create(self, vals_list):
        """A user who is no manager sets the ownership of a new account only by making
        himself its key account manager."""
        if self._kam_is_manager():
            return
        for vals in vals_list:
            fnames = [f for f in OWNERSHIP_FIELDS if vals.get(f)]
            manager_id = vals.get("kam_manager_id")
            if isinstance(manager_id, models.BaseModel):
                manager_id = manager_id.id
            if fnames and manager_id != self.env.uid:
                self._kam_refuse_ownership(fnames)

    def _kam_check_ownership_write(self, vals):
        """Team and tier fields change only by the account's key account manager or a
        manager: a salesperson cannot put himself on another's account."""
        fnames = [f for f in OWNERSHIP_FIELDS if f in vals]
        if not fnames or self._workflow_trusted() or self._kam_is_manager():
            return
        for partner in self.sudo():
            changed = [f for f in fnames if partner._workflow_changes(f, vals[f])]
            owners = (
                partner.kam_manager_id | partner.commercial_partner_id.kam_manager_id
            )
            if changed and self.env.user not in owners:
                self._kam_refuse_ownership(changed, partner)

    def write(self, vals):
        if not self._workflow_trusted():
            changed = [
                fname
                for fname in self._workflow_fields
                if fname in vals and self.sudo()._workflow_changes(fname, vals[fname])
            ]
            if changed:
                self._workflow_refuse(changed)
            self._kam_check_ownership_write(vals)
        attitudes = (
            {p.id: p.kam_attitude for p in self.sudo()}
            if "kam_attitude" in vals
            else None
        )
        # a stage move is gated and recorded by kam.stage.lifecycle.mixin
        res = super().write(vals)
        if attitudes is not None:
            self._kam_record_attitude_changes(attitudes)
        self._kam_stamp_leavers(vals)
        return res

    @api.depends_context("uid")
    def _compute_kam_can_edit_ownership(self):
        manager = self._kam_is_manager()
        for partner in self:
            owners = partner.sudo().kam_manager_id
            owners |= partner.sudo().commercial_partner_id.kam_manager_id
            partner.kam_can_edit_ownership = bool(
                manager or not partner.id or self.env.user in owners
            )
