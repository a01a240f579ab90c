// Differential tests of what the package's design could break (docs/design.md, "Testing"):
//
// - the package's Principal, which remembers answers, against the wasm module's principal, asked
//   every time, on random and adversarial questions asked over and over, past the memo's bounds;
// - a policy given as an object against the same policy given as JSON text: the same engine, or
//   the same error with the same problems;
// - the wasm build against the native crate on the same random policies and questions (the native
//   answers come from `cargo run --example decide`).
//
// Each generator is seeded, so a failure replays.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const pkgDir = new URL("../../pkg/", import.meta.url);
const REPO = fileURLToPath(new URL("../..", import.meta.url));
const { PolicyEngine, RolegateError } = await import(new URL("node/index.mjs", pkgDir).href);
// A second instance of the wasm module, through its own glue: its classes remember nothing.
const glue = await import(new URL("web/rolegate.js", pkgDir).href);
glue.initSync({ module: readFileSync(new URL("web/rolegate_bg.wasm", pkgDir)) });

const small = readFileSync(new URL("../fixtures/small.json", import.meta.url), "utf8");
const catalogs = ["twilio", "voiceflow"].map((name) =>
  readFileSync(new URL(`../../src/catalogs/${name}.json`, import.meta.url), "utf8"),
);

/** A small seeded generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n) => Math.floor(next() * n);
  return { below, pick: (items) => items[below(items.length)], chance: (p) => next() < p };
}

/** What a call gives: its value as JSON, or the code of the error it throws. */
function outcome(call) {
  try {
    return { value: JSON.stringify(call()) };
  } catch (e) {
    if (e instanceof RolegateError) return { code: e.code };
    if (e !== null && typeof e === "object" && typeof e.code === "string" && !(e instanceof Error)) return { code: e.code };
    throw e;
  }
}

const IDS = ["A", "A1", "B", "AB", "a"];

/** Random questions about `engine`'s policy: scopes, role lists and actions, now and then wrong. */
function world(engine, rng) {
  const kinds = engine.scopeKinds();
  const roleIds = engine.roles().map((r) => r.id);
  const actions = engine.actions();
  const holdable = new Map(engine.roles().map((r) => [r.id, r.scopes]));
  const path = (depth) => kinds.slice(0, depth).map((k) => `${k}:${rng.pick(IDS)}`).join("/");
  const scope = () => {
    if (rng.chance(0.03)) return rng.pick(["", `${kinds[0]}:`, `${kinds[0]}:A/`, `${kinds[0]}:A\0`, `${kinds[0]}:\u0410`]);
    return path(1 + rng.below(kinds.length));
  };
  const assignment = () => {
    const id = rng.chance(0.03) ? "nobody" : rng.pick(roleIds);
    if (rng.chance(0.05)) return id;
    if (rng.chance(0.05)) return { role: id };
    const kindsOfRole = holdable.get(id) ?? [];
    if (kindsOfRole.length === 0 || rng.chance(0.1)) return { role: id, scope: scope() };
    return { role: id, scope: path(kinds.indexOf(rng.pick(kindsOfRole)) + 1) };
  };
  const roleList = () => Array.from({ length: rng.below(4) }, assignment);
  const action = () => (rng.chance(0.03) ? rng.pick(["zz.unknown", "*", ""]) : rng.pick(actions));
  /** Half the time a scope at or below one the roles are held at, where answers are interesting. */
  const scopeFor = (roles) => {
    const held = roles.filter((r) => typeof r?.scope === "string");
    if (held.length === 0 || rng.chance(0.5)) return scope();
    const base = rng.pick(held).scope;
    const depth = base.split("/").length;
    return depth < kinds.length && rng.chance(0.5) ? `${base}/${kinds[depth]}:${rng.pick(IDS)}` : base;
  };
  return { scope, scopeFor, roleList, action };
}

for (const [name, text] of [["small", small], ["twilio", catalogs[0]], ["voiceflow", catalogs[1]]]) {
  test(`${name}: a Principal's remembered answers are the wasm module's, asked again and again`, () => {
    const engine = PolicyEngine.fromJson(text);
    const raw = glue.PolicyEngine.fromJson(text);
    const rng = random(0x5eed + name.length);
    const w = world(engine, rng);
    const lists = Array.from({ length: 30 }, w.roleList);
    const made = lists.map((roles) => {
      const remembered = outcome(() => engine.principal(roles));
      const direct = outcome(() => raw.principal(roles));
      assert.deepEqual(remembered.code, direct.code, `principal(${JSON.stringify(roles)})`);
      return remembered.code ? null : { roles, remembering: engine.principal(roles), direct: raw.principal(roles) };
    });
    const principals = made.filter(Boolean);
    assert.ok(principals.length > 10, `${principals.length} principals`);
    // Few scopes and actions, asked many times: nearly every question is answered from memory.
    const questions = Array.from({ length: 200 }, () => {
      const p = rng.pick(principals);
      return [p, w.scopeFor(p.roles), w.action()];
    });
    for (let i = 0; i < 20_000; i++) {
      const [p, scope, action] = rng.pick(questions);
      const what = `${JSON.stringify(p.roles)} at ${JSON.stringify(scope)}: ${action}`;
      assert.deepEqual(outcome(() => p.remembering.canPerform(scope, action)), outcome(() => p.direct.canPerform(scope, action)), what);
      if (i % 10 === 0) {
        assert.deepEqual(outcome(() => p.remembering.canPerformAnywhere(action)), outcome(() => p.direct.canPerformAnywhere(action)), what);
        assert.deepEqual(outcome(() => p.remembering.visibleConsolePages(scope)), outcome(() => p.direct.visibleConsolePages(scope)), what);
        assert.deepEqual(outcome(() => engine.canPerform(p.roles, scope, action)), outcome(() => raw.canPerform(p.roles, scope, action)), what);
      }
    }
    // Arguments of the wrong type are never remembered, and answer as the module does each time.
    const [p] = principals;
    for (const [scope, action] of [[{ toString: () => "x" }, "a.b"], [null, "a.b"], ["organization:A", 42], [undefined, undefined]]) {
      for (let round = 0; round < 2; round++) {
        assert.deepEqual(outcome(() => p.remembering.canPerform(scope, action)), outcome(() => p.direct.canPerform(scope, action)));
        assert.deepEqual(outcome(() => p.remembering.canPerformAnywhere(action)), outcome(() => p.direct.canPerformAnywhere(action)));
      }
    }
  });
}

test("past its bounds, a Principal starts afresh and still answers as the module does", () => {
  const engine = PolicyEngine.fromJson(small);
  const raw = glue.PolicyEngine.fromJson(small);
  const roles = [{ role: "studio-viewer", scope: "organization:acme/account:AC1" }, { role: "billing-manager", scope: "organization:acme/account:AC7" }];
  const [remembering, direct] = [engine.principal(roles), raw.principal(roles)];
  // More distinct scopes than the memo keeps (16,384 decisions, 256 page lists), twice round.
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 20_000; i++) {
      const scope = `organization:acme/account:AC${i % 10}/subaccount:S${i}`;
      for (const action of ["studio.flow.read", "billing.invoice.read"]) {
        assert.equal(remembering.canPerform(scope, action), direct.canPerform(scope, action), `${action} at ${scope}`);
      }
      if (i % 50 === 0) assert.deepEqual(remembering.visibleConsolePages(scope), direct.visibleConsolePages(scope));
    }
  }
  // A freed principal remembers nothing.
  remembering.free();
  assert.throws(() => remembering.canPerform("organization:acme/account:AC1", "studio.flow.read"), (e) => e instanceof RolegateError && e.code === "BAD_ARGUMENT");
});

// ---------------------------------------------------------------------------------------------
// Random policies, valid and not

const KINDS = ["organization", "account", "subaccount"];
const PRODUCTS = ["studio", "voice", "billing"];
const RESOURCES = ["flow", "number", "invoice"];
const VERBS = ["read", "update", "delete"];

/** A random policy document: mostly valid, now and then with a few problems. */
function randomPolicy(rng) {
  const kinds = KINDS.slice(0, 1 + rng.below(3));
  const actions = [];
  for (const p of PRODUCTS) for (const r of RESOURCES) for (const v of VERBS) if (rng.chance(0.5)) actions.push(`${p}.${r}.${v}`);
  if (actions.length === 0) actions.push("studio.flow.read");
  const pattern = () => {
    const a = rng.pick(actions);
    const [p, r] = a.split(".");
    return rng.pick([a, a, a, `${p}.*`, `${p}.${r}.*`, "*"]);
  };
  const kindsOf = () => kinds.filter(() => rng.chance(0.6)).concat(kinds.length ? [] : []);
  const roles = Array.from({ length: 2 + rng.below(6) }, (_, i) => {
    const scopes = kindsOf();
    const role = { id: `r${i}`, name: `Role ${i}`, scopes: scopes.length ? scopes : [rng.pick(kinds)], grants: Array.from({ length: rng.below(4) }, pattern) };
    if (i > 0 && rng.chance(0.4)) role.inherits = [`r${rng.below(i)}`];
    if (rng.chance(0.2)) role.denies = [rng.pick(actions)];
    if (rng.chance(0.2)) role.grantsAt = { [rng.pick(role.scopes)]: [pattern()] };
    if (rng.chance(0.2)) role.seat = rng.pick(["free", "editor"]);
    if (rng.chance(0.15)) role.constraints = { heldAlone: true };
    if (rng.chance(0.15) && i > 0) role.constraints = { requiresAbove: { [rng.pick(kinds)]: [`r${rng.below(i)}`] } };
    if (rng.chance(0.1)) role.product = rng.pick(PRODUCTS);
    return role;
  });
  const pages = Array.from({ length: rng.below(6) }, (_, i) => {
    const page = { id: `p${i}`, title: `Page ${i}`, path: `/p${i}`, section: "S", scopeKind: rng.pick(kinds) };
    if (i > 0 && rng.chance(0.3)) page.parent = `p${rng.below(i)}`;
    if (rng.chance(0.8)) page.requires = { [rng.pick(["anyOf", "allOf"])]: [rng.pick(actions), rng.pick(actions)] };
    return page;
  });
  const doc = { name: "random", scopeKinds: kinds, seats: ["free", "editor"], actions, roles, pages };
  // Problems, now and then: each of a different kind, so that several can meet.
  const breakers = [
    () => (doc.roles[0].grants = ["studio.flow.nope"]),
    () => (doc.roles[rng.below(doc.roles.length)].inherits = ["r-missing"]),
    () => (doc.roles[0].inherits = [`r${doc.roles.length - 1}`]),
    () => delete doc.name,
    () => (doc.scopeKinds = "organization"),
    () => (doc.roles[rng.below(doc.roles.length)].grnts = []),
    () => (doc.actions.push("Bad..id")),
    () => (doc.pages.push({ id: "bad page", title: 1 })),
    () => (doc.roles.push({ ...doc.roles[0] })),
    () => (doc.roles[0].scopes = ["planet"]),
  ];
  for (const breaker of breakers) if (rng.chance(0.06)) breaker();
  return doc;
}

test("a policy given as an object loads as its JSON text does: the same engine or the same problems", () => {
  const rng = random(0x0b1ec7);
  let loaded = 0;
  let refused = 0;
  for (let i = 0; i < 400; i++) {
    const doc = randomPolicy(rng);
    const text = JSON.stringify(doc);
    const load = (make) => {
      try {
        return { engine: make() };
      } catch (e) {
        assert.ok(e instanceof RolegateError, String(e));
        return { error: { code: e.code, message: e.message, errors: e.errors } };
      }
    };
    const fromObject = load(() => new PolicyEngine(doc));
    const fromText = load(() => PolicyEngine.fromJson(text));
    assert.deepEqual(fromObject.error, fromText.error, text);
    if (fromObject.error) {
      refused++;
      continue;
    }
    loaded++;
    const [a, b] = [fromObject.engine, fromText.engine];
    assert.deepEqual([a.roles(), a.pages(), a.actions(), a.scopeKinds()], [b.roles(), b.pages(), b.actions(), b.scopeKinds()]);
    const w = world(a, rng);
    for (let q = 0; q < 20; q++) {
      const roles = w.roleList();
      const scope = w.scopeFor(roles);
      const action = w.action();
      assert.deepEqual(outcome(() => a.explain(roles, scope, action)), outcome(() => b.explain(roles, scope, action)));
    }
  }
  assert.ok(loaded > 100 && refused > 50, `${loaded} loaded, ${refused} refused: both kinds are exercised`);
});

test("the wasm build answers as the native crate on the same random policies and questions", () => {
  const rng = random(0xd1ff);
  const cases = [];
  for (let i = 0; i < 300; i++) {
    const doc = randomPolicy(rng);
    const text = JSON.stringify(doc);
    let engine;
    try {
      engine = PolicyEngine.fromJson(text);
    } catch {
      cases.push({ text, roles: [], questions: [] });
      continue;
    }
    const w = world(engine, rng);
    const roles = w.roleList();
    const questions = Array.from({ length: 12 }, () => [w.scopeFor(roles), w.action()]);
    cases.push({ text, roles, questions });
  }
  const input = cases.map((c) => JSON.stringify({ policy: c.text, roles: c.roles, questions: c.questions })).join("\n") + "\n";
  const native = execFileSync("cargo", ["run", "--quiet", "--example", "decide"], { cwd: REPO, input, encoding: "utf8", maxBuffer: 64 << 20 })
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  assert.equal(native.length, cases.length);
  const wasmOutcome = (call) => {
    try {
      return { value: call() };
    } catch (e) {
      assert.ok(e instanceof RolegateError, String(e));
      return { code: e.code };
    }
  };
  let compared = 0;
  cases.forEach((c, i) => {
    let engine;
    try {
      engine = PolicyEngine.fromJson(c.text);
    } catch (e) {
      assert.deepEqual({ error: { code: e.code, errors: e.errors } }, native[i], c.text);
      return;
    }
    const answers = c.questions.map(([scope, action]) => ({
      canPerform: wasmOutcome(() => engine.canPerform(c.roles, scope, action)),
      principal: wasmOutcome(() => engine.principal(c.roles).canPerform(scope, action)),
      pages: wasmOutcome(() => engine.visibleConsolePages(c.roles, scope).map((p) => p.id)),
      explain: wasmOutcome(() => {
        const d = engine.explain(c.roles, scope, action);
        return [d.allowed, d.reason];
      }),
      rolesGranting: wasmOutcome(() => engine.rolesGranting(action, scope).map((r) => r.id)),
      billingSeat: wasmOutcome(() => engine.billingSeat(c.roles, scope)),
      violations: wasmOutcome(() => engine.checkAssignments(c.roles).map((v) => v.code)),
    }));
    assert.deepEqual({ answers }, native[i], `${c.text}\nroles ${JSON.stringify(c.roles)}`);
    compared += answers.length;
  });
  assert.ok(compared > 1000, `${compared} questions compared`);
});
