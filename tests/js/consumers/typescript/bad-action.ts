import { PolicyEngine } from "rolegate";

const engine = PolicyEngine.builtin("twilio");
export const allowed: boolean = engine.canPerform("studio-viewer", "organization:acme/account:AC1", "studio.flow.updat"); // BAD: a misspelt action
