// A React 19 app built by Vite with its default config: rolegate/react's provider, hooks and <Can>
// gate a console; the test changes the roles, then the scope, through window.app and reads the
// page and how many times each gated component rendered.
import { createElement as h, memo, StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { flushSync } from "react-dom";
import { Can, PermissionsProvider, useCan, usePages } from "rolegate/react";

const AC1 = "organization:acme/account:AC1";
const renders = {};
const count = (name) => (renders[name] = (renders[name] ?? 0) + 1);
const problems = [];

function Button({ id, action, scope }) {
  count(id);
  const allowed = useCan(action, scope);
  return h("button", { id, disabled: !allowed, "data-allowed": String(allowed) }, action);
}

function Pages() {
  count("pages");
  const pages = usePages();
  return h("ul", { id: "pages" }, pages.map((p) => h("li", { key: p.id, "data-page-id": p.id }, p.title)));
}

// Memoized, so that a render of App alone does not render it: what re-renders below it is what the
// provider's store notifies.
const Console = memo(function Console() {
  return h(
    "main",
    null,
    h(Button, { id: "read", action: "studio.flow.read" }),
    h(Button, { id: "update", action: "studio.flow.update" }),
    // An explicit scope: the provider's scope changing does not concern it.
    h(Button, { id: "read-ac1", action: "studio.flow.read", scope: AC1 }),
    // A misspelt action, twice: denied, reported once.
    h(Button, { id: "typo", action: "studio.flow.raed" }),
    h(Button, { id: "typo-again", action: "studio.flow.raed" }),
    h(Can, { action: "studio.flow.update" }, h("span", { id: "can-update" }, "may edit")),
    h(Can, { action: "studio.flow.update", not: true }, h("span", { id: "cannot-update" }, "read only")),
    h(Can, { action: "studio.flow.read", passThrough: true }, (allowed) => h("span", { id: "pass-through" }, String(allowed))),
    h(Pages),
  );
});

function App() {
  const [roles, setRoles] = useState([{ role: "studio-viewer", scope: AC1 }]);
  const [scope, setScope] = useState(AC1);
  window.app = {
    // A new array with the same assignments, a role change, a scope change: each flushed at once.
    sameRoles: () => flushSync(() => setRoles(roles.map((r) => ({ ...r })))),
    setRoles: (next) => flushSync(() => setRoles(next)),
    setScope: (next) => flushSync(() => setScope(next)),
    renders,
    problems,
  };
  return h(PermissionsProvider, { roles, scope, onError: (e) => problems.push(`${e.code}: ${e.message}`) }, h(Console));
}

createRoot(document.getElementById("root")).render(h(StrictMode, null, h(App)));
