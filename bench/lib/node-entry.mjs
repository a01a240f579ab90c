// Loads rolegate in Node the way an application does. When pkg/ is a package (it has a
// package.json), bench/node_modules/rolegate is linked to it and `import("rolegate")` resolves
// through the package's exports map, so the numbers include whatever the package's entry adds
// (such as its JS-side fast paths). Before that, the raw `--target nodejs` build is used.
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const benchDir = fileURLToPath(new URL("..", import.meta.url));
const pkgDir = fileURLToPath(new URL("../../pkg/", import.meta.url));

export async function loadRolegate() {
  if (existsSync(`${pkgDir}package.json`)) {
    const link = `${benchDir}node_modules/rolegate`;
    mkdirSync(`${benchDir}node_modules`, { recursive: true });
    let linked = false;
    try {
      linked = lstatSync(link).isSymbolicLink();
    } catch {
      symlinkSync("../../pkg", link, "dir");
      linked = true;
    }
    if (!linked) throw new Error(`${link} exists and is not a link to pkg/; remove it`);
    const mod = await import("rolegate");
    const version = JSON.parse(readFileSync(`${pkgDir}package.json`, "utf8")).version;
    const resolved = fileURLToPath(import.meta.resolve("rolegate")).replace(pkgDir, "pkg/");
    return { mod, entry: `import "rolegate" ${version} → ${resolved}` };
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
