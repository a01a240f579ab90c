// rolegate/dom in headless Chromium, with a real Principal from the packed package: hiding and
// disabling, elements added or changed later (MutationObserver), failing closed, update() and
// disconnect(). Each test runs in a fresh page (consumers/plain-html/dom.html).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { makeConsumer, packPackage } from "./lib/consumers.mjs";
import { launchBrowser, openPage, readResult } from "./lib/browser.mjs";
import { serveDirectory } from "./lib/static-server.mjs";

const tarball = await packPackage();
let browser, server;
before(async () => {
  const dir = await makeConsumer("plain-html", tarball, { as: "dom-page", shared: {} });
  [browser, server] = await Promise.all([launchBrowser(), serveDirectory(dir)]);
});
after(async () => Promise.all([browser?.close(), server?.close()]));

/** Runs `fn` in a fresh dom.html page (with `window.rolegate` initialised and `window.dom`). */
async function inPage(fn, arg) {
  const { page, problems } = await openPage(browser, server.url + "dom.html");
  try {
    await readResult(page, problems);
    const result = await page.evaluate(fn, arg);
    assert.deepEqual(problems, [], "no page errors");
    return result;
  } finally {
    await page.close();
  }
}

// In the page: a studio-viewer at AC1 (may read flows, may not delete them), and a way to let
// the MutationObserver run.
const SETUP = `
  const AC1 = "organization:acme/account:AC1";
  const viewer = rolegate.defaultEngine().principal([{ role: "studio-viewer", scope: AC1 }]);
  const admin = rolegate.defaultEngine().principal([{ role: "studio-admin", scope: AC1 }]);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const state = (el) => ({ allowed: el.getAttribute("data-allowed"), hidden: el.hidden, disabled: el.hasAttribute("disabled"), aria: el.getAttribute("aria-disabled") });
  const states = (root) => Object.fromEntries([...root.querySelectorAll("[id]")].map((el) => [el.id, state(el)]));
`;
const run = (body) => inPage(new Function(`return (async () => { ${SETUP} ${body} })();`));

const SHOWN = { allowed: "true", hidden: false, disabled: false, aria: null };
const HIDDEN = { allowed: "false", hidden: true, disabled: false, aria: null };
const DISABLED = { allowed: "false", hidden: false, disabled: true, aria: "true" };

test("hides denied elements, keeps allowed ones, honours data-scope on the element and its ancestors", async () => {
  const s = await run(`
    document.body.innerHTML = \`<main>
      <button id="read" data-can="studio.flow.read">Open</button>
      <button id="delete" data-can="studio.flow.delete">Delete</button>
      <button id="read-ac2" data-can="studio.flow.read" data-scope="organization:acme/account:AC2">Open in AC2</button>
      <section data-scope="organization:acme/account:AC2"><a id="nested-ac2" data-can="studio.flow.read">Open</a></section>
      <section data-scope="organization:acme/account:AC1/subaccount:SA1"><a id="nested-sa1" data-can="studio.flow.read">Open</a></section>
    </main>\`;
    dom.bindPermissions(document.querySelector("main"), viewer, { scope: AC1 });
    return states(document);
  `);
  assert.deepEqual(s, { read: SHOWN, delete: HIDDEN, "read-ac2": HIDDEN, "nested-ac2": HIDDEN, "nested-sa1": SHOWN });
});

test("mode 'disable' sets disabled and aria-disabled; data-can-mode overrides per element", async () => {
  const s = await run(`
    document.body.innerHTML = \`<main>
      <button id="delete" data-can="studio.flow.delete">Delete</button>
      <a id="link" data-can="studio.flow.delete" href="#">Delete link</a>
      <button id="hide-anyway" data-can="studio.flow.delete" data-can-mode="hide">Delete</button>
      <button id="read" data-can="studio.flow.read">Open</button>
    </main>\`;
    dom.bindPermissions(document.body, viewer, { scope: AC1, mode: "disable" });
    return states(document);
  `);
  assert.deepEqual(s, { delete: DISABLED, link: DISABLED, "hide-anyway": HIDDEN, read: SHOWN });
});

test("elements added later and attribute changes are gated (MutationObserver)", async () => {
  const s = await run(`
    document.body.innerHTML = "<main></main>";
    const main = document.querySelector("main");
    dom.bindPermissions(main, viewer, { scope: AC1 });
    main.insertAdjacentHTML("beforeend", '<div><button id="late-delete" data-can="studio.flow.delete">x</button><button id="late-read" data-can="studio.flow.read">x</button></div><button id="plain">x</button>');
    await settle();
    const added = states(main);
    main.querySelector("#late-read").setAttribute("data-can", "studio.flow.delete");   // now denied
    main.querySelector("#late-delete").setAttribute("data-can", "studio.flow.read");   // now allowed
    main.querySelector("#plain").setAttribute("data-can", "studio.flow.delete");       // newly gated
    await settle();
    const changed = states(main);
    main.querySelector("#late-read").removeAttribute("data-can");                       // no longer gated: released
    main.querySelector("#late-delete").setAttribute("data-scope", "organization:acme/account:AC2");
    await settle();
    return { added, changed, released: states(main) };
  `);
  assert.deepEqual(s.added, { "late-delete": HIDDEN, "late-read": SHOWN, plain: { allowed: null, hidden: false, disabled: false, aria: null } });
  assert.deepEqual(s.changed, { "late-delete": SHOWN, "late-read": HIDDEN, plain: HIDDEN });
  assert.deepEqual(s.released, { "late-delete": HIDDEN, "late-read": { allowed: null, hidden: false, disabled: false, aria: null }, plain: HIDDEN });
});

test("a check that throws counts as denied, is reported once through console.warn, and never escapes", async () => {
  const s = await run(`
    const warnings = [];
    console.warn = (...args) => warnings.push(args.join(" "));
    document.body.innerHTML = \`<main>
      <button id="typo" data-can="studio.flow.delet">x</button>
      <button id="typo-again" data-can="studio.flow.delet">x</button>
      <button id="bad-scope" data-can="studio.flow.read" data-scope="acme">x</button>
      <button id="ok" data-can="studio.flow.read">x</button>
    </main>\`;
    const main = document.querySelector("main");
    dom.bindPermissions(main, viewer, { scope: AC1, mode: "disable" });
    main.insertAdjacentHTML("beforeend", '<button id="typo-late" data-can="studio.flow.delet">x</button>');
    await settle();
    return { states: states(main), warnings };
  `);
  assert.deepEqual(s.states, { typo: DISABLED, "typo-again": DISABLED, "bad-scope": DISABLED, ok: SHOWN, "typo-late": DISABLED });
  assert.equal(s.warnings.length, 2, `one warning per distinct problem: ${JSON.stringify(s.warnings)}`);
  assert.match(s.warnings[0], /studio\.flow\.delet.*(did you mean|unknown|not declared)/i);
  assert.match(s.warnings[1], /acme/);
});

test("onChange reports each decision, with the RolegateError of a failed check", async () => {
  const s = await run(`
    const changes = [];
    document.body.innerHTML = '<main><button id="typo" data-can="studio.flow.delet">x</button><button id="read" data-can="studio.flow.read">x</button></main>';
    const binding = dom.bindPermissions(document.querySelector("main"), viewer, {
      scope: AC1,
      onChange: (c) => changes.push({ id: c.element.id, action: c.action, scope: c.scope, allowed: c.allowed, code: c.error ? c.error.code : null }),
    });
    binding.update(); // same answers: no new reports
    const before = changes.length;
    binding.update(undefined, "organization:acme/account:AC2"); // read becomes denied
    return { changes, before };
  `);
  assert.equal(s.before, 2);
  assert.deepEqual(s.changes, [
    { id: "typo", action: "studio.flow.delet", scope: "organization:acme/account:AC1", allowed: false, code: "UNKNOWN_ACTION" },
    { id: "read", action: "studio.flow.read", scope: "organization:acme/account:AC1", allowed: true, code: null },
    { id: "typo", action: "studio.flow.delet", scope: "organization:acme/account:AC2", allowed: false, code: "UNKNOWN_ACTION" },
    { id: "read", action: "studio.flow.read", scope: "organization:acme/account:AC2", allowed: false, code: null },
  ]);
});

test("update() switches principal and scope; disconnect() stops watching; the app's own hidden stays", async () => {
  const s = await run(`
    document.body.innerHTML = '<main><button id="delete" data-can="studio.flow.delete">x</button><button id="app-hidden" hidden data-can="studio.flow.read">x</button></main>';
    const main = document.querySelector("main");
    const binding = dom.bindPermissions(main, viewer, { scope: AC1 });
    const asViewer = states(main);
    binding.update(admin);
    const asAdmin = states(main);
    binding.update(undefined, "organization:acme/account:AC2");
    const asAdminElsewhere = states(main);
    binding.disconnect();
    main.insertAdjacentHTML("beforeend", '<button id="after-disconnect" data-can="studio.flow.delete">x</button>');
    await settle();
    return { asViewer, asAdmin, asAdminElsewhere, after: states(main)["after-disconnect"] };
  `);
  assert.deepEqual(s.asViewer, { delete: HIDDEN, "app-hidden": { ...SHOWN, hidden: true } });
  assert.deepEqual(s.asAdmin, { delete: SHOWN, "app-hidden": { ...SHOWN, hidden: true } }, "the app's own hidden is not undone");
  assert.deepEqual(s.asAdminElsewhere, { delete: HIDDEN, "app-hidden": { ...HIDDEN } });
  assert.deepEqual(s.after, { allowed: null, hidden: false, disabled: false, aria: null });
});

test("any object with canPerform(scope, action) works, and a non-boolean answer is a denial", async () => {
  const s = await run(`
    document.body.innerHTML = '<main><i id="yes" data-can="a.b"></i><i id="truthy" data-can="a.c"></i><i id="throws" data-can="a.d"></i></main>';
    const asked = [];
    const checker = { canPerform(scope, action) { asked.push(scope + " " + action); if (action === "a.d") throw new TypeError("boom"); return action === "a.b" ? true : "yes"; } };
    const warnings = [];
    console.warn = (...args) => warnings.push(args.join(" "));
    dom.bindPermissions(document.body, checker, { scope: "org:x" });
    return { states: states(document), asked, warned: warnings.length };
  `);
  assert.deepEqual(s.states, { yes: SHOWN, truthy: HIDDEN, throws: HIDDEN });
  assert.deepEqual(s.asked, ["org:x a.b", "org:x a.c", "org:x a.d"]);
  assert.equal(s.warned, 1);
});

test("what the app set itself is restored when an element becomes allowed again", async () => {
  const s = await run(`
    document.body.innerHTML = '<main><a id="link" aria-disabled="false" data-can="studio.flow.delete">x</a><button id="app-disabled" disabled data-can="studio.flow.delete">x</button></main>';
    const main = document.querySelector("main");
    const binding = dom.bindPermissions(main, viewer, { scope: AC1, mode: "disable" });
    const denied = states(main);
    binding.update(admin);
    return { denied, allowed: states(main) };
  `);
  assert.deepEqual(s.denied, { link: DISABLED, "app-disabled": DISABLED });
  assert.deepEqual(s.allowed, { link: { ...SHOWN, aria: "false" }, "app-disabled": { ...SHOWN, disabled: true } });
});
