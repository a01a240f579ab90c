// The left panel: the user's role assignments (with checkAssignments' violations inline), the role
// and scope pickers that add one, and the result of loading a pasted policy.

import { h, clear, richText } from "./html.js";
import { ROLE_TYPE_LABELS } from "./presets.js";
import { scopeSegments } from "./scope-picker.js";

const $ = (id) => document.getElementById(id);

function scopeChips(scope) {
  if (scope === undefined) return h("span", { class: "scope-path" }, "wherever asked");
  return h(
    "span",
    { class: "scope-path", title: scope },
    scopeSegments(scope).flatMap(([kind, id], i) => [
      i ? h("span", { class: "scope-sep", "aria-hidden": "true" }, "/") : "",
      h("span", { class: "scope-seg" }, h("span", { class: "scope-kind" }, kind), " ", h("span", { class: "scope-id" }, id)),
    ]),
  );
}

function roleMeta(info) {
  if (!info) return "";
  return [info.type && info.type !== "custom" ? info.type : "", info.group ?? ""].filter(Boolean).join(" · ");
}

/**
 * items: [{ assignment, info?, error?, violations: [] }]. `onRemove(index)` removes one; focus
 * moves to the next remove button (or the role picker) so keyboard users do not lose their place.
 */
export function renderAssignments(items, { onRemove }) {
  const list = $("assignments");
  if (items.length === 0) {
    clear(list, h("li", { class: "assignment empty" }, "No roles. This user sees only pages that need nothing."));
    return;
  }
  clear(
    list,
    items.map(({ assignment, info, error, violations }, index) => {
      const name = info?.name ?? assignment.role;
      const where = assignment.scope ?? "any scope";
      const state = error ? "invalid" : violations.length ? "violation" : "ok";
      return h(
        "li",
        { class: `assignment ${state}`, dataset: { assignment: `${assignment.role}@${assignment.scope ?? ""}`, state } },
        h(
          "div",
          { class: "assignment-main" },
          h("span", { class: "role-name" }, name, roleMeta(info) ? h("span", { class: "role-meta" }, roleMeta(info)) : ""),
          scopeChips(assignment.scope),
        ),
        h(
          "button",
          {
            type: "button",
            class: "icon-button",
            "aria-label": `Remove ${name} at ${where}`,
            title: "Remove",
            onclick: () => {
              onRemove(index);
              const buttons = list.querySelectorAll(".icon-button");
              (buttons[Math.min(index, buttons.length - 1)] ?? $("add-role")).focus();
            },
          },
          "×",
        ),
        error ? h("p", { class: "assignment-problem not-applied", role: "note" }, h("strong", {}, "Not applied: "), richText(error.message)) : "",
        violations.map((v) => h("p", { class: "assignment-problem violation", role: "note" }, h("strong", {}, "Can't be combined: "), richText(v.message))),
      );
    }),
  );
}

export function renderViolationSummary(count) {
  const summary = $("violations-summary");
  summary.hidden = count === 0;
  summary.textContent =
    count === 0 ? "" : `${count} combination rule${count === 1 ? " is" : "s are"} broken: a role-assignment screen would refuse this set. Decisions below still follow the grants.`;
}

/** The role picker, grouped by role type (General, Built-in, Organization … as the policy has them). */
export function fillRolePicker(roles, keep) {
  const select = $("add-role");
  const byType = new Map();
  for (const role of roles) {
    const type = role.type ?? "custom";
    if (!byType.has(type)) byType.set(type, []);
    byType.get(type).push(role);
  }
  const order = Object.keys(ROLE_TYPE_LABELS);
  const types = [...byType.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  const label = (type) => ROLE_TYPE_LABELS[type] ?? (type === "custom" ? "Roles" : `${type.charAt(0).toUpperCase()}${type.slice(1)} roles`);
  select.replaceChildren(
    ...types.map((type) =>
      h("optgroup", { label: label(type) }, byType.get(type).map((role) => h("option", { value: role.id }, role.group ? `${role.name} (${role.group})` : role.name))),
    ),
  );
  if (keep && roles.some((r) => r.id === keep)) select.value = keep;
}

export function renderRoleHelp(info) {
  const help = $("add-role-help");
  $("add-held-at").textContent = info ? `(${info.scopes.join(", ")})` : "";
  if (!info) return clear(help);
  clear(help, info.description || "The policy gives no description for this role.");
}

/** A failed load: every problem with its JSON pointer; the policy in force is named. */
export function renderPolicyErrors(error, inForce) {
  const problems = Array.isArray(error?.errors) ? error.errors : [];
  const box = $("policy-result");
  box.dataset.result = "error";
  clear(
    box,
    h(
      "p",
      { class: "policy-result-title" },
      h("strong", {}, "Not loaded. "),
      problems.length > 1 ? `${problems.length} problems. ` : "",
      `${inForce} stays in force.`,
    ),
    problems.length
      ? h(
          "ol",
          { class: "policy-errors" },
          // "" points at the whole document (a JSON syntax error): no pointer worth showing.
          problems.map((p) => h("li", { dataset: { path: p.path } }, p.path ? [h("code", { class: "pointer" }, p.path), " "] : "", h("span", {}, richText(p.message)))),
        )
      : h("p", { class: "policy-errors-message" }, richText(error?.message ?? String(error))),
  );
}

export function renderPolicyLoaded(engine) {
  const box = $("policy-result");
  box.dataset.result = "ok";
  clear(
    box,
    h(
      "p",
      { class: "policy-result-title" },
      h("strong", {}, `Loaded “${engine.name}”: `),
      `${engine.roles().length} roles, ${engine.actions().length} actions, ${engine.pages().length} pages. Its console is shown now.`,
    ),
  );
}

export function clearPolicyResult() {
  const box = $("policy-result");
  box.dataset.result = "";
  clear(box);
}
