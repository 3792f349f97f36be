/** @odoo-module */
// The claim tour of key_account_claim_tour.js for a user in Taiwan (zh_TW): actions are found by
// stable attributes (menu xmlid, button names), and the checks read the Taiwan-usage labels, so the
// tour fails when the zh_TW translations are not loaded or fall back to English or to mainland usage.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("key_account_claim_tour_zh_tw", {
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
            trigger: ".o_kanban_record:contains('巡檢客戶 Taipei')",
            run: "click",
        },
        {
            content: "The account is a target (stage name from the zh_TW data terms)",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('目標客戶')",
        },
        {
            content: "Claim it (button label from the zh_TW view terms)",
            trigger: "button[name='action_kam_claim']:contains('認領')",
            run: "click",
        },
        {
            content: "Claiming lists it",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('清單客戶')",
        },
        {
            content: "Try to advance without a contact person",
            trigger: "button[name='action_kam_advance']",
            run: "click",
        },
        {
            content: "The gate names what is missing, in Taiwan usage (聯絡人, not 聯繫人)",
            trigger: ".modal .modal-body:contains('至少一位聯絡人'):not(:contains('at least'))",
        },
        {
            trigger: ".modal .btn-primary",
            run: "click",
        },
        {
            content: "Still listed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('清單客戶')",
        },
    ],
});
