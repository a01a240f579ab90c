// Cedar 4 (wasm): one policy per assignment, `permit(principal == User::"user", action in
// [Action::"…", …], resource in Scope::"<scope path>")` (and `forbid` for denies), preparsed once
// with preparsePolicySet and evaluated with statefulIsAuthorized. Scopes are `Scope` entities whose
// parent is the enclosing scope; each request carries the target's chain of scope entities, built
// once per scope as an application would cache them.
import { effectiveRoles, filterPages, selfAndAncestors } from "../lib/model.mjs";

const quote = (s) => JSON.stringify(s);
const actionList = (actions) => `[${[...actions].map((a) => `Action::${quote(a)}`).join(", ")}]`;

export function cedarPolicies(workload) {
  const roles = effectiveRoles(workload.doc);
  const out = {};
  workload.assignments.forEach((a, i) => {
    const role = roles.get(a.role);
    const target = `principal == User::"user", action in ACTIONS, resource in Scope::${quote(a.scope)}`;
    if (role.allow.size) out[`grant${i}`] = `permit(${target.replace("ACTIONS", actionList(role.allow))});`;
    if (role.deny.size) out[`deny${i}`] = `forbid(${target.replace("ACTIONS", actionList(role.deny))});`;
  });
  return out;
}

let policySetCounter = 0;

export function buildCedar(cedar, workload) {
  const id = `bench-${workload.name}-${++policySetCounter}`;
  const parsed = cedar.preparsePolicySet(id, { staticPolicies: cedarPolicies(workload) });
  if (parsed.type !== "success") throw new Error(`cedar: ${JSON.stringify(parsed.errors)}`);
  const entities = new Map();
  const entitiesOf = (scope) => {
    let list = entities.get(scope);
    if (!list) {
      const chain = selfAndAncestors(scope);
      list = chain.map((s, i) => ({
        uid: { type: "Scope", id: s },
        attrs: {},
        parents: i + 1 < chain.length ? [{ type: "Scope", id: chain[i + 1] }] : [],
      }));
      entities.set(scope, list);
    }
    return list;
  };
  const call = (scope, action) => ({
    principal: { type: "User", id: "user" },
    action: { type: "Action", id: action },
    resource: { type: "Scope", id: scope },
    context: {},
    preparsedPolicySetId: id,
    entities: entitiesOf(scope),
  });
  const run = (c) => {
    const answer = cedar.statefulIsAuthorized(c);
    if (answer.type !== "success") throw new Error(`cedar: ${JSON.stringify(answer.errors)}`);
    return answer.response.decision === "allow";
  };
  const decide = (scope, action) => run(call(scope, action));
  return {
    name: "Cedar statefulIsAuthorized",
    decide,
    items: (queries) => queries.map((q) => call(q.scope, q.action)),
    check: run,
    pages: (scope) => filterPages(workload.doc.pages, (a) => decide(scope, a)),
  };
}
