// Type definitions for `rolegate/dom`: framework-free permission gating of DOM elements.

/**
 * Anything that answers "may I do `action` at `scope`?": a rolegate `Principal`
 * (`engine.principal(assignments)`), or your own object (in tests, say).
 */
export interface PermissionChecker {
  canPerform(scope: string, action: string): boolean;
}

/** How a denied element is gated: `"hide"` sets `hidden`; `"disable"` sets `disabled` and `aria-disabled="true"`. */
export type GateMode = "hide" | "disable";

/** One element's decision, as `onChange` receives it. */
export interface PermissionChange {
  /** The gated element (it carries `data-can`). */
  element: Element;
  /** Its `data-can` action. */
  action: string;
  /** The scope checked: its own or nearest ancestor's `data-scope` inside the root, else the bound scope (`undefined` if none). */
  scope: string | undefined;
  /** The decision; `false` whenever the check threw. */
  allowed: boolean;
  /** What the check threw (a `RolegateError` for an unknown action or a bad scope), else `undefined`. */
  error: unknown;
}

/** Options of {@link bindPermissions}. */
export interface BindPermissionsOptions {
  /** The scope for elements with no `data-scope` of their own or on an ancestor. */
  scope?: string;
  /** How denied elements are gated unless they say otherwise with `data-can-mode`; default `"hide"`. */
  mode?: GateMode;
  /**
   * Called for each gated element when its decision is first made and whenever it changes
   * (including a check that threw: then `allowed` is `false` and `error` says why). Without it,
   * a check that throws is reported once per distinct problem with `console.warn`.
   */
  onChange?: (change: PermissionChange) => void;
}

/** A live binding returned by {@link bindPermissions}. */
export interface PermissionBinding {
  /**
   * Re-checks every gated element, with a new principal and/or bound scope when given (after a
   * sign-in, a role change, a scope switch, or `setDefaultEngine`).
   */
  update(principal?: PermissionChecker, scope?: string): void;
  /** Stops watching the root for changes; elements keep their current state (denied stays denied). */
  disconnect(): void;
}

/**
 * Gates every element under `root` that carries `data-can="action"` (optionally `data-scope` and
 * `data-can-mode="hide|disable"`), now and as elements are added or their attributes change
 * (a `MutationObserver`). Each gated element gets `data-allowed="true|false"`. A check that
 * throws counts as denied: fail closed, never thrown out of the observer.
 *
 * Client-side gating is for the interface only: the server must enforce the same policy.
 *
 * ```js
 * import { bindPermissions } from "rolegate/dom";
 * const binding = bindPermissions(document.body, engine.principal(assignments), { scope: "organization:acme/account:AC1" });
 * binding.update(undefined, "organization:acme/account:AC2"); // the user switched accounts
 * ```
 */
export function bindPermissions(
  root: Element | Document | DocumentFragment,
  principal: PermissionChecker,
  options?: BindPermissionsOptions,
): PermissionBinding;
