// `make bench` (cd bench && node run.mjs): rolegate against a hand-written Set lookup, CASL,
// Casbin and Cedar on identical workloads, in Node and in headless Chromium, plus the large
// policy's load time and memory (its first load in Chromium too), start-up and the package sizes.
// Every engine's answers are checked against an independent reference before anything is timed; a
// mismatch exits with status 1.
// Prints the tables and writes them, with the raw numbers, to bench/results/.
//
// Options: --rounds N (interleaved timing rounds, default 3), --quick (1 round, large 1× only),
// --no-browser, --no-large, --scales 1,2,4. BENCHMARKS.md's tables come from several runs'
// results through summarize.mjs.
import * as casl from "@casl/ability";
import * as casbin from "casbin";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { loadRolegate, readTwilioCatalog } from "./lib/node-entry.mjs";
import { runDecisionSuite, MismatchError } from "./lib/suite.mjs";
import {
  breakdownTable, browserLargeTable, buildGoals, fullReport, goals, goalsTable, largeTable, sizeTable, startupTable,
} from "./lib/report.mjs";
import { packageSizes } from "./lib/sizes.mjs";
import { firstLoadsInBrowser, runInBrowser } from "./lib/browser-driver.mjs";

const args = process.argv.slice(2);
/** Fresh processes (in Chromium, fresh browser contexts) that time the 1× large policy's first load. */
const FIRST_LOAD_PROCESSES = 7;
/** Fresh processes per engine that time start-up (import to first answer). */
const STARTUP_PROCESSES = 7;
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const quick = flag("quick");
const rounds = Number(option("rounds", quick ? 1 : 3));
const scales = option("scales", quick ? "1" : "1,2,4").split(",").map(Number);
const here = fileURLToPath(new URL(".", import.meta.url));
const log = (line) => console.error(`bench: ${line}`);
const started = Date.now();

function versionOf(name) {
  return JSON.parse(readFileSync(`${here}node_modules/${name}/package.json`, "utf8")).version;
}

/** The JSON object a script of bench/ prints, run in a fresh Node process (with `nodeFlags`). */
function inFreshProcess(script, args, nodeFlags = []) {
  const out = execFileSync(process.execPath, [...nodeFlags, `${here}${script}`, ...args], {
    cwd: here, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out);
}

function gitDescribe() {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: here, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "pkg-config", "Cargo.toml"], { cwd: here, encoding: "utf8" }).trim();
    return dirty ? `${head} + uncommitted changes in src/` : head;
  } catch {
    return "unknown";
  }
}

async function main() {
  const { mod: rolegate, entry } = await loadRolegate();
  const env = {
    date: new Date().toISOString(),
    commit: gitDescribe(),
    cpu: `${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}`,
    memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    v8: process.versions.v8,
    loadAverageAtStart: os.loadavg().map((x) => +x.toFixed(2)),
    rolegateEntry: entry,
    peers: Object.fromEntries(["@casl/ability", "casbin", "@cedar-policy/cedar-wasm", "playwright-core"].map((n) => [n, versionOf(n)])),
    rounds,
  };
  log(`rolegate: ${entry}`);
  log(`peers: ${Object.entries(env.peers).map(([k, v]) => `${k} ${v}`).join(", ")}`);

  log("Node: decisions and page filters");
  const node = await runDecisionSuite({ libs: { rolegate, casl, casbin, cedar }, twilioDoc: readTwilioCatalog(), rounds, log });

  let browser = null;
  if (!flag("no-browser")) {
    log("Chromium: decisions and page filters");
    const b = await runInBrowser({ rounds, log });
    browser = { ...b.results, entry: b.entry, browserVersion: b.browserVersion };
  }

  const large = [];
  if (!flag("no-large"))
    for (const scale of scales) {
      log(`large policy at ${scale}×`);
      const row = inFreshProcess("large.mjs", [String(scale)], ["--expose-gc"]);
      // The first load at 1×, again in fresh processes: its median and range, not one sample.
      if (scale === 1) {
        row.firstFromJsonRuns = [row.firstFromJsonMs];
        for (let i = 1; i < FIRST_LOAD_PROCESSES; i++)
          row.firstFromJsonRuns.push(inFreshProcess("large.mjs", ["1", "--first-only"]).firstFromJsonMs);
      }
      large.push(row);
    }
  // The same first load in Chromium, each in a fresh browser context.
  let browserLarge = null;
  if (!flag("no-large") && !flag("no-browser")) {
    log("large policy at 1× in Chromium, in fresh browser contexts");
    browserLarge = await firstLoadsInBrowser({ pages: FIRST_LOAD_PROCESSES, log });
  }

  // Start-up, rolegate and CASL alternately, each run in a fresh process (bench/startup.mjs).
  log("start-up: import to first answer, in fresh processes");
  const startup = { rolegate: [], casl: [] };
  for (let i = 0; i < STARTUP_PROCESSES; i++)
    for (const engine of ["rolegate", "casl"]) startup[engine].push(inFreshProcess("startup.mjs", [engine]));

  const sizes = packageSizes();
  log("the memo's memory at its bounds, in a fresh process");
  const memo = inFreshProcess("memo-memory.mjs", [], ["--expose-gc"]);
  let breakdown = null;
  try {
    log("where the wasm's bytes go (twiggy; a build without the catalogs)");
    breakdown = inFreshProcess("wasm-breakdown.mjs", []);
  } catch (e) {
    log(`no size breakdown: ${e.message.split("\n")[0]}`);
  }
  const build = buildGoals({ sizes, browserLarge });
  env.loadAverageAtEnd = os.loadavg().map((x) => +x.toFixed(2));
  env.seconds = Math.round((Date.now() - started) / 1000);

  const sections = [
    `## Node ${env.node} (V8 ${env.v8})\nrolegate: ${entry}`,
    fullReport(node),
  ];
  if (browser)
    sections.push(`## Chromium ${browser.browserVersion} (headless, cross-origin isolated: ${browser.crossOriginIsolated})\nrolegate: ${browser.entry}`, fullReport(browser));
  if (large.length) sections.push(`## Large policy (Node)\n\n${largeTable(large)}`);
  if (browserLarge) sections.push(`## Large policy (Chromium)\n\n${browserLargeTable(browserLarge)}`);
  sections.push(`## Start-up (Node): import to first answer, the Twilio catalog\n\n${startupTable(startup)}`);
  if (sizes.length) sections.push(`## Package sizes\n\n${sizeTable(sizes)}`);
  if (breakdown) sections.push(`## Where the wasm's bytes go\n\n${breakdownTable(breakdown)}`);
  sections.push(
    `## A principal's memo at its bounds\n\n${memo.decisions.toLocaleString("en-US")} decisions over ${memo.scopes.toLocaleString("en-US")} scopes` +
      ` (1,000 actions) and 256 page lists: ${memo.memoMB} MB of JavaScript heap and typed arrays.`,
  );
  if (build.length) sections.push(`## Build goals\n\n${goalsTable(build)}`);
  const header =
    `Measured ${env.date} on ${env.cpu}, ${env.memoryGB} GB, load average ${env.loadAverageAtStart.join(" ")} at start, ` +
    `${env.loadAverageAtEnd.join(" ")} at end; commit ${env.commit}; run.mjs took ${env.seconds} s; ` +
    `peers: ${Object.entries(env.peers).map(([k, v]) => `${k} ${v}`).join(", ")}.`;
  const markdown = [header, ...sections].join("\n\n") + "\n";
  console.log("\n" + markdown);

  const unmet = [...goals(node), ...(browser ? goals(browser) : []), ...build].filter((g) => !g.met);
  if (unmet.length) console.log(`${unmet.length} goal(s) not met in this run (see the Goals tables).`);

  const dir = `${here}results/`;
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify({ env, node, browser, large, browserLarge, startup, sizes, memo, breakdown }, null, 1);
  const stamp = env.date.replace(/[:.]/g, "-");
  writeFileSync(`${dir}${stamp}.json`, json);
  writeFileSync(`${dir}latest.json`, json);
  writeFileSync(`${dir}latest.md`, markdown);
  log(`wrote results/latest.json, results/latest.md and results/${stamp}.json`);
}

main().catch((e) => {
  const mismatch = e instanceof MismatchError || /MismatchError/.test(String(e?.message));
  console.error(mismatch ? `bench: ANSWERS DIFFER — nothing was timed.\n${e.message}` : e);
  process.exit(1);
});
