// What a Principal's memo holds at its bounds, in a fresh process (`node --expose-gc`): the heap a
// principal adds once it remembers as many decisions, scopes and actions as it keeps. Prints one
// JSON object.
import { loadRolegate } from "./lib/node-entry.mjs";

const { mod } = await loadRolegate();
const kinds = ["organization", "account", "subaccount"];
const actions = Array.from({ length: 1000 }, (_, i) => `p${i % 20}.r${i}.read`);
const doc = {
  name: "memo",
  scopeKinds: kinds,
  actions,
  roles: [{ id: "reader", name: "Reader", scopes: kinds, grants: ["*"] }],
};
const engine = mod.PolicyEngine.fromJson(JSON.stringify(doc));
// The JavaScript heap and the typed arrays' backing stores, which live outside it.
const heap = () => {
  globalThis.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const principal = engine.principal([{ role: "reader", scope: "organization:o" }]);
const before = heap();
// 16 decisions at each of 1,000 scopes (16,000 in all), over all 1,000 actions; then 256 page lists.
let n = 0;
for (let s = 0; s < 1000; s++) {
  const scope = `organization:o/account:a${s % 30}/subaccount:s${s}`;
  for (let k = 0; k < 16; k++) if (principal.canPerform(scope, actions[(s * 16 + k) % actions.length])) n++;
}
for (let s = 0; s < 256; s++) principal.visibleConsolePages(`organization:o/account:p${s}`);
const after = heap();
console.log(JSON.stringify({ decisions: n, scopes: 1000 + 256, memoMB: +((after - before) / 2 ** 20).toFixed(2) }));
