// Start-up: what a page pays before its first answer, in a fresh process. `node startup.mjs
// rolegate|casl` prints one JSON object; run.mjs runs each in several processes, alternately.
//
// rolegate: `import "rolegate"` (the package's entry, its wasm compiled and instantiated), the
// Twilio catalog compiled (`PolicyEngine.builtin`), the principal of the Twilio workload, and its
// first decision. CASL: `import "@casl/ability"`, its ability built for the same principal from the
// same catalog (the rules from the roles' grants, as the decision workload builds them), and its
// first `ability.can`. Both answers are checked against the reference before anything is printed.
import { loadRolegate, readTwilioCatalog } from "./lib/node-entry.mjs";
import { twilioWorkload } from "./lib/workloads.mjs";
import { referenceDecider } from "./lib/model.mjs";

const which = process.argv[2];
if (which !== "rolegate" && which !== "casl") {
  console.error("usage: node startup.mjs rolegate|casl");
  process.exit(2);
}
const doc = readTwilioCatalog();
const workload = twilioWorkload(doc);
const query = workload.queries[0];

const out = { engine: which };
let last = performance.now();
const lap = (key) => {
  const now = performance.now();
  out[key] = now - last;
  last = now;
};

let answer;
if (which === "rolegate") {
  const { mod } = await loadRolegate();
  lap("importMs");
  const engine = mod.PolicyEngine.builtin("twilio");
  lap("policyMs");
  const principal = engine.principal(workload.assignments);
  lap("principalMs");
  answer = principal.canPerform(query.scope, query.action);
  lap("firstDecisionMs");
} else {
  const casl = await import("@casl/ability");
  lap("importMs");
  const { buildCasl } = await import("./peers/casl.mjs");
  last = performance.now();
  const ability = buildCasl(casl, workload);
  lap("policyMs");
  answer = ability.decide(query.scope, query.action);
  lap("firstDecisionMs");
}
out.totalMs = (out.importMs ?? 0) + (out.policyMs ?? 0) + (out.principalMs ?? 0) + (out.firstDecisionMs ?? 0);

const want = referenceDecider(doc, workload.assignments)(query.scope, query.action);
if (answer !== want) {
  console.error(`startup: ${which} says ${answer} for ${query.action} at ${query.scope}; the reference says ${want}`);
  process.exit(3);
}
console.log(JSON.stringify(out));
