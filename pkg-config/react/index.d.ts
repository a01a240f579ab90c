// Type definitions for `rolegate/react`.
import type { ReactNode } from "react";
import type { ConsolePage, PolicyDocument, PolicyEngine, RegisteredActionId, RoleInput } from "../index.js";

/** The props of {@link PermissionsProvider}. */
export interface PermissionsProviderProps {
  /**
   * The signed-in user's role assignments. Compared by content: a new array holding the same
   * assignments does no work and re-renders nothing.
   */
  roles: RoleInput;
  /** The scope the hooks and `<Can>` ask about when they give none. */
  scope?: string;
  /**
   * The engine to ask. Without it (and without `policy`): the default engine. Typed with the
   * action ids declared in `Register` (see `rolegate`'s `Register`), when they are.
   */
  engine?: PolicyEngine<RegisteredActionId>;
  /**
   * A policy as plain data (a document or its JSON text), as a server component can pass it to a
   * client component: the engine is built once per content.
   */
  policy?: PolicyDocument | string;
  /**
   * Called once per distinct problem (an unknown role or action, a bad scope, a policy that does not
   * load), after the render that met it; what it concerned counts as denied. Default: `console.error`.
   */
  onError?: (error: unknown) => void;
  children?: ReactNode;
}

/** Provides a user's permissions to {@link useCan}, {@link usePages} and {@link Can} below it. */
export function PermissionsProvider(props: PermissionsProviderProps): ReactNode;

/**
 * Whether the provider's user may do `action` at `scope` (the provider's scope when left out; with
 * no scope at all, at the scope of at least one of their assignments). A component re-renders only
 * when this answer changes. Denied on any problem, which is reported.
 */
export function useCan(action: RegisteredActionId, scope?: string): boolean;

/**
 * The console pages the provider's user may see at `scope` (the provider's when left out; with no
 * scope at all, those visible at the scope of at least one assignment), in navigation order. The
 * same array until the answer changes.
 */
export function usePages(scope?: string): readonly ConsolePage[];

/** The props of {@link Can}. */
export interface CanProps {
  /** The action to check: one of the ids declared in `Register`, else any string. */
  action: RegisteredActionId;
  /** The scope to check at (the provider's when left out). */
  scope?: string;
  /** Render the children when the action is denied instead. */
  not?: boolean;
  /** Always render a function child, with the decision. */
  passThrough?: boolean;
  /** Nodes, or a function of the decision. */
  children?: ReactNode | ((allowed: boolean) => ReactNode);
}

/** Renders its children when the action is allowed (or, with `not`, denied). */
export function Can(props: CanProps): ReactNode;
