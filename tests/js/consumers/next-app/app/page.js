// A server component: it asks rolegate itself, then renders the client components inside
// PermissionsProvider with nothing but plain data (roles, a scope, a policy object).
import { canPerform, visibleConsolePages } from "rolegate";
import { PermissionsProvider } from "rolegate/react";
import { Gated } from "./gated";
import { AC1, ROLES, SHOP } from "./roles";

export const dynamic = "force-dynamic";

export default function Page() {
  const pages = visibleConsolePages(ROLES, AC1).map((p) => p.id);
  return (
    <main>
      <p id="server-read">{String(canPerform(ROLES, AC1, "studio.flow.read"))}</p>
      <p id="server-pages">{pages.join(",")}</p>
      <PermissionsProvider roles={ROLES} scope={AC1}>
        <Gated id="twilio" actions={["studio.flow.read", "studio.flow.update"]} />
      </PermissionsProvider>
      <PermissionsProvider roles={[{ role: "editor", scope: "organization:o/store:s" }]} scope="organization:o/store:s" policy={SHOP}>
        <Gated id="shop" actions={["catalog.product.read", "catalog.product.update"]} />
      </PermissionsProvider>
    </main>
  );
}
