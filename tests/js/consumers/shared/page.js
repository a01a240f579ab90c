// What the browser consumer apps run: the shared scenario, plus the DOM helper gating two
// buttons; the answers go into <pre id="result"> as JSON, then `data-done` is set.
import { runScenario } from "./scenario.js";

export function report(rolegate, bindPermissions) {
  const out = document.getElementById("result");
  try {
    const result = runScenario(rolegate);
    const gated = document.getElementById("gated");
    const principal = rolegate.defaultEngine().principal([{ role: "studio-viewer", scope: "organization:acme/account:AC1" }]);
    bindPermissions(gated, principal, { scope: "organization:acme/account:AC1" });
    result.buttons = [...gated.querySelectorAll("button")].map((b) => ({ id: b.id, allowed: b.dataset.allowed, hidden: b.hidden }));
    result.userAgentHasWindow = typeof window === "object";
    out.textContent = JSON.stringify(result);
  } catch (e) {
    out.textContent = JSON.stringify({ error: String(e && e.stack ? e.stack : e) });
  }
  out.setAttribute("data-done", "");
}
