// The mock console shows exactly what rolegate decides: for role sets in both catalogs, opened
// from a URL, the displayed navigation equals visibleConsolePages, the enabled buttons equal
// canPerform, checkAssignments' violations and billingSeat are shown, and nothing logs an error.

import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo, openDemo, demoQuery, readConsole, readUrlState, loadRolegate, screenshots, sorted } from "./harness.mjs";

const ACME_AC1 = "organization:acme/account:AC1";
const ACME_W1_P1 = "organization:acme/workspace:W1/project:P1";

const CASES = [
  {
    name: "twilio: Studio Viewer here, Billing Manager on another account",
    catalog: "twilio",
    roles: [
      { role: "studio-viewer", scope: ACME_AC1 },
      { role: "billing-manager", scope: "organization:acme/account:AC2" },
    ],
    scope: ACME_AC1,
  },
  { name: "twilio: no roles at all", catalog: "twilio", roles: [], scope: ACME_AC1, screenshot: "twilio-no-roles" },
  {
    name: "twilio: Owner and Developer on one account (Owner is held alone)",
    catalog: "twilio",
    roles: [
      { role: "owner", scope: ACME_AC1 },
      { role: "developer", scope: ACME_AC1 },
    ],
    scope: ACME_AC1,
    violations: 1,
    screenshot: "twilio-violation",
  },
  {
    name: "twilio: organization roles and a subaccount grant, viewed at the subaccount",
    catalog: "twilio",
    roles: [
      { role: "organization-admin", scope: "organization:acme" },
      { role: "messaging-services-viewer", scope: "organization:acme" },
      { role: "studio-admin", scope: "organization:acme/account:AC2/subaccount:SA1" },
    ],
    scope: "organization:acme/account:AC2/subaccount:SA1",
  },
  {
    name: "twilio: a scope id with @ and + (split at the first @)",
    catalog: "twilio",
    roles: [{ role: "developer", scope: "organization:acme/account:dev@corp+1" }],
    scope: "organization:acme/account:dev@corp+1",
  },
  {
    name: "voiceflow: Viewer of the workspace with edit access to one project",
    catalog: "voiceflow",
    roles: [
      { role: "viewer", scope: "organization:acme/workspace:W1" },
      { role: "editor", scope: ACME_W1_P1 },
    ],
    scope: ACME_W1_P1,
  },
  { name: "voiceflow: no roles at all", catalog: "voiceflow", roles: [], scope: "organization:acme/workspace:W1" },
  {
    name: "voiceflow: project Editor without Viewer or Billing above it",
    catalog: "voiceflow",
    roles: [{ role: "editor", scope: "organization:acme/workspace:W2/project:P2" }],
    scope: "organization:acme/workspace:W2/project:P2",
    violations: 1,
    screenshot: "voiceflow-violation",
  },
  {
    name: "voiceflow: Enterprise Owner at the organization",
    catalog: "voiceflow",
    roles: [{ role: "owner", scope: "organization:acme" }],
    scope: "organization:acme",
  },
  {
    name: "voiceflow: Billing on a workspace",
    catalog: "voiceflow",
    roles: [{ role: "billing", scope: "organization:acme/workspace:W2" }],
    scope: "organization:acme/workspace:W2",
  },
];

let demo;
let rolegate;
before(async () => {
  rolegate = await loadRolegate();
  demo = await startDemo();
});
after(() => demo?.close());

/** The page against the package's Node build, for one state; returns what was displayed. */
async function assertMatchesEngine(page, { catalog, roles, scope, violations = 0 }) {
  const engine = rolegate.PolicyEngine.builtin(catalog);
  const shown = await readConsole(page);

  assert.equal(shown.catalog, catalog);
  const expectedPages = engine.visibleConsolePages(roles, scope).map((p) => p.id);
  const displayedNav = shown.nav.filter((n) => !n.hidden).map((n) => n.id);
  assert.deepEqual(displayedNav, expectedPages, "displayed navigation = visibleConsolePages, in order");
  assert.deepEqual(sorted(shown.nav.map((n) => n.id)), sorted(engine.pages().map((p) => p.id)), "every page has a nav item");
  for (const item of shown.nav) assert.equal(item.displayed, !item.hidden, `nav item ${item.id}: displayed exactly when not hidden`);

  assert.ok(shown.buttons.length >= 8, "the console has its action buttons");
  const declared = new Set(engine.actions());
  for (const button of shown.buttons) {
    assert.ok(declared.has(button.action), `button ${button.label}: ${button.action} is a real action`);
    const allowed = engine.canPerform(roles, scope, button.action);
    assert.equal(!button.disabled, allowed, `button ${button.label} (${button.action}) enabled = canPerform`);
    assert.equal(button.allowed, String(allowed), `button ${button.label}: data-allowed`);
    assert.equal(button.ariaDisabled === "true", !allowed, `button ${button.label}: aria-disabled`);
    assert.ok(button.displayed, `button ${button.label} is disabled, not hidden`);
  }

  const expectedViolations = engine.checkAssignments(roles);
  assert.equal(expectedViolations.length, violations, "the case has the violations it is meant to have");
  assert.deepEqual(
    shown.violations.map((text) => text.replace(/^Can't be combined: /, "")),
    expectedViolations.map((v) => v.message.replaceAll("`", "")),
    "checkAssignments' violations are shown inline",
  );
  for (const v of expectedViolations) {
    assert.equal(shown.assignments[v.index].state, "violation", `assignment ${v.index} is marked`);
  }

  const seat = engine.billingSeat(roles, scope) ?? null;
  if (catalog === "voiceflow") assert.equal(shown.seat, seat ?? "", "the billing seat is billingSeat's");
  else assert.equal(shown.seat, null, "twilio has no seats");
  return shown;
}

// Independent pages in one browser: three at a time keeps the file quick on two cores.
describe("role sets opened from a URL", { concurrency: 3 }, () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const { page, close, problems } = await openDemo(demo, demoQuery(c));
      try {
        await assertMatchesEngine(page, c);
        const url = await readUrlState(page);
        assert.deepEqual(url, { catalog: c.catalog, roles: c.roles, scope: c.scope, page: url.page }, "the URL keeps the state");
        const shifts = await page.evaluate(() => window.__layoutShifts.reduce((a, b) => a + b, 0));
        assert.ok(shifts < 0.05, `no layout jumps while loading (cumulative shift ${shifts})`);
        if (c.screenshot) await screenshots(page, c.screenshot);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  }
});

test("the shareable link of docs/design.md opens as written (raw `:`, `/` and `@` in the query)", async () => {
  const query =
    "/?catalog=twilio&roles=studio-viewer@organization:acme/account:AC1,billing-manager@organization:acme/account:AC2&scope=organization:acme/account:AC1";
  const { page, close, problems } = await openDemo(demo, query);
  try {
    const shown = await assertMatchesEngine(page, CASES[0]);
    assert.deepEqual(shown.nav.filter((n) => !n.hidden).map((n) => n.id), ["studio.flows", "studio.executions"]);
    assert.equal(new URL(page.url()).search.startsWith(query.slice(1)), true, "the page keeps the link as it was");
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test("an assignment the catalog rejects is listed with the reason and left out of decisions", async () => {
  const roles = [
    { role: "studio-admin", scope: ACME_AC1 },
    { role: "developer", scope: "organization:acme" }, // general roles are held at an account only
    { role: "studio-wizard", scope: ACME_AC1 },
  ];
  const { page, close, problems } = await openDemo(demo, demoQuery({ catalog: "twilio", roles, scope: ACME_AC1 }));
  try {
    await assertMatchesEngine(page, { catalog: "twilio", roles: roles.slice(0, 1), scope: ACME_AC1 });
    const shown = await readConsole(page);
    assert.deepEqual(shown.assignments.map((a) => a.state), ["ok", "invalid", "invalid"]);
    assert.equal(shown.notApplied.length, 2);
    assert.match(shown.notApplied[0], /cannot be held at organization scope/);
    assert.match(shown.notApplied[1], /unknown role studio-wizard/);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
