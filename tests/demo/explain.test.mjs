// The demo's "Ask an admin for …" advice (www/explain.js), against the package in Node: each role
// it names is named at the narrowest scope where holding it allows the action, for every action of
// both catalogs at their deepest sample scopes.

import { test } from "node:test";
import assert from "node:assert/strict";
import { loadRolegate } from "./harness.mjs";
import { rolesToAskFor } from "../../www/explain.js";

const { PolicyEngine } = await loadRolegate();

/** `a/b/c` -> ["a/b/c", "a/b", "a"]. */
const selfAndAncestors = (scope) => scope.split("/").map((_, i, all) => all.slice(0, all.length - i).join("/"));

/** Whether `role` held at `at` allows `action` at `scope` (false where it cannot be held). */
function allows(engine, role, at, scope, action) {
  try {
    return engine.canPerform({ role, scope: at }, scope, action);
  } catch (e) {
    assert.equal(e.code, "NOT_ASSIGNABLE", e.message);
    return false;
  }
}

for (const [catalog, scope] of [
  ["twilio", "organization:acme/account:AC1/subaccount:SA1"],
  ["voiceflow", "organization:acme/workspace:W1/project:P1"],
]) {
  test(`${catalog}: every role to ask for is named where holding it allows the action, and no lower`, () => {
    const engine = PolicyEngine.builtin(catalog);
    const levels = selfAndAncestors(scope);
    for (const action of engine.actions()) {
      const advice = rolesToAskFor(engine, action, scope);
      assert.deepEqual(
        advice.map((a) => a.role.id).sort(),
        engine.rolesGranting(action, scope).map((r) => r.id).sort(),
        `${action}: every role that grants it, once`,
      );
      for (const { role, scope: at } of advice) {
        assert.ok(allows(engine, role.id, at, scope, action), `${action}: ${role.id} held at ${at} allows it`);
        for (const lower of levels.slice(0, levels.indexOf(at))) {
          assert.ok(!allows(engine, role.id, lower, scope, action), `${action}: ${role.id} is named at ${at}, but held at ${lower} allows it too`);
        }
      }
      // Narrowest scope first.
      const order = advice.map((a) => levels.indexOf(a.scope));
      assert.deepEqual(order, [...order].sort((a, b) => a - b), `${action}: ${JSON.stringify(advice.map((a) => a.scope))}`);
    }
  });
}

test("voiceflow: a project editor is told to ask for Editor at the workspace to create a project", () => {
  const engine = PolicyEngine.builtin("voiceflow");
  const project = "organization:acme/workspace:W1/project:P1";
  const advice = rolesToAskFor(engine, "workspace.project.create", project);
  assert.deepEqual(advice[0], { role: engine.roles().find((r) => r.id === "editor"), scope: "organization:acme/workspace:W1" });
  assert.ok(!advice.some((a) => a.scope === project), JSON.stringify(advice.map((a) => [a.role.id, a.scope])));
});
