/* Copyright 2026 Key Account Suite contributors
   License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
// A showcase manager moves a showcase from Implementation to Delivery: the gate refuses
// it for the missing implementation plan, the plan is added and approved, the gate
// passes, and the case package is printed as PDF.
import {download} from "@web/core/network/download";
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("sc_showcase_journey_tour", {
    steps: () => [
        {
            content: "The showcase is in implementation",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Implementation')",
        },
        {
            content: "Try to move it on",
            trigger: ".o_form_view button[name=action_next_stage]",
            run: "click",
        },
        {
            content: "The gate names the missing document",
            trigger:
                ".modal:contains('cannot enter the stage Delivery'):contains('Implementation plan (implementation document) missing')",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Still in implementation",
            trigger:
                "body:not(:has(.modal)) .o_statusbar_status .o_arrow_button_current:contains('Implementation')",
        },
        {
            content: "Open the showcase's documents",
            trigger: ".o_form_view button[name=action_open_deliverables]",
            run: "click",
        },
        {
            content: "Add a document",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=document_type_id] input",
            run: "edit Implementation plan",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Implementation plan')",
            run: "click",
        },
        {
            content: "Write the plan",
            trigger: ".o_form_view .o_field_html[name=content] .odoo-editor-editable div.o-paragraph",
            run: "editor Rollout in three phases, one line at a time.",
        },
        {
            content: "Submit it",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            content: "The document is approved",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Approved')",
        },
        {
            content: "Back to the showcase",
            trigger: ".o_breadcrumb a:contains('Tour Showcase')",
            run: "click",
        },
        {
            content: "Move it on again",
            trigger: ".o_form_view button[name=action_next_stage]",
            run: "click",
        },
        {
            content: "The gate passes: the showcase is delivered",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Delivery')",
        },
        {
            content: "Open the actions menu",
            trigger: ".o_form_view .o_cp_action_menus i.fa-cog",
            async run(helpers) {
                // Record the file the report download returns (its name comes from the
                // report's print_report_name), so that the last step can wait for it.
                const original = download._download;
                download._download = async (options) => {
                    const filename = await original(options);
                    document.body.dataset.scPrinted = filename || "";
                    return filename;
                };
                await helpers.click();
            },
        },
        {
            content: "Print the case package",
            trigger: ".o-dropdown--menu .o_menu_item:contains('Case Package')",
            run: "click",
        },
        {
            content: "The PDF was downloaded",
            trigger: "body[data-sc-printed^='Case Package - Tour Showcase']",
        },
    ],
});
