// Where the wasm's bytes go: each crate's share of the optimized module (twiggy, on a build that
// keeps function names), and the module without the built-in catalogs (build.rs embeds empty
// ones under ROLEGATE_NO_CATALOGS). Both builds are wasm-pack's release profile with Cargo.toml's
// wasm-opt flags, in target/size-breakdown/ so that the package's build is not touched. Prints
// one JSON object; needs twiggy (`cargo install twiggy`, which `scripts/setup.sh bench` does).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const repo = fileURLToPath(new URL("..", import.meta.url));
const cargo = JSON.parse(execFileSync("cargo", ["metadata", "--no-deps", "--format-version", "1"], { cwd: repo, encoding: "utf8" }));
const toml = readFileSync(join(repo, "Cargo.toml"), "utf8");
// Cargo.toml's wasm-opt flags, as wasm-pack passes them.
const flags = JSON.parse(toml.match(/\[package\.metadata\.wasm-pack\.profile\.release\]\s*wasm-opt\s*=\s*(\[[\s\S]*?\])/)[1].replace(/,\s*\]/, "]"));

function build(env, keepNames) {
  const target = join(repo, "target", "size-breakdown");
  execFileSync("cargo", ["build", "--quiet", "--release", "--target", "wasm32-unknown-unknown", "--lib", "--target-dir", target], {
    cwd: repo, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"],
  });
  const dir = mkdtempSync(join(tmpdir(), "rolegate-size-"));
  const lib = join(target, "wasm32-unknown-unknown", "release", `${cargo.packages[0].name}.wasm`);
  execFileSync("wasm-bindgen", ["--target", "web", "--out-dir", dir, "--out-name", "rolegate", lib]);
  const out = join(dir, "opt.wasm");
  const named = keepNames ? flags.filter((f) => f !== "--strip-producers").concat("-g") : flags;
  execFileSync("wasm-opt", [...named, join(dir, "rolegate_bg.wasm"), "-o", out]);
  return { dir, bytes: readFileSync(out), file: out };
}

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const whole = build({}, false);
const noCatalogs = build({ ROLEGATE_NO_CATALOGS: "1" }, false);
const named = build({}, true);

// Each function or data item's bytes, grouped by the crate its name starts with (a generic
// function counts for the crate it is defined in, whoever instantiated it).
const csv = execFileSync("twiggy", ["top", "-n", "1000000", "-f", "csv", named.file], { encoding: "utf8", maxBuffer: 64 << 20 });
const crates = {};
for (const line of csv.trim().split("\n").slice(1)) {
  // Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent: the name may hold commas.
  const fields = line.split(",");
  const size = Number(fields.at(-4));
  const item = fields.slice(0, -4).join(",").replace(/^"|"$/g, "").replaceAll('""', '"');
  if (item.includes("function names")) continue;
  const crate = item.startsWith("data segment")
    ? "data (strings, tables, the catalogs)"
    : (item.match(/^<?(?:&(?:mut )?)?<?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/)?.[1] ?? "other (wasm-bindgen glue, intrinsics)");
  crates[crate] = (crates[crate] ?? 0) + size;
}
const shares = Object.entries(crates).sort((a, b) => b[1] - a[1]).map(([crate, bytes]) => ({ crate, bytes }));
console.log(JSON.stringify({
  wasm: { raw: whole.bytes.length, gzip: gz(whole.bytes) },
  withoutCatalogs: { raw: noCatalogs.bytes.length, gzip: gz(noCatalogs.bytes) },
  namedTotal: shares.reduce((s, r) => s + r.bytes, 0),
  shares,
}));
for (const d of [whole.dir, noCatalogs.dir, named.dir]) rmSync(d, { recursive: true, force: true });
