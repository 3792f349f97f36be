/** @odoo-module **/
/* Copyright 2026 Key Account Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
// The SME grid's first hour: a territory salesperson claims a pool account whose customer
// file lacks its industry, is told what is missing, completes the file and claims again.
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const ACCOUNT = "SME Tour 网格客户";

registry.category("web_tour.tours").add("kam_sme_grid_tour", {
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
            trigger: `.o_kanban_record:contains('${ACCOUNT}')`,
            run: "click",
        },
        {
            content: "The account is a target",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Target')",
        },
        {
            content: "Claim it",
            trigger: "button[name=action_kam_claim]",
            run: "click",
        },
        {
            content: "The claim is refused and names the missing item",
            trigger:
                ".modal .modal-body:contains('customer file is incomplete'):contains('Missing: Industry')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Still a target, unclaimed",
            trigger:
                "body:not(:has(.modal)) .o_statusbar_status .o_arrow_button_current:contains('Target')",
        },
        {
            content: "Open the customer file",
            trigger: ".o_notebook_headers a[name=kam_customer_file]",
            run: "click",
        },
        {
            content: "The checklist shows the industry as missing",
            trigger:
                ".o_field_widget[name=kam_customer_file_missing_ids] .o_tag:contains('Industry')",
        },
        {
            content: "The industry is kept with the company's sales details",
            trigger: ".o_notebook_headers a[name=sales_purchases]",
            run: "click",
        },
        {
            content: "Fill in the industry",
            trigger: ".o_field_widget[name=industry_id] input",
            run: "edit Manufacturing",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Manufacturing')",
            run: "click",
        },
        ...stepUtils.saveForm(),
        {
            content: "Back to the customer file",
            trigger: ".o_notebook_headers a[name=kam_customer_file]",
            run: "click",
        },
        {
            content: "The file is complete",
            trigger: ".o_notebook .alert-success",
        },
        {
            content: "Claim it again",
            trigger: "button[name=action_kam_claim]",
            run: "click",
        },
        {
            content: "The claim lists it",
            trigger:
                "body:not(:has(.modal)) .o_statusbar_status .o_arrow_button_current:contains('Listed')",
        },
    ],
});
