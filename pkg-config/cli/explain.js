// `rolegate explain --policy P --roles ROLE@SCOPE,... --scope S ACTION`: the decision and its
// reason, as the demo's "why can't I?" panel gives them. Exit 0 when allowed, 1 when denied (so a
// script can branch on it), 2 for a name or scope the policy refuses.
import { isRolegateError } from "rolegate";
import { Trouble, errorText, parseRoles, printJson, requirePolicy } from "./io.js";

/**
 * @param {string} action
 * @param {{ policy: string, roles: string, scope: string, json?: boolean }} options
 * @returns {number} the exit code
 */
export function explain(action, { policy, roles, scope, json = false }) {
  const engine = requirePolicy(policy);
  const assignments = parseRoles(roles);
  let decision;
  try {
    decision = engine.explain(assignments, scope, action);
  } catch (e) {
    if (isRolegateError(e)) throw new Trouble(errorText(e));
    throw e;
  }
  if (json) {
    printJson(decision);
  } else {
    const lines = [decision.allowed ? "allowed" : "denied", decision.reason];
    if (decision.wouldGrant.length > 0) {
      lines.push(`roles that would allow it, held at ${scope} or above: ${decision.wouldGrant.join(", ")}`);
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  return decision.allowed ? 0 : 1;
}
