// Package sizes: raw and gzipped (level 9), per entry of the package, counting every file that
// entry loads: its module graph (relative `import`, `from` and `require` specifiers, followed
// through the files they name) and the wasm. A file shared by two entries counts in both. Each
// entry's files are also gzipped as one stream, concatenated: the size budget's measure. The
// JavaScript is shipped readable, comments and all; a bundler minifies it, so the browser entry's
// JavaScript, and the React and Vue entries' own, is also measured as esbuild bundles and minifies
// it (with the esbuild that scripts/build-pkg.sh uses).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const pkgDir = fileURLToPath(new URL("../../pkg/", import.meta.url));
const WASM = "web/rolegate_bg.wasm";

/** What a user loads, by entry: its first module, and whether the wasm comes with it. */
const ENTRIES = [
  { target: "web", entry: "web/index.js", wasm: true },
  { target: "bundler", entry: "bundler/index.js", wasm: true },
  // The edge-light entry imports the wasm as a compiled module (`…wasm?module`).
  { target: "edge", entry: "edge/index.js", wasm: true },
  // The Node entry carries the wasm's bytes inside node/index.cjs.
  { target: "node", entry: "node/index.mjs", wasm: false },
  { target: "dom", entry: "dom.js", wasm: false },
];

/** Relative specifiers of a module: `from "./x"`, `import("./x")`, `require("./x")`. */
function relativeSpecifiers(source) {
  const out = [];
  for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) out.push(m[1]);
  return out;
}

/** The package files an entry loads, in the order they are reached. */
export function moduleGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(join(pkgDir, file))) return;
    seen.add(file);
    for (const spec of relativeSpecifiers(readFileSync(join(pkgDir, file), "utf8")))
      visit(relative(pkgDir, join(pkgDir, dirname(file), spec)));
  };
  visit(entry);
  return [...seen];
}

export function packageSizes() {
  const rows = [];
  if (!existsSync(pkgDir + ENTRIES[0].entry)) return rows;
  for (const { target, entry, wasm } of ENTRIES) {
    const files = moduleGraph(entry);
    if (wasm) files.push(WASM);
    const all = files.map((file) => readFileSync(pkgDir + file));
    for (const [i, bytes] of all.entries()) rows.push({ target, file: files[i], raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
    if (files.length > 1) {
      const joined = Buffer.concat(all);
      rows.push({ target, file: "(all of the above, concatenated)", raw: joined.length, gzip: gzipSync(joined, { level: 9 }).length, all: true });
    }
  }
  const minified = minifiedEntry("web/index.js");
  if (minified) {
    const wasm = readFileSync(pkgDir + WASM);
    const wasmGzip = gzipSync(wasm, { level: 9 }).length;
    rows.push({ target: "web, minified", file: "JS bundled and minified by esbuild", ...minified });
    rows.push({ target: "web, minified", file: "(that JS and the wasm, each gzipped)", raw: minified.raw + wasm.length, gzip: minified.gzip + wasmGzip });
    // The framework entries' own code: the framework and rolegate itself are the app's already.
    for (const framework of ["react", "vue"]) {
      const own = minifiedEntry(`${framework}/index.js`, [framework, "rolegate"]);
      if (own) rows.push({ target: `${framework}, minified`, file: "its own JS bundled and minified by esbuild", ...own });
    }
  }
  return rows;
}

/**
 * An entry's JavaScript as one minified bundle, leaving out `external` packages (the wasm stays a
 * file of its own). Null without the tools' esbuild.
 * @param {string} entry
 * @param {string[]} [external]
 */
function minifiedEntry(entry, external = []) {
  let esbuild;
  try {
    esbuild = createRequire(import.meta.url)("../../tools/node_modules/esbuild");
  } catch {
    return null;
  }
  const out = esbuild.buildSync({
    entryPoints: [pkgDir + entry], bundle: true, minify: true, format: "esm", platform: "browser", external,
    write: false, logLevel: "silent",
  }).outputFiles[0].contents;
  return { raw: out.length, gzip: gzipSync(out, { level: 9 }).length };
}
