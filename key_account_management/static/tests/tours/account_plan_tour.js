/** @odoo-module **/
/* Copyright 2026 Key Account Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("kam_account_plan_tour", {
    steps: () => [
        {
            content: "The reviewer rejects the submitted plan",
            trigger: "button[name=reject_tier]",
            run: "click",
        },
        {
            content: "A comment is asked for",
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit KPI 不可衡量 Tour comment",
        },
        {
            content: "Return the plan",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The form shows why it was returned",
            trigger: ".alert-warning:contains('Tour comment')",
        },
        {
            content: "The owner submits it again",
            trigger: "button[name=action_submit]",
            run: "click",
        },
        {
            content: "The reviewer validates",
            trigger: "button[name=validate_tier]",
            run: "click",
        },
        {
            content: "The approved plan can be started",
            trigger: "button[name=action_start]",
            run: "click",
        },
        {
            content: "The plan is in execution",
            trigger: "button[name=action_close]",
        },
    ],
});
