// The package as a user gets it: `npm pack` of pkg/, installed with `npm install <tarball>` into
// a fresh copy of a consumer project from consumers/. The copies live in tests/js/.work/ (git
// ignores it) so that the tools the consumers build with (vite, webpack, typescript) resolve
// from tests/js/node_modules, while `rolegate` resolves only from the copy's own node_modules.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
export const TESTS_JS = join(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO = join(TESTS_JS, "..", "..");
export const PKG = join(REPO, "pkg");
const WORK = join(TESTS_JS, ".work");
const BIN = join(TESTS_JS, "node_modules", ".bin");

/** Runs a command, returning { stdout, stderr }; a non-zero exit throws with both in the message. */
export async function sh(command, args, options = {}) {
  try {
    return await run(command, args, { maxBuffer: 64 << 20, ...options });
  } catch (e) {
    throw new Error(`${command} ${args.join(" ")} failed (exit ${e.code}):\n${e.stdout}\n${e.stderr}`);
  }
}

/** A tool installed in tests/js/node_modules (vite, webpack, tsc). */
export function tool(name) {
  return join(BIN, name);
}

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `npm pack` of pkg/ into a fresh temporary folder; returns the tarball's path. */
export async function packPackage() {
  if (!existsSync(join(PKG, "package.json"))) throw new Error("pkg/ is not built: run `make pkg` first");
  const dest = tempDir("rolegate-pack-");
  await sh("npm", ["pack", "--silent", "--pack-destination", dest], { cwd: PKG });
  const [tarball] = readdirSync(dest).filter((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack left no tarball in ${dest}`);
  return join(dest, tarball);
}

/**
 * A fresh copy of consumers/<name> in tests/js/.work/<as> (test files may run in parallel: each
 * uses its own `as`), with files of consumers/shared/ copied in (`shared` maps a shared file to
 * its path inside the project) and the tarball installed. Returns its folder.
 */
export async function makeConsumer(name, tarball, { as = name, shared = { "scenario.js": "scenario.js" } } = {}) {
  const dir = join(WORK, as);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  cpSync(join(TESTS_JS, "consumers", name), dir, { recursive: true });
  for (const [from, to] of Object.entries(shared)) cpSync(join(TESTS_JS, "consumers", "shared", from), join(dir, to));
  await sh("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error", tarball], { cwd: dir });
  return dir;
}
