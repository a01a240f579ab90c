// The packed tarball itself: what it holds, its package.json, and the rules the browser entries
// live by (no Node built-ins, nothing touching `window` at import time), the declarations (no
// `any`), the DOM helper's size, and the README's coverage of the contract.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packPackage, sh, tempDir } from "./lib/consumers.mjs";

const tarball = await packPackage();
const root = tempDir("rolegate-unpacked-");
await sh("tar", ["-xzf", tarball, "-C", root]);
const pkgDir = join(root, "package");
const read = (file) => readFileSync(join(pkgDir, file), "utf8");
const pkg = JSON.parse(read("package.json"));
const { stdout: listing } = await sh("tar", ["-tzf", tarball]);
const files = listing.trim().split("\n").map((f) => f.replace(/^package\//, "")).sort();

/** The entries a browser or a bundler loads, and everything they import. */
const BROWSER_FILES = ["bundler/index.js", "web/index.js", "web/rolegate.js", "dom.js", ...files.filter((f) => f.startsWith("lib/"))];

test("the tarball holds the entries, one wasm file, both licenses, and none of wasm-bindgen's generated declarations", () => {
  const required = [
    "README.md", "LICENSE-MIT", "LICENSE-APACHE", "package.json", "index.d.ts", "dom.js", "dom.d.ts",
    "bundler/index.js", "edge/index.js",
    "web/index.js", "web/index.d.ts", "web/rolegate.js", "web/rolegate_bg.wasm",
    "lib/api.js", "lib/binding.js", "lib/errors.js", "lib/memo.js",
    "react/index.js", "react/index.d.ts", "vue/index.js", "vue/index.d.ts",
    "node/index.cjs", "node/index.mjs", "node/index.d.cts",
    "policy.schema.json", "policy-tests.schema.json",
    "bin/rolegate.mjs", "bin/THIRD-PARTY-NOTICES.txt",
  ];
  assert.deepEqual(files, required.sort());
  assert.equal(files.filter((f) => f.endsWith(".wasm")).length, 1);
});

test("package.json: name, license, repository, keywords, sideEffects, and an exports map with types for every entry", () => {
  assert.equal(pkg.name, "rolegate");
  assert.equal(pkg.license, "MIT OR Apache-2.0");
  assert.match(pkg.repository.url, /github\.com\/rolegate\/rolegate/);
  assert.ok(pkg.keywords.includes("permissions") && pkg.keywords.includes("wasm"));
  assert.equal(pkg.type, "module");
  assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  // Modules whose import has an effect (instantiating the wasm) must not be pruned by bundlers.
  for (const f of ["./bundler/index.js", "./edge/index.js", "./web/index.js", "./node/index.cjs", "./node/index.mjs"]) assert.ok(pkg.sideEffects.includes(f), f);
  for (const f of ["./dom.js", "./react/index.js", "./vue/index.js"]) assert.ok(!pkg.sideEffects.includes(f), `${f} is free of side effects`);
  // React and Vue are optional peers: the core entries import neither.
  assert.deepEqual(Object.keys(pkg.peerDependencies).sort(), ["react", "vue"]);
  assert.deepEqual(pkg.peerDependenciesMeta, { react: { optional: true }, vue: { optional: true } });

  const dot = pkg.exports["."];
  assert.deepEqual(dot.node.import, { types: "./index.d.ts", default: "./node/index.mjs" });
  assert.deepEqual(dot.node.require, { types: "./node/index.d.cts", default: "./node/index.cjs" });
  assert.deepEqual(dot.browser, { types: "./index.d.ts", default: "./bundler/index.js" });
  assert.deepEqual(dot["edge-light"], { types: "./index.d.ts", default: "./edge/index.js" });
  assert.deepEqual(dot.import, { types: "./index.d.ts", default: "./bundler/index.js" });
  assert.deepEqual(Object.keys(dot), ["node", "edge-light", "browser", "import", "require", "default"], "node first: a bundler building for the browser never sets it; edge-light before browser, which edge runtimes also set");
  assert.deepEqual(pkg.exports["./web"], { types: "./web/index.d.ts", default: "./web/index.js" });
  assert.deepEqual(pkg.exports["./dom"], { types: "./dom.d.ts", default: "./dom.js" });
  assert.deepEqual(pkg.exports["./react"], { types: "./react/index.d.ts", default: "./react/index.js" });
  assert.deepEqual(pkg.exports["./vue"], { types: "./vue/index.d.ts", default: "./vue/index.js" });
  assert.equal(pkg.exports["./package.json"], "./package.json");
  // For bundlers that import the wasm as a file, and edge runtimes (README: `initSync`).
  assert.equal(pkg.exports["./web/rolegate_bg.wasm"], "./web/rolegate_bg.wasm");
  // For editors and validators (README: "Policies in CI").
  assert.equal(pkg.exports["./policy.schema.json"], "./policy.schema.json");
  assert.equal(pkg.exports["./policy-tests.schema.json"], "./policy-tests.schema.json");
  // `npx rolegate`.
  assert.deepEqual(pkg.bin, { rolegate: "./bin/rolegate.mjs" });

  // Every path package.json names is in the tarball; every condition object starts with types.
  const targets = [];
  const walk = (v) => {
    if (typeof v === "string") return targets.push(v);
    const conditions = !Object.keys(v)[0].startsWith(".");
    const nestsConditions = Object.values(v).every((x) => typeof x === "object");
    if (conditions && !nestsConditions) assert.equal(Object.keys(v)[0], "types", `types first in ${JSON.stringify(v)}`);
    Object.values(v).forEach(walk);
  };
  walk(pkg.exports);
  for (const t of [...targets, pkg.main, pkg.module, pkg.types, ...Object.values(pkg.bin)]) assert.ok(files.includes(t.replace(/^\.\//, "")), `${t} is in the tarball`);
});

test("browser entries use no Node built-ins (no require, no node: or fs/path/util imports, no process, __dirname or Buffer)", () => {
  for (const file of BROWSER_FILES) {
    const js = read(file);
    assert.doesNotMatch(js, /\brequire\s*\(/, `${file}: require(`);
    assert.doesNotMatch(js, /\b(?:from|import)\s*\(?\s*["'](?:node:|(?:fs|path|util|url|module|crypto|os)["'])/, `${file}: a Node built-in import`);
    assert.doesNotMatch(js, /\bprocess\.|\b__dirname\b|\b__filename\b|\bBuffer\b/, `${file}: a Node global`);
  }
  // What the browser entries import stays inside the browser files.
  for (const file of BROWSER_FILES) {
    const code = read(file).replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    for (const [, spec] of code.matchAll(/\b(?:from|import)\s*["']([^"']+)["']/g)) {
      const target = join(file, "..", spec);
      assert.ok(BROWSER_FILES.includes(target), `${file} imports ${spec}, which is not a browser file`);
    }
  }
});

test("importing rolegate/web and rolegate/dom touches no window or document (safe under SSR)", async () => {
  // Node has no window: any access at import time would throw a ReferenceError. The trap on
  // globalThis catches even `typeof`-guarded reads of window, document and navigator.
  const probe = `
    const touched = [];
    for (const name of ["window", "document", "navigator", "self", "location"]) {
      Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return undefined; } });
    }
    await import(${JSON.stringify(join(pkgDir, "web", "index.js"))});
    await import(${JSON.stringify(join(pkgDir, "dom.js"))});
    console.log(JSON.stringify(touched));
  `;
  const { stdout } = await sh(process.execPath, ["--input-type=module", "-e", probe]);
  assert.deepEqual(JSON.parse(stdout), []);
});

test("the declarations say no `any`, and document every export", () => {
  for (const file of ["index.d.ts", "web/index.d.ts", "dom.d.ts", "node/index.d.cts", "react/index.d.ts", "vue/index.d.ts"]) {
    const code = read(file).replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    assert.doesNotMatch(code, /\bany\b/, `${file} uses any`);
  }
  // Every exported declaration is preceded by a doc comment.
  for (const file of ["index.d.ts", "web/index.d.ts", "dom.d.ts", "react/index.d.ts", "vue/index.d.ts"]) {
    const lines = read(file).split("\n");
    lines.forEach((line, i) => {
      if (/^export (?:declare )?(?:class|function|interface|type|default function) /.test(line)) {
        let j = i - 1;
        while (j >= 0 && /^\s*(\*|\/\*\*)/.test(lines[j]) === false && lines[j].trim() === "") j--;
        assert.match(lines[j] ?? "", /\*\/\s*$/, `${file}:${i + 1} has no doc comment: ${line}`);
      }
    });
  }
});

test("the npm README covers install, the entries, React, Vue, Node, the policy format, every error code, the DOM helper and security", () => {
  const readme = read("README.md");
  for (const needle of [
    "npm install rolegate", 'from "rolegate"', 'require("rolegate")', 'from "rolegate/web"', "initSync", 'from "rolegate/dom"',
    "React", "Vue", "scopeKinds", "requires",
    "POLICY_PARSE", "POLICY_INVALID", "UNKNOWN_ROLE", "UNKNOWN_ACTION", "BAD_SCOPE", "NOT_ASSIGNABLE", "BAD_ARGUMENT",
    "bindPermissions", "data-can", "server",
  ]) {
    assert.ok(readme.includes(needle), `README mentions ${needle}`);
  }
});
