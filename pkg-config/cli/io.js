// What every command shares: reading files, loading a policy (`builtin:NAME` or a path), and the
// run's exit code. Every rule of the policy is the engine's: the CLI loads policies and asks the
// package's own Node entry, as any user's code does.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { PolicyEngine, isRolegateError } from "rolegate";

/** An input that cannot be used, or a usage error: the run ends with exit code 2. */
export class Trouble extends Error {}

/**
 * The exit code of a run: 0 when everything holds, 1 when what was checked fails, 2 when an input
 * could not be read or the command was misused. Where both happen, 2 wins.
 */
export class Outcome {
  code = 0;

  failed() {
    this.code = Math.max(this.code, 1);
  }

  /** Reports trouble on stderr (each line as it is) and marks the run 2. @param {string} message */
  trouble(message) {
    process.stderr.write(`${message}\n`);
    this.code = 2;
  }
}

/** @param {NodeJS.ErrnoException} e */
function fsReason(e) {
  switch (e.code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "it is a folder, not a file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    default:
      return e.message;
  }
}

/**
 * The text of `file`, or Trouble saying why it cannot be read.
 * @param {string} file
 * @param {string} [shown] the name to say, as the user gave it
 */
export function readText(file, shown = file) {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new Trouble(`cannot read ${shown}: ${fsReason(/** @type {NodeJS.ErrnoException} */ (e))}`);
  }
}

/** A RolegateError's message with its hint. @param {import("rolegate").RolegateError} e */
export function errorText(e) {
  return e.help ? `${e.message}; ${e.help}` : e.message;
}

/**
 * The problems of a policy that did not load, each with its JSON pointer (`""`: the document).
 * @param {import("rolegate").RolegateError} e
 * @returns {{ pointer: string, message: string }[]}
 */
export function problemsOf(e) {
  if (e.code === "POLICY_PARSE") return e.errors.map((p) => ({ pointer: p.path, message: `not JSON data: ${p.message}` }));
  if (e.errors.length > 0) return e.errors.map((p) => ({ pointer: p.path, message: p.message }));
  return [{ pointer: "", message: errorText(e) }];
}

/** `FILE:POINTER: message`, or `FILE: message` for the document itself. */
export function located(file, pointer, message) {
  return pointer === "" ? `${file}: ${message}` : `${file}:${pointer}: ${message}`;
}

/**
 * @typedef {object} Loaded
 * @property {import("rolegate").PolicyEngine} [engine] the engine, when the policy loads
 * @property {import("rolegate").RolegateError} [error] why it does not, when it does not
 */

/**
 * One name for a policy however it is reached: `builtin:NAME` as it is, a path resolved against
 * `base` (so `../shop.json` from tests/ and `shop.json` from the project are the same policy).
 * @param {string} spec
 * @param {string} [base]
 */
export function policyKey(spec, base = process.cwd()) {
  return spec.startsWith("builtin:") ? spec : resolve(base, spec);
}

/**
 * Loads a policy named `builtin:NAME` or by a path relative to `base`. A policy that does not load
 * comes back with its error; one that cannot be read, or an unknown built-in name, is Trouble.
 * @param {string} spec
 * @param {string} [base]
 * @returns {Loaded}
 */
export function loadPolicy(spec, base = process.cwd()) {
  if (spec.startsWith("builtin:")) {
    try {
      return { engine: PolicyEngine.builtin(spec.slice("builtin:".length)) };
    } catch (e) {
      if (isRolegateError(e)) throw new Trouble(`${spec}: ${errorText(e)}`);
      throw e;
    }
  }
  const text = readText(resolve(base, spec), spec);
  try {
    return { engine: PolicyEngine.fromJson(text) };
  } catch (e) {
    if (isRolegateError(e)) return { error: e };
    throw e;
  }
}

/**
 * Loads a policy that a command needs to work with (not the one `check` checks): one that does not
 * load is Trouble, with every problem as `FILE:POINTER: message`.
 * @param {string} spec
 * @param {string} [base]
 */
export function requirePolicy(spec, base) {
  const loaded = loadPolicy(spec, base);
  if (loaded.engine) return loaded.engine;
  const lines = problemsOf(/** @type {import("rolegate").RolegateError} */ (loaded.error)).map((p) => located(spec, p.pointer, p.message));
  throw new Trouble(`${spec} does not load:\n${lines.join("\n")}`);
}

// `--roles` takes assignments as the demo's links write them (`role@scope,...`): one reading of
// that format, the demo's, so a link's roles and the CLI's never differ.
export { parseRoles } from "../../www/url-state.js";

/** Writes `value` as JSON on stdout. @param {unknown} value */
export function printJson(value) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
