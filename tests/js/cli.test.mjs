// The CLI as a user gets it: the packed package installed into a project (consumers/cli, with a
// policy and a test file), run as `npx rolegate` and through node_modules/.bin. Each command's
// output and exit code: 0 success, 1 when what was checked fails, 2 for a usage error or an input
// that cannot be read, 2 winning over 1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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

test("npx rolegate runs the installed CLI: --help lists every command, and each command has its own", () => {
  const run = spawnSync("npx", ["--no", "--", "rolegate", "--help"], { cwd: dir, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  for (const command of ["check"]) assert.match(run.stdout, new RegExp(`^  ${command} `, "m"));
  assert.match(run.stdout, /Exit codes: 0 success, 1 when what was checked fails, 2 for a usage error/);
  for (const [command, says] of [["check", /FILE:POINTER: message/]]) {
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
  const doc = shop();
  doc.roles[1].grnats = ["catalog.*"];
  doc.roles[2].inherits = ["viewr"];
  doc.pages[0].requires = {};
  write("broken.json", doc);
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
