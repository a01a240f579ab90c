// The large policy's first load (`index.html?run=large`), in a page of its own that
// lib/browser-driver.mjs opens in a fresh browser context, so that nothing of rolegate's is compiled
// or cached yet. As bench/large.mjs does in Node: the policy text is made first, then rolegate's web
// build is imported and initialised, and `PolicyEngine.fromJson` is timed, then a later load into
// the memory the first one left free.
import { largePolicy } from "../lib/workloads.mjs";

try {
  const text = JSON.stringify(largePolicy(1).doc);
  const { default: init, PolicyEngine } = await import("rolegate/web");
  await init();
  let t0 = performance.now();
  const first = PolicyEngine.fromJson(text);
  const firstMs = performance.now() - t0;
  // Something real came back: every role of the generated policy.
  if (first.roles().length !== 5000) throw new Error(`the large policy loaded ${first.roles().length} roles, not 5000`);
  first.free();
  t0 = performance.now();
  PolicyEngine.fromJson(text).free();
  const laterMs = performance.now() - t0;
  window.benchDone = { results: { firstMs, laterMs } };
} catch (e) {
  console.log(`FAILED: ${e.stack ?? e}`);
  window.benchDone = { error: String(e.stack ?? e) };
}
