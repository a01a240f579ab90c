// A pasted policy: a broken one lists every problem with its JSON pointer and leaves the policy in
// force answering; a valid one becomes the console, survives a reload and is evaluated like any
// built-in catalog.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startDemo, openDemo, demoQuery, readConsole, readUrlState, loadRolegate, screenshots, REPO } from "./harness.mjs";

const AC1 = "organization:acme/account:AC1";
const START = { catalog: "twilio", roles: [{ role: "studio-viewer", scope: AC1 }], scope: AC1 };

// Structurally sound, with four problems in four places.
const BROKEN = JSON.stringify(
  {
    name: "broken",
    scopeKinds: ["organization", "team"],
    actions: ["app.thing.read", "app.thing.update"],
    roles: [
      { id: "reader", name: "Reader", scopes: ["organization", "galaxy"], grants: ["app.thing.read", "nope.*"] },
      { id: "writer", name: "Writer", scopes: ["team"], grants: ["app.thing.update"], inherits: ["ghost"] },
    ],
    pages: [{ id: "things", title: "Things", path: "/things", section: "App", scopeKind: "team", requires: { anyOf: ["app.thing.delete"] } }],
  },
  null,
  2,
);

let demo;
let rolegate;
before(async () => {
  rolegate = await loadRolegate();
  demo = await startDemo();
});
after(() => demo?.close());

function thrownBy(text) {
  try {
    rolegate.PolicyEngine.fromJson(text);
  } catch (error) {
    return error;
  }
  throw new Error("expected the policy to be rejected");
}

async function pastePolicy(page, text) {
  await page.click("#policy-card summary");
  await page.fill("#policy-text", text);
  await page.click("#policy-load");
}

test("a broken policy lists every error with its path, and the catalog in force still answers", async () => {
  const { page, close, problems } = await openDemo(demo, demoQuery(START));
  try {
    await pastePolicy(page, BROKEN);
    const expected = thrownBy(BROKEN);
    assert.equal(expected.code, "POLICY_INVALID");
    assert.ok(expected.errors.length >= 4, "the sample has several problems");

    const listed = await page.$$eval("#policy-result li", (items) => items.map((li) => ({ path: li.dataset.path, text: li.textContent })));
    assert.deepEqual(listed.map((l) => l.path), expected.errors.map((e) => e.path), "every error, in order, with its JSON pointer");
    for (const [i, e] of expected.errors.entries()) {
      assert.ok(listed[i].text.includes(e.path), `the path ${e.path} is shown`);
      assert.ok(listed[i].text.includes(e.message.replaceAll("`", "")), `the message for ${e.path} is shown`);
    }
    assert.match(await page.textContent("#policy-result"), /Twilio Console stays in force/);
    await screenshots(page, "policy-errors", { focus: "#policy-result" });

    // The previous policy still answers, and still evaluates changes.
    const shown = await readConsole(page);
    assert.equal(shown.catalog, "twilio");
    assert.equal(shown.title, "Twilio Console");
    assert.equal((await readUrlState(page)).catalog, "twilio");
    const twilio = rolegate.PolicyEngine.builtin("twilio");
    assert.deepEqual(shown.nav.filter((n) => !n.hidden).map((n) => n.id), twilio.visibleConsolePages(START.roles, AC1).map((p) => p.id));
    await page.selectOption("#add-role", "studio-admin");
    await page.click("#add-button");
    assert.equal(await page.isDisabled('[data-can="studio.flow.update"]'), false, "Twilio's Studio Admin still allows publishing");
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test("text that is not JSON says so, and nothing changes", async () => {
  const { page, close, problems } = await openDemo(demo, demoQuery(START));
  try {
    const half = '{ "name": "half", ';
    await pastePolicy(page, half);
    const expected = thrownBy(half);
    assert.equal(expected.code, "POLICY_PARSE");
    const text = await page.textContent("#policy-result");
    assert.match(text, /Not loaded/);
    // The engine says where the syntax breaks: as its errors' messages, or in its message.
    const said = expected.errors?.length ? expected.errors.map((e) => e.message) : [expected.message];
    for (const message of said) assert.ok(text.includes(message.replaceAll("`", "")), `${message} in ${text}`);
    assert.equal((await readConsole(page)).catalog, "twilio");
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test("a valid pasted policy becomes the console, evaluated by rolegate, and survives a reload", async () => {
  const text = readFileSync(path.join(REPO, "tests/fixtures/small.json"), "utf8");
  const engine = rolegate.PolicyEngine.fromJson(text);
  const { page, close, problems } = await openDemo(demo, demoQuery(START));
  try {
    await pastePolicy(page, text);
    assert.match(await page.textContent("#policy-result"), new RegExp(`Loaded “${engine.name}”`));
    let state = await readUrlState(page);
    assert.equal(state.catalog, "custom");
    assert.deepEqual(state.roles, [], "a new policy starts with no roles");
    let shown = await readConsole(page);
    assert.equal(shown.catalog, "custom");
    assert.deepEqual(shown.nav.filter((n) => !n.hidden).map((n) => n.id), engine.visibleConsolePages([], state.scope).map((p) => p.id));

    await page.selectOption("#add-role", "studio-editor");
    await page.click("#add-button");
    state = await readUrlState(page);
    shown = await readConsole(page);
    assert.deepEqual(shown.nav.filter((n) => !n.hidden).map((n) => n.id), engine.visibleConsolePages(state.roles, state.scope).map((p) => p.id));
    for (const b of shown.buttons) assert.equal(!b.disabled, engine.canPerform(state.roles, state.scope, b.action), b.action);
    assert.equal(shown.buttons.length, engine.actions().length, "a small custom policy gets a button per action");
    await screenshots(page, "policy-custom");

    // The link names the custom policy; this browser keeps its text, so a reload shows it again.
    await page.reload();
    await page.waitForSelector("body[data-state=ready]");
    assert.deepEqual(await readUrlState(page), state);
    assert.equal((await readConsole(page)).catalog, "custom");
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
