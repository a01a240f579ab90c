"use client";
// rolegate/react: a provider of the signed-in user's permissions, and hooks and a component that
// gate on them (React 18 and 19).
//
//   <PermissionsProvider roles={user.roles} scope={currentScope}>
//     <Can action="studio.flow.update"><EditButton /></Can>
//   </PermissionsProvider>
//
// The provider compiles the roles into a Principal once per content (a new array holding the same
// assignments does no work) and keeps it in a small store; each hook subscribes with
// useSyncExternalStore and re-renders only when its own answer changes. Everything is computed
// synchronously from the props, so the server's render and the first client render agree. A
// problem that comes from data (an unknown role, a misspelt action, a bad scope) never throws
// into the tree: it counts as denied, and is reported once per provider. The module is a client
// module ("use client"), so that a server component renders the provider with plain props.
import {
  createContext,
  createElement,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { defaultEngine, PolicyEngine } from "rolegate";
import { bindingState } from "../lib/binding.js";

const Permissions = createContext(/** @type {import("../lib/binding.js").BindingStore | null} */ (null));

// Effects that must run before the browser paints run in layout effects; a server has no layout.
const useBeforePaint = typeof document === "undefined" ? useEffect : useLayoutEffect;

/**
 * Provides a user's permissions to the hooks and `<Can>` below it.
 * @param {import("./index.js").PermissionsProviderProps} props
 */
export function PermissionsProvider({ roles, scope, engine, policy, onError, children }) {
  // The latest onError, for reports made after this render.
  const handler = useRef(onError);
  handler.current = onError;
  // One store per provider, made with the first props so that the first render reads them.
  const [store] = useState(() => bindingState({ PolicyEngine, defaultEngine }, (e) => (handler.current ?? console.error)(e)));
  const resolved = useMemo(() => store.engineFor(engine, policy), [store, engine, policy]);
  const principal = useMemo(() => store.principalFor(resolved, roles), [store, resolved, roles]);
  if (!store.started) store.start(principal, scope);
  useBeforePaint(() => store.set(principal, scope), [store, principal, scope]);
  return createElement(Permissions.Provider, { value: store }, children);
}

/** The provider's store; a hook outside any provider is a mistake in the code, not in data. */
function useStore(hook) {
  const store = useContext(Permissions);
  if (store === null) throw new Error(`rolegate/react: ${hook} is used outside a <PermissionsProvider>`);
  return store;
}

/**
 * Whether the provider's user may do `action` at `scope` (the provider's scope when left out; with
 * no scope at all, at the scope of at least one of their assignments). Denied on any problem.
 * @param {string} action
 * @param {string} [scope]
 * @returns {boolean}
 */
export function useCan(action, scope) {
  const store = useStore("useCan");
  const decide = () => store.can(action, scope);
  return useSyncExternalStore(store.subscribe, decide, decide);
}

/**
 * The console pages the provider's user may see at `scope` (the provider's when left out), in
 * navigation order. The same array until the answer changes.
 * @param {string} [scope]
 * @returns {readonly import("rolegate").ConsolePage[]}
 */
export function usePages(scope) {
  const store = useStore("usePages");
  const pages = () => store.pages(scope);
  return useSyncExternalStore(store.subscribe, pages, pages);
}

/**
 * Renders its children when the action is allowed (or, with `not`, when it is denied). A function
 * child gets the decision; with `passThrough` it is always rendered.
 * @param {import("./index.js").CanProps} props
 */
export function Can({ action, scope, not = false, passThrough = false, children }) {
  const allowed = useCan(action, scope);
  if (typeof children === "function") return passThrough || allowed !== not ? children(allowed) : null;
  return allowed !== not ? (children ?? null) : null;
}
