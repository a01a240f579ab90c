// Casbin 5: RBAC with domains, where the domain is the scope path and a domain matching function
// makes a role held at a scope count at every scope below it. Policy lines are `p, role, action,
// allow|deny` from the roles' effective grants; grouping lines `g, user, role, scope` are the
// assignments. Decisions use enforceSync.
import { effectiveRoles, filterPages, scopeContains } from "../lib/model.mjs";

const MODEL = `
[request_definition]
r = sub, dom, act

[policy_definition]
p = sub, act, eft

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = r.act == p.act && g(r.sub, p.sub, r.dom)
`;

const USER = "user";

export async function buildCasbin(casbin, workload) {
  const roles = effectiveRoles(workload.doc);
  const e = await casbin.newEnforcer(casbin.newModelFromString(MODEL));
  // Casbin calls it with (requested domain, domain in the grouping rule).
  await e.addNamedDomainMatchingFunc("g", (requested, held) => scopeContains(held, requested));
  const used = new Set(workload.assignments.map((a) => a.role));
  const lines = [];
  for (const id of used) {
    const role = roles.get(id);
    for (const action of role.allow) lines.push([id, action, "allow"]);
    for (const action of role.deny) lines.push([id, action, "deny"]);
  }
  await e.addPolicies(lines);
  await e.addGroupingPolicies(workload.assignments.map((a) => [USER, a.role, a.scope]));
  const decide = (scope, action) => e.enforceSync(USER, scope, action);
  return {
    name: "Casbin enforceSync",
    decide,
    items: (queries) => queries,
    check: (q) => e.enforceSync(USER, q.scope, q.action),
    pages: (scope) => filterPages(workload.doc.pages, (a) => decide(scope, a)),
  };
}
