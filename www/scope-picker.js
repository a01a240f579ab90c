// A scope picker that can only build valid paths: one select per scope kind, root first. A level
// offers "None" (end the path above it) only where the path may end, and sample ids only where
// some allowed kind lies at or below it; so `kind:id/kind:id` always matches the catalog's kinds
// and, when `allowedKinds` is given, ends at a kind the chosen role can be held at.

import { h } from "./html.js";

const STOP = "";

function label(kind) {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** `organization:acme/account:AC1` -> [["organization","acme"],["account","AC1"]]; ids never hold `:` or `/`. */
export function scopeSegments(path) {
  if (!path) return [];
  return path.split("/").map((segment) => {
    const colon = segment.indexOf(":");
    return colon < 0 ? [segment, ""] : [segment.slice(0, colon), segment.slice(colon + 1)];
  });
}

export function createScopePicker({ id, onChange }) {
  const element = h("div", { class: "scope-picker", id });
  let kinds = [];
  let allowed = new Set();
  let idsForLevel = () => [];
  let selects = [];

  function optionsFor(i, stoppedAbove) {
    if (stoppedAbove) return [[STOP, "None"]];
    const deeperAllowed = kinds.slice(i).some((k) => allowed.has(k));
    const options = [];
    if (i > 0 && (allowed.has(kinds[i - 1]) || !deeperAllowed)) options.push([STOP, "None"]);
    if (deeperAllowed) for (const sample of idsForLevel(i)) options.push([sample, sample]);
    return options;
  }

  /** Rebuilds each level's options from the top, keeping each choice that is still offered. */
  function refresh(wanted = selects.map((s) => s.value)) {
    let stopped = false;
    selects.forEach((select, i) => {
      const options = optionsFor(i, stopped);
      const keep = options.some(([value]) => value === wanted[i]) ? wanted[i] : options[0][0];
      select.replaceChildren(...options.map(([value, text]) => h("option", { value }, text)));
      select.value = keep;
      // A level that can only say "None" is disabled; a single id (the one organization) is not.
      select.disabled = options.length < 2 && keep === STOP;
      stopped = stopped || keep === STOP;
    });
  }

  return {
    element,
    /**
     * kinds: the catalog's scope kinds; ids(levelIndex, kind): sample ids of a level;
     * allowedKinds: where the path may end (default: anywhere).
     */
    configure({ kinds: newKinds, ids, allowedKinds }) {
      const wanted = selects.map((s) => s.value);
      const sameKinds = newKinds.join("/") === kinds.join("/");
      kinds = newKinds;
      allowed = new Set(allowedKinds ?? newKinds);
      idsForLevel = (i) => ids(i, kinds[i]);
      if (!sameKinds) {
        selects = kinds.map((kind, i) =>
          h("select", { id: `${id}-${i}`, name: `${id}-${kind}`, onchange: () => { refresh(); onChange?.(); } }),
        );
        element.replaceChildren(
          ...kinds.map((kind, i) =>
            h("label", { class: "scope-level", for: `${id}-${i}` }, h("span", { class: "field-label" }, label(kind)), selects[i]),
          ),
        );
      }
      refresh(sameKinds ? wanted : []);
    },
    /** The path chosen, root first, ending above the first level left at "None". */
    get value() {
      const parts = [];
      for (let i = 0; i < selects.length && selects[i].value !== STOP; i++) parts.push(`${kinds[i]}:${selects[i].value}`);
      return parts.join("/");
    },
    /** Selects a path (its ids must be among the levels' ids; the caller adds unknown ones first). */
    set value(path) {
      const wanted = kinds.map(() => STOP);
      scopeSegments(path).forEach(([kind, segmentId], i) => {
        if (kinds[i] === kind) wanted[i] = segmentId;
      });
      refresh(wanted);
    },
  };
}
