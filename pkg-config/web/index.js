// rolegate/web: the entry for a plain browser `<script type="module">`, workers and edge runtimes.
//
//   import init, { PolicyEngine } from "rolegate/web";
//   await init();                        // fetches rolegate_bg.wasm next to this file
//   initSync({ module: bytesOrModule }); // or: synchronously, from bytes or a compiled module
//
// After either, every call is synchronous. The bundler entry (`rolegate` in Vite, webpack, ...)
// is this same module with `init()` awaited for you, so both share one wasm instance.
//
// Nothing here runs at import time beyond defining functions: no `window`, no `document`, no
// fetch until `init()` is called (safe to import during server-side rendering).
import * as glue from "./rolegate.js";
import { bindApi } from "../lib/api.js";
import { RolegateError } from "../lib/errors.js";

// Set once the wasm is instantiated: before, every call throws a RolegateError saying so.
let ready = false;

/**
 * Fetches (or takes) and instantiates the wasm: wasm-bindgen's `init`, noting that it is done.
 * @param {any} [options]
 */
export default async function init(options) {
  const output = await glue.default(options);
  ready = true;
  return output;
}

/**
 * Instantiates the wasm synchronously: wasm-bindgen's `initSync`, noting that it is done.
 * @param {any} options
 */
export function initSync(options) {
  if (options === null || typeof options !== "object") {
    throw new RolegateError(
      "BAD_ARGUMENT",
      "`initSync({ module })` takes an object whose `module` is the wasm's bytes or a compiled WebAssembly.Module",
    );
  }
  const output = glue.initSync(options);
  ready = true;
  return output;
}

export const { PolicyEngine, Principal, canPerform, visibleConsolePages, setDefaultEngine, defaultEngine } = bindApi(
  glue,
  () => ready,
);
export { RolegateError, isRolegateError } from "../lib/errors.js";
