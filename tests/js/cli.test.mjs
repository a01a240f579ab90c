// The CLI as a user gets it: the packed package installed into a project (consumers/cli, with a
// policy and a test file), run as `npx rolegate` and through node_modules/.bin. Each command's
// output and exit code: 0 success, 1 when what was checked fails, 2 for a usage error or an input
// that cannot be read, 2 winning over 1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { makeConsumer, packPackage, REPO } from "./lib/consumers.mjs";

const tarball = await packPackage();
const dir = await makeConsumer("cli", tarball, { shared: {} });
const BIN = join(dir, "node_modules", ".bin", "rolegate");
const shop = () => JSON.parse(readFileSync(join(dir, "shop.json"), "utf8"));

/** Runs the installed CLI; returns its exit code and output. */
function rolegate(args, { cwd = dir } = {}) {
  const run = spawnSync(BIN, args, { cwd, encoding: "utf8" });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Writes a JSON file into the project; returns its path relative to it. */
function write(name, value) {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value, null, 2));
  return name;
}

const ORG = "organization:acme";
const STORE = "organization:acme/store:s1";

// Files more than one test reads, written once here so that each test also runs alone.
/** shop.json with three problems the loader reports: a misspelt key, a misspelt role, an empty `requires`. */
function brokenShop() {
  const doc = shop();
  doc.roles[1].grnats = ["catalog.*"];
  doc.roles[2].inherits = ["viewr"];
  doc.pages[0].requires = {};
  return doc;
}
write("broken.json", brokenShop());
/** One test that passes and four that fail, each differently. */
write("tests/failing.tests.json", {
  policy: "../shop.json",
  tests: [
    { name: "passes", roles: ["viewer"], scope: STORE, allow: ["catalog.product.read"] },
    {
      name: "a cashier refunds",
      roles: [{ role: "cashier", scope: STORE }],
      scope: STORE,
      allow: ["orders.refund.create"],
      deny: ["orders.order.read"],
      pages: ["products", "orders"],
      seat: null,
    },
    { name: "pages in another order", roles: [{ role: "owner", scope: ORG }], scope: ORG, pages: ["billing", "orders", "products"] },
    { name: "a misspelt action", roles: ["viewer"], scope: STORE, allow: ["catalog.product.raed"] },
    { name: "a role held where it cannot be", roles: [{ role: "cashier", scope: ORG }], scope: ORG, deny: ["orders.order.read"] },
  ],
});
write("tests/notjson.tests.json", "{ tests: [] }");

test("npx rolegate runs the installed CLI: --help lists every command, and each command has its own", () => {
  const run = spawnSync("npx", ["--no", "--", "rolegate", "--help"], { cwd: dir, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  for (const command of ["check", "test", "explain", "diff", "types"]) assert.match(run.stdout, new RegExp(`^  ${command} `, "m"));
  assert.match(run.stdout, /Exit codes: 0 success, 1 when what was checked fails, 2 for a usage error/);
  for (const [command, says] of [
    ["check", /FILE:POINTER: message/],
    ["test", /"N passed, N failed"/],
    ["explain", /Exit 0 when allowed, 1 when denied/],
    ["diff", /Exit 0 only when nothing effective changed/],
    ["types", /type Engine = PolicyEngine<ActionId>/],
  ]) {
    const help = rolegate([command, "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, new RegExp(`^Usage: rolegate ${command} `, "m"));
    assert.match(help.stdout, says, command);
  }
  const version = rolegate(["--version"]);
  assert.equal(version.code, 0);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(join(dir, "node_modules", "rolegate", "package.json"), "utf8")).version);
});

test("a usage error exits 2 with a message that says what was wrong", () => {
  const cases = [
    [[], /Usage: rolegate/],
    [["chek", "shop.json"], /unknown command 'chek'[\s\S]*Did you mean check\?/],
    [["check"], /missing required argument 'policy'/],
    [["check", "--jsn", "shop.json"], /unknown option '--jsn'[\s\S]*Did you mean --json\?/],
    [["explain", "--scope", STORE, "catalog.product.read"], /required option '--roles <list>' not specified/],
    [["diff", "shop.json"], /missing required argument 'new'/],
    [["test", "--junit"], /option '--junit <file>' argument missing/],
  ];
  for (const [args, message] of cases) {
    const run = rolegate(args);
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
    assert.match(run.stderr, message, args.join(" "));
  }
});

test("check: OK for a policy the engine loads, both catalogs included; exit 0", () => {
  const run = rolegate(["check", "shop.json", join(REPO, "src/catalogs/twilio.json"), join(REPO, "src/catalogs/voiceflow.json"), "builtin:voiceflow"]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^shop\.json: OK \(policy "shop"\)$/m);
  assert.match(run.stdout, /twilio\.json: OK \(policy "twilio"\)$/m);
  assert.match(run.stdout, /^all 4 policies are OK$/m);
});

test("check: every problem as FILE:POINTER: message, with the did-you-mean; exit 1", () => {
  write("notjson.json", '{ "name": "shop", ');
  const run = rolegate(["check", "broken.json", "notjson.json", "shop.json"]);
  assert.equal(run.code, 1, run.stderr);
  const lines = run.stdout.trim().split("\n");
  assert.deepEqual(lines, [
    "broken.json:/roles/1/grnats: unknown key `grnats`; did you mean `grants`?",
    "broken.json:/pages/0/requires: has neither `anyOf` nor `allOf`; omit `requires` for a page every user sees",
    "broken.json:/roles/2/inherits/0: unknown role `viewr`; did you mean `viewer`?",
    "notjson.json: not JSON data: EOF while parsing a value at line 1 column 18",
    'shop.json: OK (policy "shop")',
    "2 of 3 policies have problems",
  ]);
});

test("check: an unreadable file is exit 2, which wins over a policy with problems; --json says it all", () => {
  const run = rolegate(["check", "broken.json", "missing.json"]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^cannot read missing\.json: no such file$/m);
  assert.match(run.stdout, /^broken\.json:\/roles\/1\/grnats: /m);
  assert.match(run.stdout, /^2 of 2 policies have problems$/m, "the closing count includes the file that cannot be read");
  const json = rolegate(["check", "--json", "shop.json", "broken.json", "missing.json"]);
  assert.equal(json.code, 2);
  const out = JSON.parse(json.stdout);
  assert.equal(out.ok, false);
  assert.deepEqual(out.files[0], { file: "shop.json", ok: true, policy: "shop", problems: [] });
  assert.equal(out.files[1].ok, false);
  assert.equal(out.files[1].code, "POLICY_INVALID");
  assert.deepEqual(out.files[1].problems[0], { pointer: "/roles/1/grnats", message: "unknown key `grnats`; did you mean `grants`?" });
  assert.deepEqual(out.files[2], { file: "missing.json", ok: false, error: "cannot read missing.json: no such file", problems: [] });
  const folder = rolegate(["check", "node_modules"]);
  assert.equal(folder.code, 2);
  assert.match(folder.stderr, /cannot read node_modules: it is a folder, not a file/);
});

test("test: a passing file runs from another folder, its policy found beside it; exit 0 and the closing line", () => {
  const run = rolegate(["test", join(dir, "tests", "shop.tests.json")], { cwd: REPO });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^  PASS A cashier takes orders but refunds none$/m);
  assert.equal(run.stdout.trim().split("\n").at(-1), "3 passed, 0 failed");
});

test("test: a failed expectation prints the test's name, what was expected, what came and why; exit 1", () => {
  const run = rolegate(["test", "tests/failing.tests.json"]);
  assert.equal(run.code, 1, run.stderr);
  const out = run.stdout;
  assert.match(out, /^  PASS passes$/m);
  assert.match(out, /^  FAIL a cashier refunds$/m);
  assert.match(
    out,
    /^    orders\.refund\.create: expected allowed, got denied\n      why: `orders\.refund\.create` is denied at `organization:acme\/store:s1`: .*`cashier`.*denies/m,
  );
  assert.match(out, /^    orders\.order\.read: expected denied, got allowed\n      why: `orders\.order\.read` is allowed at .*`cashier`/m);
  assert.match(out, /^    pages: expected products, orders\n      got orders\n      products is hidden: `catalog\.product\.read` is denied at /m);
  assert.match(out, /^    seat: expected null, got "free"$/m);
  assert.match(out, /^  FAIL pages in another order\n    pages: expected billing, orders, products\n      got products, orders, billing\n      the same pages in another order/m);
  assert.match(out, /^    allow catalog\.product\.raed: unknown action `catalog\.product\.raed` in policy `shop`; did you mean `catalog\.product\.read`\?$/m);
  assert.match(out, /^    the test's roles or scope: role `cashier` cannot be held at organization scope/m);
  assert.equal(out.trim().split("\n").at(-1), "1 passed, 4 failed");
});

test("test: a malformed test file is exit 2 with a pointer to each problem, and 2 wins over failures", () => {
  write("tests/malformed.tests.json", {
    policy: "../shop.json",
    tests: [
      { name: "x", roles: [{ role: "viewer", scop: STORE }, 3], scope: 4, alow: ["catalog.product.read"] },
      { name: "x", roles: [], scope: STORE, deny: [] },
      { name: "y", roles: [], scope: STORE, seat: null, pages: [] },
      { name: "y", roles: [], scope: STORE, seat: null },
    ],
    extra: true,
  });
  const run = rolegate(["test", "tests/malformed.tests.json"]);
  assert.equal(run.code, 2);
  assert.deepEqual(run.stderr.trim().split("\n"), [
    "tests/malformed.tests.json:/extra: unknown key; the keys are `$schema`, `policy`, `tests`",
    "tests/malformed.tests.json:/tests/0: needs at least one expectation: `allow`, `deny`, `pages`, `seat`",
    "tests/malformed.tests.json:/tests/0/alow: unknown key; the keys are `name`, `roles`, `scope`, `allow`, `deny`, `pages`, `seat`",
    "tests/malformed.tests.json:/tests/0/roles/0/scop: unknown key; the keys are `role`, `scope`",
    "tests/malformed.tests.json:/tests/0/roles/1: expected string, found a number",
    "tests/malformed.tests.json:/tests/0/scope: expected string, found a number",
    "tests/malformed.tests.json:/tests/1/deny: is empty; give at least one item, or leave the key out",
  ]);
  // Duplicate names are refused once the file has the schema's shape.
  write("tests/duplicate.tests.json", { policy: "../shop.json", tests: [{ name: "y", roles: [], scope: STORE, seat: null }, { name: "y", roles: [], scope: STORE, pages: [] }] });
  const duplicate = rolegate(["test", "tests/duplicate.tests.json"]);
  assert.equal(duplicate.code, 2);
  assert.equal(duplicate.stderr.trim(), "tests/duplicate.tests.json:/tests/1/name: `y` is also the name of /tests/0");
  const notJson = rolegate(["test", "tests/notjson.tests.json", "tests/failing.tests.json"]);
  assert.equal(notJson.code, 2, "a malformed file beside a failing one");
  assert.match(notJson.stderr, /^tests\/notjson\.tests\.json: not JSON: /m);
  assert.equal(notJson.stdout.trim().split("\n").at(-1), "1 passed, 4 failed");
});

test("test: a policy that cannot be read, does not load or is no built-in catalog is exit 2, saying which", () => {
  const doc = shop();
  doc.roles[0].scopes = ["shop"];
  write("invalid.json", doc);
  const cases = [
    ["../nowhere.json", /^tests\/p\.tests\.json:\/policy: cannot read \.\.\/nowhere\.json: no such file$/m],
    ["../invalid.json", /^tests\/p\.tests\.json:\/policy: \.\.\/invalid\.json does not load:\n\.\.\/invalid\.json:\/roles\/0\/scopes\/0: unknown scope kind `shop`/m],
    ["builtin:twilo", /^tests\/p\.tests\.json:\/policy: builtin:twilo: no built-in catalog `twilo`.*; did you mean `twilio`\?$/m],
  ];
  for (const [policy, message] of cases) {
    write("tests/p.tests.json", { policy, tests: [{ name: "t", roles: [], scope: ORG, seat: null }] });
    const run = rolegate(["test", "tests/p.tests.json"]);
    assert.equal(run.code, 2, policy);
    assert.match(run.stderr, message, policy);
  }
});

test("the README's test file passes against the fixture's policy, as it says", () => {
  const readme = readFileSync(join(REPO, "pkg-config", "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("**`rolegate test TESTS.json...`**"));
  const example = JSON.parse(section.match(/```json\n([\s\S]*?)```/)[1]);
  assert.equal(example.policy, "policy.json");
  write("readme.tests.json", { ...example, policy: "shop.json" });
  const run = rolegate(["test", "readme.tests.json"]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.stdout.trim().split("\n").at(-1), "1 passed, 0 failed");
});

test("test --junit writes JUnit XML, one testcase per test, failures with what came", () => {
  mkdirSync(join(dir, "results"), { recursive: true });
  const run = rolegate(["test", "--junit", "results/junit.xml", "tests/shop.tests.json", "tests/failing.tests.json", "tests/notjson.tests.json"]);
  assert.equal(run.code, 2);
  const xml = readFileSync(join(dir, "results", "junit.xml"), "utf8");
  assert.equal(XMLValidator.validate(xml), true);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase"].includes(name) }).parse(xml);
  const suites = parsed.testsuites.testsuite;
  assert.deepEqual(
    suites.map((s) => [s.name, s.tests, s.failures, s.errors]),
    [
      ["tests/shop.tests.json", "3", "0", "0"],
      ["tests/failing.tests.json", "5", "4", "0"],
      ["tests/notjson.tests.json", "0", "0", "1"],
    ],
  );
  assert.equal(parsed.testsuites.tests, "8");
  const cases = suites[1].testcase;
  assert.deepEqual(cases.map((c) => c.name), ["passes", "a cashier refunds", "pages in another order", "a misspelt action", "a role held where it cannot be"]);
  assert.equal(cases[0].failure, undefined);
  assert.equal(cases[1].failure.message, "orders.refund.create: expected allowed, got denied");
  assert.match(cases[1].failure["#text"], /seat: expected null, got "free"/);
  assert.match(suites[2].testcase[0].error.message, /not JSON/);
  // A file that cannot be written is trouble too.
  const unwritable = rolegate(["test", "--junit", "no/such/folder/junit.xml", "tests/shop.tests.json"]);
  assert.equal(unwritable.code, 2);
  assert.match(unwritable.stderr, /^cannot write no\/such\/folder\/junit\.xml: /m);
});

test("test --coverage lists the roles no test holds, the actions no test names and the pages no test expects", () => {
  const run = rolegate(["test", "--coverage", "tests/shop.tests.json"]);
  assert.equal(run.code, 0);
  assert.match(
    run.stdout,
    /^coverage of \.\.\/shop\.json \(from tests\/shop\.tests\.json\): 2 of 4 roles held, 4 of 5 actions named, 2 of 3 pages expected\n  roles no test holds: viewer, owner\n  actions no test names in allow or deny: org\.billing\.update\n  pages no test's pages list expects: billing\n3 passed, 0 failed\n$/m,
  );
});

test("the repository's own policy tests pass through the CLI and exercise every role, action and page", () => {
  const files = ["tests/policies/twilio.tests.json", "tests/policies/voiceflow.tests.json"].map((f) => join(REPO, f));
  const run = rolegate(["test", "--coverage", ...files]);
  assert.equal(run.code, 0, run.stdout);
  assert.match(run.stdout, /^coverage of builtin:twilio: (\d+) of \1 roles held, (\d+) of \2 actions named, (\d+) of \3 pages expected\n  every role, action and page is exercised$/m);
  assert.match(run.stdout, /^coverage of builtin:voiceflow: (\d+) of \1 roles held, (\d+) of \2 actions named, (\d+) of \3 pages expected\n  every role, action and page is exercised$/m);
  assert.match(run.stdout, /^\d+ passed, 0 failed\n$/m);
});

test("explain: the decision and its reason; exit 0 allowed, 1 denied, 2 for a name the policy refuses", () => {
  const roles = "studio-viewer@organization:acme/account:AC1";
  const scope = "organization:acme/account:AC1/subaccount:SA1";
  const allowed = rolegate(["explain", "--roles", roles, "--scope", scope, "studio.flow.read"]);
  assert.equal(allowed.code, 0);
  assert.equal(allowed.stdout, `allowed\n\`studio.flow.read\` is allowed at \`${scope}\`: \`studio-viewer\` at \`organization:acme/account:AC1\` grants \`studio.flow.read\`.\n`);
  const denied = rolegate(["explain", "--policy", "builtin:twilio", "--roles", roles, "--scope", scope, "studio.flow.update"]);
  assert.equal(denied.code, 1);
  const [verdict, reason, would] = denied.stdout.trim().split("\n");
  assert.equal(verdict, "denied");
  assert.match(reason, /^`studio\.flow\.update` is denied at `organization:acme\/account:AC1\/subaccount:SA1`: none of the roles in force here/);
  assert.equal(would, `roles that would allow it, held at ${scope} or above: owner, administrator, developer, studio-admin`);
  const json = rolegate(["explain", "--policy", "shop.json", "--roles", `cashier@${STORE},viewer`, "--scope", STORE, "--json", "orders.refund.create"]);
  assert.equal(json.code, 1);
  const decision = JSON.parse(json.stdout);
  assert.equal(decision.allowed, false);
  assert.deepEqual(decision.applicable, [{ role: "cashier", scope: STORE }, { role: "viewer", scope: null }]);
  assert.deepEqual(decision.deniedBy.map((d) => d.pattern), ["orders.refund.create"]);
  for (const [args, message] of [
    [["--roles", "studio-viewr@organization:acme", "--scope", "organization:acme", "studio.flow.read"], /did you mean `studio-viewer`\?/],
    [["--roles", roles, "--scope", scope, "studio.flow.raed"], /unknown action `studio\.flow\.raed`.*did you mean `studio\.flow\.read`\?/],
    [["--roles", roles, "--scope", "acme", "studio.flow.read"], /^rolegate: .*`acme`/m],
    [["--policy", "missing.json", "--roles", roles, "--scope", scope, "studio.flow.read"], /^rolegate: cannot read missing\.json: no such file$/m],
  ]) {
    const run = rolegate(["explain", ...args]);
    assert.equal(run.code, 2, args.join(" "));
    assert.match(run.stderr, message);
  }
});

test("diff: no effective change is exit 0, whatever was reworded or reordered", () => {
  const same = rolegate(["diff", "shop.json", "shop.json"]);
  assert.equal(same.code, 0);
  assert.equal(same.stdout, "--- shop.json\n+++ shop.json\nno effective change\n");
  const doc = shop();
  doc.roles[1].name = "Catalog editor";
  doc.roles[1].grants = ["catalog.product.update", "catalog.product.read"]; // what catalog.* covers, by name
  doc.roles.reverse();
  doc.actions.reverse();
  write("reworded.json", doc);
  assert.equal(rolegate(["diff", "shop.json", "reworded.json"]).code, 0);
  assert.equal(rolegate(["diff", "builtin:voiceflow", join(REPO, "src/catalogs/voiceflow.json")]).code, 0);
});

test("diff: each role's gains and losses through inheritance, denies and grantsAt, shown per kind where they differ; exit 1", () => {
  const doc = shop();
  doc.roles[0].grants = ["catalog.product.read", "orders.order.read"]; // viewer, and editor through inheritance
  doc.roles[2].denies = []; // cashier may refund now
  doc.roles[3].grantsAt = { organization: [] }; // owner, held at the organization only
  doc.roles[3].seat = "free";
  doc.roles.push({ id: "auditor", name: "Auditor", scopes: ["organization"], grants: ["orders.order.read"] });
  doc.actions.push("orders.report.read");
  doc.pages.splice(2, 1);
  write("changed.json", doc);
  const run = rolegate(["diff", "shop.json", "changed.json"]);
  assert.equal(run.code, 1, run.stderr);
  assert.equal(
    run.stdout,
    [
      "--- shop.json",
      "+++ changed.json",
      "actions added: orders.report.read",
      "pages removed: billing",
      "roles added: auditor",
      "role viewer, held at organization or store:",
      "  + orders.order.read",
      "  + page orders",
      "role editor, held at organization or store:",
      "  + orders.order.read",
      "  + page orders",
      "role cashier, held at store:",
      "  + orders.refund.create",
      "  + orders.report.read",
      'role owner: seat "paid" -> "free"',
      "role owner, held at organization:",
      "  + orders.report.read",
      "  - org.billing.update",
      "  - page billing",
      "role owner, held at store:",
      "  + orders.report.read",
      "role auditor (added), held at organization:",
      "  + orders.order.read",
      "  + page orders",
      "",
    ].join("\n"),
  );
  const json = JSON.parse(rolegate(["diff", "--json", "shop.json", "changed.json"]).stdout);
  assert.equal(json.changed, true);
  assert.deepEqual(json.actions, { added: ["orders.report.read"], removed: [] });
  const owner = json.roleChanges.find((r) => r.role === "owner");
  assert.deepEqual(owner.seat, { old: "paid", new: "free" });
  assert.deepEqual(
    owner.kinds.map((k) => [k.kind, k.gained, k.lost, k.pagesHidden]),
    [
      ["organization", ["orders.report.read"], ["org.billing.update"], ["billing"]],
      ["store", ["orders.report.read"], [], []],
    ],
  );
});

test("diff: a page made visible to a role is a change, and so are constraints, holdable kinds and the seats' order", () => {
  const visible = shop();
  visible.pages[2].requires = { anyOf: ["catalog.product.update"] };
  write("visible.json", visible);
  const run = rolegate(["diff", "shop.json", "visible.json"]);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^page billing requires: \{"allOf":\["org\.billing\.update"\]\} -> \{"anyOf":\["catalog\.product\.update"\]\}$/m);
  assert.match(run.stdout, /^role editor, held at organization or store:\n  \+ page billing$/m);
  const rules = shop();
  rules.roles[2].constraints = { heldAlone: true };
  rules.roles[2].scopes = ["organization", "store"];
  rules.seats = ["paid", "free"];
  write("rules.json", rules);
  const out = rolegate(["diff", "shop.json", "rules.json"]);
  assert.equal(out.code, 1);
  assert.match(out.stdout, /^seat order: free is now dearer than paid$/m);
  assert.match(out.stdout, /^role cashier: can now be held at organization$/m);
  assert.match(out.stdout, /^role cashier: constraints \{\} -> \{"heldAlone":true\}$/m);
  assert.match(out.stdout, /^role cashier, held at organization:\n  \+ orders\.order\.read\n  \+ page orders$/m);
  const missing = rolegate(["diff", "shop.json", "missing.json"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^rolegate: cannot read missing\.json: no such file$/m);
});

test("types: prints the policy's unions and its typed engine", () => {
  const run = rolegate(["types", "shop.json"]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^import type \{ PolicyEngine \} from "rolegate";$/m);
  assert.match(
    run.stdout,
    /^export type ActionId =\n  \| "catalog\.product\.read"\n  \| "catalog\.product\.update"\n  \| "orders\.order\.read"\n  \| "orders\.refund\.create"\n  \| "org\.billing\.update";$/m,
  );
  assert.match(run.stdout, /^export type PageId = "products" \| "orders" \| "billing";$/m);
  assert.match(run.stdout, /^export type RoleId = "viewer" \| "editor" \| "cashier" \| "owner";$/m);
  assert.match(run.stdout, /^export type ScopeKind = "organization" \| "store";$/m);
  assert.match(run.stdout, /^export type Engine = PolicyEngine<ActionId>;$/m);
  const broken = rolegate(["types", "broken.json"]);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /^broken\.json:\/roles\/1\/grnats: unknown key/m);
});
