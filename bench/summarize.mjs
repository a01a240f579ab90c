// The summary tables of BENCHMARKS.md from several runs of run.mjs: `node summarize.mjs
// results/A.json results/B.json results/C.json`. Each figure is the median over the runs of that
// run's figure, and each ratio the median of the runs' ratios (a ratio is taken within one run,
// where both engines met the same machine). Prints Markdown.
import { readFileSync } from "node:fs";
import { median } from "./lib/measure.mjs";

const runs = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, "utf8")));
if (runs.length === 0) {
  console.error("usage: node summarize.mjs RESULTS.json...");
  process.exit(2);
}

const fmt = (x, digits = 1) => (x >= 1000 ? Math.round(x).toLocaleString("en-US") : x >= 100 ? x.toFixed(0) : x.toFixed(digits));
const ratio = (r) => (r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)) + "×";
const ns = (w, key) => w.decisions.find((d) => d.key === key)?.ns;
const pageNs = (w, key) => w.pages.find((d) => d.key === key)?.ns;
const over = (f) => median(runs.map(f).filter((x) => x != null && Number.isFinite(x)));

function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

/** One workload's rows: per engine where it ran, `ns (ratio to CASL)`. */
function decisionRows(name) {
  const host = (run, where) => run[where]?.workloads.find((w) => w.name === name);
  const cell = (where, key, against = "casl") => {
    const t = over((run) => ns(host(run, where), key));
    const r = over((run) => ns(host(run, where), against) / ns(host(run, where), key));
    return Number.isFinite(t) ? `${fmt(t)} ns (${ratio(r)})` : "";
  };
  const rows = [
    ["`principal.canPerform`, asked again", "principal"],
    ["`principal.canPerform` at a scope never seen", "miss"],
    ["`engine.canPerform(assignments, …)`", "engine"],
    ["a hand-written `Set` lookup", "set"],
    ["CASL `ability.can`, subjects made beforehand", "casl"],
    ["CASL `ability.can`, a subject made per query", "casl-fresh"],
    ["Casbin `enforceSync`", "casbin"],
    ["Cedar `statefulIsAuthorized`", "cedar"],
  ];
  const out = rows.map(([label, key]) => [label, cell("node", key), cell("browser", key)]);
  // The never-seen scope against CASL making its subject for the question too.
  const fresh = (where) => ratio(over((run) => ns(host(run, where), "casl-fresh") / ns(host(run, where), "miss")));
  out.splice(2, 0, ["… the same, against CASL making a subject per query", fresh("node"), fresh("browser")]);
  const pages = (where, key) => {
    const t = over((run) => pageNs(host(run, where), key));
    const r = over((run) => pageNs(host(run, where), "casl") / pageNs(host(run, where), key));
    return Number.isFinite(t) ? `${fmt(t / 1000, 2)} µs (${ratio(r)})` : "";
  };
  out.push(["`principal.visibleConsolePages(scope)`", pages("node", "principal"), pages("browser", "principal")]);
  out.push(["`engine.visibleConsolePages(assignments, scope)`", pages("node", "engine"), pages("browser", "engine")]);
  out.push(["CASL page filter", pages("node", "casl"), pages("browser", "casl")]);
  return out;
}

const parts = [];
const env = runs.map((r) => r.env);
parts.push(
  `${runs.length} runs of \`make bench\`, ${env.map((e) => e.date.slice(0, 16).replace("T", " ")).join(", ")} (UTC), ` +
    `commit ${[...new Set(env.map((e) => e.commit))].join(", ")}; ${env[0].cpu}, ${env[0].memoryGB} GB; Node ${env[0].node}` +
    (runs[0].browser ? `, ${runs[0].browser.browserVersion}` : "") +
    `; peers ${Object.entries(env[0].peers).filter(([k]) => k !== "playwright-core").map(([k, v]) => `${k} ${v}`).join(", ")}.`,
);
for (const [name, title] of [["rbac", "RBAC with scopes"], ["twilio", "Twilio catalog"]]) {
  parts.push(`#### ${title}: time per call (how many times CASL's time)\n\n${table(["", "Node", "Chromium"], decisionRows(name))}`);
}

const large = (key) => over((run) => run.large?.find((r) => r.scale === 1)?.[key]);
const largeFirstNode = over((run) => median(run.large?.find((r) => r.scale === 1)?.firstFromJsonRuns ?? [NaN]));
const largeFirstChromium = over((run) => (run.browserLarge ? median(run.browserLarge.map((r) => r.firstMs)) : NaN));
const scaling = [1, 2, 4].map((scale) => {
  const at = (key) => over((run) => run.large?.find((r) => r.scale === scale)?.[key]);
  const perEngine = over((run) => run.large?.find((r) => r.scale === scale)?.wasmMemoryMB?.perEngine);
  return [`${scale}×`, `${5000 * scale} / ${2000 * scale} / ${1000 * scale}`, fmt(at("fromJsonMs")), fmt(at("principalMs")),
    Number.isFinite(perEngine) ? fmt(perEngine) : "", fmt(at("principalCanPerformNs"))];
});
parts.push(
  `#### The large policy\n\nFirst \`fromJson\` of the 1× policy (1.5 MB of JSON), the median of each run's fresh processes or ` +
    `browser contexts: ${fmt(largeFirstNode)} ms in Node, ${fmt(largeFirstChromium)} ms in Chromium ` +
    `(CASL builds its ability for the same principal in ${fmt(large("caslBuildMs"))} ms).\n\n` +
    table(["scale", "roles / actions / pages", "fromJson again (ms)", "principal of 1,000 × scale (ms)", "each further engine (MB)", "canPerform (ns)"], scaling),
);

const size = (target, file) => ({
  raw: over((run) => run.sizes.find((s) => s.target === target && s.file === file)?.raw),
  gzip: over((run) => run.sizes.find((s) => s.target === target && s.file === file)?.gzip),
});
const kb = (b) => (b / 1024).toFixed(1);
const sizeRows = [
  ["the wasm (`web/rolegate_bg.wasm`)", size("web", "web/rolegate_bg.wasm")],
  ["`rolegate/web`: the entry, its modules and the wasm, concatenated", size("web", "(all of the above, concatenated)")],
  ["`rolegate` in a bundler, likewise", size("bundler", "(all of the above, concatenated)")],
  ["`rolegate` in an edge runtime (`edge-light`), likewise", size("edge", "(all of the above, concatenated)")],
  ["`rolegate/web`'s JavaScript, bundled and minified by esbuild", size("web, minified", "JS bundled and minified by esbuild")],
  ["Node: `node/index.cjs` (the wasm inside) and `node/index.mjs`", size("node", "(all of the above, concatenated)")],
  ["`rolegate/dom`", size("dom", "dom.js")],
  ["`rolegate/react`'s own JavaScript, bundled and minified", size("react, minified", "its own JS bundled and minified by esbuild")],
  ["`rolegate/vue`'s own JavaScript, bundled and minified", size("vue, minified", "its own JS bundled and minified by esbuild")],
].filter(([, s]) => s.raw !== undefined).map(([label, s]) => [label, `${kb(s.raw)} KB`, `${kb(s.gzip)} KB (${Math.round(s.gzip).toLocaleString("en-US")} B)`]);
const breakdown = runs.at(-1).breakdown;
if (breakdown) sizeRows.push(["the wasm without the two catalogs", `${kb(breakdown.withoutCatalogs.raw)} KB`, `${kb(breakdown.withoutCatalogs.gzip)} KB`]);
parts.push(`#### Size\n\n${table(["", "raw", "gzip -9"], sizeRows)}`);
if (breakdown) {
  const rows = breakdown.shares.slice(0, 12).map((r) => [r.crate, `${kb(r.bytes)} KB`, `${((100 * r.bytes) / breakdown.namedTotal).toFixed(0)}%`]);
  parts.push(`Where the wasm's bytes go (twiggy, by the crate a function is defined in):\n\n${table(["crate", "raw", "share"], rows)}`);
}
const memo = runs.at(-1).memo;
if (memo) parts.push(`A principal's memo at its bounds (${memo.decisions.toLocaleString("en-US")} decisions over ${memo.scopes.toLocaleString("en-US")} scopes, 256 page lists): ${memo.memoMB} MB.`);
const startup = (engine) => over((run) => median(run.startup[engine].map((r) => r.totalMs)));
parts.push(`From \`import\` to a first answer on the Twilio catalog, in a fresh Node process: ${fmt(startup("rolegate"))} ms (CASL: ${fmt(startup("casl"))} ms).`);
console.log(parts.join("\n\n"));
