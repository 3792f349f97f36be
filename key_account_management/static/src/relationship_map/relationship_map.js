/** @odoo-module **/
/* Copyright 2026 Key Account Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {
    Component,
    onMounted,
    onPatched,
    onWillStart,
    useExternalListener,
    useRef,
    useState,
} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

export class RelationshipMap extends Component {
    static template = "key_account_management.RelationshipMap";
    static props = {"*": true};

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.boardRef = useRef("board");
        this.state = useState({data: null, lines: [], focus: null, error: null});
        const action = this.props.action || {};
        this.accountId =
            (action.params && action.params.account_id) ||
            (action.context && action.context.active_id);
        onWillStart(() => this.load());
        onMounted(() => this.computeLines());
        onPatched(() => this.computeLines());
        useExternalListener(window, "resize", () => this.computeLines());
    }

    async load() {
        if (!this.accountId) {
            this.state.error = true;
            return;
        }
        this.state.data = await this.orm.call("res.partner", "kam_relationship_map_data", [
            this.accountId,
        ]);
    }

    get columns() {
        const data = this.state.data;
        return data.roles.map((role) => ({
            ...role,
            key: role.code || "none",
            people: data.people.filter((p) => (p.role || false) === role.code),
        }));
    }

    personClass(person) {
        const classes = [`o_kam_attitude_${person.attitude || "unknown"}`];
        if (person.left) {
            classes.push("o_kam_left");
        }
        if (this.state.focus && this.state.focus !== person.id) {
            const focus = this.state.data.people.find((p) => p.id === this.state.focus);
            const related =
                person.reports_to_id === this.state.focus ||
                (focus && focus.reports_to_id === person.id);
            classes.push(related ? "o_kam_related" : "o_kam_dimmed");
        }
        return classes.join(" ");
    }

    computeLines() {
        const board = this.boardRef.el;
        if (!board || !this.state.data) {
            return;
        }
        const origin = board.getBoundingClientRect();
        const lines = [];
        for (const person of this.state.data.people) {
            if (!person.reports_to_id) {
                continue;
            }
            const from = board.querySelector(`[data-person-id="${person.id}"]`);
            const to = board.querySelector(`[data-person-id="${person.reports_to_id}"]`);
            if (!from || !to) {
                continue;
            }
            const a = from.getBoundingClientRect();
            const b = to.getBoundingClientRect();
            // Join the facing edges: side by side across roles, or top to bottom.
            const dx = b.left + b.width / 2 - (a.left + a.width / 2);
            const dy = b.top + b.height / 2 - (a.top + a.height / 2);
            let x1 = a.left + a.width / 2;
            let y1 = a.top + a.height / 2;
            let x2 = b.left + b.width / 2;
            let y2 = b.top + b.height / 2;
            if (Math.abs(dx) > Math.abs(dy)) {
                x1 = dx > 0 ? a.right : a.left;
                x2 = dx > 0 ? b.left : b.right;
            } else {
                y1 = dy > 0 ? a.bottom : a.top;
                y2 = dy > 0 ? b.top : b.bottom;
            }
            lines.push({
                key: `${person.id}-${person.reports_to_id}`,
                x1: Math.round(x1 - origin.left),
                y1: Math.round(y1 - origin.top),
                x2: Math.round(x2 - origin.left),
                y2: Math.round(y2 - origin.top),
                focus: [person.id, person.reports_to_id].includes(this.state.focus),
            });
        }
        // Only write when something moved, so that patching does not loop.
        if (JSON.stringify(lines) !== JSON.stringify(this.state.lines)) {
            this.state.lines = lines;
        }
    }

    toggleFocus(person) {
        this.state.focus = this.state.focus === person.id ? null : person.id;
    }

    openPerson(person) {
        this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: "res.partner",
            res_id: person.id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    openAccount() {
        this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: "res.partner",
            res_id: this.state.data.account.id,
            views: [[false, "form"]],
            target: "current",
        });
    }
}

registry.category("actions").add("kam_relationship_map", RelationshipMap);
