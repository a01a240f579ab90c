// rolegate for Node (ES modules): the CommonJS entry's exports, so that ESM and CommonJS
// importers in one process share one instance (no dual-package hazard).
import rolegate from "./index.cjs";

export const {
  PolicyEngine,
  Principal,
  RolegateError,
  canPerform,
  visibleConsolePages,
  setDefaultEngine,
  defaultEngine,
  isRolegateError,
} = rolegate;
