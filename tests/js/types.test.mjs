// The package's hand-written TypeScript declarations, checked by a strict `tsc` in a consumer
// project: correct use of the whole surface passes (bundler and nodenext resolution, ESM and
// CommonJS), and a number where a scope string belongs, or a misspelt action on a built-in
// catalog's engine, fails, naming the line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { makeConsumer, packPackage, REPO, sh, tool } from "./lib/consumers.mjs";

const tarball = await packPackage();
const dir = await makeConsumer("typescript", tarball, { shared: {} });
const tsc = (project) => sh(tool("tsc"), ["-p", project, "--pretty", "false"], { cwd: dir });

test("strict tsc accepts correct use of rolegate, rolegate/web and rolegate/dom (moduleResolution bundler)", async () => {
  await tsc("tsconfig.json");
});

test("an app that registers its action ids: useCan, <Can>, $can and the provider's engine take only those", async () => {
  // Each misuse in registered.ts is marked @ts-expect-error: were the registration ignored, tsc
  // would report the unused directives and fail.
  await tsc("tsconfig.registered.json");
});

test("strict tsc accepts the same file under the older moduleResolution node10 (no exports map)", async () => {
  await tsc("tsconfig.node10.json");
});

test("strict tsc accepts Node ESM (.mts import) and CommonJS (.cts require) consumers (nodenext)", async () => {
  const { stdout } = await sh(tool("tsc"), ["-p", "tsconfig.node.json", "--explainFiles"], { cwd: dir });
  assert.match(stdout, /node_modules\/rolegate\/node\/index\.d\.cts\s+Imported via "rolegate" from file 'node-cjs\.cts'/, "require gets the CommonJS declarations");
});

/**
 * Runs tsc on `project`, which must fail at the line of `file` marked `// BAD` with `error`
 * (an error code and its message, as a regular expression's source).
 */
async function rejectsAtTheBadLine(project, file, error) {
  const line = readFileSync(join(dir, file), "utf8").split("\n").findIndex((l) => l.includes("// BAD")) + 1;
  assert.ok(line > 0, `${file} marks a line // BAD`);
  const failure = await promisify(execFile)(tool("tsc"), ["-p", project, "--pretty", "false"], { cwd: dir }).then(
    () => assert.fail(`tsc accepted ${file}`),
    (e) => e,
  );
  assert.notEqual(failure.code, 0);
  assert.match(failure.stdout, new RegExp(`${file.replace(".", "\\.")}\\(${line},\\d+\\): ${error}`));
}

test("strict tsc rejects a number where a scope string belongs, naming the line", async () => {
  await rejectsAtTheBadLine("tsconfig.bad.json", "bad.ts", "error TS2345: Argument of type 'number' is not assignable to parameter of type 'string'");
});

test("strict tsc rejects a misspelt action on a built-in catalog's engine, naming the line", async () => {
  await rejectsAtTheBadLine(
    "tsconfig.bad-action.json",
    "bad-action.ts",
    `error TS2345: Argument of type '"studio\\.flow\\.updat"' is not assignable to parameter of type 'TwilioActionId'`,
  );
});

test("what `rolegate types` prints types an engine: strict tsc accepts the policy's ids and rejects a misspelt action", async () => {
  const policy = {
    name: "shop",
    scopeKinds: ["organization", "store"],
    actions: ["shop.order.read", { id: "shop.order.refund", description: "Refund" }],
    roles: [{ id: "clerk", name: "Clerk", scopes: ["store"], grants: ["shop.order.read"] }],
    pages: [{ id: "orders", title: "Orders", path: "/orders", section: "Shop", scopeKind: "store", requires: { anyOf: ["shop.order.read"] } }],
  };
  writeFileSync(join(dir, "shop.json"), JSON.stringify(policy));
  const { stdout } = await sh(join(dir, "node_modules", ".bin", "rolegate"), ["types", "shop.json"], { cwd: dir });
  writeFileSync(join(dir, "shop-types.ts"), stdout);
  const use = (body) => `import { PolicyEngine } from "rolegate";
import type { ActionId, Engine, PageId, RoleId, ScopeKind } from "./shop-types";
declare const text: string;
const engine: Engine = PolicyEngine.fromJson(text);
${body}
`;
  writeFileSync(
    join(dir, "typed.ts"),
    use(`const allowed: boolean = engine.canPerform("clerk", "organization:o/store:s", "shop.order.read");
const refund: ActionId = "shop.order.refund";
engine.principal("clerk").canPerform("organization:o/store:s", refund);
engine.explain("clerk", "organization:o/store:s", "shop.order.refund");
engine.rolesGranting("shop.order.read");
const names: [PageId, RoleId, ScopeKind] = ["orders", "clerk", "store"];
// @ts-expect-error: an action the policy does not declare
engine.rolesGranting("shop.order.delete");
// @ts-expect-error: a page the policy does not declare
const page: PageId = "order";
// @ts-expect-error: a scope kind the policy does not declare
const kind: ScopeKind = "account";
export { allowed, names, page, kind };`),
  );
  writeFileSync(join(dir, "typed-bad.ts"), use(`export const allowed = engine.canPerform("clerk", "organization:o/store:s", "shop.order.raed"); // BAD`));
  for (const [file, config] of [["typed.ts", "tsconfig.typed.json"], ["typed-bad.ts", "tsconfig.typed-bad.json"]]) {
    writeFileSync(join(dir, config), JSON.stringify({ extends: "./tsconfig.json", files: [file] }));
  }
  await tsc("tsconfig.typed.json");
  await rejectsAtTheBadLine(
    "tsconfig.typed-bad.json",
    "typed-bad.ts",
    `error TS2345: Argument of type '"shop\\.order\\.raed"' is not assignable to parameter of type 'ActionId'`,
  );
});

/**
 * The declarations against the Rust types they describe: one value of each shape with every
 * optional field present, as the crate serializes it (`cargo run --example shapes`), must be
 * exactly a value of its declared type. A field added, renamed or removed on one side only fails:
 * an extra key is an excess property, a missing required one an error, and a declared key missing
 * from a sample is caught by comparing the key sets.
 */
test("the declarations match the crate's serialized shapes, field for field", async () => {
  const { stdout } = await sh("cargo", ["run", "--quiet", "--example", "shapes"], { cwd: REPO });
  const shapes = JSON.parse(stdout);
  assert.ok(shapes.length >= 10, `${shapes.length} shapes`);
  const lines = [
    'import type * as rg from "rolegate";',
    "type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;",
    // RolegateError is an Error: its own fields, and the message it inherits.
    'type RolegateErrorData = Omit<rg.RolegateError, keyof Error> & Pick<Error, "message">;',
  ];
  shapes.forEach(({ rust, ts, sample }, i) => {
    for (const name of ts) {
      const type = name === "RolegateError" ? "RolegateErrorData" : `rg.${name}`;
      const literal = JSON.stringify(sample);
      lines.push(`// ${rust} as ${name}`);
      lines.push(`const value${i}${name}: ${type} = ${literal};`);
      // A union (PageRequirement) has no one key set to compare with.
      if (name !== "PageRequirement") {
        lines.push(`const sample${i}${name} = ${literal};`);
        lines.push(`const keys${i}${name}: Same<keyof ${type}, keyof typeof sample${i}${name}> = true;`);
      }
    }
  });
  writeFileSync(join(dir, "shapes.ts"), lines.join("\n") + "\n");
  writeFileSync(join(dir, "tsconfig.shapes.json"), JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { noUnusedLocals: false }, files: ["shapes.ts"] }));
  await tsc("tsconfig.shapes.json");
});
