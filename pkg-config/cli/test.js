// `rolegate test TESTS.json...`: runs policy tests. A test file names its policy and lists tests,
// each a user's roles, a scope, and what must hold there: actions allowed, actions denied, the
// exact console pages in navigation order, the billing seat. Every answer is the engine's; a
// failed expectation is printed with what was expected, what came, and `explain`'s reason.
//
// A test file is read by its JSON Schema (rolegate/policy-tests.schema.json), the one editors
// use: a file that breaks it is trouble (exit 2), with a pointer to each problem.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { Ajv2020 } from "ajv/dist/2020.js";
import { isRolegateError } from "rolegate";
import { Outcome, Trouble, errorText, located, policyKey, readText, requirePolicy } from "./io.js";
import { junitXml } from "./junit.js";

/** @type {import("ajv").ValidateFunction | undefined} */
let validator;

/**
 * The test files' schema, compiled when first needed. (Strict, but for a `required` that names a
 * key another part of the schema defines: the schema's "at least one expectation".)
 */
/** @param {unknown} doc */
function validate(doc) {
  validator ??= new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true }).compile(
    createRequire(import.meta.url)("rolegate/policy-tests.schema.json"),
  );
  return validator(doc);
}

/** @param {unknown} value */
function kindOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return { string: "a string", number: "a number", boolean: "a boolean", object: "an object" }[typeof value] ?? typeof value;
}

/**
 * The schema's complaints about a test file, as `pointer: message`, written for people: one line
 * per problem, not one per branch the validator tried.
 * @param {import("ajv").ErrorObject[]} errors
 */
function schemaProblems(errors) {
  const problems = [];
  for (const e of errors) {
    // The branches of an `anyOf` and the `if` of an `if`/`then` are summed up by their own error.
    if (e.schemaPath.includes("/anyOf/") || e.keyword === "if") continue;
    const at = e.instancePath;
    switch (e.keyword) {
      case "required":
        problems.push([`${at}/${e.params.missingProperty}`, "is required"]);
        break;
      case "additionalProperties": {
        const keys = Object.keys(e.parentSchema?.properties ?? {}).map((k) => `\`${k}\``);
        problems.push([`${at}/${e.params.additionalProperty}`, `unknown key; the keys are ${keys.join(", ")}`]);
        break;
      }
      case "anyOf":
        problems.push([at, `needs at least one expectation: ${e.schema.map((/** @type {any} */ s) => `\`${s.required[0]}\``).join(", ")}`]);
        break;
      case "type":
        problems.push([at, `expected ${[e.params.type].flat().join(" or ")}, found ${kindOf(e.data)}`]);
        break;
      case "minItems":
        problems.push([at, e.params.limit === 1 ? "is empty; give at least one item, or leave the key out" : e.message]);
        break;
      case "minLength":
        problems.push([at, "is empty"]);
        break;
      default:
        problems.push([at, e.message ?? e.keyword]);
    }
  }
  return problems;
}

/**
 * The test file's document, checked: Trouble listing every problem when it breaks the schema, or
 * when two tests share a name.
 * @param {string} file
 */
function readTests(file) {
  const text = readText(file);
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Trouble(`${file}: not JSON: ${/** @type {Error} */ (e).message}`);
  }
  const problems = validate(doc) ? [] : schemaProblems(validator?.errors ?? []);
  if (problems.length === 0) {
    const first = new Map();
    doc.tests.forEach((/** @type {{ name: string }} */ t, /** @type {number} */ i) => {
      if (first.has(t.name)) problems.push([`/tests/${i}/name`, `\`${t.name}\` is also the name of /tests/${first.get(t.name)}`]);
      else first.set(t.name, i);
    });
  }
  if (problems.length > 0) throw new Trouble(problems.map(([at, message]) => located(file, at, message)).join("\n"));
  return doc;
}

/**
 * @typedef {object} PolicyTest
 * @property {string} name
 * @property {import("rolegate").RoleInput} roles
 * @property {string} scope
 * @property {string[]} [allow]
 * @property {string[]} [deny]
 * @property {string[]} [pages]
 * @property {string | null} [seat]
 */

/** `a, b, c`, or `none`. @param {readonly string[]} items */
const list = (items) => (items.length ? items.join(", ") : "none");

/**
 * Why a page is shown or hidden at the scope: `explain`'s reason for the first required action
 * that decides it.
 * @param {import("rolegate").PolicyEngine} engine
 * @param {PolicyTest} t
 * @param {import("rolegate").ConsolePage} page
 * @param {boolean} shown
 */
function pageReason(engine, t, page, shown) {
  if (page.requires === null) return "every signed-in user sees it";
  const actions = "anyOf" in page.requires ? page.requires.anyOf : page.requires.allOf;
  const decisions = actions.map((action) => engine.explain(t.roles, t.scope, action));
  const deciding = decisions.find((d) => d.allowed === shown) ?? decisions[0];
  return deciding.reason;
}

/**
 * Runs one test; returns what failed (empty: it passed).
 * @param {import("rolegate").PolicyEngine} engine
 * @param {PolicyTest} t
 */
function runTest(engine, t) {
  const failures = [];
  // The roles and the scope first: a problem there is one failure, not one per expectation.
  let visible;
  try {
    visible = engine.visibleConsolePages(t.roles, t.scope);
  } catch (e) {
    if (!isRolegateError(e)) throw e;
    return [`the test's roles or scope: ${errorText(e)}`];
  }
  for (const [expected, actions] of /** @type {const} */ ([
    [true, t.allow ?? []],
    [false, t.deny ?? []],
  ])) {
    for (const action of actions) {
      let decision;
      try {
        decision = engine.explain(t.roles, t.scope, action);
      } catch (e) {
        if (!isRolegateError(e)) throw e;
        failures.push(`${expected ? "allow" : "deny"} ${action}: ${errorText(e)}`);
        continue;
      }
      if (decision.allowed !== expected) {
        const [want, got] = expected ? ["allowed", "denied"] : ["denied", "allowed"];
        failures.push(`${action}: expected ${want}, got ${got}\n  why: ${decision.reason}`);
      }
    }
  }
  if (t.pages !== undefined) {
    const got = visible.map((p) => p.id);
    if (got.join("\n") !== t.pages.join("\n")) {
      const lines = [`pages: expected ${list(t.pages)}\n  got ${list(got)}`];
      const declared = new Map(engine.pages().map((p) => [p.id, p]));
      for (const id of t.pages.filter((p) => !got.includes(p))) {
        const page = declared.get(id);
        lines.push(page ? `  ${id} is hidden: ${pageReason(engine, t, page, false)}` : `  ${id} is not a page of the policy`);
      }
      for (const page of visible.filter((p) => !(t.pages ?? []).includes(p.id))) {
        lines.push(`  ${page.id} is shown: ${pageReason(engine, t, page, true)}`);
      }
      if (lines.length === 1) lines.push("  the same pages in another order: pages come in the policy's navigation order");
      failures.push(lines.join("\n"));
    }
  }
  if (t.seat !== undefined) {
    const got = engine.billingSeat(t.roles, t.scope);
    if (got !== t.seat) failures.push(`seat: expected ${JSON.stringify(t.seat)}, got ${JSON.stringify(got)}`);
  }
  return failures;
}

/**
 * What the tests of one policy exercised, for `--coverage`.
 * @typedef {object} Coverage
 * @property {import("rolegate").PolicyEngine} engine
 * @property {string} label the policy, as the first test file that names it says
 * @property {Set<string>} roles the roles some test holds
 * @property {Set<string>} actions the actions some test names in `allow` or `deny`
 * @property {Set<string>} pages the pages some test's `pages` expects
 */

/**
 * The test's roles as the engine reads them (the CLI reads no role input itself); none when the
 * engine cannot read them, which is the test's failure already.
 * @param {import("rolegate").PolicyEngine} engine
 * @param {PolicyTest} t
 * @returns {import("rolegate").Assignment[]}
 */
function heldAssignments(engine, t) {
  try {
    return engine.assignmentsOf(t.roles);
  } catch (e) {
    if (!isRolegateError(e)) throw e;
    return [];
  }
}

/** @param {Coverage} c */
function coverageReport(c) {
  const roles = c.engine.roles().map((r) => r.id);
  const actions = c.engine.actions();
  const pages = c.engine.pages().map((p) => p.id);
  const missing = (all, seen) => all.filter((x) => !seen.has(x));
  const [r, a, p] = [missing(roles, c.roles), missing(actions, c.actions), missing(pages, c.pages)];
  const lines = [
    `coverage of ${c.label}: ${roles.length - r.length} of ${roles.length} roles held, ` +
      `${actions.length - a.length} of ${actions.length} actions named, ${pages.length - p.length} of ${pages.length} pages expected`,
  ];
  if (r.length) lines.push(`  roles no test holds: ${r.join(", ")}`);
  if (a.length) lines.push(`  actions no test names in allow or deny: ${a.join(", ")}`);
  if (p.length) lines.push(`  pages no test's pages list expects: ${p.join(", ")}`);
  if (!r.length && !a.length && !p.length) lines.push("  every role, action and page is exercised");
  return lines.join("\n");
}

/**
 * @param {string[]} files
 * @param {{ junit?: string, coverage?: boolean }} options
 * @returns {number} the exit code
 */
export function runTests(files, { junit, coverage = false }) {
  const outcome = new Outcome();
  /** @type {import("./junit.js").SuiteResult[]} */
  const suites = [];
  /** @type {Map<string, Coverage>} */
  const covered = new Map();
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    let doc;
    /** @type {Coverage | undefined} */
    let c;
    try {
      doc = readTests(file);
      const base = dirname(resolve(file));
      const key = policyKey(doc.policy, base);
      // Test files that name one policy share its engine (loaded once) and its coverage.
      c = covered.get(key);
      if (c === undefined) {
        let engine;
        try {
          engine = requirePolicy(doc.policy, base);
        } catch (e) {
          if (e instanceof Trouble) throw new Trouble(located(file, "/policy", e.message));
          throw e;
        }
        const label = doc.policy.startsWith("builtin:") ? doc.policy : `${doc.policy} (from ${file})`;
        c = { engine, label, roles: new Set(), actions: new Set(), pages: new Set() };
        covered.set(key, c);
      }
    } catch (e) {
      if (!(e instanceof Trouble)) throw e;
      outcome.trouble(e.message);
      suites.push({ file, cases: [], error: e.message });
      continue;
    }
    process.stdout.write(`${file} (${doc.policy})\n`);
    /** @type {import("./junit.js").CaseResult[]} */
    const cases = [];
    for (const t of /** @type {PolicyTest[]} */ (doc.tests)) {
      const start = performance.now();
      const failures = runTest(c.engine, t);
      cases.push({ name: t.name, seconds: (performance.now() - start) / 1000, failures });
      for (const { role } of heldAssignments(c.engine, t)) c.roles.add(role);
      for (const action of [...(t.allow ?? []), ...(t.deny ?? [])]) c.actions.add(action);
      for (const page of t.pages ?? []) c.pages.add(page);
      if (failures.length === 0) {
        passed += 1;
        process.stdout.write(`  PASS ${t.name}\n`);
      } else {
        failed += 1;
        outcome.failed();
        process.stdout.write(`  FAIL ${t.name}\n${failures.map((f) => `    ${f.replaceAll("\n", "\n    ")}`).join("\n")}\n`);
      }
    }
    suites.push({ file, cases });
  }
  if (coverage) for (const c of covered.values()) process.stdout.write(`${coverageReport(c)}\n`);
  if (junit !== undefined) {
    try {
      writeFileSync(junit, junitXml(suites));
    } catch (e) {
      outcome.trouble(`cannot write ${junit}: ${/** @type {Error} */ (e).message}`);
    }
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return outcome.code;
}
