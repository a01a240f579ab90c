// The packed package in bundled apps with DEFAULT configs and no plugins: a Vite 7 app (`vite
// build`, and the dev server) and a webpack 5 app (no webpack.config.js), each run in headless
// Chromium, answering the shared scenario and gating buttons with rolegate/dom.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { makeConsumer, packPackage, sh, tool } from "./lib/consumers.mjs";
import { assertScenario } from "./lib/expected.mjs";
import { launchBrowser, openPage, readResult } from "./lib/browser.mjs";
import { serveDirectory } from "./lib/static-server.mjs";

const APP_FILES = { "scenario.js": "src/scenario.js", "page.js": "src/page.js" };
const tarball = await packPackage();
let browser;
before(async () => (browser = await launchBrowser()));
after(async () => browser?.close());

/** The page's answers, with no page errors, failed requests or console errors on the way. */
async function answersOf(url) {
  const { page, problems } = await openPage(browser, url);
  try {
    const result = await readResult(page, problems);
    assert.equal(result.error, undefined, result.error);
    assert.deepEqual(problems, [], "the page loads without errors");
    return result;
  } finally {
    await page.close();
  }
}

function assertApp(result) {
  assertScenario(result);
  assert.deepEqual(result.buttons, [
    { id: "read", allowed: "true", hidden: false },
    { id: "delete", allowed: "false", hidden: true },
  ]);
}

/** Every JS file of a build output, concatenated. */
function builtJs(dir) {
  const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".js"));
  assert.ok(files.length > 0, `no JS in ${dir}`);
  return files.map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
}

function assertNoNodeBuiltins(js) {
  assert.doesNotMatch(js, /\brequire\(["'](?:node:)?(?:fs|path|util|url|module)["']\)/, "no require of a Node built-in in the browser bundle");
  assert.doesNotMatch(js, /["']node:[a-z]/, "no node: import in the browser bundle");
}

test("Vite 7, default config, no plugins: vite build runs in Chromium", async () => {
  const dir = await makeConsumer("vite-app", tarball, { shared: APP_FILES });
  await sh(tool("vite"), ["build", "--logLevel", "warn"], { cwd: dir });
  const dist = join(dir, "dist");
  const assets = readdirSync(join(dist, "assets"));
  assert.ok(assets.some((f) => f.endsWith(".wasm")), `the wasm is emitted as an asset: ${assets}`);
  assertNoNodeBuiltins(builtJs(dist));
  const server = await serveDirectory(dist);
  try {
    assertApp(await answersOf(server.url));
  } finally {
    await server.close();
  }
});

test("Vite 7 dev server (dependency pre-bundling) runs in Chromium", async () => {
  const dir = await makeConsumer("vite-app", tarball, { as: "vite-dev", shared: APP_FILES });
  const dev = spawn(tool("vite"), ["--host", "127.0.0.1", "--port", "0", "--clearScreen", "false"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  try {
    const url = await new Promise((resolve, reject) => {
      let output = "";
      const onData = (chunk) => {
        output += chunk;
        const m = output.replace(/\x1b\[[0-9;]*m/g, "").match(/Local:\s+(http:\/\/127\.0\.0\.1:\d+\/)/);
        if (m) resolve(m[1]);
      };
      dev.stdout.on("data", onData);
      dev.stderr.on("data", onData);
      dev.once("exit", (code) => reject(new Error(`vite exited (${code}) before serving:\n${output}`)));
    });
    assertApp(await answersOf(url));
  } finally {
    dev.kill();
  }
});

test("webpack 5, default config (no webpack.config.js): runs in Chromium", async () => {
  const dir = await makeConsumer("webpack-app", tarball, { shared: APP_FILES });
  await sh(tool("webpack"), ["--mode", "production"], { cwd: dir });
  const dist = join(dir, "dist");
  const files = readdirSync(dist);
  assert.ok(files.some((f) => f.endsWith(".wasm")), `the wasm is emitted as an asset: ${files}`);
  const js = builtJs(dist);
  assertNoNodeBuiltins(js);
  assert.doesNotMatch(js, /file:\/\//, "no build-machine file path in the bundle");
  const server = await serveDirectory(dist);
  try {
    assertApp(await answersOf(server.url));
  } finally {
    await server.close();
  }
});
