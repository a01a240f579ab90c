// ESLint's recommended rules over the package's and the demo's JavaScript (`make lint`, which
// `make test` runs). It lives beside the tools it imports and is given with `-c` from the
// repository's root, so its paths are the repository's.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: ["pkg/**", "pkg-build/**", "target/**", "**/node_modules/**", "tests/**", "bench/**", "fuzz/**", "tools/**"],
  },
  js.configs.recommended,
  {
    files: ["pkg-config/**/*.{js,mjs}", "www/**/*.{js,mjs}"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.browser } },
  },
  {
    // The Node entry, the CLI and the demo's server run in Node.
    files: ["pkg-config/node/**", "pkg-config/cli/**", "www/serve.mjs"],
    languageOptions: { globals: { ...globals.node } },
  },
];
