// The packed package in Node: ESM `import` and CommonJS `require`, each with no init step,
// answering the shared scenario (an allowed and a denied action, page lists, error codes).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { makeConsumer, packPackage, sh } from "./lib/consumers.mjs";
import { assertScenario } from "./lib/expected.mjs";

const tarball = await packPackage();

test("Node ESM: import { PolicyEngine } from 'rolegate'", async () => {
  const dir = await makeConsumer("node-esm", tarball);
  const { stdout } = await sh(process.execPath, [join(dir, "main.js")], { cwd: dir });
  const result = JSON.parse(stdout);
  assertScenario(result);
  assert.equal(result.namedImports, true);
  assert.equal(result.sameAsRequire, true, "import and require must give the same module (no dual-package hazard)");
});

test("Node CommonJS: require('rolegate')", async () => {
  const dir = await makeConsumer("node-cjs", tarball, { shared: { "scenario.js": "scenario.mjs" } });
  const { stdout } = await sh(process.execPath, [join(dir, "main.js")], { cwd: dir });
  const result = JSON.parse(stdout);
  assertScenario(result);
  assert.equal(result.namedImports, true);
  assert.equal(result.resolvedTo, "rolegate/node/index.cjs");
});
