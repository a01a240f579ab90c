// Node, CommonJS: `require("rolegate")` with no init step.
const rolegate = require("rolegate");
const { PolicyEngine } = require("rolegate");

import("./scenario.mjs").then(({ runScenario }) => {
  const result = runScenario(rolegate);
  result.namedImports = typeof PolicyEngine === "function";
  result.resolvedTo = require.resolve("rolegate").split(/[\\/]node_modules[\\/]/).pop();
  console.log(JSON.stringify(result));
});
