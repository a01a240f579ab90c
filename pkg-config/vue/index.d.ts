// Type definitions for `rolegate/vue`.
import type { App, ComputedRef, MaybeRef } from "vue";
import type { ConsolePage, PolicyDocument, PolicyEngine, RegisteredActionId, RoleInput } from "../index.js";

/** The options of {@link createPermissions}. */
export interface PermissionsOptions {
  /** The signed-in user's role assignments: a value or a ref (watched deeply). Compared by content. */
  roles: MaybeRef<RoleInput>;
  /** The scope the composables and `$can` ask about when they give none: a value or a ref. */
  scope?: MaybeRef<string | undefined>;
  /** The engine to ask. Without it (and without `policy`): the default engine. */
  engine?: MaybeRef<PolicyEngine<RegisteredActionId> | undefined>;
  /** A policy as plain data (a document or its JSON text); the engine is built once per content. */
  policy?: MaybeRef<PolicyDocument | string | undefined>;
  /** Called once per distinct problem; what it concerned counts as denied. Default: `console.error`. */
  onError?: (error: unknown) => void;
}

/** The permissions plugin, for `app.use`. */
export function createPermissions(options: PermissionsOptions): { install(app: App): void };

/**
 * Whether the user may do `action` at `scope` (the plugin's scope when left out; with no scope at
 * all, at the scope of at least one of their assignments). Denied on any problem, which is reported.
 */
export function useCan(action: MaybeRef<RegisteredActionId>, scope?: MaybeRef<string | undefined>): ComputedRef<boolean>;

/** The console pages the user may see at `scope` (the plugin's when left out), in navigation order. */
export function usePages(scope?: MaybeRef<string | undefined>): ComputedRef<readonly ConsolePage[]>;

declare module "vue" {
  interface ComponentCustomProperties {
    /** Whether the user may do `action` at `scope` (the plugin's when left out), in templates. */
    $can(action: RegisteredActionId, scope?: string): boolean;
  }
}
