// The answers tests/js/consumers/shared/scenario.js must give in every consumer project.
import assert from "node:assert/strict";

export const EXPORTS = [
  "PolicyEngine", "Principal", "RolegateError", "canPerform", "defaultEngine", "isRolegateError", "setDefaultEngine", "visibleConsolePages",
];

export function assertScenario(result) {
  assert.deepEqual(result.exports, EXPORTS, "the package's exports");
  assert.equal(result.defaultEngine, "twilio");
  assert.equal(result.allowed, true, "studio-admin at AC1 may update a flow in its subaccount");
  assert.equal(result.denied, false, "studio-admin at AC1 may not update a flow in AC2");
  assert.ok(result.viewerPages.includes("studio.flows"), `studio-viewer sees Studio flows: ${result.viewerPages}`);
  assert.ok(!result.viewerPages.includes("billing.overview"), `studio-viewer does not see billing: ${result.viewerPages}`);
  assert.equal(result.voiceflow, "voiceflow");
  assert.deepEqual(result.shop, {
    name: "shop",
    editorCanUpdate: true,
    editorCanRefund: false,
    editorPages: ["home", "products", "products.edit"],
    viewerPages: ["home", "products"],
    cashierPages: ["home"],
    // A deny blocks it: no role to ask for would lift it (another role does not override a deny).
    refund: { allowed: false, deniedBy: ["cashier:orders.refund.create"], wouldGrant: [] },
    roles: ["viewer", "editor", "cashier", "manager"],
    scopeKinds: ["organization", "store"],
  });
  assert.deepEqual(result.errors, {
    badScope: "BAD_SCOPE",
    unknownAction: "UNKNOWN_ACTION",
    unknownRole: "UNKNOWN_ROLE",
    parse: "POLICY_PARSE",
    invalid: "POLICY_INVALID",
    invalidProblems: result.errors.invalidProblems, // checked below: more than one
    isRolegateError: true,
    instanceOfRolegateError: true,
    instanceOfError: true,
    plainErrorIsNot: false,
  });
  assert.ok(result.errors.invalidProblems >= 2, `a policy error carries every problem, got ${result.errors.invalidProblems}`);
}
