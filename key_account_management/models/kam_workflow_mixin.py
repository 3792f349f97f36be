# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

# The marker a transition method puts in the context. It is a Python object, not a value:
# a client (web client, XML-RPC, JSON-RPC) can only send JSON in its context, so it can
# never forge it. A context key with a plain value (True, a string) would be a permission
# anybody could grant themselves.
_TRANSITION = object()


class KamWorkflowMixin(models.AbstractModel):
    """State or stage fields that change only through the model's transition methods.

    Every model whose state an approval or a gate protects mixes this in and lists:

    - ``_workflow_fields``: the protected fields (state, stage, review state, owner...).
      ``create`` only accepts their default value and ``write`` refuses any change,
      unless the change comes from a transition method through :meth:`_workflow_write`
      or from superuser code (data files, scheduled jobs).
    - ``_workflow_locked_fields`` and ``_workflow_locked_states``: the content of an
      approved document (amounts, recipient, text). Changing it in one of those states
      calls :meth:`_workflow_on_locked_change`, which refuses by default; a model may send
      the document back for approval instead.

    Transition methods check the current state (:meth:`_workflow_check_state`), the
    user's group (:meth:`_workflow_check_group`) and, for approvals, that the approver is
    not the requester (:meth:`_workflow_check_four_eyes`).
    """

    _name = "kam.workflow.mixin"
    _description = "Protected Workflow"

    _workflow_fields = ()
    _workflow_locked_fields = ()
    _workflow_locked_states = ()
    _workflow_state_field = "state"

    # --- guards --------------------------------------------------------------------
    def _workflow_trusted(self):
        return self.env.su or self.env.context.get("kam_workflow") is _TRANSITION

    def _workflow_field_labels(self, fnames):
        return ", ".join(
            sorted(self._fields[f]._description_string(self.env) for f in fnames)
        )

    def _workflow_refuse(self, fnames):
        raise UserError(
            self.env._(
                "%(model)s: %(fields)s change only through the workflow buttons "
                "(or the scheduled jobs), not by editing the record.",
                model=self._description,
                fields=self._workflow_field_labels(fnames),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        records = self
        if self._workflow_fields and not self._workflow_trusted():
            # A default_<field> key in the context is a value sent by the client too.
            records = self._workflow_without_context_defaults()
            defaults = records.default_get(list(self._workflow_fields))
            for vals in vals_list:
                forged = [
                    fname
                    for fname in self._workflow_fields
                    if fname in vals
                    and self._workflow_normalise(fname, vals[fname])
                    != self._workflow_normalise(fname, defaults.get(fname))
                ]
                if forged:
                    self._workflow_refuse(forged)
        return super(KamWorkflowMixin, records).create(vals_list)

    def write(self, vals):
        if not self._workflow_trusted():
            self._workflow_check_write(vals)
            sent = [f for f in self._workflow_locked_fields if f in vals]
            locked = sent and self.filtered(
                lambda r: r[self._workflow_state_field] in self._workflow_locked_states
            )
            changed = [
                f for f in sent if locked and locked._workflow_changes(f, vals[f])
            ]
            if changed:
                locked._workflow_on_locked_change(vals, changed)
                rest = self - locked
                return super(KamWorkflowMixin, rest).write(vals) if rest else True
        return super().write(vals)

    def _workflow_without_context_defaults(self):
        """Self without the context's default values of the protected fields."""
        protected = {f"default_{fname}" for fname in self._workflow_fields}
        if not protected & set(self.env.context):
            return self
        # Removing keys needs a whole new context (a key set to False would still be
        # a default value).
        return self.with_context(  # pylint: disable=context-overridden
            {k: v for k, v in self.env.context.items() if k not in protected}
        )

    def _workflow_check_write(self, vals):
        """Refuse ``vals`` if it changes a protected field and the caller is not trusted.

        ``write`` calls it; a model whose other write overrides answer first (e.g.
        tier.validation's "a validation is open") calls it early to give this message.
        """
        if self._workflow_trusted():
            return
        changed = [
            fname
            for fname in self._workflow_fields
            if fname in vals and self._workflow_changes(fname, vals[fname])
        ]
        if changed:
            self._workflow_refuse(changed)

    def _workflow_normalise(self, fname, value):
        field = self._fields[fname]
        if field.type == "many2one":
            if isinstance(value, models.BaseModel):
                return value.id or False
            return value or False
        return value or False

    def _workflow_changes(self, fname, value):
        """Whether writing ``value`` would change ``fname`` on any record of self.

        A client re-sending an unchanged value (as a form does) changes nothing.
        """
        field = self._fields[fname]
        if field.type in ("one2many", "many2many"):
            return True
        for record in self.sudo():
            try:
                new = field.convert_to_record(
                    field.convert_to_cache(value, record), record
                )
            except (ValueError, TypeError):
                return True
            if (new or False) != (record[fname] or False):
                return True
        return False

    def _workflow_on_locked_change(self, vals, fnames):
        """Called for the records of self in a locked state whose content changes.

        Refuses by default. Override to send the document back for approval instead:
        write ``vals`` and reset the state through :meth:`_workflow_write`, then return True.
        """
        raise UserError(
            self.env._(
                "%(records)s is approved: %(fields)s can no longer change. Reset it to "
                "draft and submit it again to change it.",
                records=", ".join(self.mapped("display_name")),
                fields=self._workflow_field_labels(fnames),
            )
        )

    # --- helpers for transition methods -------------------------------------------
    def _workflow_as_transition(self):
        """Self in a transition: its protected fields and tier reviews may change.

        For the model's own transition methods only, after their checks.
        """
        return self.with_context(kam_workflow=_TRANSITION)

    def _workflow_write(self, vals):
        """Write protected fields: for the model's own transition methods only."""
        return self._workflow_as_transition().write(vals)

    def _workflow_check_state(self, allowed, action):
        """Refuse the transition ``action`` for records not in one of ``allowed``."""
        field = self._fields[self._workflow_state_field]
        labels = (
            dict(field._description_selection(self.env))
            if field.type == "selection"
            else {}
        )
        for record in self:
            state = record[self._workflow_state_field]
            if state not in allowed:
                raise UserError(
                    self.env._(
                        "%(record)s cannot be %(action)s: it is %(state)s.",
                        record=record.display_name,
                        action=action,
                        state=labels.get(state, state)
                        if labels
                        else state.display_name,
                    )
                )

    def _workflow_check_group(self, xmlid, action):
        """Refuse the transition ``action`` to users outside the group ``xmlid``."""
        if self.env.su or self.env.user.has_group(xmlid):
            return
        group = self.env.ref(xmlid)
        raise UserError(
            self.env._(
                "Only members of %(group)s can %(action)s %(model)s.",
                group=group.full_name,
                action=action,
                model=self._description,
            )
        )

    def _workflow_four_eyes_records(self):
        """The records of self the four-eyes rules apply to: none for the system, else
        those of a company that keeps the rule on (Key Accounts settings)."""
        if self.env.su:
            return self.browse()
        return self.filtered(
            lambda r: (
                (r["company_id"] if "company_id" in r else False) or self.env.company
            ).kam_four_eyes
        )

    def _workflow_check_four_eyes(self, requesters):
        """Refuse an approval by the user who made the request (four-eyes principle).

        ``requesters`` maps each record of self to the res.users who requested the
        approval. Each company can turn the rule off (Key Accounts settings) for small
        teams; it is on by default.
        """
        user = self.env.user
        for record in self._workflow_four_eyes_records():
            if user in requesters.get(record, self.env["res.users"]):
                raise UserError(
                    self.env._(
                        "%(record)s: you requested this approval, so somebody else must "
                        "approve it (four-eyes principle).",
                        record=record.display_name,
                    )
                )
