// Runs the decision suite in headless Chromium (Debian's, through playwright-core): serves the
// page, maps bare imports to the packages' browser entries, waits for the page's results.
import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serve } from "./serve.mjs";
import { resolveExport } from "./exports.mjs";
import { chromiumLaunchOptions } from "../../scripts/chromium.mjs";

const benchDir = fileURLToPath(new URL("..", import.meta.url));
const pkgDir = fileURLToPath(new URL("../../pkg/", import.meta.url));
/** `/url/of/file.js`: the browser ESM entry of `subpath` of the package in `packageDir`. */
function browserEntry(urlBase, packageDir, subpath) {
  const pkg = JSON.parse(readFileSync(`${packageDir}package.json`, "utf8"));
  const file = pkg.exports
    ? resolveExport(pkg.exports, subpath, ["browser", "import", "module"])
    : subpath === "." ? pkg.module ?? pkg.main : null;
  if (!file) throw new Error(`${packageDir}: no browser entry for ${subpath}`);
  return urlBase + file.replace(/^\.\//, "");
}

function importMap() {
  const nm = (name) => [`/bench/node_modules/${name}/`, `${benchDir}node_modules/${name}/`];
  const imports = {};
  for (const name of ["@casl/ability", "@ucast/core", "@ucast/js", "@ucast/mongo", "@ucast/mongo2js"])
    imports[name] = browserEntry(...nm(name), ".");
  imports["@cedar-policy/cedar-wasm/web"] = browserEntry(...nm("@cedar-policy/cedar-wasm"), "./web");
  imports["rolegate/web"] = existsSync(`${pkgDir}package.json`)
    ? browserEntry("/pkg/", pkgDir, "./web")
    : "/pkg/web/rolegate.js";
  return { imports };
}

/**
 * Chromium with the bench's server, for `use(browser, server)`; both are closed afterwards. The
 * page's console and errors go to `log`.
 */
async function withChromium(log, use) {
  const { chromium } = await import("playwright-core");
  const map = importMap();
  const server = await serve({ importMap: map });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    return await use({ browser, server, entry: map.imports["rolegate/web"] });
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Opens `path` of the bench's server in `context` and resolves to what the page reports. */
async function pageResults(context, server, path, log, timeoutMs) {
  const page = await context.newPage();
  page.on("console", (m) => log(`[chromium] ${m.text()}`));
  page.on("pageerror", (e) => log(`[chromium] page error: ${e.message}`));
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction(() => window.benchDone, null, { timeout: timeoutMs, polling: 500 });
  const done = await page.evaluate(() => window.benchDone);
  if (done.error) throw new Error(`browser run failed (Chromium, ${path}): ${done.error}`);
  return done.results;
}

/** Resolves to `{ results, entry, browserVersion }`; throws when the page fails or answers differ. */
export async function runInBrowser({ rounds = 3, log = () => {}, timeoutMs = 240_000 } = {}) {
  return withChromium(log, async ({ browser, server, entry }) => {
    const results = await pageResults(browser, server, `bench/browser/index.html?rounds=${rounds}`, log, timeoutMs);
    return { results, entry, browserVersion: browser.version() };
  });
}

/**
 * The large policy's first load in `pages` fresh browser contexts, one after another (each its own
 * renderer, with nothing compiled or cached): `[{ firstMs, laterMs }, ...]`.
 */
export async function firstLoadsInBrowser({ pages = 7, log = () => {}, timeoutMs = 60_000 } = {}) {
  return withChromium(log, async ({ browser, server }) => {
    const runs = [];
    for (let i = 0; i < pages; i++) {
      const context = await browser.newContext();
      try {
        runs.push(await pageResults(context, server, "bench/browser/index.html?run=large", log, timeoutMs));
      } finally {
        await context.close();
      }
    }
    return runs;
  });
}
