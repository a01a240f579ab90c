// rolegate/react and rolegate/vue in real apps built by Vite, run in Chromium: a React 19 app and a
// Vue 3 app gate a console on the signed-in user's roles; the test then changes the roles, then
// the scope, and checks each time what the page shows, which gated components rendered again, and
// that nothing went to the console.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { makeConsumer, packPackage, sh, tool } from "./lib/consumers.mjs";
import { launchBrowser, openPage } from "./lib/browser.mjs";
import { serveDirectory } from "./lib/static-server.mjs";

const AC1 = "organization:acme/account:AC1";
const AC2 = "organization:acme/account:AC2";
const tarball = await packPackage();
let browser;
before(async () => (browser = await launchBrowser()));
after(async () => browser?.close());

/** Builds the consumer app with `vite build` and opens it; `use(page, problems)` runs the test. */
async function withBuiltApp(name, use) {
  const dir = await makeConsumer(name, tarball, { shared: {} });
  await sh(tool("vite"), ["build", "--logLevel", "warn"], { cwd: dir });
  const server = await serveDirectory(join(dir, "dist"));
  try {
    const { page, problems } = await openPage(browser, server.url);
    try {
      await page.waitForSelector("#read", { timeout: 20_000 });
      await use(page, problems);
    } finally {
      await page.close();
    }
  } finally {
    await server.close();
  }
}

/** Each button's decision, and the pages listed. */
async function shown(page) {
  return page.evaluate(() => ({
    buttons: Object.fromEntries([...document.querySelectorAll("button")].map((b) => [b.id, b.dataset.allowed])),
    pages: [...document.querySelectorAll("#pages [data-page-id]")].map((li) => li.dataset.pageId),
    text: Object.fromEntries([...document.querySelectorAll("span[id]")].map((s) => [s.id, s.textContent])),
  }));
}

test("React 19: the provider, useCan, usePages and <Can> gate; a role change, then a scope change, re-render what they change", async () => {
  await withBuiltApp("react-app", async (page, problems) => {
    const renders = () => page.evaluate(() => ({ ...window.app.renders }));
    let view = await shown(page);
    assert.deepEqual(view.buttons, { read: "true", update: "false", "read-ac1": "true", typo: "false", "typo-again": "false" });
    assert.deepEqual(view.text, { "cannot-update": "read only", "pass-through": "true" });
    assert.deepEqual(view.pages, ["studio.flows", "studio.executions"]);

    // A new array holding the same assignments: nothing renders again.
    const before = await renders();
    await page.evaluate(() => window.app.sameRoles());
    assert.deepEqual(await renders(), before, "a new array with the same assignments re-rendered something");

    // A role change: what changed renders again, what did not does not.
    await page.evaluate((ac1) => window.app.setRoles([{ role: "studio-admin", scope: ac1 }]), AC1);
    view = await shown(page);
    assert.deepEqual(view.buttons, { read: "true", update: "true", "read-ac1": "true", typo: "false", "typo-again": "false" });
    assert.deepEqual(view.text, { "can-update": "may edit", "pass-through": "true" });
    const afterRoles = await renders();
    assert.equal(afterRoles.update, before.update + 1, "the button whose answer changed renders again");
    for (const id of ["read", "read-ac1", "typo", "typo-again"]) assert.equal(afterRoles[id], before[id], `${id} rendered again for an unchanged answer`);

    // A scope change: the provider's scope moves to AC2; the button with its own scope stays.
    await page.evaluate((ac2) => window.app.setScope(ac2), AC2);
    view = await shown(page);
    assert.deepEqual(view.buttons, { read: "false", update: "false", "read-ac1": "true", typo: "false", "typo-again": "false" });
    assert.deepEqual(view.pages, []);
    const afterScope = await renders();
    assert.equal(afterScope["read-ac1"], afterRoles["read-ac1"], "a button with its own scope rendered again for the provider's scope");
    assert.equal(afterScope.read, afterRoles.read + 1);

    // The misspelt action: denied, and reported once, to onError (so not to the console).
    assert.deepEqual(await page.evaluate(() => window.app.problems), [
      "UNKNOWN_ACTION: unknown action `studio.flow.raed` in policy `twilio`",
    ]);
    assert.deepEqual(problems, [], "nothing went to the console");
  });
});

test("Vue 3: the plugin, useCan, usePages and $can follow the roles and scope refs", async () => {
  await withBuiltApp("vue-app", async (page, problems) => {
    let view = await shown(page);
    assert.deepEqual(view.buttons, { read: "true", update: "false", "read-ac1": "true", billing: "false" });
    assert.deepEqual(view.text, { "dollar-can": "false", typo: "false" });
    assert.deepEqual(view.pages, ["studio.flows", "studio.executions"]);

    await page.evaluate((ac1) => window.app.setRoles([{ role: "studio-admin", scope: ac1 }]), AC1);
    view = await shown(page);
    assert.deepEqual(view.buttons, { read: "true", update: "true", "read-ac1": "true", billing: "false" });
    assert.equal(view.text["dollar-can"], "true", "$can follows the roles ref");

    // Pushed into the reactive array: a change of roles too.
    await page.evaluate((ac1) => window.app.pushRole({ role: "billing-manager", scope: ac1 }), AC1);
    view = await shown(page);
    assert.equal(view.buttons.billing, "true");

    await page.evaluate((ac2) => window.app.setScope(ac2), AC2);
    view = await shown(page);
    assert.deepEqual(view.buttons, { read: "false", update: "false", "read-ac1": "true", billing: "false" });
    assert.equal(view.text["dollar-can"], "false", "$can follows the scope ref");

    assert.deepEqual(await page.evaluate(() => window.app.problems), [
      "UNKNOWN_ACTION: unknown action `studio.flow.raed` in policy `twilio`",
    ]);
    assert.deepEqual(problems, [], "nothing went to the console");
  });
});

test("rolegate/react renders on a server with React 18 and with React 19, to the same HTML", async () => {
  const render = async (as, install) => {
    const dir = await makeConsumer("react-ssr", tarball, { as, shared: {} });
    if (install) await sh("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error", ...install], { cwd: dir });
    const { stdout } = await sh(process.execPath, [join(dir, "ssr.mjs")], { cwd: dir });
    return JSON.parse(stdout);
  };
  const react19 = await render("react19-ssr");
  const react18 = await render("react18-ssr", ["react@18", "react-dom@18"]);
  assert.match(react19.version, /^19\./);
  assert.match(react18.version, /^18\./);
  for (const { html, problems } of [react18, react19]) {
    assert.match(html, /read=true update=false anywhere=true pages=studio\.flows,studio\.executions/);
    assert.match(html, /<em>read only<\/em>/);
    assert.doesNotMatch(html, /never/);
    assert.deepEqual(problems, ["UNKNOWN_ACTION"]);
  }
  assert.equal(react18.html, react19.html);
});
