// The work of a first load, counted rather than timed: how many machine instructions V8's
// baseline code (Liftoff) executes for `PolicyEngine.fromJson` of the large policy at 1×, counted
// by valgrind. A first load in a fresh process runs almost all of its time in Liftoff code (V8
// moves a wasm function to optimized code only between calls, once it has run a while; see
// BENCHMARKS.md), so this count follows the first load's time, without the ±20% that the time
// itself moves from one process to the next on a shared 2-core machine. Two builds compared by
// this count can be told apart by 1%; by time, they cannot. It is Node's V8, though: Chromium's
// baseline code can weigh a change differently (BENCHMARKS.md has a case), so a change meant for
// the browser is timed there too.
//
//   node load-instructions.mjs [PKG_DIR ...]    (default: ../pkg; needs valgrind)
//
// For each package: one process that loads the policy and one that loads the built-in Twilio
// catalog instead, both under `node --predictable --liftoff-only` (V8 then runs on one thread and
// never tiers up, so the count repeats to 0.4% on a quiet machine, 3 to 4% with other work running:
// count packages alternately); the difference is the load's. About 45 s a
// package.
// Not part of `make bench`: valgrind is not among what `make` sets up.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

if (process.argv[2] === "--child") {
  // node load-instructions.mjs --child PKG_DIR load|skip
  const [, , , dir, what] = process.argv;
  const { largePolicy } = await import("./lib/workloads.mjs");
  const text = JSON.stringify(largePolicy(1).doc);
  const mod = await import(pathToFileURL(`${dir}/node/index.mjs`).href);
  // Both processes load a policy, so that both have compiled the loader's functions: the
  // difference is the large load's own work. (A load that fails throws: no count is given.)
  if (what === "load") mod.PolicyEngine.fromJson(text);
  else mod.PolicyEngine.builtin("twilio");
  process.exit(0);
}

if (spawnSync("valgrind", ["--version"]).status !== 0) {
  console.error("load-instructions: needs valgrind (apt-get install -y valgrind)");
  process.exit(2);
}

function count(dir, what) {
  const args = [
    "--tool=callgrind", "--smc-check=all-non-file", "--callgrind-out-file=/dev/null",
    process.execPath, "--predictable", "--liftoff-only",
    `${here}load-instructions.mjs`, "--child", dir, what,
  ];
  // valgrind reports on stderr, and passes on the child's exit code.
  const r = spawnSync("valgrind", args, { encoding: "utf8", maxBuffer: 1 << 26 });
  const m = /Collected : (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`load-instructions: ${dir} (${what}) failed:\n${r.stderr}`);
  return Number(m[1]);
}

const dirs = process.argv.length > 2 ? process.argv.slice(2).map((d) => resolve(d)) : [resolve(here, "../pkg")];
for (const dir of dirs) {
  if (!existsSync(`${dir}/node/index.mjs`)) {
    console.error(`load-instructions: ${dir} is not a built rolegate package (no node/index.mjs); run make pkg`);
    process.exit(2);
  }
  const load = count(dir, "load");
  const skip = count(dir, "skip");
  console.log(`${dir}: ${((load - skip) / 1e6).toFixed(1)} million instructions in Liftoff code for the first load of the 1× policy`);
}
