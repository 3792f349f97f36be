# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class KamStageLifecycleMixin(models.AbstractModel):
    """A lifecycle of configurable stages: move, gates, history.

    The one stage engine of the product: the account lifecycle of res.partner uses it,
    and so do the lifecycles the upper addons add. On top of
    :class:`kam.workflow.mixin`, which keeps the stage field out of the client's reach:

    - a move is a write of the stage field by a transition method
      (:meth:`_workflow_write`) or by the system; the model's own checks (e.g. the
      account's churned rule) go in :meth:`_stage_check_move`;
    - a forward move (by the stages' ``sequence, id`` order, see
      :meth:`_stage_is_forward`) must meet what the stages entered require: the gates
      are data on the stage model, read by :meth:`_stage_missing_requirements`;
    - each move writes the date into the stage date field and one line into the
      history model (a ``kam.stage.history.mixin``), with the days spent in the
      previous stage; :meth:`_stage_moved` runs after (rewards...).

    A model sets ``_stage_field``, ``_stage_date_field``, ``_stage_history_model``
    and ``_stage_history_record_field``, and lists the two fields in
    ``_workflow_fields``.
    """

    _name = "kam.stage.lifecycle.mixin"
    _description = "Stage Lifecycle with Gates and History"
    _inherit = ["kam.workflow.mixin"]

    _stage_field = "stage_id"
    _stage_date_field = "stage_date"
    _stage_history_model = None
    _stage_history_record_field = None

    # --- the stages ------------------------------------------------------------------
    def _stage_model(self):
        return self.env[self._fields[self._stage_field].comodel_name]

    def _stage_path_domain(self):
        """The stages Next and Previous walk through. Extend to leave some out."""
        return []

    def _stage_initial(self):
        """The stage a new record starts in without a move (none by default)."""
        return self._stage_model()

    @api.model
    def _stage_key(self, stage):
        return (stage.sequence, stage.id)

    @api.model
    def _stage_is_forward(self, from_stage, to_stage):
        """Whether moving from ``from_stage`` to ``to_stage`` goes forward (gated)."""
        return not from_stage or self._stage_key(to_stage) > self._stage_key(from_stage)

    @api.model
    def _stage_gates(self, from_stage, to_stage):
        """The stages whose requirements a forward move must meet."""
        return to_stage

    def _stage_next(self):
        """The stage Next moves the record to (empty in the last stage)."""
        self.ensure_one()
        current = self.sudo()[self._stage_field]
        stages = self._stage_model().search(self._stage_path_domain())
        if not current:
            return stages[:1]
        key = self._stage_key(current)
        return stages.filtered(lambda s: self._stage_key(s) > key)[:1]

    def _stage_previous(self):
        """The stage Previous moves the record to (empty in the first stage)."""
        self.ensure_one()
        current = self.sudo()[self._stage_field]
        if not current:
            return self._stage_model()
        key = self._stage_key(current)
        stages = self._stage_model().search(self._stage_path_domain())
        return stages.filtered(lambda s: self._stage_key(s) < key)[-1:]

    # --- gates -----------------------------------------------------------------------
    def _stage_missing_requirements(self, stage):
        """Return {record id: [labels of what entering ``stage`` requires and the
        record lacks]}. Extend to add requirements."""
        return {}

    def _stage_check_entry(self, stage, gates=None):
        """Refuse when a record of self lacks what entering ``stage`` requires (and,
        with ``gates``, what those stages require), naming everything missing."""
        missing = {}
        for gate in gates or stage:
            for record_id, items in self._stage_missing_requirements(gate).items():
                listed = missing.setdefault(record_id, [])
                listed.extend(item for item in items if item not in listed)
        for record in self:
            if missing.get(record.id):
                raise UserError(
                    self.env._(
                        "%(record)s cannot enter the stage %(stage)s. Missing:\n- "
                        "%(missing)s",
                        record=record.display_name,
                        stage=stage.name,
                        missing="\n- ".join(missing[record.id]),
                    )
                )

    def _stage_check_move(self, stage, previous):
        """Refuse the move of self into ``stage``; ``previous`` maps each record id to
        (its stage, since when). Extend to add rules; forward moves pass the gates."""
        by_origin = {}
        for record in self:
            origin = previous[record.id][0]
            if self._stage_is_forward(origin, stage):
                by_origin.setdefault(origin, []).append(record.id)
        for origin, ids in by_origin.items():
            self.browse(ids)._stage_check_entry(stage, self._stage_gates(origin, stage))

    # --- history ---------------------------------------------------------------------
    def _stage_history_values(self, stage_from, since, now):
        """Values of the history line of this record's move (extend to add)."""
        self.ensure_one()
        return {
            self._stage_history_record_field: self.id,
            "stage_from_id": stage_from.id,
            "stage_to_id": self.sudo()[self._stage_field].id,
            "date": now,
            "days_in_previous": (now - since).total_seconds() / 86400 if since else 0.0,
            "user_id": self.env.uid,
        }

    def _stage_record_moves(self, previous, now):
        # the history is an audit trail: written by the system, whoever moves
        self.env[self._stage_history_model].sudo().create(
            [
                record._stage_history_values(*previous[record.id], now)
                for record in self.sudo()
            ]
        )

    def _stage_moved(self, stage):
        """Called on the records that just moved into ``stage``. Extend to act."""

    # --- CRUD --------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        initial = self._stage_initial()
        fname = self._stage_field
        # sudo: the stage may be a field of a group the creating user is not in
        staged = records.sudo().filtered(lambda r: r[fname] and r[fname] != initial)
        if staged:
            now = fields.Datetime.now()
            previous = dict.fromkeys(staged.ids, (initial, False))
            for stage in staged[fname]:
                moved = staged.filtered(lambda r, s=stage: r[fname] == s)
                moved._stage_check_move(stage, previous)
                moved._stage_record_moves(previous, now)
                moved._stage_moved(stage)
        return records

    def write(self, vals):
        fname = self._stage_field
        if fname not in vals or not self._workflow_trusted():
            # kam.workflow.mixin refuses a stage change that is no transition
            return super().write(vals)
        stage = self._stage_model().browse(self._workflow_normalise(fname, vals[fname]))
        moving = self.filtered(lambda r: r.sudo()[fname] != stage)
        previous = {r.id: (r[fname], r[self._stage_date_field]) for r in moving.sudo()}
        if stage:
            moving._stage_check_move(stage, previous)
        now = fields.Datetime.now()
        res = True
        if moving:
            res = super(KamStageLifecycleMixin, moving).write(
                dict(vals, **{self._stage_date_field: now})
            )
        if self - moving:
            res = super(KamStageLifecycleMixin, self - moving).write(vals)
        if stage and moving:
            moving._stage_record_moves(previous, now)
            moving._stage_moved(stage)
        return res
