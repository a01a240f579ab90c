// rolegate for Node (CommonJS): `require("rolegate")`, no init step. wasm-bindgen's `nodejs`
// build compiles the wasm synchronously when it is first required. The ESM entry (index.mjs)
// re-exports this very module, so `import` and `require` in one process share one engine and
// one default engine (no dual-package hazard).
"use strict";
const glue = require("./rolegate.cjs");
const { installFastPaths, defaultEngineFunctions, checkedPolicyEngine } = require("./fast-path.cjs");

// Interned scopes and actions for principal.canPerform, compiled principals reused by
// engine.canPerform, and the module functions over a default engine held here (fast-path.js).
installFastPaths(glue);

/** True when `e` is an error thrown by rolegate (it carries `code`, `help` and `errors`). */
function isRolegateError(e) {
  return typeof e === "object" && e !== null && e.name === "RolegateError" && typeof e.code === "string";
}

module.exports = {
  // `new PolicyEngine(policy)` refuses functions and symbols in the policy (JSON.stringify would drop them).
  PolicyEngine: checkedPolicyEngine(glue.PolicyEngine),
  Principal: glue.Principal,
  ...defaultEngineFunctions(glue),
  isRolegateError,
};
