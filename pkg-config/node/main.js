// rolegate for Node: `import { PolicyEngine } from "rolegate"` or `require("rolegate")`, with no
// init step. Bundled by scripts/build-pkg.sh into node/index.cjs with the glue and the wasm's
// bytes, so that the entry is one file with no path to resolve at run time: a bundler that moves
// it (Next.js, esbuild, webpack for a server) moves everything it needs. The ESM entry,
// node/index.mjs, re-exports that very module, so `import` and `require` in one process share one
// wasm instance and one default engine.
import * as glue from "../web/rolegate.js";
import { bindApi } from "../lib/api.js";
import wasm from "./wasm.js";

glue.initSync({ module: wasm });

export const { PolicyEngine, Principal, canPerform, visibleConsolePages, setDefaultEngine, defaultEngine } =
  bindApi(glue);
export { RolegateError, isRolegateError } from "../lib/errors.js";
