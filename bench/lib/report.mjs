// Turns suite results into the side-by-side tables and the goal verdicts. Browser-safe.
import { median } from "./measure.mjs";

const fmtNs = (ns) => (ns >= 10000 ? Math.round(ns).toLocaleString("en-US") : ns >= 100 ? ns.toFixed(0) : ns.toFixed(1));
const fmtRatio = (r) => (r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)) + "×";
const byKey = (rows, key) => rows.find((r) => r.key === key);

/** A Markdown table; `align` has one letter per column, `l` or `r` (default: first left, rest right). */
function table(header, rows, align = "l" + "r".repeat(header.length - 1)) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const left = (i) => align[i] === "l";
  const line = (cells) => "| " + cells.map((c, i) => (left(i) ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(" | ") + " |";
  const rule = "|" + widths.map((w, i) => (left(i) ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|";
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** Markdown tables for one workload: decisions (ns, speed-up over CASL and the Set) and pages. */
export function workloadTables(w) {
  const casl = byKey(w.decisions, "casl")?.ns;
  const set = byKey(w.decisions, "set")?.ns;
  const floor = byKey(w.decisions, "floor")?.ns;
  const reference = (r) => r.key === "floor" || r.key === "loop";
  const decisions = table(
    ["engine", "ns / decision", "CASL ÷ this", "Set ÷ this", "this − floor (ns)", "this ÷ floor"],
    w.decisions.map((r) =>
      reference(r)
        ? [r.name, fmtNs(r.ns), "", "", "", ""]
        : [r.name, fmtNs(r.ns), casl ? fmtRatio(casl / r.ns) : "", set ? fmtRatio(set / r.ns) : "",
            fmtNs(r.ns - floor), fmtRatio(r.ns / floor)],
    ),
  );
  const caslPages = byKey(w.pages, "casl")?.ns;
  const pages = table(
    ["page filter", "µs / call", "CASL ÷ this"],
    w.pages.map((r) => [r.name.replace("canPerform", "visibleConsolePages").replace(/ ability\.can| enforceSync| statefulIsAuthorized/, " page filter"),
      (r.ns / 1000).toFixed(2), caslPages ? fmtRatio(caslPages / r.ns) : ""]),
  );
  return { decisions, pages };
}

/** The goals, as ratios measured in this run. */
export function goals(results) {
  const out = [];
  for (const w of results.workloads) {
    const d = (k) => byKey(w.decisions, k)?.ns;
    const p = (k) => byKey(w.pages, k)?.ns;
    const check = (what, ratio, target) => out.push({ workload: w.name, what, ratio, target, met: ratio >= target });
    check("principal.canPerform vs CASL ability.can", d("casl") / d("principal"), 10);
    check("principal.canPerform at unseen scopes vs CASL ability.can", d("casl") / d("miss"), 0.34);
    check("principal.visibleConsolePages vs CASL page filter", p("casl") / p("principal"), 10);
  }
  return out;
}

export function goalsTable(list) {
  const value = (g) => (g.atMost ? (g.value >= 1000 ? g.value.toLocaleString("en-US") : g.value.toFixed(1)) : fmtRatio(g.ratio));
  const target = (g) => (g.atMost ? `≤ ${g.target.toLocaleString("en-US")}` : `≥ ${g.target}×`);
  return table(
    ["workload", "goal", "measured", "target", "met"],
    list.map((g) => [g.workload, g.what, value(g), target(g), g.met ? "yes" : "NO"]),
    "llrrl",
  );
}

export function fullReport(results, heading = "") {
  const parts = [];
  if (heading) parts.push(heading);
  for (const w of results.workloads) {
    const t = workloadTables(w);
    parts.push(`### ${w.title}\n${w.queries} queries, ${w.allowed} allowed; pages visible at the ${w.visiblePerScope.length} page scopes: ${w.visiblePerScope.join(", ")} of ${w.pageCount}\n\n${t.decisions}\n\n${t.pages}`);
  }
  parts.push(`### Goals\n\n${goalsTable(goals(results))}`);
  return parts.join("\n\n");
}

/** Workload 4: one row per scale. */
export function largeTable(rows) {
  const f = (x, d = 1) => (x == null ? "" : x.toFixed(d));
  return table(
    ["scale", "roles / actions / pages / assignments", "policy JSON", "first fromJson (ms)", "fromJson again (ms)",
      "new PolicyEngine(obj) (ms)", "principal (ms)", "memory after first load (MB)", "wasm memory after load (MB)",
      "each further engine (MB)",
      "canPerform (ns)", "visibleConsolePages (µs)", "CASL build (ms)", "CASL rules", "CASL can (ns)"],
    rows.map((r) => [`${r.scale}×`, `${r.roles} / ${r.actions} / ${r.pages} / ${r.assignments}`,
      `${(r.policyBytes / 1e6).toFixed(2)} MB`, firstLoad(r), f(r.fromJsonMs), f(r.constructorMs),
      f(r.principalMs), f(r.processMemoryMB.engine.external), f(r.wasmMemoryMB?.afterLoad), f(r.wasmMemoryMB?.perEngine),
      fmtNs(r.principalCanPerformNs), f(r.visibleConsolePagesUs), f(r.caslBuildMs, 0),
      r.caslRules?.toLocaleString("en-US") ?? "", r.caslCanNs == null ? "" : fmtNs(r.caslCanNs)]),
  );
}

/** `median (min–max…)` of several fresh processes' times in ms, `more` added inside the brackets. */
function medianAndRange(xs, more = "") {
  return `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}${more})`;
}

/** The first load: one process's, or the median of several with their range. */
function firstLoad(r) {
  const runs = r.firstFromJsonRuns;
  if (!runs || runs.length < 2) return r.firstFromJsonMs.toFixed(1);
  return medianAndRange(runs, `, ${runs.length} processes`);
}

/** The 1× large policy in Chromium: the first load in each fresh browser context, and a later one. */
export function browserLargeTable(runs) {
  return table(
    ["scale", "first fromJson (ms)", "fromJson again (ms)"],
    [["1×", medianAndRange(runs.map((r) => r.firstMs), `, ${runs.length} fresh contexts`), median(runs.map((r) => r.laterMs)).toFixed(1)]],
  );
}

/**
 * Start-up per engine (bench/startup.mjs): each step's median over the fresh processes, and the
 * total's median and range.
 */
export function startupTable(startup) {
  const step = (runs, key) => (runs[0][key] == null ? "" : median(runs.map((r) => r[key])).toFixed(1));
  const names = { rolegate: "rolegate", casl: "CASL" };
  return table(
    ["engine", "import (ms)", "policy (ms)", "principal (ms)", "first decision (ms)", "total (ms)", "processes"],
    Object.entries(startup).map(([engine, runs]) => [names[engine] ?? engine, step(runs, "importMs"),
      step(runs, "policyMs"), step(runs, "principalMs"), step(runs, "firstDecisionMs"),
      medianAndRange(runs.map((r) => r.totalMs)), runs.length]),
  );
}

/** The goals of the build as a whole: the browser build's size, and the large policy's first load in Chromium. */
export function buildGoals({ sizes, browserLarge }) {
  const out = [];
  const web = sizes.find((r) => r.target === "web" && r.all);
  if (web) out.push({ workload: "build", what: "rolegate/web, all it loads concatenated, gzip -9 (bytes)", value: web.gzip, target: 90112, met: web.gzip <= 90112, atMost: true });
  if (browserLarge) {
    const ms = median(browserLarge.map((r) => r.firstMs));
    out.push({ workload: "large 1×", what: "first fromJson in Chromium (ms, median)", value: ms, target: 100, met: ms < 100, atMost: true });
  }
  return out;
}

/** Where the wasm's bytes go: each crate's share of the named build, and the catalogs' weight. */
export function breakdownTable(b) {
  const kb = (x) => (x / 1024).toFixed(1);
  const rows = b.shares.map((r) => [r.crate, kb(r.bytes), `${((100 * r.bytes) / b.namedTotal).toFixed(1)}%`]);
  rows.push(["(the module, as shipped)", kb(b.wasm.raw), `gzip -9: ${kb(b.wasm.gzip)}`]);
  rows.push(["(the module without the catalogs)", kb(b.withoutCatalogs.raw), `gzip -9: ${kb(b.withoutCatalogs.gzip)}`]);
  return table(["crate", "raw (KB)", "share"], rows, "lrr");
}

/** Package sizes per target. */
export function sizeTable(rows) {
  const kb = (b) => (b / 1024).toFixed(1);
  return table(
    ["target", "file", "raw (KB)", "gzip -9 (KB)"],
    rows.map((r) => [r.target, r.file, kb(r.raw), kb(r.gzip)]),
    "llrr",
  );
}
