// RolegateError: what every rolegate function throws. The wasm module throws an error as plain
// data ({ code, message, help, errors }); the package's classes turn it into this class at the
// boundary, so that `e instanceof RolegateError` and `e instanceof Error` both hold.

/** The error every rolegate function throws: a stable `code`, a message, `help` and `errors`. */
export class RolegateError extends Error {
  /**
   * @param {import("../index.js").RolegateErrorCode} code
   * @param {string} message
   * @param {{ help?: string | null, errors?: import("../index.js").PolicyProblem[] }} [details]
   */
  constructor(code, message, details = {}) {
    super(message);
    this.code = code;
    this.help = details.help ?? null;
    this.errors = details.errors ?? [];
  }
}
// On the prototype, so that it is there whatever constructs the error, and not an own key.
Object.defineProperty(RolegateError.prototype, "name", { value: "RolegateError", writable: true, configurable: true });

/**
 * True when `e` was thrown by rolegate. Also true for an error of another copy of the package
 * (a bundle may hold two), where `instanceof` is not.
 * @param {unknown} e
 * @returns {e is RolegateError}
 */
export function isRolegateError(e) {
  return e instanceof Error && e.name === "RolegateError" && typeof (/** @type {any} */ (e).code) === "string";
}

/**
 * What a call into the wasm module threw, as the package throws it: its errors as RolegateError;
 * anything else (a trap) as it was.
 * @param {unknown} thrown
 */
export function fromWasm(thrown) {
  if (thrown !== null && typeof thrown === "object" && !(thrown instanceof Error)) {
    const data = /** @type {{ code?: unknown, message?: unknown, help?: string | null, errors?: [] }} */ (thrown);
    if (typeof data.code === "string" && typeof data.message === "string") {
      return new RolegateError(/** @type {any} */ (data.code), data.message, { help: data.help, errors: data.errors });
    }
  }
  return thrown;
}

/**
 * Runs a call into the wasm module, throwing what it throws as the package throws it.
 * @template T
 * @param {() => T} call
 * @returns {T}
 */
export function boundary(call) {
  try {
    return call();
  } catch (e) {
    throw fromWasm(e);
  }
}
