// CASL 7: one rule per (assignment, allowed action) on subject type `Scope`, with a condition on
// the scope's ancestry (`ancestors` holds the scope path itself and every ancestor path, so the
// rule matches at the assigned scope and below). Denies are inverted rules placed last, so they
// take precedence as rolegate's deny does. The subject objects are built once per scope, as an
// application would hold its scope objects.
import { effectiveRoles, filterPages, selfAndAncestors } from "../lib/model.mjs";

export function caslRules(workload) {
  const roles = effectiveRoles(workload.doc);
  const rules = [];
  const inverted = [];
  for (const a of workload.assignments) {
    const role = roles.get(a.role);
    for (const action of role.allow) rules.push({ action, subject: "Scope", conditions: { ancestors: a.scope } });
    for (const action of role.deny)
      inverted.push({ action, subject: "Scope", conditions: { ancestors: a.scope }, inverted: true });
  }
  return rules.concat(inverted);
}

export function buildCasl(casl, workload) {
  const { createMongoAbility, subject } = casl;
  const ability = createMongoAbility(caslRules(workload));
  const subjects = new Map();
  const subjectOf = (scope) => {
    let s = subjects.get(scope);
    if (!s) subjects.set(scope, (s = subject("Scope", { path: scope, ancestors: selfAndAncestors(scope) })));
    return s;
  };
  for (const s of workload.scopes) subjectOf(s);
  return {
    /** CASL at a scope whose subject the application makes for the question. */
    perQuery: {
      key: "casl-fresh",
      name: "CASL ability.can, subject made per query",
      decide: (scope, action) => ability.can(action, subject("Scope", { path: scope, ancestors: selfAndAncestors(scope) })),
      items: (queries) => queries,
      check: (q) => ability.can(q.action, subject("Scope", { path: q.scope, ancestors: selfAndAncestors(q.scope) })),
    },
    name: "CASL ability.can",
    ability,
    decide: (scope, action) => ability.can(action, subjectOf(scope)),
    items: (queries) => queries.map((q) => ({ action: q.action, subject: subjectOf(q.scope) })),
    check: (q) => ability.can(q.action, q.subject),
    pages: (scope) => {
      const s = subjectOf(scope);
      return filterPages(workload.doc.pages, (a) => ability.can(a, s));
    },
  };
}
