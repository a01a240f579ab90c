// The demo's state and wiring. Every decision on the page comes from rolegate: page visibility from
// principal.visibleConsolePages, button state from the package's DOM helper (bindPermissions),
// reasons from explain/rolesGranting, combination rules from checkAssignments.

import init, { PolicyEngine } from "/pkg/web/index.js"; // the package's plain-browser entry (rolegate/web)
import { bindPermissions } from "/pkg/dom.js";
import { readState, writeState } from "./url-state.js";
import { sampleIds, consoleActions, STARTING_USER, CATALOG_TITLES } from "./presets.js";
import { createScopePicker, scopeSegments } from "./scope-picker.js";
import { EXAMPLE_POLICY_TEXT } from "./example-policy.js";
import { renderNav, renderPageHeader, renderActions, renderExplanation, scopeLabel } from "./console-view.js";
import {
  renderAssignments,
  renderViolationSummary,
  fillRolePicker,
  renderRoleHelp,
  renderPolicyErrors,
  renderPolicyLoaded,
  clearPolicyResult,
} from "./controls-view.js";

const $ = (id) => document.getElementById(id);
const BUILTIN = ["twilio", "voiceflow"];
const CUSTOM_POLICY_KEY = "rolegate-demo:custom-policy";

/** The whole state of the page; the URL mirrors all of it but the custom policy's text. */
const state = {
  catalog: "twilio", // "twilio" | "voiceflow" | "custom"
  engine: null,
  assignments: [], // [{ role, scope }] as given, valid or not
  scope: "",
  page: undefined,
  explaining: null, // { kind: "action"|"page", id, label? }: kept across changes so the panel stays true
};

/** What the current state means, computed by the engine on every change. */
let view = null;
let binding = null;
let addScopePicker = null;
let viewScopePicker = null;

// ---------------------------------------------------------------------------------------------
// Policies

function storedCustomPolicy() {
  try {
    return localStorage.getItem(CUSTOM_POLICY_KEY);
  } catch {
    return null; // storage disabled: custom policies then last for the visit
  }
}

function storeCustomPolicy(text) {
  try {
    localStorage.setItem(CUSTOM_POLICY_KEY, text);
  } catch {
    // storage disabled or full: the policy still works for this visit
  }
}

function engineFor(catalog) {
  if (BUILTIN.includes(catalog)) return PolicyEngine.builtin(catalog);
  return PolicyEngine.fromJson(storedCustomPolicy() ?? "");
}

function catalogTitle() {
  return CATALOG_TITLES[state.catalog] ?? `Custom policy “${state.engine.name}”`;
}

/** A scope to open on: down to the kind most of the policy's pages live at, with sample ids. */
function defaultScope(engine) {
  const kinds = engine.scopeKinds();
  const counts = new Map();
  for (const page of engine.pages()) counts.set(page.scopeKind, (counts.get(page.scopeKind) ?? 0) + 1);
  const busiest = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? kinds[0];
  const depth = Math.max(0, kinds.indexOf(busiest));
  return kinds
    .slice(0, depth + 1)
    .map((kind, i) => `${kind}:${sampleIds(kind, i)[0]}`)
    .join("/");
}

// ---------------------------------------------------------------------------------------------
// Deriving the view

function checkOne(engine, assignment) {
  try {
    engine.checkAssignments([assignment]);
    return null;
  } catch (error) {
    return error; // UNKNOWN_ROLE, BAD_SCOPE, NOT_ASSIGNABLE: shown on the item, left out of decisions
  }
}

function derive() {
  const { engine } = state;
  const rolesById = new Map(engine.roles().map((r) => [r.id, r]));
  const items = state.assignments.map((assignment) => ({
    assignment,
    info: rolesById.get(assignment.role),
    error: checkOne(engine, assignment),
    violations: [],
  }));
  const validItems = items.filter((item) => !item.error);
  const roles = validItems.map((item) => item.assignment);
  for (const violation of engine.checkAssignments(roles)) validItems[violation.index].violations.push(violation);
  const principal = engine.principal(roles);

  let notice = "";
  let visible;
  try {
    visible = principal.visibleConsolePages(state.scope);
  } catch (error) {
    notice = `The scope in the link is not valid (${error.message}); showing ${defaultScope(engine)} instead.`;
    state.scope = defaultScope(engine);
    visible = principal.visibleConsolePages(state.scope);
  }
  const pages = engine.pages();
  const visibleIds = new Set(visible.map((p) => p.id));
  const hasSeats = engine.roles().some((r) => r.seat);
  const seat = hasSeats ? engine.billingSeat(roles, state.scope) ?? null : null;
  return {
    items,
    roles,
    principal,
    pages,
    pagesById: new Map(pages.map((p) => [p.id, p])),
    visible,
    visibleIds,
    hasSeats,
    seat,
    notice,
    violationCount: validItems.reduce((n, item) => n + item.violations.length, 0),
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** Ids per scope level: the samples plus any id the current state uses (links may bring their own). */
function idsAtLevel(level, kind) {
  const ids = [...sampleIds(kind, level)];
  const paths = [state.scope, ...state.assignments.map((a) => a.scope)];
  for (const path of paths) {
    const segment = scopeSegments(path)[level];
    if (segment && segment[0] === kind && segment[1] && !ids.includes(segment[1])) ids.push(segment[1]);
  }
  return ids;
}

function configurePickers() {
  const kinds = state.engine.scopeKinds();
  const role = state.engine.roles().find((r) => r.id === $("add-role").value);
  addScopePicker.configure({ kinds, ids: idsAtLevel, allowedKinds: role?.scopes });
  viewScopePicker.configure({ kinds, ids: idsAtLevel });
  viewScopePicker.value = state.scope;
  renderRoleHelp(role);
}

function writeUrl() {
  const url = writeState({
    catalog: state.catalog,
    roles: state.assignments,
    scope: state.scope,
    page: state.page,
  });
  if (url !== location.search) history.replaceState(null, "", url);
}

/** Everything that depends on the catalog itself (pickers, buttons); then the rest. */
function syncCatalogSwitch() {
  for (const input of document.querySelectorAll('input[name="catalog"]')) {
    input.checked = input.value === state.catalog;
    if (input.value === "custom") input.disabled = storedCustomPolicy() === null && state.catalog !== "custom";
  }
}

function renderCatalog() {
  const { engine } = state;
  syncCatalogSwitch();
  fillRolePicker(engine.roles(), $("add-role").value);
  configurePickers();
  addScopePicker.value = state.scope;

  $("console-title").textContent = catalogTitle();
  $("product-logo").dataset.catalog = state.catalog;
  $("product-logo").textContent = (BUILTIN.includes(state.catalog) ? state.catalog : engine.name).charAt(0).toUpperCase();

  binding?.disconnect();
  const actionsRoot = renderActions(consoleActions(state.catalog, engine.actions()));
  view = derive();
  binding = bindPermissions(actionsRoot, view.principal, { scope: state.scope, mode: "disable" });
  renderState(false);
}

/** Re-evaluates the current assignments and scope, and renders them. */
function renderState(rederive = true) {
  if (rederive) {
    view = derive();
    binding.update(view.principal, state.scope);
  }
  const v = view;
  renderAssignments(v.items, { onRemove: removeAssignment });
  renderViolationSummary(v.violationCount);
  configurePickers();

  const label = scopeLabel(state.scope);
  // The page asked for, if this user sees it; else the first page they see.
  const selected = v.visible.find((p) => p.id === state.page) ?? v.visible[0];
  renderNav({ pages: v.pages, visibleIds: v.visibleIds, selectedId: selected?.id });
  renderPageHeader({ page: selected, scope: state.scope, scopeLabel: label });
  $("actions-title").textContent = `Actions at ${label}`;

  const seat = $("seat");
  seat.hidden = !v.hasSeats;
  seat.textContent = v.seat ? `${v.seat.charAt(0).toUpperCase()}${v.seat.slice(1)} seat` : "No seat";
  seat.title = "The billing seat this user takes at the viewed scope (billingSeat)";
  seat.dataset.seat = v.seat ?? "";

  const notice = $("console-notice");
  notice.hidden = !v.notice;
  notice.textContent = v.notice;

  renderExplanation(state.explaining, explanationContext());
  writeUrl();
}

function explanationContext() {
  return { engine: state.engine, principal: view.principal, roles: view.roles, scope: state.scope, pagesById: view.pagesById };
}

// ---------------------------------------------------------------------------------------------
// Changes

function setCatalog(catalog, { engine, assignments, scope, page } = {}) {
  const nextEngine = engine ?? engineFor(catalog);
  state.catalog = catalog;
  state.engine = nextEngine;
  const start = STARTING_USER[catalog];
  state.assignments = assignments ?? (start ? [...start.roles] : []);
  state.scope = scope ?? (assignments ? assignments[0]?.scope : start?.scope) ?? defaultScope(nextEngine);
  state.page = page;
  state.explaining = null;
  renderCatalog();
}

function addAssignment(event) {
  event.preventDefault();
  const assignment = { role: $("add-role").value, scope: addScopePicker.value };
  const status = $("add-status");
  const name = $("add-role").selectedOptions[0]?.textContent ?? assignment.role;
  if (state.assignments.some((a) => a.role === assignment.role && a.scope === assignment.scope)) {
    status.textContent = `${name} at ${scopeLabel(assignment.scope)} is already in the list.`;
    return;
  }
  state.assignments = [...state.assignments, assignment];
  status.textContent = `Added ${name} at ${scopeLabel(assignment.scope)}.`;
  renderState();
}

function removeAssignment(index) {
  const [removed] = state.assignments.splice(index, 1);
  $("add-status").textContent = removed ? `Removed ${removed.role}.` : "";
  renderState();
}

function loadPastedPolicy() {
  const text = $("policy-text").value;
  let engine;
  try {
    engine = PolicyEngine.fromJson(text);
  } catch (error) {
    // A failed load never became an engine: the one in force stays, untouched.
    renderPolicyErrors(error, catalogTitle());
    return;
  }
  storeCustomPolicy(text);
  setCatalog("custom", { engine, assignments: [] });
  renderPolicyLoaded(engine);
}

/** Hover, focus and click on anything with data-explain-action / data-explain-page explain it. */
function wireExplanations() {
  const frame = $("console-frame");
  const explainFrom = (event) => {
    const target = event.target instanceof Element ? event.target.closest("[data-explain-action], [data-explain-page]") : null;
    if (!target || !frame.contains(target)) return;
    const subject = target.dataset.explainAction
      ? { kind: "action", id: target.dataset.explainAction, label: target.dataset.label }
      : { kind: "page", id: target.dataset.explainPage };
    if (state.explaining?.kind === subject.kind && state.explaining?.id === subject.id && event.type !== "click") return;
    state.explaining = subject;
    renderExplanation(subject, explanationContext());
  };
  frame.addEventListener("pointerover", explainFrom);
  frame.addEventListener("focusin", explainFrom);
  frame.addEventListener("click", (event) => {
    explainFrom(event);
    // On a phone the panel may be a screen away from the button tapped: bring it into view.
    const panel = $("explanation");
    const box = panel.getBoundingClientRect();
    const explained = event.target instanceof Element && event.target.closest("[data-explain-action], .unavailable-link");
    if (explained && (box.top < 0 || box.bottom > innerHeight)) {
      const smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
      panel.scrollIntoView({ block: "nearest", behavior: smooth ? "smooth" : "auto" });
    }
    const select = event.target instanceof Element ? event.target.closest("[data-select-page]") : null;
    if (select) {
      state.page = select.dataset.selectPage;
      renderState(false);
      document.querySelector(`[data-select-page="${CSS.escape(state.page)}"]`)?.focus();
    }
  });
}

function wireControls() {
  addScopePicker = createScopePicker({ id: "add-scope", onChange: () => {} });
  viewScopePicker = createScopePicker({
    id: "view-scope",
    onChange: () => {
      state.scope = viewScopePicker.value;
      renderState();
    },
  });
  $("add-scope-slot").replaceWith(addScopePicker.element);
  $("view-scope-slot").replaceWith(viewScopePicker.element);
  addScopePicker.element.setAttribute("aria-label", "Scope the role is held at");
  viewScopePicker.element.setAttribute("aria-label", "Scope being viewed");

  $("add-role").addEventListener("change", () => {
    $("add-status").textContent = "";
    configurePickers();
  });
  $("add-form").addEventListener("submit", addAssignment);
  for (const input of document.querySelectorAll('input[name="catalog"]')) {
    input.addEventListener("change", () => {
      if (!input.checked) return;
      try {
        setCatalog(input.value);
        clearPolicyResult();
      } catch (error) {
        // Only the stored custom policy can fail here; the catalog in force stays, and says so.
        renderPolicyErrors(error, catalogTitle());
        syncCatalogSwitch();
      }
    });
  }
  $("policy-load").addEventListener("click", loadPastedPolicy);
  $("policy-example").addEventListener("click", () => {
    $("policy-text").value = EXAMPLE_POLICY_TEXT;
    $("policy-text").focus();
  });
}

/** Opens the state the URL describes; anything it gets wrong falls back to a default, visibly. */
function openFromUrl() {
  const wanted = readState(location.search);
  const catalog = wanted.catalog ?? "twilio";
  let notice;
  if (catalog === "custom" && storedCustomPolicy() === null) {
    notice = "The link asks for a custom policy, but none is stored in this browser; showing Twilio.";
  } else if (catalog !== "custom" && !BUILTIN.includes(catalog)) {
    notice = `There is no catalog “${catalog}”; showing Twilio.`;
  } else {
    try {
      setCatalog(catalog, { assignments: wanted.roles, scope: wanted.scope, page: wanted.page });
      if (catalog === "custom") $("policy-text").value = storedCustomPolicy() ?? "";
      return;
    } catch (error) {
      notice = `The custom policy stored in this browser no longer loads (${error.message}); showing Twilio.`;
    }
  }
  setCatalog("twilio");
  const box = $("console-notice");
  box.hidden = false;
  box.textContent = notice;
}

export async function main() {
  await init();
  wireControls();
  wireExplanations();
  openFromUrl();
  $("console-loading").hidden = true;
  $("console-frame").hidden = false;
  document.body.dataset.state = "ready";
}
