// rolegate for bundlers (Vite, webpack 5, Rollup, esbuild, Parcel) and browsers that import the
// package through an import map: `import { canPerform } from "rolegate"` with no init step.
//
// Why not wasm-bindgen's `--target bundler` output? It does `import * as wasm from "./x.wasm"`
// (the WebAssembly/ES module integration proposal), which Vite refuses without vite-plugin-wasm
// ("ESM integration proposal for Wasm is not supported currently"). Instead this entry uses the
// `--target web` build and instantiates the wasm itself, with two things every bundler already
// understands with its default configuration:
//   - `new URL("<literal>", import.meta.url)`: Vite, webpack 5, Rollup and Parcel emit the file as
//     an asset (hashed name, right public path) and rewrite the URL;
//   - top-level `await`: the module finishes loading only once the wasm is ready, so every export
//     is synchronous and usable right after `import`. (ES2022; every browser Vite 7 and webpack 5
//     target by default supports it.)
import init from "../web/index.js";

const wasmUrl = new URL("../web/rolegate_bg.wasm", import.meta.url);
try {
  await init({ module_or_path: wasmLocation(wasmUrl) });
} catch (e) {
  throw new Error(
    `rolegate could not load its WebAssembly from ${wasmLocation(wasmUrl)} (${e && e.message}). ` +
      "Serve the .wasm file your bundler emitted; under Vite's dev server with rolegate outside node_modules, add optimizeDeps: { exclude: [\"rolegate\"] }.",
    { cause: e },
  );
}

export {
  PolicyEngine,
  Principal,
  RolegateError,
  canPerform,
  visibleConsolePages,
  setDefaultEngine,
  defaultEngine,
  isRolegateError,
} from "../web/index.js";

/**
 * Vite's dev server (not `vite build`) copies dependencies into `node_modules/.vite/deps/` and
 * serves them from there without their assets (vitejs/vite#8427), so there `url` points into
 * `node_modules/.vite/`, where no wasm is. Two folders up from there is `node_modules/`, and
 * `rolegate/web/` in it is this package's own folder, which the dev server serves. Resolving
 * against `url` (not `import.meta.url`) keeps webpack from writing the build machine's file path
 * into the bundle; the relative path is a variable so that no bundler takes it for an asset.
 */
function wasmLocation(url) {
  const fromViteDepsCache = "../../rolegate/web/rolegate_bg.wasm";
  return /\/node_modules\/\.vite\/web\/rolegate_bg\.wasm$/.test(url.pathname) ? new URL(fromViteDepsCache, url) : url;
}
