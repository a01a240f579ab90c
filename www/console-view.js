// The mock console: navigation gated by visibleConsolePages, action buttons gated by the package's
// DOM helper (data-can), and the "why" panel. It renders what it is given; decisions come from the
// engine (through app.js) and from the DOM helper.

import { h, clear, richText } from "./html.js";
import { explainAction, explainPage, pageRequirement, fillPath } from "./explain.js";
import { scopeSegments } from "./scope-picker.js";

const $ = (id) => document.getElementById(id);

function sectionsOf(pages) {
  const sections = new Map();
  for (const page of pages) {
    if (!sections.has(page.section)) sections.set(page.section, []);
    sections.get(page.section).push(page);
  }
  return sections;
}

/**
 * The navigation: every page of the policy is an element with data-page-id; those not in
 * `visibleIds` get `hidden`. Hidden pages are also listed under "Not available", so they can be
 * explained (these entries carry data-unavailable-page, not data-page-id).
 */
export function renderNav({ pages, visibleIds, selectedId }) {
  const nav = $("console-nav");
  const sections = [...sectionsOf(pages)].map(([section, sectionPages]) => {
    const anyVisible = sectionPages.some((p) => visibleIds.has(p.id));
    return h(
      "div",
      { class: "nav-section", hidden: !anyVisible },
      h("h3", { class: "nav-section-title" }, section),
      h(
        "ul",
        { class: "nav-list" },
        sectionPages.map((page) =>
          h(
            "li",
            { class: page.parent ? "nav-item child" : "nav-item", dataset: { pageId: page.id }, hidden: !visibleIds.has(page.id) },
            h(
              "button",
              {
                type: "button",
                class: "nav-link",
                "aria-current": page.id === selectedId ? "page" : false,
                dataset: { selectPage: page.id, explainPage: page.id },
              },
              page.title,
            ),
          ),
        ),
      ),
    );
  });

  const hidden = pages.filter((p) => !visibleIds.has(p.id));
  const wasOpen = nav.querySelector("details.unavailable")?.open ?? false;
  const unavailable = hidden.length
    ? h(
        "details",
        { class: "unavailable", open: wasOpen },
        h("summary", {}, `Not available (${hidden.length})`),
        h("p", { class: "unavailable-help" }, "Hidden from this user. Select one to see why."),
        [...sectionsOf(hidden)].map(([section, sectionPages]) =>
          h(
            "div",
            { class: "unavailable-section" },
            h("h4", { class: "nav-section-title" }, section),
            h(
              "ul",
              { class: "nav-list" },
              sectionPages.map((page) =>
                h(
                  "li",
                  { dataset: { unavailablePage: page.id } },
                  h("button", { type: "button", class: "nav-link unavailable-link", dataset: { explainPage: page.id } }, page.title),
                ),
              ),
            ),
          ),
        ),
      )
    : null;

  const empty = visibleIds.size === 0 ? h("p", { class: "nav-empty" }, "No pages at this scope.") : null;
  clear(nav, empty, sections, unavailable);
}

/** The selected page's header: title, its route with the viewed scope's ids, and what it needs. */
export function renderPageHeader({ page, scope, scopeLabel }) {
  const header = $("page-header");
  if (!page) {
    clear(
      header,
      h("p", { class: "crumbs" }, scopeLabel),
      h("h3", { class: "page-title" }, "Nothing to show yet"),
      h("p", { class: "page-meta" }, "No role this user holds reaches this scope, so every page is hidden. Add a role, or view another scope."),
    );
    return;
  }
  const requirement = pageRequirement(page);
  const needs =
    requirement.mode === "none"
      ? "Every signed-in user sees this page."
      : [`Needs ${requirement.mode === "all" ? "all" : "any"} of `, requirement.actions.flatMap((a, i) => [i ? ", " : "", h("code", {}, a)]), "."];
  clear(
    header,
    h("p", { class: "crumbs" }, scopeLabel, " · ", page.section),
    h("h3", { class: "page-title" }, page.title),
    h("p", { class: "page-meta" }, h("code", { class: "route" }, fillPath(page.path, scope)), " ", h("span", { class: "page-needs" }, needs)),
  );
}

/** Buttons for the action groups, each gated by `data-can`; a "why" button makes a disabled one explainable by keyboard. */
export function renderActions(groups) {
  const container = $("action-groups");
  clear(
    container,
    groups.map(({ group, actions }) =>
      h(
        "div",
        { class: "action-group" },
        h("h4", { class: "action-group-title" }, group),
        h(
          "div",
          { class: "action-list" },
          actions.map(({ id, label }) =>
            h(
              "span",
              { class: "action", dataset: { explainAction: id, label } },
              h("button", { type: "button", class: "button", dataset: { can: id } }, label),
              h("button", { type: "button", class: "why", "aria-label": `Why is “${label}” unavailable?`, dataset: { explainAction: id, label } }, "?"),
            ),
          ),
        ),
      ),
    ),
  );
  return container;
}

/** Readable form of a scope path: `acme › AC1`, with kinds for screen readers and tooltips. */
export function scopeLabel(scope) {
  return scopeSegments(scope)
    .map(([, id]) => id)
    .join(" › ");
}

/** "A, B or C", each role in bold, with where it would be held when that differs from `scope`. */
function roleList(entries, scope) {
  return entries.flatMap(({ role, scope: at }, i) => [
    i === 0 ? "" : i === entries.length - 1 ? " or " : ", ",
    h("strong", {}, role.name),
    at === scope ? "" : ` at ${scopeLabel(at)}`,
  ]);
}

/** Marks the items the panel is about, so it is clear which one is explained. */
function markExplained(subject) {
  for (const el of document.querySelectorAll("[data-explaining]")) el.removeAttribute("data-explaining");
  if (!subject) return;
  const attribute = subject.kind === "page" ? "data-explain-page" : "data-explain-action";
  for (const el of document.querySelectorAll(`#console-frame [${attribute}="${CSS.escape(subject.id)}"]`)) el.setAttribute("data-explaining", "");
}

/** What the explanation panel says about one action or page. */
export function renderExplanation(subject, context) {
  const panel = $("explanation");
  markExplained(subject);
  if (!subject) {
    clear(
      panel,
      h("p", { class: "explanation-hint" }, "Point at, focus or tap a greyed-out action, or a page under “Not available”, to see why it is off and which role would allow it."),
    );
    panel.dataset.allowed = "";
    return;
  }
  const { engine, principal, roles, scope, pagesById } = context;
  let title;
  let result;
  if (subject.kind === "page") {
    const page = pagesById.get(subject.id);
    if (!page) return renderExplanation(null, context);
    result = explainPage(engine, principal, roles, scope, page);
    const shown = principal.visibleConsolePages(scope).some((p) => p.id === page.id);
    result.allowed = shown;
    title = [`Page “${page.title}”`, h("span", { class: "badge" }, shown ? "shown" : "hidden")];
    if (result.requirement.mode === "none") result.reason = "Every signed-in user sees this page.";
  } else {
    result = explainAction(engine, roles, scope, subject.id);
    title = [subject.label ? `“${subject.label}” ` : "", h("code", {}, subject.id), h("span", { class: "badge" }, result.allowed ? "allowed" : "not allowed")];
  }
  const [first, ...others] = result.askFor;
  const ask = result.allowed
    ? null
    : first
      ? h(
          "p",
          { class: "explanation-ask" },
          "Ask an admin for ",
          h("strong", {}, first.role.name),
          ` at ${scopeLabel(first.scope)}`,
          others.length ? [" (the narrowest role that allows it; also ", roleList(others, first.scope), ")"] : "",
          ".",
        )
      : h("p", { class: "explanation-ask" }, "No role grants this here, at any level.");
  panel.dataset.allowed = String(result.allowed);
  clear(panel, h("p", { class: "explanation-title" }, title), h("p", { class: "explanation-reason" }, richText(result.reason)), ask);
}
