# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data that XML cannot express, run by the post-init hook. Without the demo
records (a production database) it does nothing.

The demo showcases (demo/sc_showcase_demo.xml) are created in planning; this walks each
through the real gates to its stage, as its team would: what a gate asks for (criteria,
documents, signature, review) is supplied first, the review is approved by another
manager (four-eyes). Then demo/sc_showcase_demo_marketing.xml, which needs showcases
in their stages (events, site visits, promotions), is loaded."""

from odoo.tools import convert_file

# (demo showcase, the stage it is walked to), by XML id
DEMO_STAGES = [
    ("sc_showcase_demo_assessment", "sc_showcase_stage_assessment"),
    ("sc_showcase_demo_review", "sc_showcase_stage_review"),
    ("sc_showcase_demo_signing", "sc_showcase_stage_signing"),
    ("sc_showcase_demo_implementation", "sc_showcase_stage_implementation"),
    ("sc_showcase_demo_delivery", "sc_showcase_stage_delivery"),
    ("sc_showcase_demo_maintenance", "sc_showcase_stage_maintenance"),
    ("sc_showcase_demo_marketing", "sc_showcase_stage_marketing"),
    ("sc_showcase_demo_upgrade", "sc_showcase_stage_upgrade"),
]


def post_init_hook(env):
    if not env.ref(
        "showcase_program.sc_showcase_demo_planning", raise_if_not_found=False
    ):
        return
    for xmlid, stage_xmlid in DEMO_STAGES:
        _walk_to(
            env.ref(f"showcase_program.{xmlid}"),
            env.ref(f"showcase_program.{stage_xmlid}"),
        )
    convert_file(
        env,
        "showcase_program",
        "demo/sc_showcase_demo_marketing.xml",
        {},
        mode="init",
        noupdate=True,
        kind="demo",
    )
    # the showcase office works in Chinese when the database has it (scripts/start.sh)
    if env["res.lang"].search([("code", "=", "zh_CN")]):
        env.ref("showcase_program.user_sc_office").lang = "zh_CN"


def _walk_to(showcase, target):
    env = showcase.env
    manager = env.ref("key_account_management.user_kam_chen")
    # four-eyes: the review chen submits is approved by another manager
    reviewer = env.ref("base.user_admin")
    showcase = showcase.with_user(manager)
    for _step in range(20):
        if showcase.stage_id == target:
            break
        if showcase.review_state == "pending":
            showcase.with_user(reviewer).validate_tier()
        next_stage = showcase._stage_next()
        _fulfil(showcase, next_stage)
        showcase.action_next_stage()


def _fulfil(showcase, stage):
    """Supply what the gate of ``stage`` asks for."""
    env = showcase.env
    if stage.require_qualification:
        showcase.criterion_ids = env["sc.qualification.criterion"].search(
            [("level", "=", showcase.level)]
        )
    rule = stage.agreement_requirement
    if rule == "always" or (rule != "none" and rule == showcase.signing_timing):
        draft = showcase.agreement_ids.filtered(
            lambda a: a.state in ("draft", "negotiation")
        )[:1]
        if draft and not showcase.current_agreement_id:
            draft.action_sign()
    have = showcase.deliverable_ids
    missing = stage.requirement_ids.filtered(
        lambda r: r.level == showcase.level
        and r.document_type_id not in have.document_type_id
    )
    new = env["sc.deliverable"].create(
        [
            {
                "showcase_id": showcase.id,
                "document_type_id": r.document_type_id.id,
                "user_id": showcase.user_id.id,
                "consent_to_publish": True,
                "content": f"<p>{r.document_type_id.name}: {showcase.name}</p>",
            }
            for r in missing
        ]
    )
    todo = (have | new).filtered(
        lambda d: d.state != "approved"
        and d.document_type_id in stage.requirement_ids.document_type_id
    )
    todo.filtered(lambda d: d.state == "draft").action_submit()
    todo.write({"consent_to_publish": True})
    todo.action_approve()
