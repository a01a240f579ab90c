// rolegate/dom: gate elements on permissions, with no framework.
//   <button data-can="studio.flow.delete" data-scope="organization:acme/account:AC1">Delete</button>
//   bindPermissions(document.body, principal, { scope, mode: "hide" | "disable", onChange })
// Denied elements get `hidden` (mode "hide") or `disabled` + `aria-disabled="true"` (mode
// "disable"); every gated element gets `data-allowed="true|false"`. A check that throws (unknown
// action, bad scope) counts as denied: fail closed. Nothing here runs at import time.

const GATE = "data-can";
const SCOPE = "data-scope";
const MODE = "data-can-mode";
const GATING = ["hidden", "disabled", "aria-disabled"];

export function bindPermissions(root, principal, options = {}) {
  let checker = principal;
  let boundScope = options.scope;
  const { mode, onChange } = options;
  const added = new WeakMap(); // element -> Map(attribute -> its value before this binding set it)
  const reported = new WeakMap(); // element -> its last decision, so that onChange fires on changes only
  const warned = new Set();

  // Sets the wanted gating attributes; removes (restores) only what this binding itself set.
  const gate = (el, wanted) => {
    const mine = added.get(el) || new Map();
    added.set(el, mine);
    for (const name of GATING) {
      const aria = name === "aria-disabled";
      if (wanted.includes(name)) {
        if (aria ? el.getAttribute(name) !== "true" : !el.hasAttribute(name)) {
          if (!mine.has(name)) mine.set(name, el.getAttribute(name));
          el.setAttribute(name, aria ? "true" : "");
        }
      } else if (mine.has(name)) {
        const before = mine.get(name);
        before === null ? el.removeAttribute(name) : el.setAttribute(name, before);
        mine.delete(name);
      }
    }
  };

  const apply = (el) => {
    const action = el.getAttribute(GATE);
    if (action === null) {
      // No longer gated: undo what this binding did.
      gate(el, []);
      el.removeAttribute("data-allowed");
      return reported.delete(el);
    }
    // The nearest data-scope on the element or an ancestor inside root, else the bound scope.
    const holder = el.closest(`[${SCOPE}]`);
    const scope = holder && root.contains(holder) ? holder.getAttribute(SCOPE) : boundScope;
    let allowed = false;
    let error;
    try {
      allowed = checker.canPerform(scope, action) === true;
    } catch (e) {
      error = e;
    }
    // Anything but "disable" hides: the safe choice for a misspelt mode.
    gate(el, allowed ? [] : (el.getAttribute(MODE) || mode) === "disable" ? GATING.slice(1) : GATING.slice(0, 1));
    el.setAttribute("data-allowed", allowed);
    const decision = `${allowed} ${scope} ${action} ${error && error.message}`;
    if (reported.get(el) === decision) return;
    reported.set(el, decision);
    if (onChange) {
      try {
        onChange({ element: el, action, scope, allowed, error });
      } catch (e) {
        console.warn("rolegate/dom: onChange threw", e);
      }
    } else if (error !== undefined) {
      const message = `rolegate/dom: denied ${action} at ${scope}: ${(error && error.message) || error}`;
      if (!warned.has(message)) warned.add(message), console.warn(message);
    }
  };

  const applyWithin = (node) => {
    if (!node.querySelectorAll) return; // text and comment nodes
    if (node.hasAttribute && node.hasAttribute(GATE)) apply(node);
    for (const el of node.querySelectorAll(`[${GATE}]`)) apply(el);
  };

  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "childList") r.addedNodes.forEach(applyWithin);
      else if (r.attributeName === SCOPE) applyWithin(r.target); // reaches every gated element inside
      else apply(r.target);
    }
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: [GATE, SCOPE, MODE] });
  applyWithin(root);

  return {
    update(nextPrincipal, nextScope) {
      if (nextPrincipal !== undefined) checker = nextPrincipal;
      if (nextScope !== undefined) boundScope = nextScope;
      applyWithin(root);
    },
    disconnect() {
      observer.disconnect();
    },
  };
}
