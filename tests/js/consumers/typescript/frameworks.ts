// Correct use of rolegate/react and rolegate/vue; `tsc --strict` must accept it, and each line
// marked to expect an error is a misuse that must stay one.
import { createElement, type ReactNode } from "react";
import { Can, PermissionsProvider, useCan, usePages } from "rolegate/react";
import { createApp, ref, type ComputedRef } from "vue";
import { createPermissions, useCan as useCanVue, usePages as usePagesVue } from "rolegate/vue";
import { PolicyEngine, RolegateError, type Assignment, type ConsolePage, type PolicyDocument } from "rolegate";

const AC1 = "organization:acme/account:AC1";
const roles: Assignment[] = [{ role: "studio-viewer", scope: AC1 }];
const policy: PolicyDocument = { name: "p", scopeKinds: ["org"], actions: ["a.b"], roles: [] };

export function Toolbar(): ReactNode {
  const allowed: boolean = useCan("studio.flow.update");
  const here: boolean = useCan("studio.flow.read", AC1);
  const pages: readonly ConsolePage[] = usePages();
  // @ts-expect-error the action is a string
  useCan(42);
  return createElement(
    "div",
    null,
    String(allowed && here),
    pages.map((p) => createElement("a", { key: p.id, href: p.path }, p.title)),
    createElement(Can, { action: "studio.flow.update", children: createElement("button", null, "Edit") }),
    createElement(Can, { action: "studio.flow.update", not: true, children: "read only" }),
    createElement(Can, { action: "studio.flow.read", passThrough: true, children: (ok: boolean) => (ok ? "yes" : "no") }),
  );
}

export const tree = createElement(PermissionsProvider, {
  roles,
  scope: AC1,
  onError: (e: unknown) => {
    if (e instanceof RolegateError) console.warn(e.code);
  },
  children: createElement(Toolbar),
});
export const withPolicy = createElement(PermissionsProvider, { roles: "viewer", policy, children: null });
export const withEngine = createElement(PermissionsProvider, { roles, engine: PolicyEngine.builtin("voiceflow"), children: null });
// @ts-expect-error roles are required
export const noRoles = createElement(PermissionsProvider, { scope: AC1, children: null });

const vueRoles = ref<Assignment[]>(roles);
const vueScope = ref<string | undefined>(AC1);
createApp({}).use(createPermissions({ roles: vueRoles, scope: vueScope, onError: (e) => console.warn(e) }));
createApp({}).use(createPermissions({ roles: "owner" }));
export function setup(): { canEdit: ComputedRef<boolean>; pages: ComputedRef<readonly ConsolePage[]> } {
  const canEdit = useCanVue("studio.flow.update", vueScope);
  const pages = usePagesVue();
  return { canEdit, pages };
}
