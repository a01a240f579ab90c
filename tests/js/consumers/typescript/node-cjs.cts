import rolegate = require("rolegate");

const engine: rolegate.PolicyEngine = rolegate.PolicyEngine.builtin("twilio");
export const ok: boolean = rolegate.canPerform("owner", "organization:o/account:A", "studio.flow.read") && engine.name === "twilio";
export const pages: rolegate.ConsolePage[] = engine.visibleConsolePages("owner");
