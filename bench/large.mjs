// Workload 4, one scale per process (so that memory figures start from a clean heap and a fresh
// wasm instance): `node large.mjs SCALE [--first-only]` prints one JSON object. Load time of the
// generated policy (5,000 × SCALE roles, 2,000 × SCALE actions, 1,000 × SCALE pages), the
// principal of 1,000 × SCALE assignments, memory, and decisions on it, checked against the
// reference first.
import * as casl from "@casl/ability";
import { largePolicy, queries } from "./lib/workloads.mjs";
import { referenceDecider, filterPages } from "./lib/model.mjs";
import { measure, timeOnce } from "./lib/measure.mjs";
import { buildCasl } from "./peers/casl.mjs";
import { loadRolegate, loadRolegateWithMemory } from "./lib/node-entry.mjs";

const scale = Number(process.argv[2] ?? 1);
// `--first-only`: the first load and nothing else, for run.mjs to repeat in fresh processes (it
// varies from one process to the next by a third on a 2-core machine: one process is one sample).
const firstOnly = process.argv.includes("--first-only");
const MB = 1 << 20;
// At 1× the warm loads are timed 5 times; larger loads take seconds, twice is enough (and keeps
// make bench within its budget). CASL's ability build is timed at 1× only.
const runs = scale === 1 ? 5 : 2;
const mem = () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
};
const delta = (a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, +((b[k] - a[k]) / MB).toFixed(2)]));
const now = () => performance.now();

const { doc, scopes, actions, assignments } = largePolicy(scale);
const text = JSON.stringify(doc);
const out = {
  scale,
  roles: doc.roles.length, actions: doc.actions.length, pages: doc.pages.length, assignments: assignments.length,
  policyBytes: text.length,
};

// The first load in a fresh process, through the public entry: what a page pays once. Its time,
// and the process's memory before and after it (the wasm memory is counted in `external`).
const { mod, entry } = await loadRolegate();
out.entry = entry;
const before = mem();
let t0 = now();
const first = mod.PolicyEngine.fromJson(text);
out.firstFromJsonMs = now() - t0;
if (firstOnly) {
  console.log(JSON.stringify({ scale, firstFromJsonMs: out.firstFromJsonMs }));
  process.exit(0);
}
const afterEngine = mem();
t0 = now();
first.principal(assignments).free();
out.firstPrincipalMs = now() - t0;
out.processMemoryMB = { engine: delta(before, afterEngine) };
first.free();

// Later loads, into the memory the first one left free: the cost of the work itself.
out.fromJsonMs = timeOnce(() => mod.PolicyEngine.fromJson(text).free(), runs, { warmup: false });
out.jsonParseMs = timeOnce(() => JSON.parse(text), runs);
out.constructorMs = timeOnce(() => new mod.PolicyEngine(JSON.parse(text)).free(), runs, { warmup: false }) - out.jsonParseMs;
const engine = mod.PolicyEngine.fromJson(text);
out.principalMs = timeOnce(() => engine.principal(assignments).free(), runs);
const principal = engine.principal(assignments);

// The wasm linear memory itself, in a second instance whose exports (and so its memory) the web
// build's initSync hands back: a high-water mark, since linear memory never shrinks. Then the
// compiled form's own size: what one more engine, kept alive, adds once the first loads'
// temporaries (the text's copy, the reader's scratch) have been reused.
const withMemory = await loadRolegateWithMemory();
if (withMemory) {
  const { mod: web, memory } = withMemory;
  const size = () => +(memory.buffer.byteLength / MB).toFixed(2);
  const m0 = size();
  const e = web.PolicyEngine.fromJson(text);
  const m1 = size();
  const p = e.principal(assignments);
  const m2 = size();
  const kept = [web.PolicyEngine.fromJson(text)];
  const m3 = size();
  kept.push(web.PolicyEngine.fromJson(text));
  const perEngine = +(size() - m3).toFixed(2);
  out.wasmMemoryMB = { initial: m0, afterLoad: m1, afterPrincipal: m2, perEngine };
  for (const k of kept) k.free();
  p.free();
  e.free();
}

// Answers first: the reference scans all assignments for each query.
const qs = queries(scopes, actions, assignments, 4096, 0x1a46e);
const reference = referenceDecider(doc, assignments);
let allowed = 0;
for (const q of qs) {
  const want = reference(q.scope, q.action);
  if (want) allowed++;
  if (principal.canPerform(q.scope, q.action) !== want) {
    console.error(`large ${scale}×: rolegate says ${!want} for ${q.action} at ${q.scope}; the reference says ${want}`);
    process.exit(3);
  }
}
out.allowed = allowed;
const pageScopes = [scopes[0], scopes[1], scopes[2], scopes[scopes.length - 1]];
for (const s of pageScopes) {
  const want = filterPages(doc.pages, (a) => reference(s, a)).map((p) => p.id).join();
  if (principal.visibleConsolePages(s).map((p) => p.id).join() !== want) {
    console.error(`large ${scale}×: rolegate shows other pages at ${s}`);
    process.exit(3);
  }
}

// Decisions on the large principal.
out.principalCanPerformNs = measure((q) => principal.canPerform(q.scope, q.action), qs).ns;
out.visibleConsolePagesUs = measure((s) => principal.visibleConsolePages(s).length >= 0, pageScopes).ns / 1000;

// CASL on the same principal: how long building the ability takes, and a decision.
if (scale === 1) {
  const w = { name: "large", doc, scopes, assignments };
  let c;
  out.caslBuildMs = timeOnce(() => (c = buildCasl(casl, w)), 1);
  out.caslRules = c.ability.rules.length;
  for (const q of qs.slice(0, 512))
    if (c.decide(q.scope, q.action) !== reference(q.scope, q.action)) {
      console.error(`large ${scale}×: CASL disagrees on ${q.action} at ${q.scope}`);
      process.exit(3);
    }
  const items = c.items(qs);
  out.caslCanNs = measure(c.check, items).ns;
}

principal.free();
engine.free();
console.log(JSON.stringify(out));
