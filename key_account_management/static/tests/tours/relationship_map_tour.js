/** @odoo-module **/
/* Copyright 2026 Key Account Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("kam_relationship_map_tour", {
    steps: () => [
        {
            content: "Open the relationship map of the account",
            trigger: "button[name=action_kam_relationship_map]",
            run: "click",
        },
        {
            content: "People are shown by role, coloured by attitude",
            trigger:
                ".o_kam_column:has(.o_kam_column_title:contains('Approver')) " +
                ".o_kam_person.o_kam_attitude_exclusive:contains('Tour Approver')",
        },
        {
            content: "Reporting lines are drawn",
            // A horizontal line has no height: check it through its visible board.
            trigger: ".o_kam_board:has(.o_kam_lines line[marker-end])",
        },
        {
            content: "Focus the approver",
            trigger: ".o_kam_person:contains('Tour Approver')",
            run: "click",
        },
        {
            content: "Their direct report is highlighted",
            trigger: ".o_kam_person.o_kam_related:contains('Tour Decider')",
        },
    ],
});
