// The questions every consumer project asks the installed package, whatever the way it loads it
// (Node ESM or CommonJS, Vite, webpack, a plain browser page). `runScenario` gets the module's
// exports and returns plain JSON data; tests/js/lib/expected.mjs holds the answers it must give.
// Copied into each consumer project by tests/js/lib/consumers.mjs.

const AC1 = "organization:acme/account:AC1";
const AC2 = "organization:acme/account:AC2";

/** A small policy of our own, so that the page lists below are exact. */
export const SHOP_POLICY = {
  name: "shop",
  scopeKinds: ["organization", "store"],
  actions: ["catalog.product.read", "catalog.product.update", { id: "orders.refund.create", description: "Refund an order" }],
  roles: [
    { id: "viewer", name: "Viewer", scopes: ["organization", "store"], grants: ["catalog.product.read"] },
    { id: "editor", name: "Editor", scopes: ["organization", "store"], grants: ["catalog.*"], inherits: ["viewer"] },
    { id: "cashier", name: "Cashier", scopes: ["store"], grants: ["orders.*"], denies: ["orders.refund.create"] },
    { id: "manager", name: "Manager", scopes: ["store"], grants: ["*"] },
  ],
  pages: [
    { id: "home", title: "Home", path: "/", section: "General", scopeKind: "store" },
    { id: "products", title: "Products", path: "/products", section: "Catalog", scopeKind: "store", requires: { anyOf: ["catalog.product.read"] } },
    { id: "products.edit", title: "Edit products", path: "/products/edit", section: "Catalog", parent: "products", scopeKind: "store", requires: { allOf: ["catalog.product.read", "catalog.product.update"] } },
    { id: "refunds", title: "Refunds", path: "/refunds", section: "Orders", scopeKind: "store", requires: { anyOf: ["orders.refund.create"] } },
  ],
};

/** The `code` of what `fn` throws, or "no error". */
function codeOf(fn) {
  try {
    fn();
    return "no error";
  } catch (e) {
    return e && e.name === "RolegateError" ? e.code : `not a RolegateError: ${e}`;
  }
}

function caught(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

export function runScenario(rg) {
  const studioAdmin = { role: "studio-admin", scope: AC1 };
  const shop = new rg.PolicyEngine(SHOP_POLICY);
  const editor = shop.principal([{ role: "editor", scope: "organization:o1/store:s1" }]);
  const invalid = caught(() => new rg.PolicyEngine({ ...SHOP_POLICY, roles: [{ id: "Bad Id", name: 3, scopes: ["store"] }] }));
  const explained = shop.explain([{ role: "cashier", scope: "organization:o1/store:s1" }], "organization:o1/store:s1", "orders.refund.create");
  return {
    exports: Object.keys(rg).sort(),
    defaultEngine: rg.defaultEngine().name,
    // The default engine (the built-in twilio catalog).
    allowed: rg.canPerform(studioAdmin, `${AC1}/subaccount:SA1`, "studio.flow.update"),
    denied: rg.canPerform(studioAdmin, AC2, "studio.flow.update"),
    viewerPages: rg.visibleConsolePages({ role: "studio-viewer", scope: AC1 }, AC1).map((p) => p.id),
    voiceflow: rg.PolicyEngine.builtin("voiceflow").name,
    // A policy of our own.
    shop: {
      name: shop.name,
      editorCanUpdate: editor.canPerform("organization:o1/store:s1", "catalog.product.update"),
      editorCanRefund: editor.canPerform("organization:o1/store:s1", "orders.refund.create"),
      editorPages: editor.visibleConsolePages("organization:o1/store:s1").map((p) => p.id),
      viewerPages: shop.visibleConsolePages("viewer").map((p) => p.id),
      cashierPages: shop.visibleConsolePages([{ role: "cashier", scope: "organization:o1/store:s1" }]).map((p) => p.id),
      refund: { allowed: explained.allowed, deniedBy: explained.deniedBy.map((d) => `${d.via}:${d.pattern}`), wouldGrant: explained.wouldGrant },
      roles: shop.roles().map((r) => r.id),
      scopeKinds: shop.scopeKinds(),
    },
    // Errors: a stable code each.
    errors: {
      badScope: codeOf(() => rg.canPerform(studioAdmin, "acme", "studio.flow.update")),
      unknownAction: codeOf(() => editor.canPerform("organization:o1/store:s1", "catalog.product.launch")),
      unknownRole: codeOf(() => shop.canPerform("admin", "organization:o1", "catalog.product.read")),
      parse: codeOf(() => rg.PolicyEngine.fromJson("{ not json")),
      invalid: invalid && invalid.code,
      invalidProblems: invalid ? invalid.errors.length : 0,
      isRolegateError: rg.isRolegateError(invalid),
      instanceOfRolegateError: invalid instanceof rg.RolegateError,
      instanceOfError: invalid instanceof Error,
      plainErrorIsNot: rg.isRolegateError(new Error("x")),
    },
  };
}
