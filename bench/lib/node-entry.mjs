// Loads rolegate in Node the way an application does: when pkg/ is a package (it has a
// package.json), through its exports map under Node's conditions for `import`, so that the
// numbers include whatever the package's entry adds (such as its JS-side fast paths). Before
// that, the raw `--target nodejs` build. (No link in node_modules: npm would prune it.)
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolveExport } from "./exports.mjs";

const pkgDir = fileURLToPath(new URL("../../pkg/", import.meta.url));

export async function loadRolegate() {
  if (existsSync(`${pkgDir}package.json`)) {
    const pkg = JSON.parse(readFileSync(`${pkgDir}package.json`, "utf8"));
    const file = pkg.exports ? resolveExport(pkg.exports, ".", ["node", "import"]) : pkg.module ?? pkg.main;
    if (!file) throw new Error("pkg/package.json: no entry for `import \"rolegate\"` in Node");
    const mod = await import(pathToFileURL(pkgDir + file).href);
    return { mod, entry: `import "rolegate" ${pkg.version} → pkg/${file.replace(/^\.\//, "")}` };
  }
  const require = createRequire(import.meta.url);
  return { mod: require("../../pkg/node/rolegate.js"), entry: "pkg/node/rolegate.js (raw nodejs build: pkg/ has no package.json)" };
}

/**
 * A second instance of the same wasm, through the web build's `initSync`, which hands back the
 * module's exports and so its linear memory: the Node entry keeps them private.
 */
export async function loadRolegateWithMemory() {
  const glue = `${pkgDir}web/rolegate.js`;
  const wasm = `${pkgDir}web/rolegate_bg.wasm`;
  if (!existsSync(glue) || !existsSync(wasm)) return null;
  const web = await import(glue);
  const bytes = readFileSync(wasm);
  const exports = web.initSync({ module: bytes });
  return { mod: web, memory: exports.memory };
}

export function readTwilioCatalog() {
  return JSON.parse(readFileSync(new URL("../../src/catalogs/twilio.json", import.meta.url), "utf8"));
}
