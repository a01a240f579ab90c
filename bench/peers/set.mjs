// The hand-written baseline: what a team writes without a library. Per scope held at, a Set of
// the actions allowed there (and one of those denied); a decision walks the scope's ancestors by
// slicing at '/' and looks the action up at each level.
import { effectiveRoles, filterPages } from "../lib/model.mjs";

export function buildSetBaseline(workload) {
  const roles = effectiveRoles(workload.doc);
  const allow = new Map();
  const deny = new Map();
  for (const a of workload.assignments) {
    const role = roles.get(a.role);
    if (!allow.has(a.scope)) allow.set(a.scope, new Set());
    for (const x of role.allow) allow.get(a.scope).add(x);
    if (role.deny.size) {
      if (!deny.has(a.scope)) deny.set(a.scope, new Set());
      for (const x of role.deny) deny.get(a.scope).add(x);
    }
  }
  const hasDenies = deny.size > 0;
  const decide = (scope, action) => {
    let allowed = false;
    let s = scope;
    for (;;) {
      if (hasDenies && deny.get(s)?.has(action)) return false;
      if (allow.get(s)?.has(action)) {
        if (!hasDenies) return true;
        allowed = true;
      }
      const i = s.lastIndexOf("/");
      if (i < 0) return allowed;
      s = s.slice(0, i);
    }
  };
  return {
    name: "JS Set lookup",
    decide,
    items: (queries) => queries,
    check: (q) => decide(q.scope, q.action),
    pages: (scope) => filterPages(workload.doc.pages, (a) => decide(scope, a)),
  };
}
