/* Copyright 2026 Key Account Suite contributors
   License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("rc_care_tour", {
    steps: () => [
        {
            content: "The gift awaiting approval is in the To Approve column",
            trigger: ".o_kanban_group:contains('To Approve') .o_kanban_record:contains('Pu')",
            run: "click",
        },
        {
            content: "The reviewer sees the tier validation buttons",
            trigger: ".o_form_view button[name=validate_tier]",
        },
        {
            content: "The over-limit warning is shown",
            trigger: ".o_form_view .alert-warning:contains('manager must approve')",
        },
        {
            content: "Open the care occasions",
            trigger: ".o_main_navbar .o_menu_sections button:contains('Care')",
            run: "click",
        },
        {
            trigger: ".dropdown-menu a:contains('Care Occasions')",
            run: "click",
        },
        {
            content: "Due greetings are listed",
            trigger: ".o_list_view .o_data_row:contains('Birthday greetings')",
        },
        {
            content: "Open the interactions",
            trigger: ".o_main_navbar .o_menu_sections button:contains('Care')",
            run: "click",
        },
        {
            trigger: ".dropdown-menu a:contains('Interactions')",
            run: "click",
        },
        {
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "Interactions in kanban",
            trigger: ".o_kanban_view .o_kanban_record:contains('Shanghai Metro')",
        },
    ],
});
