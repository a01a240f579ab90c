// The signed-in user and a policy of the app's own, as plain data a server component passes on.
export const AC1 = "organization:acme/account:AC1";
export const ROLES = [{ role: "studio-viewer", scope: AC1 }];

export const SHOP = {
  name: "shop",
  scopeKinds: ["organization", "store"],
  actions: ["catalog.product.read", "catalog.product.update"],
  roles: [
    { id: "viewer", name: "Viewer", scopes: ["organization", "store"], grants: ["catalog.product.read"] },
    { id: "editor", name: "Editor", scopes: ["store"], grants: ["catalog.*"] },
  ],
  pages: [{ id: "products", title: "Products", path: "/products", section: "Catalog", scopeKind: "store", requires: { anyOf: ["catalog.product.read"] } }],
};
