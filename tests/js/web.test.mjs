// The packed package in a plain browser page, no bundler: `rolegate/web` with `await init()`,
// with `initSync({ module })`, and the `rolegate` bundler entry itself through an import map.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { makeConsumer, packPackage } from "./lib/consumers.mjs";
import { assertScenario } from "./lib/expected.mjs";
import { launchBrowser, openPage, readResult } from "./lib/browser.mjs";
import { serveDirectory } from "./lib/static-server.mjs";

const tarball = await packPackage();
let browser, server;
before(async () => {
  const dir = await makeConsumer("plain-html", tarball, { shared: { "scenario.js": "scenario.js", "page.js": "page.js" } });
  [browser, server] = await Promise.all([launchBrowser(), serveDirectory(dir)]);
});
after(async () => Promise.all([browser?.close(), server?.close()]));

async function assertPage(path) {
  const { page, problems } = await openPage(browser, server.url + path);
  try {
    const result = await readResult(page, problems);
    assert.equal(result.error, undefined, result.error);
    assert.deepEqual(problems, [], "the page loads without errors");
    assertScenario(result);
    assert.deepEqual(result.buttons, [
      { id: "read", allowed: "true", hidden: false },
      { id: "delete", allowed: "false", hidden: true },
    ]);
  } finally {
    await page.close();
  }
}

test("rolegate/web: import init, then await init()", () => assertPage("index.html"));
test("rolegate/web: initSync({ module }) with a compiled WebAssembly.Module", () => assertPage("initsync.html"));
test("rolegate through an import map (the bundler entry in a plain browser): no init step", () => assertPage("bare.html"));

test("rolegate/web before init: a RolegateError that says to call init, not a TypeError from the glue", async () => {
  const { page, problems } = await openPage(browser, server.url + "index.html");
  try {
    await readResult(page, problems);
    const before = await page.evaluate(() => window.beforeInit);
    assert.equal(before.length, 4);
    for (const [i, e] of before.slice(0, 3).entries()) {
      assert.equal(e.name, "RolegateError", `call ${i}: ${JSON.stringify(e)}`);
      assert.equal(e.code, "BAD_ARGUMENT");
      assert.match(e.message, /not initialised: `await init\(\)`/);
    }
    assert.equal(before[3].code, "BAD_ARGUMENT", JSON.stringify(before[3]));
    assert.match(before[3].message, /initSync\(\{ module \}\)/);
    // Nothing else of the class throws: `instanceof` answers.
    assert.deepEqual(await page.evaluate(() => window.instanceofBeforeInit), { returned: true });
  } finally {
    await page.close();
  }
});
