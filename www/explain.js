// "Why can't I?": turns engine.explain and engine.rolesGranting into what a console would say next
// to a greyed-out button: the reason, and which role to ask an admin for, narrowest role first.

import { scopeSegments } from "./scope-picker.js";
import { sampleIds } from "./presets.js";

const breadthCache = new WeakMap();

/**
 * How many actions each role allows when held at a scope of its first kind: the narrowest role
 * that grants an action is the one to ask for (least privilege), so it is named first.
 */
function roleBreadth(engine) {
  if (breadthCache.has(engine)) return breadthCache.get(engine);
  const kinds = engine.scopeKinds();
  const actions = engine.actions();
  const breadth = new Map();
  for (const role of engine.roles()) {
    const depth = kinds.indexOf(role.scopes[0]);
    const scope = kinds
      .slice(0, depth + 1)
      .map((kind, i) => `${kind}:${sampleIds(kind, i)[0]}`)
      .join("/");
    try {
      const principal = engine.principal([{ role: role.id, scope }]);
      breadth.set(role.id, actions.filter((a) => principal.canPerform(scope, a)).length);
    } catch {
      breadth.set(role.id, Number.MAX_SAFE_INTEGER); // cannot be held at its own first kind: list last
    }
  }
  breadthCache.set(engine, breadth);
  return breadth;
}

/** `a/b/c` -> ["a/b/c", "a/b", "a"]: the scope and its ancestors, nearest first. */
function selfAndAncestors(scope) {
  const segments = scope.split("/");
  return segments.map((_, i) => segments.slice(0, segments.length - i).join("/"));
}

/**
 * The roles that would grant `action` at `scope`, as `{ role, scope }` where `scope` is where an
 * admin would assign it: the viewed scope first, then each ancestor (a role held above reaches
 * down: Voiceflow's Admin is held at a workspace, never at a project, yet allows actions there).
 * Within one scope, narrowest role first.
 */
export function rolesToAskFor(engine, action, scope) {
  const breadth = roleBreadth(engine);
  // The roles that allow it here, held here or above; each is named at the narrowest scope where
  // holding it does (a role may not be holdable here, or grant the action only held higher up:
  // Voiceflow's Editor creates projects only when held at the workspace).
  const candidates = engine.rolesGranting(action, scope).map((role, order) => ({ role, order }));
  const placed = new Set();
  const out = [];
  for (const at of selfAndAncestors(scope)) {
    const here = candidates
      .filter(({ role }) => !placed.has(role.id) && allowsFrom(engine, role.id, at, scope, action))
      .sort((a, b) => (breadth.get(a.role.id) ?? 0) - (breadth.get(b.role.id) ?? 0) || a.order - b.order);
    for (const { role } of here) {
      placed.add(role.id);
      out.push({ role, scope: at });
    }
  }
  return out;
}

/** Whether `role` held at `at` allows `action` at `scope` (false where it cannot be held). */
function allowsFrom(engine, role, at, scope, action) {
  try {
    return engine.canPerform({ role, scope: at }, scope, action);
  } catch {
    return false;
  }
}

/** One action, explained: `{ action, allowed, reason, askFor }`. */
export function explainAction(engine, roles, scope, action) {
  const decision = engine.explain(roles, scope, action);
  return {
    action,
    allowed: decision.allowed,
    reason: decision.reason,
    askFor: decision.allowed ? [] : rolesToAskFor(engine, action, scope),
  };
}

/** The actions a page requires, and whether all or any of them are needed. */
export function pageRequirement(page) {
  const requires = page.requires ?? {};
  if (Array.isArray(requires.allOf) && requires.allOf.length) return { mode: "all", actions: requires.allOf };
  if (Array.isArray(requires.anyOf) && requires.anyOf.length) return { mode: "any", actions: requires.anyOf };
  return { mode: "none", actions: [] };
}

/**
 * Why a page is hidden: the first required action that is missing (for any-of, every one is
 * missing when the page is hidden, so the first stands for them all).
 */
export function explainPage(engine, principal, roles, scope, page) {
  const requirement = pageRequirement(page);
  const missing = requirement.actions.find((a) => !principal.canPerform(scope, a)) ?? requirement.actions[0];
  return { requirement, ...(missing ? explainAction(engine, roles, scope, missing) : { allowed: true, reason: "", askFor: [] }) };
}

/** Replaces `:workspaceId`-style placeholders in a page path with the ids of the viewed scope. */
export function fillPath(path, scope) {
  let filled = path;
  for (const [kind, id] of scopeSegments(scope)) filled = filled.replaceAll(`:${kind}Id`, id);
  return filled;
}
