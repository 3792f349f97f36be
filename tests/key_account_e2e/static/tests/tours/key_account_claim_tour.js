/** @odoo-module */
// A salesperson opens the Key Accounts app, finds an account of their territory's pool,
// claims it and sees it move to "Listed", then advances it and meets the stage gate.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("key_account_claim_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("key_account_management.key_account_root_menu"),
        {
            content: "Show the territory pool, not only my accounts",
            trigger: ".o_searchview .o_facet_remove",
            run: "click",
        },
        {
            content: "Open the pool account",
            trigger: ".o_kanban_record:contains('Tour Account 巡检客户')",
            run: "click",
        },
        {
            content: "The account is a target",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Target')",
        },
        {
            content: "Claim it",
            trigger: "button[name='action_kam_claim']",
            run: "click",
        },
        {
            content: "Claiming lists it",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Listed')",
        },
        {
            content: "Try to advance without a contact person",
            trigger: "button[name='action_kam_advance']",
            run: "click",
        },
        {
            content: "The gate names what is missing",
            trigger: ".modal:contains('at least one contact person')",
        },
        {
            trigger: ".modal .btn-primary",
            run: "click",
        },
        {
            content: "Still listed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Listed')",
        },
    ],
});
