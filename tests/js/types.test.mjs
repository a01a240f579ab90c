// The package's hand-written TypeScript declarations, checked by a strict `tsc` in a consumer
// project: correct use of the whole surface passes (bundler and nodenext resolution, ESM and
// CommonJS), and a number where a scope string belongs fails, naming the line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { makeConsumer, packPackage, sh, tool } from "./lib/consumers.mjs";

const tarball = await packPackage();
const dir = await makeConsumer("typescript", tarball, { shared: {} });
const tsc = (project) => sh(tool("tsc"), ["-p", project, "--pretty", "false"], { cwd: dir });

test("strict tsc accepts correct use of rolegate, rolegate/web and rolegate/dom (moduleResolution bundler)", async () => {
  await tsc("tsconfig.json");
});

test("strict tsc accepts the same file under the older moduleResolution node10 (no exports map)", async () => {
  await tsc("tsconfig.node10.json");
});

test("strict tsc accepts Node ESM (.mts import) and CommonJS (.cts require) consumers (nodenext)", async () => {
  const { stdout } = await sh(tool("tsc"), ["-p", "tsconfig.node.json", "--explainFiles"], { cwd: dir });
  assert.match(stdout, /node_modules\/rolegate\/node\/index\.d\.cts\s+Imported via "rolegate" from file 'node-cjs\.cts'/, "require gets the CommonJS declarations");
});

test("strict tsc rejects a number where a scope string belongs, naming the line", async () => {
  const line = readFileSync(join(dir, "bad.ts"), "utf8").split("\n").findIndex((l) => l.includes("// BAD")) + 1;
  assert.ok(line > 0);
  const failure = await promisify(execFile)(tool("tsc"), ["-p", "tsconfig.bad.json", "--pretty", "false"], { cwd: dir }).then(
    () => assert.fail("tsc accepted a number as a scope"),
    (e) => e,
  );
  assert.notEqual(failure.code, 0);
  assert.match(failure.stdout, new RegExp(`bad\\.ts\\(${line},\\d+\\): error TS2345: Argument of type 'number' is not assignable to parameter of type 'string'`));
});
