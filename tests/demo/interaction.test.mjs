// Using the page: explanations on hover, click and keyboard; adding and removing roles with the
// pickers; changing the viewed scope and the catalog. Each change must show up in the console and
// in the URL.

import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo, openDemo, demoQuery, readConsole, readUrlState, loadRolegate, screenshots } from "./harness.mjs";

const AC1 = "organization:acme/account:AC1";
const STUDIO_VIEWER_HERE = {
  catalog: "twilio",
  roles: [
    { role: "studio-viewer", scope: AC1 },
    { role: "billing-manager", scope: "organization:acme/account:AC2" },
  ],
  scope: AC1,
};

let demo;
let twilio;
let voiceflow;
before(async () => {
  const rolegate = await loadRolegate();
  twilio = rolegate.PolicyEngine.builtin("twilio");
  voiceflow = rolegate.PolicyEngine.builtin("voiceflow");
  demo = await startDemo();
});
after(() => demo?.close());

const plain = (reason) => reason.replaceAll("`", "");
const explanation = (page) => page.textContent("#explanation");
const roleName = (engine, id) => engine.roles().find((r) => r.id === id).name;

// Each test has its own page; two at a time.
describe("using the demo", { concurrency: 2 }, () => {
  test("hovering a disabled button explains it and names the role to ask for", async () => {
    const { page, close, problems } = await openDemo(demo, demoQuery(STUDIO_VIEWER_HERE));
    try {
      const action = "studio.flow.update";
      const button = page.locator(`#action-groups [data-can="${action}"]`);
      assert.equal(await button.textContent(), "Publish flow");
      assert.equal(await button.isDisabled(), true);

      await page.hover(`.action[data-explain-action="${action}"]`);
      const text = await explanation(page);
      const decision = twilio.explain(STUDIO_VIEWER_HERE.roles, AC1, action);
      assert.equal(decision.allowed, false);
      assert.ok(text.includes(plain(decision.reason)), `the engine's reason is shown: ${text}`);
      assert.match(text, /Ask an admin for Studio Admin/, "the narrowest granting role comes first");
      for (const role of twilio.rolesGranting(action, AC1)) assert.ok(text.includes(role.name), `names ${role.name}`);
      assert.equal(await page.getAttribute("#explanation", "aria-live"), "polite");
      await screenshots(page, "twilio-explain-disabled");

      // An allowed button explains what allows it.
      await page.hover(`.action[data-explain-action="studio.flow.export"]`);
      const allowedText = await explanation(page);
      assert.ok(allowedText.includes(plain(twilio.explain(STUDIO_VIEWER_HERE.roles, AC1, "studio.flow.export").reason)));
      assert.doesNotMatch(allowedText, /Ask an admin/);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("clicking a hidden page under “Not available” explains it", async () => {
    const { page, close, problems } = await openDemo(demo, demoQuery(STUDIO_VIEWER_HERE));
    try {
      // Billing Manager is held on AC2, so AC1's billing pages are hidden.
      assert.equal(await page.isVisible('[data-page-id="billing.overview"]'), false);
      await page.click(".unavailable summary");
      await page.click('[data-unavailable-page="billing.overview"] button');
      const text = await explanation(page);
      const reason = twilio.explain(STUDIO_VIEWER_HERE.roles, AC1, "billing.history.read").reason;
      assert.ok(text.includes(plain(reason)), text);
      assert.match(text, /Billing overview/);
      for (const role of twilio.rolesGranting("billing.history.read", AC1)) assert.ok(text.includes(role.name), `names ${role.name}`);
      await screenshots(page, "twilio-explain-hidden-page");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("a keyboard user reaches the explanation of a disabled action with Tab", async () => {
    const { page, close, problems } = await openDemo(demo, demoQuery(STUDIO_VIEWER_HERE));
    try {
      const target = '.action[data-explain-action="numbers.number.buy"] .why';
      let reached = false;
      for (let i = 0; i < 120 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = await page.evaluate((sel) => document.activeElement === document.querySelector(sel), target);
      }
      assert.ok(reached, "the “why” button of Buy number is in the tab order");
      assert.equal(await page.getAttribute(target, "aria-label"), "Why is “Buy number” unavailable?");
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, "none", "focus is visible");
      await page.keyboard.press("Enter");
      const text = await explanation(page);
      assert.ok(text.includes(plain(twilio.explain(STUDIO_VIEWER_HERE.roles, AC1, "numbers.number.buy").reason)), text);
      assert.match(text, /Numbers Inventory Manager/);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("adding and removing a role with the pickers updates the console and the URL", async () => {
    const { page, close, problems } = await openDemo(demo, demoQuery({ catalog: "twilio", roles: [], scope: AC1 }));
    try {
      const publish = '#action-groups [data-can="studio.flow.update"]';
      assert.equal(await page.isDisabled(publish), true);

      await page.selectOption("#add-role", "studio-admin");
      await page.selectOption("#add-scope-0", "acme");
      await page.selectOption("#add-scope-1", "AC1");
      await page.selectOption("#add-scope-2", "");
      await page.click("#add-button");

      const added = { role: "studio-admin", scope: AC1 };
      assert.deepEqual((await readUrlState(page)).roles, [added]);
      assert.equal(await page.isDisabled(publish), false);
      const shown = await readConsole(page);
      assert.deepEqual(
        shown.nav.filter((n) => !n.hidden).map((n) => n.id),
        twilio.visibleConsolePages([added], AC1).map((p) => p.id),
      );
      assert.match(await page.textContent("#add-status"), /Added Studio Admin/);

      // A role held at an account only: the pickers offer no organization-level path for it.
      await page.selectOption("#add-role", "developer");
      const accountOptions = await page.$$eval("#add-scope-1 option", (os) => os.map((o) => o.value));
      assert.ok(!accountOptions.includes(""), "Developer cannot stop at the organization");

      await page.click('#assignments [data-assignment="studio-admin@organization:acme/account:AC1"] .icon-button');
      assert.deepEqual((await readUrlState(page)).roles, []);
      assert.equal(await page.isDisabled(publish), true);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("selecting a page in the navigation marks it current and keeps it in the URL", async () => {
    const { page, close, problems } = await openDemo(demo, demoQuery(STUDIO_VIEWER_HERE));
    try {
      assert.equal(await page.getAttribute('[data-page-id="studio.flows"] .nav-link', "aria-current"), "page");
      await page.click('[data-page-id="studio.executions"] .nav-link');
      assert.equal(await page.getAttribute('[data-page-id="studio.executions"] .nav-link', "aria-current"), "page");
      assert.equal(await page.getAttribute('[data-page-id="studio.flows"] .nav-link', "aria-current"), null);
      assert.equal((await readUrlState(page)).page, "studio.executions");
      assert.equal(await page.textContent(".page-title"), "Executions");
      assert.match(await page.textContent(".page-meta"), /\/console\/studio\/flows\/executions/);

      await page.reload();
      await page.waitForSelector("body[data-state=ready]");
      assert.equal(await page.getAttribute('[data-page-id="studio.executions"] .nav-link', "aria-current"), "page");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("viewing another scope re-evaluates the console", async () => {
    const { page, close, problems } = await openDemo(demo, demoQuery(STUDIO_VIEWER_HERE));
    try {
      await page.selectOption("#view-scope-1", "AC2");
      const scope = "organization:acme/account:AC2";
      assert.equal((await readUrlState(page)).scope, scope);
      const shown = await readConsole(page);
      assert.deepEqual(
        shown.nav.filter((n) => !n.hidden).map((n) => n.id),
        twilio.visibleConsolePages(STUDIO_VIEWER_HERE.roles, scope).map((p) => p.id),
      );
      for (const b of shown.buttons) assert.equal(!b.disabled, twilio.canPerform(STUDIO_VIEWER_HERE.roles, scope, b.action), b.action);
      assert.equal(await page.isDisabled('[data-can="billing.settings.update"]'), false, "Billing Manager on AC2 may update payment");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("switching to Voiceflow shows its console, its starting user and the billing seat", async () => {
    const { page, close, problems } = await openDemo(demo, demoQuery(STUDIO_VIEWER_HERE));
    try {
      await page.check('input[name="catalog"][value="voiceflow"]');
      const state = await readUrlState(page);
      assert.equal(state.catalog, "voiceflow");
      const shown = await readConsole(page);
      assert.equal(shown.title, "Voiceflow");
      assert.deepEqual(
        shown.nav.filter((n) => !n.hidden).map((n) => n.id),
        voiceflow.visibleConsolePages(state.roles, state.scope).map((p) => p.id),
      );
      assert.equal(shown.seat, voiceflow.billingSeat(state.roles, state.scope));
      const labels = shown.buttons.map((b) => b.label);
      for (const label of ["Publish project", "Invite member", "Update payment method"]) assert.ok(labels.includes(label), label);
      await page.hover('.action[data-explain-action="workspace.member.invite"]');
      assert.match(await explanation(page), new RegExp(`Ask an admin for ${roleName(voiceflow, "billing")}`));
      await screenshots(page, "voiceflow-explain");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("a package that fails to load is reported in the page, not left spinning", async () => {
    const page = await demo.context.newPage();
    try {
      await page.route("**/pkg/web/index.js", (route) => route.fulfill({ status: 404, body: "not found" }));
      await page.goto(new URL("/?catalog=twilio", demo.url).href);
      await page.waitForSelector("body[data-state=error]");
      assert.match(await page.textContent("#console-loading"), /could not start.*make demo/s);
      assert.equal(await page.isVisible("#console-frame"), false);
    } finally {
      await page.close();
    }
  });
});
