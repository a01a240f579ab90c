// rolegate/vue: a plugin that provides the signed-in user's permissions, composables that gate on
// them, and a global `$can` for templates (Vue 3).
//
//   app.use(createPermissions({ roles, scope }));      // roles and scope may be refs
//   const canEdit = useCan("studio.flow.update");      // a ComputedRef<boolean>
//   <button v-if="$can('studio.flow.update')">Edit</button>
//
// Everything reacts to the `roles` and `scope` refs (deeply for roles). The roles are compiled into
// a Principal once per content; a problem that comes from data (an unknown role, a misspelt
// action, a bad scope) counts as denied and is reported once.
import { computed, inject, shallowRef, toRaw, unref, watch } from "vue";
import { defaultEngine, PolicyEngine } from "rolegate";
import { bindingState } from "../lib/binding.js";

const KEY = Symbol("rolegate.permissions");

/**
 * The permissions plugin: `app.use(createPermissions({ roles, scope }))`.
 * @param {import("./index.js").PermissionsOptions} options
 */
export function createPermissions({ roles, scope, engine, policy, onError }) {
  const store = bindingState({ PolicyEngine, defaultEngine }, (e) => (onError ?? console.error)(e));
  // The store's state as Vue sees it: changed as a whole, so every computed that reads it reruns.
  const current = shallowRef(/** @type {{ principal: import("rolegate").Principal | null, scope: string | undefined }} */ ({ principal: null, scope: undefined }));
  const update = () => {
    const resolved = store.engineFor(unref(engine), plain(unref(policy)));
    const principal = store.principalFor(resolved, plain(unref(roles)));
    const at = unref(scope) ?? undefined;
    if (!store.started) store.start(principal, at);
    else store.set(principal, at);
    if (current.value.principal !== principal || current.value.scope !== at) current.value = { principal, scope: at };
  };
  update();
  // Deep: pushing a role into a reactive array is a change of roles too.
  const stop = watch(() => [unref(roles), unref(scope), unref(engine), unref(policy)], update, { deep: true });
  const permissions = {
    /** @param {string} action @param {string} [at] */
    can: (action, at) => {
      void current.value; // tracked: a change of roles or scope reruns what called this
      return store.can(action, at);
    },
    /** @param {string} [at] */
    pages: (at) => {
      void current.value;
      return store.pages(at);
    },
    stop,
  };
  return {
    /** @param {import("vue").App} app */
    install(app) {
      app.provide(KEY, permissions);
      app.config.globalProperties.$can = permissions.can;
    },
  };
}

/**
 * The plain value under a reactive one: the wasm module reads plain data, and a Proxy cannot be
 * copied for it.
 * @template T
 * @param {T} value
 * @returns {T}
 */
function plain(value) {
  const raw = toRaw(value);
  return Array.isArray(raw) ? /** @type {T} */ (raw.map((item) => toRaw(item))) : raw;
}

function usePermissions(composable) {
  const permissions = inject(KEY, null);
  if (permissions === null) throw new Error(`rolegate/vue: ${composable} is used in an app without createPermissions()`);
  return permissions;
}

/**
 * Whether the user may do `action` at `scope` (the plugin's scope when left out; with no scope at
 * all, at the scope of at least one of their assignments).
 * @param {import("vue").MaybeRef<string>} action
 * @param {import("vue").MaybeRef<string | undefined>} [scope]
 */
export function useCan(action, scope) {
  const permissions = usePermissions("useCan");
  return computed(() => permissions.can(unref(action), unref(scope)));
}

/**
 * The console pages the user may see at `scope` (the plugin's when left out), in navigation order.
 * @param {import("vue").MaybeRef<string | undefined>} [scope]
 */
export function usePages(scope) {
  const permissions = usePermissions("usePages");
  return computed(() => permissions.pages(unref(scope)));
}
