// Node, ES modules: `import` with no init step.
import * as rolegate from "rolegate";
import { PolicyEngine, canPerform } from "rolegate";
import { createRequire } from "node:module";
import { runScenario } from "./scenario.js";

const required = createRequire(import.meta.url)("rolegate");
const result = runScenario(rolegate);
result.namedImports = typeof PolicyEngine === "function" && typeof canPerform === "function";
// ESM and CJS importers in one process must share one module (and one default engine).
result.sameAsRequire = required.PolicyEngine === PolicyEngine && required.canPerform === canPerform;
console.log(JSON.stringify(result));
