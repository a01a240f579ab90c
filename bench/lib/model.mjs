// An independent reading of a rolegate policy document, in plain JavaScript: each role's effective
// allow and deny sets (patterns expanded, inheritance followed) and scope ancestry. Every peer is
// built from this expansion, and it is also the reference the answers are checked against, so a
// bug in rolegate cannot hide behind a peer that shares it. Browser-safe: no Node built-ins.

/** Action ids of a document (entries are strings or `{ id }` objects). */
export function actionIds(doc) {
  return doc.actions.map((a) => (typeof a === "string" ? a : a.id));
}

/**
 * The declared actions each grant pattern names: `expand(pattern)` for an exact id, `prefix.*`
 * or `*`. Every action is filed under each of its dotted prefixes once, so that expanding is a
 * lookup even for policies of thousands of roles and actions.
 */
export function patternExpander(actions) {
  const exact = new Set(actions);
  const byPrefix = new Map();
  for (const a of actions)
    for (let i = a.indexOf("."); i >= 0; i = a.indexOf(".", i + 1)) {
      const prefix = a.slice(0, i + 1);
      if (!byPrefix.has(prefix)) byPrefix.set(prefix, []);
      byPrefix.get(prefix).push(a);
    }
  return (pattern) => {
    if (pattern === "*") return actions;
    if (pattern.endsWith(".*")) return byPrefix.get(pattern.slice(0, -1)) ?? [];
    return exact.has(pattern) ? [pattern] : [];
  };
}

/**
 * Effective grants per role: `Map<roleId, { allow: Set, deny: Set, scopes: string[] }>`, where a
 * role's sets include those of every role it inherits, transitively.
 */
export function effectiveRoles(doc) {
  const expand = patternExpander(actionIds(doc));
  const byId = new Map(doc.roles.map((r) => [r.id, r]));
  const done = new Map();
  const resolve = (id, path = new Set()) => {
    if (done.has(id)) return done.get(id);
    if (path.has(id)) throw new Error(`inheritance cycle at ${id}`);
    path.add(id);
    const role = byId.get(id);
    if (!role) throw new Error(`unknown role ${id}`);
    const allow = new Set();
    const deny = new Set();
    for (const p of role.grants ?? []) for (const a of expand(p)) allow.add(a);
    for (const p of role.denies ?? []) for (const a of expand(p)) deny.add(a);
    for (const parent of role.inherits ?? []) {
      const inherited = resolve(parent, path);
      for (const a of inherited.allow) allow.add(a);
      for (const a of inherited.deny) deny.add(a);
    }
    path.delete(id);
    const out = { allow, deny, scopes: role.scopes };
    done.set(id, out);
    return out;
  };
  for (const r of doc.roles) resolve(r.id);
  return done;
}

/** `a/b/c` → [`a/b/c`, `a/b`, `a`]: the scope itself, then each ancestor. */
export function selfAndAncestors(scope) {
  const out = [scope];
  for (let i = scope.lastIndexOf("/"); i > 0; i = scope.lastIndexOf("/", i - 1)) out.push(scope.slice(0, i));
  return out;
}

/** True when `outer` is `inner` or an ancestor of it, by whole segments. */
export function scopeContains(outer, inner) {
  return inner === outer || (inner.startsWith(outer) && inner.charCodeAt(outer.length) === 47 /* / */);
}

/**
 * The reference decision: allowed when some assignment at the scope or an ancestor grants the
 * action and none of those denies it. Deliberately naive: a scan of the assignments in force at
 * the scope (found by scanning them all, once per scope).
 */
export function referenceDecider(doc, assignments) {
  const roles = effectiveRoles(doc);
  const held = assignments.map((a) => ({ scope: a.scope, role: roles.get(a.role) }));
  const inForce = new Map();
  return (scope, action) => {
    let here = inForce.get(scope);
    if (!here) inForce.set(scope, (here = held.filter((h) => scopeContains(h.scope, scope))));
    let allowed = false;
    for (const h of here) {
      if (h.role.deny.has(action)) return false;
      if (h.role.allow.has(action)) allowed = true;
    }
    return allowed;
  };
}

/** A page's requirement as `{ kind: "anyOf" | "allOf" | "none", actions }`. */
export function pageRequirement(page) {
  const r = page.requires;
  if (r?.anyOf) return { kind: "anyOf", actions: r.anyOf };
  if (r?.allOf) return { kind: "allOf", actions: r.allOf };
  return { kind: "none", actions: [] };
}

/** The page filter every peer uses: pages whose requirement holds under `allows(action)`. */
export function filterPages(pages, allows) {
  const out = [];
  for (const p of pages) {
    const r = pageRequirement(p);
    const ok =
      r.kind === "none" ? true : r.kind === "anyOf" ? r.actions.some(allows) : r.actions.every(allows);
    if (ok) out.push(p);
  }
  return out;
}
