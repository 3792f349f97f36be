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

DEMO_STAGES = [
    ("sc_showcase_demo_assessment", "assessment"),
    ("sc_showcase_demo_review", "review"),
    ("sc_showcase_demo_signing", "signing"),
    ("sc_showcase_demo_implementation", "implementation"),
    ("sc_showcase_demo_delivery", "delivery"),
    ("sc_showcase_demo_maintenance", "maintenance"),
    ("sc_showcase_demo_marketing", "marketing"),
    ("sc_showcase_demo_upgrade", "upgrade"),
]


def post_init_hook(env):
    if not env.ref(
        "showcase_program.sc_showcase_demo_planning", raise_if_not_found=False
    ):
        return
    for xmlid, stage_code in DEMO_STAGES:
        _walk_to(env.ref(f"showcase_program.{xmlid}"), stage_code)
    convert_file(
        env,
        "showcase_program",
        "demo/sc_showcase_demo_marketing.xml",
        {},
        mode="init",
        noupdate=True,
        kind="demo",
    )


def _walk_to(showcase, stage_code):
    env = showcase.env
    target = env["sc.showcase.stage"].search([("code", "=", stage_code)])
    manager = env.ref("key_account_management.user_kam_chen")
    # four-eyes: the review chen submits is approved by another manager
    reviewer = env.ref("base.user_admin")
    showcase = showcase.with_user(manager)
    for _step in range(20):
        if showcase.stage_id == target:
            break
        if showcase.review_state == "pending":
            showcase.with_user(reviewer).action_approve_review()
        next_stage = showcase._get_next_stage()
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
