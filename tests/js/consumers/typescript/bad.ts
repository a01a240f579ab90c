import { PolicyEngine } from "rolegate";

const engine = PolicyEngine.builtin("twilio");
export const allowed: boolean = engine.canPerform("owner", 42, "studio.flow.read"); // BAD: a number where a scope string belongs
