// rolegate for Node (ES modules): `import { PolicyEngine } from "rolegate"`, no init step.
// A thin wrapper over the CommonJS entry, so that ESM and CJS importers share one instance.
// fast paths: installed by ./index.cjs (installFastPaths(glue)), which this entry re-exports.
import rolegate from "./index.cjs";

export const {
  PolicyEngine,
  Principal,
  canPerform,
  visibleConsolePages,
  setDefaultEngine,
  defaultEngine,
  isRolegateError,
} = rolegate;
