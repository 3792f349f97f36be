/** @odoo-module **/
/* Copyright 2026 Key Account Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/* The grid and the scorecards are drawn on canvases: the figure is read from the
 * dashboard's o-spreadsheet model, found in the component tree. */
function spreadsheetModel() {
    const visit = (node) => {
        const model = node.component && node.component.props && node.component.props.model;
        if (model && model.getters && model.getters.getEvaluatedCell) {
            return model;
        }
        for (const child of Object.values(node.children)) {
            const found = visit(child);
            if (found) {
                return found;
            }
        }
        return null;
    };
    return visit(odoo.__WOWL_DEBUG__.root.__owl__);
}

async function evaluatedNumber(sheetName, col, row) {
    for (let attempt = 0; attempt < 150; attempt++) {
        const model = spreadsheetModel();
        if (model) {
            const sheetId = model.getters
                .getSheetIds()
                .find((id) => model.getters.getSheetName(id) === sheetName);
            const cell = model.getters.getEvaluatedCell({sheetId, col, row});
            if (cell.type === "error") {
                throw new Error(`${sheetName} cell: ${cell.message}`);
            }
            if (typeof cell.value === "number") {
                return cell.value;
            }
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${sheetName} cell never got a number`);
}

/* Every cell of every sheet evaluated and none in error: a data source that asks for a
 * field the server refuses shows "#ERROR" in its cells, not in the console. */
async function allCellsComputed(name) {
    for (let attempt = 0; attempt < 150; attempt++) {
        const model = spreadsheetModel();
        const cells = model
            ? model.getters
                  .getSheetIds()
                  .flatMap((sheetId) => model.getters.getEvaluatedCells(sheetId))
            : [];
        const errors = cells.filter((cell) => cell.type === "error");
        if (cells.length && errors.every((cell) => cell.value !== "Loading...")) {
            if (errors.length) {
                throw new Error(`${name}: ${errors.map((c) => c.message).join("; ")}`);
            }
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${name}: the figures never finished loading`);
}

function openDashboard(name, scorecard) {
    return [
        {
            content: `Open the dashboard ${name}`,
            trigger: `.o_spreadsheet_dashboard_search_panel li[data-name="${name}"]`,
            run: "click",
        },
        {
            content: `${name} is shown, its first figure titled in Chinese`,
            trigger: `.o_renderer canvas.o-scorecard[title="${scorecard}"]`,
        },
        {
            content: `${name}: every figure is computed, none in error`,
            trigger: `.o_renderer canvas.o-scorecard[title="${scorecard}"]`,
            run: () => allCellsComputed(name),
        },
    ];
}

registry.category("web_tour.tours").add("key_account_dashboard_tour", {
    steps: () => [
        ...openDashboard("样板客户", "样板客户"),
        ...openDashboard("关怀与合规", "关怀达成率 (%)"),
        ...openDashboard("重点客户", "重点客户"),
        {
            content: "The key-account count is what the record rules let the user read",
            trigger: ".o_renderer canvas.o-scorecard[title='重点客户']",
            run: async () => {
                const shown = await evaluatedNumber("Data", 1, 0);
                const orm = odoo.__WOWL_DEBUG__.root.env.services.orm;
                const expected = await orm.searchCount("kam.tier.pyramid.report", []);
                if (shown !== expected) {
                    throw new Error(`Key accounts shows ${shown}, the user reads ${expected}`);
                }
            },
        },
    ],
});
