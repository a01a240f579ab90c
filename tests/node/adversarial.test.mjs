// Hostile inputs from JavaScript, against the built package in pkg/ (`node --test tests/node/`):
// wrong types in every argument of every method, prototype-polluted objects, deep nesting, huge
// policies, scopes and assignment lists, look-alike and NUL characters, objects whose getters
// lie or throw, and atomic replacement of the default engine. Each must give a RolegateError with
// the right code, or the correct answer, and leave the engine answering as before.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

// The package's own Node ESM entry, found through its exports map, so that the test follows the
// package layout instead of hard-coding it.
const pkgDir = new URL("../../pkg/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", pkgDir), "utf8"));
const nodeImport = manifest.exports?.["."]?.node?.import;
const entry = (typeof nodeImport === "string" ? nodeImport : nodeImport?.default) ?? manifest.main;
const rolegate = await import(new URL(entry, pkgDir).href);
const { PolicyEngine, canPerform, visibleConsolePages, setDefaultEngine } = rolegate;

const small = readFileSync(new URL("../fixtures/small.json", import.meta.url), "utf8");
const ORG = "organization:acme";
const AC1 = "organization:acme/account:AC1";
const SA1 = `${AC1}/subaccount:SA1`;

/** Calls `fn`, expects a RolegateError with one of `codes`, returns it. */
function throwsRolegate(fn, codes, what = "") {
  const accepted = Array.isArray(codes) ? codes : [codes];
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown !== undefined, `${what}: expected a RolegateError ${accepted.join("/")}, but it returned`);
  assert.ok(thrown instanceof Error, `${what}: threw a non-Error: ${String(thrown)}`);
  assert.equal(thrown.name, "RolegateError", `${what}: threw ${thrown.name}: ${thrown.message}`);
  assert.ok(accepted.includes(thrown.code), `${what}: code ${thrown.code}, expected ${accepted.join("/")}: ${thrown.message}`);
  assert.equal(typeof thrown.message, "string");
  assert.ok(thrown.message.length > 0 && thrown.message.length < 600, `${what}: a ${thrown.message.length}-character message`);
  assert.ok(Array.isArray(thrown.errors), `${what}: errors is an array`);
  return thrown;
}

function smallEngine() {
  return PolicyEngine.fromJson(small);
}

/** Answers that must not change whatever was thrown in between. */
function snapshot(engine) {
  const roles = [{ role: "studio-editor", scope: AC1 }, { role: "billing-manager", scope: AC1 }];
  const principal = engine.principal(roles);
  return JSON.stringify({
    can: ["studio.flow.read", "studio.flow.update", "studio.flow.delete", "billing.invoice.read"].flatMap((a) => [
      engine.canPerform(roles, AC1, a),
      engine.canPerform(roles, ORG, a),
      principal.canPerform(SA1, a),
      engine.explain(roles, SA1, a).allowed,
    ]),
    pages: engine.visibleConsolePages(roles).map((p) => p.id),
    pagesAt: principal.visibleConsolePages(ORG).map((p) => p.id),
    granting: engine.rolesGranting("studio.flow.delete", AC1).map((r) => r.id),
    seat: engine.billingSeat(roles, AC1),
    violations: engine.checkAssignments([{ role: "owner", scope: AC1 }, { role: "studio-viewer", scope: AC1 }]).length,
  });
}

// ---------------------------------------------------------------------------------------------
// Wrong types

const notStrings = () => [
  ["null", null],
  ["undefined", undefined],
  ["a number", 42],
  ["NaN", NaN],
  ["a boolean", true],
  ["an object", {}],
  ["an array", ["organization:acme"]],
  ["a symbol", Symbol("scope")],
  ["a BigInt", 10n],
  ["a function", () => "organization:acme"],
  ["a String object", new String("organization:acme")],
  ["a null-prototype object", Object.create(null)],
  ["an object with toString", { toString: () => "organization:acme" }],
];

const notRoles = () => [
  ["null", null],
  ["undefined", undefined],
  ["a number", 7],
  ["a boolean", false],
  ["a symbol", Symbol("owner")],
  ["a BigInt", 1n],
  ["a function", () => "owner"],
  ["an empty object", {}],
  ["a role that is a number", { role: 1, scope: AC1 }],
  ["a role that is a symbol", { role: Symbol("owner"), scope: AC1 }],
  ["a scope that is a number", { role: "owner", scope: 5 }],
  ["a scope that is an object", { role: "owner", scope: { toString: () => AC1 } }],
  ["a scope that is an array", { role: "owner", scope: [AC1] }],
  ["an array holding null", [null]],
  ["an array holding a number", ["owner", 3]],
  ["an array holding an array", [["owner"]]],
  ["a String object", new String("owner")],
];

test("every string argument of every method refuses every other type with BAD_ARGUMENT", () => {
  const engine = smallEngine();
  const principal = engine.principal([{ role: "studio-viewer", scope: AC1 }]);
  const before = snapshot(engine);
  const roles = [{ role: "studio-viewer", scope: AC1 }];
  const calls = [
    ["PolicyEngine.builtin(name)", (v) => PolicyEngine.builtin(v)],
    ["PolicyEngine.fromJson(text)", (v) => PolicyEngine.fromJson(v)],
    ["engine.canPerform(_, scope, _)", (v) => engine.canPerform(roles, v, "studio.flow.read")],
    ["engine.canPerform(_, _, action)", (v) => engine.canPerform(roles, AC1, v)],
    ["engine.explain(_, scope, _)", (v) => engine.explain(roles, v, "studio.flow.read")],
    ["engine.explain(_, _, action)", (v) => engine.explain(roles, AC1, v)],
    ["engine.rolesGranting(action)", (v) => engine.rolesGranting(v)],
    ["engine.billingSeat(_, scope)", (v) => engine.billingSeat(roles, v)],
    ["principal.canPerform(scope, _)", (v) => principal.canPerform(v, "studio.flow.read")],
    ["principal.canPerform(_, action)", (v) => principal.canPerform(AC1, v)],
    ["canPerform(_, scope, _)", (v) => canPerform("owner", v, "studio.read")],
    ["canPerform(_, _, action)", (v) => canPerform({ role: "owner", scope: "organization:o/account:a" }, "organization:o/account:a", v)],
  ];
  // Optional scopes: null and undefined mean "no scope".
  const optional = [
    ["engine.visibleConsolePages(_, scope)", (v) => engine.visibleConsolePages(roles, v)],
    ["engine.rolesGranting(_, scope)", (v) => engine.rolesGranting("studio.flow.read", v)],
    ["principal.visibleConsolePages(scope)", (v) => principal.visibleConsolePages(v)],
    ["visibleConsolePages(_, scope)", (v) => visibleConsolePages("owner", v)],
  ];
  for (const [name, call] of calls) {
    for (const [kind, value] of notStrings()) throwsRolegate(() => call(value), "BAD_ARGUMENT", `${name} with ${kind}`);
  }
  for (const [name, call] of optional) {
    for (const [kind, value] of notStrings()) {
      if (value === null || value === undefined) assert.ok(Array.isArray(call(value)), `${name} with ${kind}`);
      else throwsRolegate(() => call(value), "BAD_ARGUMENT", `${name} with ${kind}`);
    }
  }
  assert.equal(snapshot(engine), before);
});

test("every roles argument refuses what is not a RoleInput with BAD_ARGUMENT", () => {
  const engine = smallEngine();
  const before = snapshot(engine);
  const calls = [
    ["engine.canPerform(roles)", (v) => engine.canPerform(v, AC1, "studio.flow.read")],
    ["engine.visibleConsolePages(roles)", (v) => engine.visibleConsolePages(v)],
    ["engine.visibleConsolePages(roles, scope)", (v) => engine.visibleConsolePages(v, AC1)],
    ["engine.explain(roles)", (v) => engine.explain(v, AC1, "studio.flow.read")],
    ["engine.principal(roles)", (v) => engine.principal(v)],
    ["engine.checkAssignments(roles)", (v) => engine.checkAssignments(v)],
    ["engine.billingSeat(roles)", (v) => engine.billingSeat(v, AC1)],
    ["canPerform(roles)", (v) => canPerform(v, "organization:o", "studio.flow.read")],
    ["visibleConsolePages(roles)", (v) => visibleConsolePages(v)],
  ];
  for (const [name, call] of calls) {
    for (const [kind, value] of notRoles()) {
      throwsRolegate(() => call(value), "BAD_ARGUMENT", `${name} with ${kind}`);
      // Twice: a cached fast path must refuse it as the first call did.
      throwsRolegate(() => call(value), "BAD_ARGUMENT", `${name} with ${kind}, again`);
    }
  }
  assert.equal(snapshot(engine), before);
});

test("a policy argument refuses what is not a document object", () => {
  for (const [kind, value] of [
    ["null", null],
    ["undefined", undefined],
    ["a number", 1],
    ["a string", small],
    ["an array", [JSON.parse(small)]],
    ["a symbol", Symbol("policy")],
    ["a BigInt", 2n],
    ["a function", () => JSON.parse(small)],
  ]) {
    throwsRolegate(() => new PolicyEngine(value), "BAD_ARGUMENT", `new PolicyEngine(${kind})`);
  }
  for (const [kind, value] of [
    ["an empty object", {}],
    ["a null-prototype object", Object.create(null)],
    ["a Map", new Map([["name", "x"]])],
    ["a Date", new Date()],
  ]) {
    throwsRolegate(() => new PolicyEngine(value), ["POLICY_INVALID", "POLICY_PARSE", "BAD_ARGUMENT"], `new PolicyEngine(${kind})`);
  }
  const doc = JSON.parse(small);
  doc.roles[0].grants = ["studio.flow.read", 42n];
  throwsRolegate(() => new PolicyEngine(doc), ["POLICY_PARSE", "POLICY_INVALID"], "a BigInt inside a policy");
  const withSymbol = JSON.parse(small);
  withSymbol.roles[0].name = Symbol("name");
  throwsRolegate(() => new PolicyEngine(withSymbol), ["POLICY_PARSE", "POLICY_INVALID"], "a symbol inside a policy");
  const withUndefined = JSON.parse(small);
  withUndefined.roles[0].denies = undefined;
  assert.ok(new PolicyEngine(withUndefined).canPerform([{ role: "studio-viewer", scope: AC1 }], AC1, "studio.flow.read"));
});

test("a function or a symbol inside a policy object is refused, not read as an absent key", () => {
  // The object is copied as plain data (structured clone) before it is read: what has no plain
  // form stops the copy, with the platform's words for what it was.
  const withFunction = JSON.parse(small);
  withFunction.roles[0].grants = () => ["*"];
  const f = throwsRolegate(() => new PolicyEngine(withFunction), "POLICY_PARSE", "a function as grants");
  assert.match(f.message, /could not be copied as plain data \(.*could not be cloned/);
  assert.deepEqual(f.errors.map((p) => p.path), [""]);
  const withSymbol = JSON.parse(small);
  withSymbol.roles[0].id = Symbol("studio-viewer");
  const e = throwsRolegate(() => new PolicyEngine(withSymbol), "POLICY_PARSE", "a symbol as an id");
  assert.ok(!/is required/.test(e.message), `a symbol is reported as missing: ${e.message}`);
  // A BigInt is a number, where a string belongs; a key with `/` or `~` is escaped in the pointer.
  const withBigInt = JSON.parse(small);
  withBigInt.roles[1].name = 5n;
  withBigInt.roles[1]["a/b~c"] = "x";
  const b = throwsRolegate(() => new PolicyEngine(withBigInt), "POLICY_INVALID", "a BigInt as a name");
  assert.deepEqual(b.errors.map((p) => [p.path, p.message.split(";")[0]]), [
    ["/roles/1/a~1b~0c", "unknown key `a/b~c`"],
    ["/roles/1/name", "expected a string, found a number"],
  ]);
  // A method on a prototype is not the object's own.
  class Doc { constructor() { Object.assign(this, JSON.parse(small)); } method() {} }
  assert.ok(new PolicyEngine(new Doc()).canPerform([{ role: "studio-viewer", scope: AC1 }], AC1, "studio.flow.read"));
});

test("the checked PolicyEngine is the same class: instanceof, static methods and the default engine all hold", () => {
  const built = new PolicyEngine(JSON.parse(small));
  for (const engine of [built, PolicyEngine.fromJson(small), PolicyEngine.builtin("twilio")]) {
    assert.ok(engine instanceof PolicyEngine);
    assert.equal(Object.getPrototypeOf(engine), PolicyEngine.prototype);
  }
  setDefaultEngine(built);
  try {
    assert.equal(canPerform([{ role: "studio-viewer", scope: AC1 }], AC1, "studio.flow.read"), true);
  } finally {
    setDefaultEngine(PolicyEngine.builtin("twilio"));
  }
  // What the check leaves to the engine still reaches it: a cycle, a getter that throws, a Date.
  const cyclic = JSON.parse(small);
  cyclic.roles[0].self = cyclic;
  throwsRolegate(() => new PolicyEngine(cyclic), "POLICY_PARSE", "a cycle");
  const throwing = JSON.parse(small);
  Object.defineProperty(throwing.roles[0], "grants", { enumerable: true, get() { throw new Error("no"); } });
  throwsRolegate(() => new PolicyEngine(throwing), "POLICY_PARSE", "a throwing getter");
  // A Date is not a string: the object is read as data, not through `toJSON` as JSON.stringify would.
  const dated = JSON.parse(small);
  dated.description = new Date(0);
  assert.deepEqual(throwsRolegate(() => new PolicyEngine(dated), "POLICY_INVALID", "a Date").errors.map((p) => p.path), ["/description"]);
  // A catalog-sized policy object is read as its JSON text is, errors included; a subclass keeps
  // its own prototype.
  const twilioText = readFileSync(new URL("../../src/catalogs/twilio.json", import.meta.url), "utf8");
  const long = new PolicyEngine(JSON.parse(twilioText));
  assert.equal(Object.getPrototypeOf(long), PolicyEngine.prototype);
  assert.deepEqual(long.roles(), PolicyEngine.builtin("twilio").roles());
  const broken = JSON.parse(twilioText);
  broken.roles[3].grants = ["studio.flow.raed"];
  const fromObject = throwsRolegate(() => new PolicyEngine(broken), "POLICY_INVALID", "a long policy with a typo");
  const fromText = throwsRolegate(() => PolicyEngine.fromJson(JSON.stringify(broken)), "POLICY_INVALID", "its text");
  assert.deepEqual([fromObject.message, fromObject.errors], [fromText.message, fromText.errors]);
  class Mine extends PolicyEngine {
    mine() { return this.name; }
  }
  const mine = new Mine(JSON.parse(twilioText));
  assert.ok(mine instanceof Mine && mine instanceof PolicyEngine);
  assert.equal(mine.mine(), long.name);
});

test("setDefaultEngine refuses what is not a live engine, and the default answers as before", () => {
  const voiceflow = PolicyEngine.builtin("voiceflow");
  setDefaultEngine(voiceflow);
  const roles = [{ role: "editor", scope: "organization:o/workspace:w" }];
  const ask = () => JSON.stringify([
    canPerform(roles, "organization:o/workspace:w/project:p", voiceflow.actions()[0]),
    voiceflow.actions().map((a) => canPerform(roles, "organization:o/workspace:w", a)),
    visibleConsolePages(roles).map((p) => p.id),
  ]);
  const before = ask();
  for (const [kind, value] of [
    ...notStrings(),
    ["a principal", voiceflow.principal([])],
    ["an engine look-alike", { canPerform: () => true, visibleConsolePages: () => [] }],
  ]) {
    throwsRolegate(() => setDefaultEngine(value), "BAD_ARGUMENT", `setDefaultEngine(${kind})`);
    assert.equal(ask(), before, `the default engine changed after setDefaultEngine(${kind})`);
  }
});

test("setDefaultEngine refuses a freed engine and an object made from the prototype", () => {
  const twilio = PolicyEngine.builtin("twilio");
  setDefaultEngine(twilio);
  const ask = () => JSON.stringify(visibleConsolePages({ role: "owner", scope: "organization:o/account:a" }).map((p) => p.id));
  const before = ask();
  const impostor = Object.create(PolicyEngine.prototype);
  const freed = PolicyEngine.builtin("voiceflow");
  freed.free();
  for (const [kind, value] of [["an object made from PolicyEngine.prototype", impostor], ["a freed engine", freed]]) {
    throwsRolegate(() => setDefaultEngine(value), "BAD_ARGUMENT", `setDefaultEngine(${kind})`);
    assert.equal(ask(), before, `the default engine changed after setDefaultEngine(${kind})`);
  }
});

test("a freed engine's methods throw a RolegateError, not wasm-bindgen's null pointer error", () => {
  const freed = PolicyEngine.builtin("voiceflow");
  const principal = freed.principal([]);
  const action = freed.actions()[0];
  freed.free();
  throwsRolegate(() => freed.canPerform("owner", "organization:o", "x.y"), "BAD_ARGUMENT", "a freed engine's canPerform");
  throwsRolegate(() => freed.principal("owner"), "BAD_ARGUMENT", "a freed engine's principal");
  // A principal made before keeps its own reference to the compiled policy.
  assert.equal(principal.canPerform("organization:o", action), false);
  // Freeing again does nothing (cleanup code may run twice), by `free` or by `Symbol.dispose`.
  freed.free();
  principal.free();
  principal.free();
  if (typeof Symbol.dispose === "symbol") {
    const disposed = PolicyEngine.builtin("voiceflow");
    disposed[Symbol.dispose]();
    disposed[Symbol.dispose]();
    disposed.free();
    throwsRolegate(() => disposed.roles(), "BAD_ARGUMENT", "a disposed engine's roles");
  }
});

test("isAction is true for exactly the declared action ids, whatever else it is given", () => {
  const engine = PolicyEngine.builtin("voiceflow");
  for (const action of engine.actions()) assert.equal(engine.isAction(action), true, action);
  const lookalikes = ["project.canvas.updat", "Project.canvas.update", "project.canvas.update ", "project.*", "*", "", "org"];
  const others = [undefined, null, 1, true, {}, [], ["project.canvas.update"], { toString: () => "project.canvas.update" }];
  for (const value of [...lookalikes, ...others]) assert.equal(engine.isAction(value), false, String(value));
  // Each engine answers for its own policy.
  assert.equal(PolicyEngine.builtin("twilio").isAction("project.canvas.update"), false);
  assert.equal(PolicyEngine.fromJson(small).isAction("project.canvas.update"), false);
  engine.free();
  throwsRolegate(() => engine.isAction("project.canvas.update"), "BAD_ARGUMENT", "a freed engine's isAction");
});

test("an assignment that would read as held everywhere by mistake is refused: a key in place of scope, or scope undefined", () => {
  const engine = smallEngine();
  const elsewhere = "organization:other/account:AC9";
  // Each twice: the second call goes through the cache of compiled principals.
  for (let round = 0; round < 2; round++) {
    for (const [roles, pattern] of [
      [{ role: "owner", scope_path: AC1 }, /`scope_path` and no `scope`/],
      [[{ role: "owner", scopePath: AC1 }], /`scopePath` and no `scope`/],
      [{ role: "owner", scop: AC1 }, /`scop` and no `scope`; an assignment is \{ role, scope \}/],
      [{ role: "owner", scope: undefined }, /`roles\.scope` must be a scope path, got undefined/],
      [[{ role: "owner", scope: 7 }], /must be a scope path, got number/],
    ]) {
      const e = throwsRolegate(() => engine.canPerform(roles, elsewhere, "studio.flow.read"), "BAD_ARGUMENT", JSON.stringify(roles));
      assert.match(e.message, pattern);
      throwsRolegate(() => engine.principal(roles), "BAD_ARGUMENT", "principal");
      throwsRolegate(() => engine.checkAssignments(roles), "BAD_ARGUMENT", "checkAssignments");
      throwsRolegate(() => engine.billingSeat(roles, AC1), "BAD_ARGUMENT", "billingSeat");
    }
    // Held wherever asked, as documented: the role alone, `{ role }`, or a scope of null.
    for (const roles of ["owner", { role: "owner" }, { role: "owner", scope: null }, [{ role: "owner", scope: null }]]) {
      assert.equal(engine.canPerform(roles, AC1, "studio.flow.read"), true, JSON.stringify(roles));
    }
    // With a scope, other keys (a row from a database) are left alone.
    assert.equal(engine.canPerform({ role: "owner", scope: AC1, userId: 7 }, AC1, "studio.flow.read"), true);
    assert.equal(engine.canPerform({ role: "owner", scope: AC1, userId: 7 }, "organization:acme/account:AC2", "studio.flow.read"), false);
  }
  // An object that was valid, changed to one that is not: refused on its next use.
  const changing = { role: "owner" };
  assert.equal(engine.canPerform(changing, AC1, "studio.flow.read"), true);
  changing.scope = undefined;
  throwsRolegate(() => engine.canPerform(changing, AC1, "studio.flow.read"), "BAD_ARGUMENT", "a scope made undefined");
  // Likewise one that gained a key in place of `scope`, alone or in a list.
  for (const roles of [{ role: "owner" }, [{ role: "owner" }]]) {
    assert.equal(engine.canPerform(roles, AC1, "studio.flow.read"), true);
    (Array.isArray(roles) ? roles[0] : roles).scopePath = elsewhere;
    const e = throwsRolegate(() => engine.canPerform(roles, AC1, "studio.flow.read"), "BAD_ARGUMENT", "a key gained in place of scope");
    assert.match(e.message, /`scopePath` and no `scope`/);
    throwsRolegate(() => engine.visibleConsolePages(roles, AC1), "BAD_ARGUMENT", "its pages");
  }
});

test("an assignment is read as plain data: its own enumerable keys, not its class's getters", () => {
  const engine = smallEngine();
  class Grant {
    #role;
    #scope;
    constructor(role, scope) {
      this.#role = role;
      this.#scope = scope;
    }
    get role() {
      return this.#role;
    }
    get scope() {
      return this.#scope;
    }
  }
  // Copied as plain data, a Grant has no `role`: refused, not read as anything.
  for (let round = 0; round < 2; round++) {
    const e = throwsRolegate(() => engine.canPerform([new Grant("studio-viewer", AC1)], SA1, "studio.flow.read"), "BAD_ARGUMENT", "a class with getters");
    assert.match(e.message, /`roles\[0\]` has no `role`/);
    throwsRolegate(() => engine.principal(new Grant("studio-viewer", AC1)), "BAD_ARGUMENT", "a class with getters, alone");
  }
  // Own data of a class instance is read.
  class Plain {
    constructor(role, scope) {
      this.role = role;
      this.scope = scope;
    }
  }
  assert.equal(engine.canPerform([new Plain("studio-viewer", AC1)], SA1, "studio.flow.read"), true);
});

// ---------------------------------------------------------------------------------------------
// Atomic loads

test("a failed load leaves the default engine and every other engine answering exactly as before", () => {
  const twilio = PolicyEngine.builtin("twilio");
  setDefaultEngine(twilio);
  const roles = [{ role: "studio-admin", scope: "organization:o/account:AC1" }];
  const ask = () => JSON.stringify([
    canPerform(roles, "organization:o/account:AC1", "studio.flow.update"),
    canPerform(roles, "organization:o/account:AC2", "studio.flow.update"),
    visibleConsolePages(roles).map((p) => p.id),
    visibleConsolePages("owner", "organization:o/account:AC1").map((p) => p.id),
  ]);
  const before = ask();
  const other = smallEngine();
  const otherBefore = snapshot(other);
  const broken = JSON.parse(small);
  broken.roles[1].inherits = ["studio-admin"]; // a cycle
  const failures = [
    () => PolicyEngine.fromJson("{"),
    () => PolicyEngine.fromJson(JSON.stringify(broken)),
    () => new PolicyEngine(broken),
    () => new PolicyEngine({ ...JSON.parse(small), roles: "none" }),
    () => PolicyEngine.builtin("twilo"),
    () => setDefaultEngine(PolicyEngine.fromJson("[]")),
    () => setDefaultEngine(new PolicyEngine(broken)),
  ];
  for (const fail of failures) {
    throwsRolegate(fail, ["POLICY_PARSE", "POLICY_INVALID", "BAD_ARGUMENT"], String(fail));
    assert.equal(ask(), before, `default engine changed after ${fail}`);
    assert.equal(snapshot(other), otherBefore);
  }
  // And a successful replacement does replace it.
  setDefaultEngine(other);
  assert.equal(canPerform([{ role: "studio-editor", scope: AC1 }], AC1, "studio.flow.update"), true);
  setDefaultEngine(twilio);
  assert.equal(ask(), before);
});

// ---------------------------------------------------------------------------------------------
// Prototype pollution

test("__proto__ and constructor keys in a policy are unknown keys, not prototype writes", () => {
  const text = small.replace('"name": "small",', '"__proto__": { "roles": [] }, "constructor": { "prototype": { "x": 1 } }, "name": "small",');
  for (const load of [() => PolicyEngine.fromJson(text), () => new PolicyEngine(JSON.parse(text))]) {
    const e = throwsRolegate(load, "POLICY_INVALID");
    const paths = e.errors.map((p) => p.path);
    assert.ok(paths.includes("/__proto__") && paths.includes("/constructor"), JSON.stringify(paths));
  }
  assert.equal({}.roles, undefined);
  assert.equal({}.x, undefined);
  const role = JSON.parse('{"id": "auditor2", "name": "A", "scopes": ["account"], "grants": ["studio.*"], "__proto__": {"grants": ["*"]}}');
  const doc = JSON.parse(small);
  doc.roles.push(role);
  throwsRolegate(() => new PolicyEngine(doc), "POLICY_INVALID");
});

test("a polluted Object.prototype grants nothing a policy or an assignment does not hold itself", (t) => {
  const polluted = ["grants", "inherits", "denies", "role", "scope", "requires"];
  t.after(() => polluted.forEach((k) => delete Object.prototype[k]));
  Object.prototype.grants = ["*"];
  Object.prototype.inherits = ["owner"];
  Object.prototype.requires = undefined;
  const engine = new PolicyEngine(JSON.parse(small));
  polluted.forEach((k) => delete Object.prototype[k]);
  const clean = new PolicyEngine(JSON.parse(small));
  assert.equal(snapshot(engine), snapshot(clean), "the policy read inherited properties");
  assert.equal(engine.canPerform([{ role: "billing-manager", scope: AC1 }], AC1, "studio.flow.read"), false);

  // Assignments: an own `role` wins over a polluted one; a polluted scope narrows, never widens.
  Object.prototype.scope = "organization:elsewhere";
  const answer = engine.canPerform([{ role: "studio-viewer", scope: AC1 }], AC1, "studio.flow.read");
  assert.equal(answer, true);
  delete Object.prototype.scope;
});

test("a polluted Object.prototype.role does not turn a malformed assignment into a role", (t) => {
  const engine = smallEngine();
  t.after(() => delete Object.prototype.role);
  Object.prototype.role = "owner";
  for (const call of [
    () => engine.canPerform({ scope: AC1 }, AC1, "billing.invoice.read"),
    () => engine.canPerform([{ scope: AC1 }], AC1, "billing.invoice.read"),
    () => engine.principal({ scope: AC1 }),
  ]) {
    throwsRolegate(call, "BAD_ARGUMENT", String(call));
  }
});

test("an assignment whose own keys include __proto__ is read by its own role and scope", () => {
  const engine = smallEngine();
  const sneaky = JSON.parse(`{"role": "studio-viewer", "scope": "${AC1}", "__proto__": {"role": "owner"}}`);
  assert.equal(engine.canPerform(sneaky, AC1, "studio.flow.read"), true);
  assert.equal(engine.canPerform(sneaky, AC1, "studio.flow.delete"), false);
  assert.equal(engine.canPerform([sneaky], AC1, "billing.invoice.read"), false);
});

// ---------------------------------------------------------------------------------------------
// Objects that lie or throw

test("an assignment whose getter changes its answer cannot poison the cache of compiled principals", () => {
  // The getter says `studio-viewer` for its first `k` reads and `owner` after: whichever read the
  // cache key and the compiled principal come from, they must be the same.
  for (let k = 0; k < 6; k++) {
    const engine = smallEngine();
    let reads = 0;
    const shifty = { get role() { return reads++ < k ? "studio-viewer" : "owner"; }, scope: AC1 };
    try {
      engine.canPerform([shifty], AC1, "billing.invoice.read");
    } catch (e) {
      assert.equal(e.name, "RolegateError");
    }
    assert.equal(engine.canPerform([{ role: "studio-viewer", scope: AC1 }], AC1, "billing.invoice.read"), false,
      `after a getter that changed at read ${k}, a plain studio-viewer was answered as an owner`);
    assert.equal(engine.canPerform([{ role: "owner", scope: AC1 }], AC1, "billing.invoice.read"), true);
  }
});

test("getters and proxies that throw give a RolegateError, and the engine keeps working", () => {
  const engine = smallEngine();
  const before = snapshot(engine);
  const boom = () => {
    throw new Error("boom");
  };
  const inputs = [
    ["a role getter that throws", { get role() { return boom(); }, scope: AC1 }],
    ["a scope getter that throws", { role: "owner", get scope() { return boom(); } }],
    ["a proxy whose get trap throws", new Proxy({}, { get: boom })],
    ["an array proxy whose get trap throws", new Proxy(["owner"], { get: (t, k) => (k === "length" ? 1 : boom()) })],
    ["an array with a throwing element getter", Object.defineProperty([], 0, { get: boom, enumerable: true })],
  ];
  for (const [kind, roles] of inputs) {
    for (const call of [
      () => engine.canPerform(roles, AC1, "studio.flow.read"),
      () => engine.principal(roles),
      () => engine.visibleConsolePages(roles),
      () => engine.explain(roles, AC1, "studio.flow.read"),
      () => engine.checkAssignments(roles),
      () => canPerform(roles, "organization:o", "studio.flow.read"),
    ]) {
      throwsRolegate(call, "BAD_ARGUMENT", `${kind}: ${call}`);
    }
  }
  const throwingPolicy = JSON.parse(small);
  Object.defineProperty(throwingPolicy, "roles", { get: boom, enumerable: true });
  throwsRolegate(() => new PolicyEngine(throwingPolicy), ["POLICY_PARSE", "BAD_ARGUMENT"], "a policy getter that throws");
  assert.equal(snapshot(engine), before);
  engine.free(); // no borrow was left behind by an exception that crossed the wasm boundary
  // Thousands of times: an exception unwinding through wasm would leak shadow stack each time
  // until every engine traps with "memory access out of bounds".
  const survivor = smallEngine();
  const badList = Object.defineProperty([], 0, { get: boom, enumerable: true });
  for (let i = 0; i < 5000; i++) {
    try {
      survivor.principal(badList);
    } catch {
      // the RolegateError is checked above
    }
  }
  assert.equal(snapshot(survivor), before);
  assert.equal(smallEngine().canPerform("owner", AC1, "studio.flow.read"), true);
});

// ---------------------------------------------------------------------------------------------
// Size

test("deeply nested and self-referencing policies are POLICY_PARSE, not a stack overflow or a hang", () => {
  const depth = 100_000;
  throwsRolegate(() => PolicyEngine.fromJson(`{"name": ${"[".repeat(depth)}${"]".repeat(depth)}}`), "POLICY_PARSE", "deep arrays");
  throwsRolegate(() => PolicyEngine.fromJson(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`), "POLICY_PARSE", "deep objects");
  let deep = {};
  for (let i = 0; i < depth; i++) deep = { a: deep };
  throwsRolegate(() => new PolicyEngine({ ...JSON.parse(small), extra: deep }), "POLICY_PARSE", "a deep object");
  const cyclic = JSON.parse(small);
  cyclic.roles[0].self = cyclic;
  const e = throwsRolegate(() => new PolicyEngine(cyclic), "POLICY_PARSE", "a cyclic object");
  assert.equal(e.errors.length, 1, "the problem is in `errors` too");
  assert.ok(e.errors[0].path.startsWith("/roles/0/self/roles/0/self/"), e.errors[0].path);
  assert.match(e.errors[0].message, /is nested more than 64 levels deep/);
  assert.ok(smallEngine().canPerform("owner", AC1, "studio.flow.read"));
});

test("a 10 MB policy loads, from text and as an object, and answers exactly", () => {
  const doc = JSON.parse(small);
  const description = "d".repeat(4000);
  for (let i = 0; i < 2400; i++) {
    doc.actions.push({ id: `bulk.item${i}.read`, description });
    doc.roles.push({ id: `bulk-${i}`, name: `Bulk ${i}`, description, scopes: ["account"], grants: [`bulk.item${i}.read`] });
  }
  const text = JSON.stringify(doc);
  assert.ok(text.length > 10_000_000, `${text.length} characters`);
  for (const engine of [PolicyEngine.fromJson(text), new PolicyEngine(doc)]) {
    assert.equal(engine.canPerform({ role: "bulk-2000", scope: AC1 }, SA1, "bulk.item2000.read"), true);
    assert.equal(engine.canPerform({ role: "bulk-2000", scope: AC1 }, SA1, "bulk.item2001.read"), false);
    assert.deepEqual(engine.rolesGranting("bulk.item9.read", AC1).map((r) => r.id), ["owner", "auditor", "bulk-9"]);
    assert.equal(engine.actions().length, 2407);
  }
});

test("a 1 MB scope is BAD_SCOPE with a short message, wherever a scope goes", () => {
  const engine = smallEngine();
  const roles = [{ role: "studio-viewer", scope: AC1 }];
  const principal = engine.principal(roles);
  for (const huge of [`organization:${"a".repeat(1 << 20)}`, `${AC1}/${"subaccount:S/".repeat(90_000)}`, "/".repeat(1 << 20)]) {
    throwsRolegate(() => engine.canPerform(roles, huge, "studio.flow.read"), "BAD_SCOPE");
    throwsRolegate(() => principal.canPerform(huge, "studio.flow.read"), "BAD_SCOPE");
    throwsRolegate(() => principal.canPerform(huge, "studio.flow.read"), "BAD_SCOPE", "asked again");
    throwsRolegate(() => engine.visibleConsolePages(roles, huge), "BAD_SCOPE");
    throwsRolegate(() => engine.explain(roles, huge, "studio.flow.read"), "BAD_SCOPE");
    throwsRolegate(() => engine.rolesGranting("studio.flow.read", huge), "BAD_SCOPE");
    throwsRolegate(() => engine.principal({ role: "studio-viewer", scope: huge }), "BAD_SCOPE");
    throwsRolegate(() => engine.canPerform({ role: "studio-viewer", scope: huge }, AC1, "studio.flow.read"), "BAD_SCOPE");
    throwsRolegate(() => canPerform("owner", huge, "studio.flow.read"), "BAD_SCOPE");
  }
  throwsRolegate(() => engine.canPerform("x".repeat(1 << 20), AC1, "studio.flow.read"), "UNKNOWN_ROLE");
  throwsRolegate(() => engine.canPerform(roles, AC1, "studio.".repeat(1 << 17)), "UNKNOWN_ACTION");
  throwsRolegate(() => PolicyEngine.builtin("t".repeat(1 << 20)), "BAD_ARGUMENT");
  assert.ok(principal.canPerform(SA1, "studio.flow.read"));
});

test("look-alike characters, NUL bytes and lone surrogates in ids are refused, never matched", () => {
  const engine = smallEngine();
  const viewer = [{ role: "studio-viewer", scope: AC1 }];
  for (const scope of [
    "organization:\u0430cme/account:AC1", // Cyrillic а
    "organization:acme/account:\uFF21C1", // fullwidth Ａ
    "organization:acme/account:AC1\u200B", // zero-width space
    "organization:acme/account:AC1\0",
    "organization:acme\0/account:AC1",
    "organization:acme/account:AC1\uD800", // a lone surrogate
    "org\u0430nization:acme",
  ]) {
    throwsRolegate(() => engine.canPerform(viewer, scope, "studio.flow.read"), "BAD_SCOPE", JSON.stringify(scope));
    throwsRolegate(() => engine.principal({ role: "studio-viewer", scope }), "BAD_SCOPE", JSON.stringify(scope));
  }
  for (const role of ["studio\u2010viewer", "studi\u043E-viewer", "studio-viewer\0", "studio-viewer\uDFFF", "Studio-Viewer"]) {
    const e = throwsRolegate(() => engine.canPerform({ role, scope: AC1 }, AC1, "studio.flow.read"), "UNKNOWN_ROLE", JSON.stringify(role));
    assert.ok(/studio-viewer/.test(e.help ?? ""), `no "did you mean" for ${JSON.stringify(role)}: ${e.help}`);
  }
  for (const action of ["studio.flow.read\0", "studio\u2024flow.read", "studio.flow.r\u0435ad", "studio.flow.*", "*"]) {
    throwsRolegate(() => engine.canPerform(viewer, AC1, action), "UNKNOWN_ACTION", JSON.stringify(action));
  }
});

test("ids with control characters cannot collide with a cached list of other roles", () => {
  const engine = smallEngine();
  // A list whose compiled principal is cached...
  assert.equal(engine.canPerform(["auditor", "studio-viewer"], AC1, "users.member.invite"), true);
  assert.equal(engine.canPerform([{ role: "auditor", scope: AC1 }, "studio-viewer"], AC1, "users.member.invite"), true);
  // ...and single ids or scopes that spell the same list with separator characters.
  throwsRolegate(() => engine.canPerform(["auditor\u0001\u0000studio-viewer"], AC1, "users.member.invite"), "UNKNOWN_ROLE", "role ids");
  throwsRolegate(() => engine.canPerform("auditor\u0001\u0000studio-viewer", AC1, "users.member.invite"), "UNKNOWN_ROLE", "a role id");
  throwsRolegate(
    () => engine.canPerform([{ role: "auditor", scope: `${AC1}\u0000studio-viewer\u0001` }], AC1, "users.member.invite"),
    "BAD_SCOPE",
    "a scope",
  );
});

test("100,000 assignments answer correctly, through every entry point", () => {
  const engine = smallEngine();
  const roles = [];
  for (let i = 0; i < 100_000; i++) roles.push({ role: "studio-viewer", scope: `organization:acme/account:AC${i}` });
  roles.push({ role: "billing-manager", scope: "organization:acme/account:AC77777" });
  const principal = engine.principal(roles);
  for (const [scope, action, expected] of [
    ["organization:acme/account:AC99999/subaccount:S", "studio.flow.read", true],
    ["organization:acme/account:AC100000", "studio.flow.read", false],
    ["organization:acme", "studio.flow.read", false],
    ["organization:acme/account:AC5", "studio.flow.update", false],
    ["organization:acme/account:AC77777", "billing.invoice.read", true],
    ["organization:acme/account:AC7777", "billing.invoice.read", false],
  ]) {
    assert.equal(engine.canPerform(roles, scope, action), expected, `${scope} ${action}`);
    assert.equal(principal.canPerform(scope, action), expected, `${scope} ${action}`);
    assert.equal(engine.explain(roles, scope, action).allowed, expected, `${scope} ${action}`);
  }
  assert.deepEqual(engine.visibleConsolePages(roles).map((p) => p.id), ["home", "studio", "billing"]);
});

test("a sparse array too long to copy is BAD_ARGUMENT, not a RangeError", () => {
  const engine = smallEngine();
  // A list too long for a sparse array's length to be allocated is refused, not a RangeError.
  const sparse = [];
  sparse.length = 2 ** 32 - 1;
  throwsRolegate(() => engine.canPerform(sparse, AC1, "studio.flow.read"), "BAD_ARGUMENT", "a sparse array of 2^32-1");
  const long = [];
  long.length = 1_000_001;
  throwsRolegate(() => engine.principal(long), "BAD_ARGUMENT", "a sparse array of 1,000,001");
});

test("every call after a thrown error answers as before", () => {
  const engine = smallEngine();
  const before = snapshot(engine);
  const principal = engine.principal([{ role: "studio-editor", scope: AC1 }]);
  for (let round = 0; round < 3; round++) {
    throwsRolegate(() => engine.canPerform("nobody", AC1, "studio.flow.read"), "UNKNOWN_ROLE");
    throwsRolegate(() => engine.canPerform("owner", ORG, "studio.flow.read"), "NOT_ASSIGNABLE");
    throwsRolegate(() => engine.explain([], "organization:", "studio.flow.read"), "BAD_SCOPE");
    throwsRolegate(() => principal.canPerform(AC1, "studio.flow.fly"), "UNKNOWN_ACTION");
    throwsRolegate(() => principal.canPerform(null, "studio.flow.read"), "BAD_ARGUMENT");
    throwsRolegate(() => engine.visibleConsolePages("owner", ORG), "NOT_ASSIGNABLE");
    assert.equal(principal.canPerform(SA1, "studio.flow.update"), true);
    assert.equal(snapshot(engine), before);
  }
});

test("mutating an answer cannot change the next answer", () => {
  const engine = smallEngine();
  const roles = [{ role: "studio-viewer", scope: AC1 }];
  const principal = engine.principal(roles);
  const expected = ["home", "studio"];
  for (const ask of [() => principal.visibleConsolePages(AC1), () => engine.visibleConsolePages(roles, AC1), () => engine.visibleConsolePages(roles)]) {
    const first = ask();
    assert.deepEqual(first.map((p) => p.id), expected);
    first.push({ id: "billing", title: "Billing", path: "/billing", section: "Billing", parent: null });
    first.reverse();
    try {
      first[0].id = "changed";
    } catch {
      // frozen page objects: fine
    }
    assert.deepEqual(ask().map((p) => p.id), expected);
  }
  // Nothing inside a page is shared mutably either: its requirement and list of actions.
  const [, studio] = principal.visibleConsolePages(AC1);
  assert.ok(Object.isFrozen(studio.requires) && Object.isFrozen(studio.requires.anyOf));
  try {
    studio.requires.anyOf.push("billing.invoice.read");
  } catch {
    // frozen: fine
  }
  assert.deepEqual(principal.visibleConsolePages(AC1)[1].requires, { anyOf: ["studio.flow.read"] });
  const listed = engine.rolesGranting("studio.flow.read", AC1);
  listed.push({ id: "billing-manager" });
  assert.ok(!engine.rolesGranting("studio.flow.read", AC1).some((r) => r.id === "billing-manager"));
  const described = engine.roles();
  described.find((r) => r.id === "studio-viewer").grants.push("*");
  assert.equal(engine.canPerform(roles, AC1, "billing.invoice.read"), false);
  const decision = engine.explain(roles, AC1, "studio.flow.read");
  decision.allowed = false;
  assert.equal(engine.explain(roles, AC1, "studio.flow.read").allowed, true);
});

test("a policy text reads the same whatever its length and characters, errors and lone surrogates alike", () => {
  const doc = JSON.parse(small);
  // Non-ASCII text (two-, three- and four-byte characters, an escaped one) in a description.
  doc.roles[0].description = "Propriétaire · 所有者 · 🔑 · \u00e9";
  const short = JSON.stringify(doc);
  const long = short + " ".repeat(1 << 20);
  const [a, b] = [PolicyEngine.fromJson(short), PolicyEngine.fromJson(long)];
  assert.deepEqual(b.roles(), a.roles());
  assert.equal(b.roles()[0].description, "Propriétaire · 所有者 · 🔑 · é");
  // The same error, at the same line and column, either way.
  const broken = (pad) => `{\n  "name": "é🔑x",\n  "scopeKinds": [tru]${pad}}`;
  const errorOf = (text) => {
    try {
      PolicyEngine.fromJson(text);
    } catch (e) {
      return { name: e.name, code: e.code, message: e.message, errors: e.errors };
    }
    assert.fail("loaded a broken policy");
  };
  const shortError = errorOf(broken(""));
  assert.equal(shortError.code, "POLICY_PARSE");
  assert.match(shortError.message, /^the policy is not JSON data: \/scopeKinds\/0: .* at line 3 column \d+$/);
  assert.deepEqual(errorOf(broken(" ".repeat(1 << 20))), shortError);
  for (const description of ["所有者 · 🔑 · " + "é".repeat(3000), "🔑".repeat(2000) + "é"]) {
    const text = JSON.stringify({ ...doc, roles: [{ ...doc.roles[0], description }, ...doc.roles.slice(1)] });
    assert.equal(PolicyEngine.fromJson(text).roles()[0].description, description);
  }
  // A lone surrogate is not Unicode: refused, escaped in the text or raw in the string, as the
  // native reader refuses it.
  const escaped = JSON.stringify({ ...doc, description: "x\ud800y" });
  assert.match(escaped, /\\ud800/);
  assert.match(throwsRolegate(() => PolicyEngine.fromJson(escaped), "POLICY_PARSE", "an escaped lone surrogate").message, /\/description: .*escape/);
  const raw = short.replace('"name":"small"', '"name":"sm\ud800all"');
  assert.notEqual(raw, short);
  assert.match(throwsRolegate(() => PolicyEngine.fromJson(raw), "POLICY_PARSE", "a raw lone surrogate").message, /lone surrogate/);
});

test("a getter that replaces the default engine while a module-level call reads its roles does not trap", () => {
  const voiceflow = PolicyEngine.builtin("voiceflow");
  const twilio = PolicyEngine.builtin("twilio");
  try {
    const roles = { get role() { setDefaultEngine(voiceflow); return "owner"; }, scope: "organization:acme/account:AC1" };
    // The call began on the Twilio default and finishes on it; the getter's swap holds afterwards.
    assert.equal(canPerform(roles, "organization:acme/account:AC1", "account.close"), twilio.canPerform(roles, "organization:acme/account:AC1", "account.close"));
    assert.equal(canPerform("owner", "organization:o/workspace:w", "workspace.settings.update"), true);
  } finally {
    setDefaultEngine(twilio);
  }
});

test("billingSeat is null, as its type says, when the roles take no seat", () => {
  const voiceflow = PolicyEngine.builtin("voiceflow");
  assert.equal(voiceflow.billingSeat("viewer", "organization:o/workspace:w"), "free");
  assert.equal(voiceflow.billingSeat([], "organization:o/workspace:w"), null);
  assert.equal(PolicyEngine.builtin("twilio").billingSeat("owner", "organization:acme/account:AC1"), null);
});
