// The package's JavaScript fast paths (interned scopes and actions, remembered principals and
// decisions) against the checked path straight into wasm: for thousands of seeded random
// questions, repeated so that every cache is hit, with role lists mutated in place between
// calls and tables pushed past their bounds, both must give the same answer or the same error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const pkgDir = new URL("../../pkg/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", pkgDir), "utf8"));
const nodeImport = manifest.exports?.["."]?.node?.import;
const entry = (typeof nodeImport === "string" ? nodeImport : nodeImport?.default) ?? manifest.main;
const { PolicyEngine } = await import(new URL(entry, pkgDir).href);
const small = readFileSync(new URL("../fixtures/small.json", import.meta.url), "utf8");

/** A small seeded generator (mulberry32), so a failure replays. */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { below: (n) => Math.floor(next() * n), pick: (items) => items[Math.floor(next() * items.length)], chance: (p) => next() < p };
}

/** The result of a call: its value, or its error's code. */
function outcome(call) {
  try {
    return { value: JSON.stringify(call()) };
  } catch (e) {
    assert.equal(e?.name, "RolegateError", `a non-RolegateError: ${e}`);
    return { code: e.code };
  }
}

const IDS = ["A", "A1", "B", "AB", "a"];

/**
 * Fast and checked agree: the same value, or errors whose codes both apply to the question (the
 * contract does not rank two problems of one question, and the fast path checks where a role is
 * held before the action, the checked path after).
 */
function sameAnswer(fast, checked, applicable, what) {
  if (fast.code !== undefined && checked.code !== undefined && fast.code !== checked.code) {
    const codes = applicable();
    assert.ok(codes.has(fast.code) && codes.has(checked.code), `${what}: ${fast.code} vs ${checked.code}, applicable ${[...codes]}`);
    return;
  }
  assert.deepEqual(fast, checked, what);
}

function world(engine, rng) {
  const kinds = engine.scopeKinds();
  const roleIds = engine.roles().map((r) => r.id);
  const actions = engine.actions();
  const scope = () => {
    if (rng.chance(0.03)) return rng.pick(["", `${kinds[0]}:`, `${kinds[0]}:A/`, `${kinds[0]}:A\0`, `${kinds[0]}:\u0410`]);
    const depth = 1 + rng.below(kinds.length);
    return kinds.slice(0, depth).map((k) => `${k}:${rng.pick(IDS)}`).join("/");
  };
  const role = () => {
    if (rng.chance(0.03)) return "nobody";
    return rng.pick(roleIds);
  };
  const holdable = new Map(engine.roles().map((r) => [r.id, r.scopes]));
  /** Mostly at a kind the role can be held at; now and then anywhere, or without a scope. */
  const assignment = () => {
    const id = role();
    if (rng.chance(0.05)) return id;
    if (rng.chance(0.05)) return { role: id };
    const kindsOfRole = holdable.get(id) ?? [];
    if (kindsOfRole.length === 0 || rng.chance(0.1)) return { role: id, scope: scope() };
    const depth = kinds.indexOf(rng.pick(kindsOfRole)) + 1;
    return { role: id, scope: kinds.slice(0, depth).map((k) => `${k}:${rng.pick(IDS)}`).join("/") };
  };
  const roleList = () => Array.from({ length: rng.below(4) }, assignment);
  const action = () => (rng.chance(0.03) ? rng.pick(["zz.unknown", "*", ""]) : rng.pick(actions));
  /** Half the time a scope at or below one the roles are held at, where answers are interesting. */
  const scopeFor = (roles) => {
    const held = (Array.isArray(roles) ? roles : [roles]).filter((r) => typeof r?.scope === "string");
    if (held.length === 0 || rng.chance(0.5)) return scope();
    const base = rng.pick(held).scope;
    const depth = base.split("/").length;
    return depth < kinds.length && rng.chance(0.5) ? `${base}/${kinds[depth]}:${rng.pick(IDS)}` : base;
  };
  return { scope, scopeFor, roleList, action };
}

for (const [name, load] of [
  ["small", () => PolicyEngine.fromJson(small)],
  ["twilio", () => PolicyEngine.builtin("twilio")],
  ["voiceflow", () => PolicyEngine.builtin("voiceflow")],
]) {
  test(`${name}: the fast paths answer exactly as the checked path`, (t) => {
    const engine = load();
    if (typeof engine.canPerformChecked !== "function") {
      t.skip("this build has no separate checked path");
      return;
    }
    const rng = random(0x5eed + name.length);
    const w = world(engine, rng);
    // A few dozen role lists, reused so that remembered principals are hit; some mutated in place.
    const lists = Array.from({ length: 40 }, w.roleList);
    const principals = new Map();
    for (let i = 0; i < 20_000; i++) {
      const index = rng.below(lists.length);
      if (rng.chance(0.02)) lists[index] = w.roleList();
      if (rng.chance(0.02) && lists[index].length > 0) {
        const at = rng.below(lists[index].length);
        lists[index][at] = rng.chance(0.5) ? w.roleList()[0] ?? "nobody" : { ...lists[index][at], scope: w.scope() };
      }
      const roles = rng.chance(0.1) ? lists[index][0] ?? [] : lists[index];
      const scope = w.scopeFor(roles);
      const action = w.action();
      const known = engine.actions()[0];
      const applicable = (ask) => () => {
        const codes = new Set();
        if (!engine.actions().includes(action)) codes.add("UNKNOWN_ACTION");
        for (const a of [action, known]) {
          const o = outcome(() => ask(a));
          if (o.code) codes.add(o.code);
        }
        return codes;
      };
      const fast = outcome(() => engine.canPerform(roles, scope, action));
      const checked = outcome(() => engine.canPerformChecked(roles, scope, action));
      sameAnswer(fast, checked, applicable((a) => engine.canPerformChecked(roles, scope, a)),
        `engine.canPerform(${JSON.stringify(roles)}, ${JSON.stringify(scope)}, ${action})`);

      let principal = principals.get(index);
      if (principal === undefined || rng.chance(0.01)) {
        const made = outcome(() => engine.principal(lists[index]));
        if (made.code) continue;
        principal = { object: engine.principal(lists[index]), roles: structuredClone(lists[index]) };
        principals.set(index, principal);
      }
      const viaPrincipal = outcome(() => principal.object.canPerform(scope, action));
      const viaPrincipalChecked = outcome(() => principal.object.canPerformChecked(scope, action));
      sameAnswer(viaPrincipal, viaPrincipalChecked, applicable((a) => principal.object.canPerformChecked(scope, a)),
        `principal.canPerform(${JSON.stringify(scope)}, ${action})`);
      const viaEngine = outcome(() => engine.canPerformChecked(principal.roles, scope, action));
      if (viaEngine.value !== undefined && viaPrincipal.value !== undefined) assert.deepEqual(viaPrincipal, viaEngine);
    }
  });
}

test("past the interning bounds, decisions stay right", () => {
  const engine = PolicyEngine.fromJson(small);
  const roles = [{ role: "studio-viewer", scope: "organization:acme/account:AC1" }, { role: "billing-manager", scope: "organization:acme/account:AC7" }];
  const principal = engine.principal(roles);
  // More distinct scopes than any table keeps, asked twice round, through both entry points.
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 5000; i++) {
      const scope = `organization:acme/account:AC${i % 10}/subaccount:S${i}`;
      const viewer = i % 10 === 1;
      const billing = i % 10 === 7;
      assert.equal(principal.canPerform(scope, "studio.flow.read"), viewer, scope);
      assert.equal(engine.canPerform(roles, scope, "billing.invoice.read"), billing, scope);
    }
  }
  // More distinct actions than a principal interns, each asked twice at each of three scopes:
  // each scope's decisions are kept by the principal's number for the action, which must never
  // be taken for another action's.
  const actions = Array.from({ length: 5000 }, (_, i) => `p.a${i}.read`);
  const many = PolicyEngine.fromJson(
    JSON.stringify({
      name: "many actions",
      scopeKinds: ["organization", "account"],
      actions,
      roles: [{ id: "some", name: "Some", scopes: ["organization", "account"], grants: ["p.a1.read", "p.a4500.read"] }],
    }),
  ).principal([{ role: "some", scope: "organization:acme/account:AC1" }]);
  const scopes = ["organization:acme/account:AC1", "organization:acme", "organization:acme/account:AC2"];
  for (let round = 0; round < 2 * scopes.length; round++) {
    for (let i = 0; i < actions.length; i++) {
      const scope = scopes[(i + round) % scopes.length];
      const want = (i === 1 || i === 4500) && scope.endsWith("AC1");
      assert.equal(many.canPerform(scope, actions[i]), want, `${actions[i]} at ${scope}`);
    }
  }
  // More distinct role lists than the principal cache keeps.
  for (let i = 0; i < 600; i++) {
    const list = [{ role: "studio-viewer", scope: `organization:acme/account:X${i}` }];
    assert.equal(engine.canPerform(list, `organization:acme/account:X${i}`, "studio.flow.read"), true);
    assert.equal(engine.canPerform(list, `organization:acme/account:X${i + 1}`, "studio.flow.read"), false);
  }
});
