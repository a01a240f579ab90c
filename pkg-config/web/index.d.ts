// Type definitions for `rolegate/web`: the whole API of `rolegate`, plus the explicit
// initialisation a plain browser, a worker or an edge runtime does before the first call.
export * from "../index.js";

/** Where the wasm comes from: a URL, a fetch `Response` (or its promise), the bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** What initialisation resolves to: the raw wasm exports (for memory statistics; not an API). */
export interface InitOutput {
  /** The wasm instance's linear memory. */
  readonly memory: WebAssembly.Memory;
}

/**
 * Fetches, compiles and instantiates the wasm, then resolves; every other export works only
 * after this (they throw before it). Without an argument it fetches `rolegate_bg.wasm` from
 * next to this module (`new URL("rolegate_bg.wasm", import.meta.url)`). Calling it again
 * returns the same instance.
 *
 * ```js
 * import init, { PolicyEngine } from "rolegate/web";
 * await init();
 * ```
 */
export default function init(
  options?: { module_or_path: InitInput | Promise<InitInput> },
): Promise<InitOutput>;

/**
 * Instantiates the wasm synchronously from its bytes or an already compiled
 * `WebAssembly.Module` (workers, edge runtimes, Node with `fs.readFileSync`). Browsers refuse to
 * compile large modules synchronously on the main thread: there, pass a compiled module or use
 * {@link init}.
 */
export function initSync(options: { module: BufferSource | WebAssembly.Module }): InitOutput;
