// rolegate in a Next.js 16 App Router app with no next.config, built with Turbopack (the default)
// and with webpack, each served by `next start`: a server component asks rolegate and renders
// client components inside rolegate/react's provider with plain data (roles, a scope, a policy
// object); the client components are server-rendered, then hydrated in Chromium with nothing on
// the console, and react to a click; route handlers answer on the Node.js and Edge runtimes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { makeConsumer, packPackage, sh, tool } from "./lib/consumers.mjs";
import { launchBrowser, openPage } from "./lib/browser.mjs";

const tarball = await packPackage();
let browser;
before(async () => (browser = await launchBrowser()));
after(async () => browser?.close());

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

async function freePort() {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `next start` on a free port; resolves to its URL and a stop function once it is ready. */
async function start(dir) {
  const port = await freePort();
  // A process group of its own, so that stopping it stops the server processes it starts too.
  const child = spawn(tool("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      if (/Ready in/.test(output)) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`next start exited (${code}):\n${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.exitCode === null && process.kill(-child.pid), output: () => output };
}

async function getJson(url) {
  const response = await fetch(url);
  assert.equal(response.status, 200, url);
  return response.json();
}

for (const bundler of ["turbopack", "webpack"]) {
  test(`Next.js 16 with ${bundler}, no next.config: server components, hydrated client components, route handlers`, async () => {
    const dir = await makeConsumer("next-app", tarball, { as: `next-${bundler}`, shared: {} });
    const { stdout, stderr } = await sh(tool("next"), bundler === "webpack" ? ["build", "--webpack"] : ["build"], { cwd: dir, env });
    assert.match(stdout + stderr, /Compiled successfully|Compiled with warnings/);
    const server = await start(dir);
    try {
      // Route handlers, on the Node.js runtime and on the Edge runtime.
      const check = await getJson(`${server.url}/api/check`);
      assert.deepEqual([check.read, check.update], [true, false]);
      assert.match(check.reason, /`studio\.flow\.update` is denied/);
      assert.deepEqual(await getJson(`${server.url}/api/edge`), { read: true, update: false });

      // The server's HTML: the server component's own answers and the client components' first render.
      const html = await (await fetch(`${server.url}/`)).text();
      assert.match(html, /id="server-read">true</);
      assert.match(html, /id="server-pages">studio\.flows,studio\.executions</);
      assert.match(html, /data-action="studio\.flow\.update" data-allowed="false"/);
      assert.match(html, /data-action="catalog\.product\.update" data-allowed="true"/, "the policy given as plain data");

      // Hydrated with nothing on the console (a mismatch is a console error), then interactive.
      const { page, problems } = await openPage(browser, `${server.url}/`);
      try {
        await page.waitForLoadState("networkidle");
        const decisions = (section) =>
          page.$$eval(`#${section} [data-action]`, (items) => items.map((li) => `${li.dataset.action}=${li.dataset.allowed}`));
        assert.deepEqual(await decisions("twilio"), ["studio.flow.read=true", "studio.flow.update=false"]);
        assert.deepEqual(await decisions("shop"), ["catalog.product.read=true", "catalog.product.update=true"]);
        assert.equal(await page.textContent("#twilio .direct"), "true", "rolegate called directly in a client component");
        await page.click("#twilio .move");
        await page.waitForFunction(() => document.querySelector("#twilio [data-action]").dataset.allowed === "false");
        assert.deepEqual(await decisions("twilio"), ["studio.flow.read=false", "studio.flow.update=false"]);
        assert.equal(await page.textContent("#twilio .pages"), "");
        assert.deepEqual(problems, [], "nothing went to the browser's console");
      } finally {
        await page.close();
      }
      assert.doesNotMatch(server.output(), /Error|⨯/, `next start logged an error:\n${server.output()}`);
    } finally {
      server.stop();
    }
  });
}
