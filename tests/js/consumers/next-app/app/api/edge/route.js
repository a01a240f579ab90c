// A route handler on the Edge runtime.
import { PolicyEngine } from "rolegate";
import { AC1, ROLES } from "../../roles";

export const runtime = "edge";
export const dynamic = "force-dynamic";

export function GET() {
  const engine = PolicyEngine.builtin("twilio");
  return Response.json({ read: engine.canPerform(ROLES, AC1, "studio.flow.read"), update: engine.canPerform(ROLES, AC1, "studio.flow.update") });
}
