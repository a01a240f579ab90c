// rolegate in edge runtimes that take WebAssembly only as a module compiled at build time: the
// `edge-light` condition (Next.js's Edge runtime, Vercel's Edge Functions), where compiling bytes at
// run time is refused. Their bundlers compile `import … from "x.wasm?module"` ahead of time, and
// top-level `await` instantiates it before any export is used. (`init`, not `initSync`: the module
// may come from the runtime's outer realm, which `initSync`'s `instanceof WebAssembly.Module` does
// not recognise, where instantiating it works.)
import wasm from "../web/rolegate_bg.wasm?module";
import init from "../web/index.js";

await init({ module_or_path: wasm });

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
