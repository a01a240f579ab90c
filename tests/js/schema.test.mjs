// The policy format's JSON Schema, as the package ships it (`rolegate/policy.schema.json`), against
// the loader of the same package: every policy the repository holds passes both, and each shape
// error of a corpus is refused by both, at the same place. The schema is generated from the
// crate's model (tests/schema.rs); this is what keeps it honest where the model alone cannot.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { makeConsumer, packPackage, REPO } from "./lib/consumers.mjs";

const tarball = await packPackage();
const dir = await makeConsumer("node-esm", tarball, { as: "schema", shared: {} });
const require = createRequire(join(dir, "package.json"));
const schema = require("rolegate/policy.schema.json");
const { PolicyEngine, isRolegateError } = require("rolegate");
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** The schema's errors, as `pointer: message` lines (empty when it accepts `doc`). */
function schemaErrors(doc) {
  return validate(doc) ? [] : validate.errors.map(describe);
}

/** One of the schema's errors, for a failure message. */
function describe(e) {
  return `${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`;
}

/** The loader's problems, as pointers and messages (empty when it loads `doc`). */
function loaderProblems(doc) {
  try {
    PolicyEngine.fromJson(JSON.stringify(doc)).free();
    return [];
  } catch (e) {
    if (!isRolegateError(e)) throw e;
    assert.equal(e.code, "POLICY_INVALID", e.message);
    return e.errors;
  }
}

function assertBothAccept(doc, what) {
  assert.deepEqual(schemaErrors(doc), [], `the schema refuses ${what}`);
  assert.deepEqual(loaderProblems(doc), [], `the loader refuses ${what}`);
}

const base = () => ({
  $schema: "./node_modules/rolegate/policy.schema.json",
  name: "shop",
  description: "A shop",
  scopeKinds: ["organization", "store"],
  seats: ["free", "paid"],
  actions: ["catalog.product.read", "catalog.product.update", { id: "orders.refund.create", description: "Refund" }],
  roles: [
    { id: "viewer", name: "Viewer", scopes: ["organization", "store"], grants: ["catalog.product.read"], seat: "free" },
    {
      id: "editor",
      name: "Editor",
      description: "Edits the catalog",
      type: "custom",
      product: "catalog",
      group: "Catalog",
      scopes: ["organization", "store"],
      grants: ["catalog.*"],
      grantsAt: { organization: ["catalog.product.update"] },
      inherits: ["viewer"],
      denies: [],
      seat: "paid",
      constraints: { heldAlone: false, requiresAbove: { store: ["viewer"] } },
    },
  ],
  pages: [
    { id: "products", title: "Products", path: "/products", section: "Catalog", parent: null, scopeKind: "store", requires: { anyOf: ["catalog.product.read"] } },
    { id: "products.edit", title: "Edit", path: "/products/edit", section: "Catalog", parent: "products", scopeKind: "store", requires: { allOf: ["catalog.product.update"] } },
    { id: "help", title: "Help", path: "/help", section: "Help", scopeKind: "organization" },
  ],
});

/** A copy of the base document with the value at `pointer` replaced (`undefined`: removed). */
function changed(pointer, value) {
  const doc = base();
  if (pointer === "") return value;
  const keys = pointer.slice(1).split("/");
  const last = keys.pop();
  const parent = keys.reduce((node, key) => node[key], doc);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return doc;
}

test("the schema accepts, and the loader loads, every optional key given and each one null", () => {
  assertBothAccept(base(), "the base document");
  const nulls = base();
  for (const key of ["$schema", "description", "seats", "pages"]) nulls[key] = null;
  nulls.actions = ["catalog.product.read", "catalog.product.update", { id: "orders.refund.create", description: null }];
  nulls.roles[0] = { id: "viewer", name: "Viewer", scopes: ["store"], grants: ["catalog.product.read"] };
  for (const key of ["description", "type", "product", "group", "grants", "grantsAt", "inherits", "denies", "seat", "constraints"]) {
    nulls.roles[1][key] = null;
  }
  assertBothAccept(nulls, "a document with its optional keys null");
  const constraints = base();
  constraints.roles[1].constraints = { heldAlone: null, requiresAbove: null };
  assertBothAccept(constraints, "constraints with null rules");
});

test("both catalogs, the demo's example, the README's example and the test fixture pass both", async () => {
  // The file the catalogs' `$schema` names (from src/catalogs/) is the one the package ships.
  const committed = JSON.parse(readFileSync(join(REPO, "schema", "policy.schema.json"), "utf8"));
  assert.deepEqual(committed, schema, "the committed schema is the shipped one");
  for (const name of ["twilio", "voiceflow"]) {
    const text = readFileSync(join(REPO, "src", "catalogs", `${name}.json`), "utf8");
    const doc = JSON.parse(text);
    assert.equal(doc.$schema, "../../schema/policy.schema.json", `${name}: an editor finds the schema from the repository`);
    assertBothAccept(doc, `the ${name} catalog`);
  }
  const { EXAMPLE_POLICY } = await import(pathToFileURL(join(REPO, "www", "example-policy.js")).href);
  assertBothAccept(EXAMPLE_POLICY, "the demo's example policy");
  const readme = readFileSync(join(REPO, "pkg-config", "README.md"), "utf8");
  const example = readme.slice(readme.indexOf("## The policy format")).match(/```json\n([\s\S]*?)```/)[1];
  assertBothAccept(JSON.parse(example), "the README's example policy");
  assertBothAccept(JSON.parse(readFileSync(join(REPO, "tests", "fixtures", "small.json"), "utf8")), "tests/fixtures/small.json");
  // The model's document with every optional field present, as the crate serializes it.
  const shapes = JSON.parse(execFileSync("cargo", ["run", "--quiet", "--example", "shapes"], { cwd: REPO, encoding: "utf8" }));
  const documents = shapes.filter(({ ts }) => ts.includes("PolicyDocument"));
  assert.equal(documents.length, 1);
  assertBothAccept(documents[0].sample, "the model's serialized document");
});

// Each: a name, the pointer changed (the loader must report there or below it), the new value
// (`undefined` removes the key).
const long = (n) => "a".repeat(n);
const CORPUS = [
  ["a document that is an array", "", []],
  ["a document that is a string", "", "policy"],
  ["no name", "/name", undefined],
  ["a null name", "/name", null],
  ["a name that is a number", "/name", 7],
  ["a name longer than 128 characters", "/name", long(129)],
  ["a $schema that is a number", "/$schema", 1],
  ["a description that is an object", "/description", {}],
  ["a description longer than 4096 characters", "/description", long(4097)],
  ["an unknown key", "/grants", ["catalog.*"]],
  ["no scopeKinds", "/scopeKinds", undefined],
  ["scopeKinds null", "/scopeKinds", null],
  ["scopeKinds a string", "/scopeKinds", "organization"],
  ["a scope kind with a capital", "/scopeKinds/1", "Store"],
  ["a scope kind that starts with a digit", "/scopeKinds/1", "1store"],
  ["a seat class with a dot", "/seats/0", "free.tier"],
  ["seats an object", "/seats", { free: 1 }],
  ["no actions", "/actions", undefined],
  ["actions an object", "/actions", { "catalog.product.read": {} }],
  ["an action of one segment", "/actions/0", "catalog"],
  ["an action with an empty segment", "/actions/0", "catalog..read"],
  ["an action that is a pattern", "/actions/0", "catalog.*"],
  ["an action that is a number", "/actions/0", 3],
  ["an action object without an id", "/actions/2", { description: "Refund" }],
  ["an action object with an unknown key", "/actions/2", { id: "orders.refund.create", desc: "Refund" }],
  ["an action description that is a number", "/actions/2/description", 5],
  ["an action id longer than 128 characters", "/actions/0", `catalog.${long(121)}`],
  ["no roles", "/roles", undefined],
  ["roles null", "/roles", null],
  ["a role that is a string", "/roles/0", "viewer"],
  ["a role without an id", "/roles/0/id", undefined],
  ["a role without a name", "/roles/0/name", undefined],
  ["a role without scopes", "/roles/0/scopes", undefined],
  ["a role id in capitals", "/roles/0/id", "Viewer"],
  ["a role id with an underscore", "/roles/0/id", "view_er"],
  ["a role id with a double dash", "/roles/0/id", "view--er"],
  ["a role id longer than 128 characters", "/roles/0/id", long(129)],
  ["a role with a misspelt key", "/roles/1/grnats", ["catalog.*"]],
  ["a role type that is a number", "/roles/1/type", 2],
  ["a role product with a dot", "/roles/1/product", "cat.alog"],
  ["a role group that is an array", "/roles/1/group", ["Catalog"]],
  ["role scopes a string", "/roles/0/scopes", "store"],
  ["a grant pattern with a star inside a segment", "/roles/0/grants/0", "catalog*"],
  ["a grant pattern with a star before a segment", "/roles/1/grants/0", "*.product"],
  ["grants a string", "/roles/0/grants", "catalog.product.read"],
  ["grantsAt an array", "/roles/1/grantsAt", ["catalog.*"]],
  ["a grantsAt list that is a string", "/roles/1/grantsAt/organization", "catalog.product.update"],
  ["a grantsAt list that is null", "/roles/1/grantsAt/organization", null],
  ["a grantsAt key that is no scope kind", "/roles/1/grantsAt/Org", ["catalog.*"]],
  ["an inherited role id with a capital", "/roles/1/inherits/0", "Viewer"],
  ["inherits a string", "/roles/1/inherits", "viewer"],
  ["a deny that is a number", "/roles/1/denies", [1]],
  ["a seat with a capital", "/roles/1/seat", "Paid"],
  ["constraints a boolean", "/roles/1/constraints", true],
  ["heldAlone a string", "/roles/1/constraints/heldAlone", "yes"],
  ["constraints with an unknown rule", "/roles/1/constraints/alone", true],
  ["requiresAbove a list", "/roles/1/constraints/requiresAbove", ["viewer"]],
  ["a requiresAbove role id with a space", "/roles/1/constraints/requiresAbove/store", ["the viewer"]],
  ["pages an object", "/pages", {}],
  ["a page that is a string", "/pages/0", "products"],
  ["a page without a title", "/pages/0/title", undefined],
  ["a page without a path", "/pages/0/path", undefined],
  ["a page without a section", "/pages/0/section", undefined],
  ["a page without a scope kind", "/pages/0/scopeKind", undefined],
  ["a page id with a slash", "/pages/0/id", "store/products"],
  ["a page id that is empty", "/pages/0/id", ""],
  ["a page with an unknown key", "/pages/0/icon", "box"],
  ["a page parent with a space", "/pages/1/parent", "the products"],
  ["a page title longer than 128 characters", "/pages/0/title", long(129)],
  ["a page path longer than 4096 characters", "/pages/0/path", `/${long(4096)}`],
  ["a page scope kind with a capital", "/pages/0/scopeKind", "Store"],
  ["requires with neither anyOf nor allOf", "/pages/0/requires", {}],
  ["requires with both anyOf and allOf", "/pages/0/requires", { anyOf: ["catalog.product.read"], allOf: ["catalog.product.update"] }],
  ["requires anyOf an empty list", "/pages/0/requires", { anyOf: [] }],
  ["requires allOf an empty list", "/pages/1/requires", { allOf: [] }],
  ["requires anyOf a string", "/pages/0/requires", { anyOf: "catalog.product.read" }],
  ["requires anyOf null", "/pages/0/requires", { anyOf: null }],
  ["requires with an action that is a pattern", "/pages/0/requires", { anyOf: ["catalog.*"] }],
  ["requires with an unknown key beside anyOf", "/pages/0/requires", { anyOf: ["catalog.product.read"], mode: "any" }],
  ["requires a list", "/pages/0/requires", ["catalog.product.read"]],
];

for (const [name, pointer, value] of CORPUS) {
  test(`both the schema and the loader refuse ${name}`, () => {
    const doc = changed(pointer, value);
    const problems = loaderProblems(doc);
    assert.ok(problems.length > 0, `the loader accepts ${name}`);
    assert.ok(
      problems.some((p) => p.path === pointer || p.path.startsWith(`${pointer}/`)),
      `the loader reports ${name} elsewhere: ${JSON.stringify(problems)}`,
    );
    const errors = validate(doc) ? [] : validate.errors;
    assert.ok(errors.length > 0, `the schema accepts ${name}`);
    // The schema names the value it refuses, or (for a key it misses or refuses) the object
    // holding it.
    const parent = pointer.slice(0, pointer.lastIndexOf("/"));
    assert.ok(
      errors.some((e) => e.instancePath === pointer || e.instancePath.startsWith(`${pointer}/`) || e.instancePath === parent),
      `the schema refuses ${name} elsewhere: ${errors.map(describe).join("; ")}`,
    );
  });
}
