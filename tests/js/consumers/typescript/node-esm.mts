import { PolicyEngine, isRolegateError, type Decision } from "rolegate";

const engine: PolicyEngine = PolicyEngine.builtin("voiceflow");
const decision: Decision = engine.explain("owner", "organization:o1/workspace:w1", "project.canvas.update");
export const reason: string = decision.reason;
export const guard: (e: unknown) => boolean = isRolegateError;
