// Type definitions for rolegate: the whole public surface of `rolegate` (and, through
// web/index.d.ts, of `rolegate/web`). Hand-written, so that every value has its real shape.

// -------------------------------------------------------------------------------------------
// Inputs

/**
 * A scope path: `kind:id` segments joined by `/`, root first, stopping at any level.
 * With the Twilio catalog: `"organization:acme"`, `"organization:acme/account:AC1"`,
 * `"organization:acme/account:AC1/subaccount:SA9"`. Ids are 1 to 128 characters from
 * `A-Z a-z 0-9 - _ . ~ @ +`; paths are case-sensitive. Anything else throws `BAD_SCOPE`.
 */
export type ScopePath = string;

/**
 * An action id declared by the policy: dotted, the first segment naming the product
 * (`"studio.flow.update"`). An undeclared action throws `UNKNOWN_ACTION`: unknown is never
 * silently allowed. An engine of a built-in catalog, or one typed with `rolegate types`, takes
 * only its policy's ids (see {@link PolicyEngine}).
 */
export type ActionId = string;

/**
 * The action ids of the built-in `twilio` catalog: what `PolicyEngine.builtin("twilio")` accepts.
 * Written from the catalog when the package is built.
 */
export type TwilioActionId = string; // @generated: the twilio catalog's action ids

/**
 * The action ids of the built-in `voiceflow` catalog: what `PolicyEngine.builtin("voiceflow")`
 * accepts. Written from the catalog when the package is built.
 */
export type VoiceflowActionId = string; // @generated: the voiceflow catalog's action ids

/** The built-in catalogs by name, each with the type of its action ids. */
export interface BuiltinActionIds {
  twilio: TwilioActionId;
  voiceflow: VoiceflowActionId;
}

/**
 * Declares, once per app, the action ids of the engine that `rolegate/react` and `rolegate/vue`
 * ask, so that `useCan`, `<Can>` and `$can` take only those ids and a misspelt action is a compile
 * error (a hook is not tied to its provider's engine by type, so this is said once, here):
 *
 * ```ts
 * import type { TwilioActionId } from "rolegate";
 * declare module "rolegate" {
 *   interface Register { actionId: TwilioActionId } // or the ActionId that `rolegate types` writes
 * }
 * ```
 *
 * Without it they take any string; an undeclared action is then denied and reported at run time.
 */
export interface Register {}

/** The action ids the framework entries take: {@link Register}'s `actionId`, else any string. */
export type RegisteredActionId = Register extends { actionId: infer A extends string } ? A : string;

/** A role id declared by the policy, in kebab-case (`"studio-admin"`, `"billing-manager"`). */
export type RoleId = string;

/** A role held at a scope. */
export interface Assignment {
  /** The role's id. */
  role: RoleId;
  /**
   * Where the role is held: it applies there and at every scope below. Omitted or `null`: held
   * wherever the question asks (convenient for "what could this role do?" screens). `undefined`
   * is refused (`BAD_ARGUMENT`), and so is an assignment with another key in place of `scope`
   * (`{ role, scopePath }`): read as "no scope", either would hold the role at every scope.
   */
  scope?: ScopePath | null;
}

/**
 * Whose permissions: a role id (held at the queried scope), an {@link Assignment}, or a list of
 * either (a user's assignments). Read as plain data, as `structuredClone` copies it: an object's
 * own enumerable keys (not its class's getters). A Proxy (Vue's `reactive`, MobX, Svelte's
 * `$state`) cannot be copied: pass its plain value (Vue's `toRaw`).
 */
export type RoleInput = RoleId | Assignment | ReadonlyArray<RoleId | Assignment>;

// -------------------------------------------------------------------------------------------
// The policy document (input of `new PolicyEngine` and `PolicyEngine.fromJson`)

/**
 * A policy document: scope kinds, actions, roles and console pages. The built-in catalogs
 * (`PolicyEngine.builtin("twilio")`) are documents of this very format. Unknown keys are errors,
 * reported with a JSON pointer and a "did you mean".
 */
export interface PolicyDocument {
  /** Optional JSON-schema reference for editors; ignored. */
  $schema?: string;
  /** The policy's name (`"twilio"`); `PolicyEngine.name` returns it. */
  name: string;
  /** What the policy covers. */
  description?: string | null;
  /** Scope kinds, root first: `["organization", "account", "subaccount"]`. */
  scopeKinds: readonly string[];
  /** Billing seat classes, cheapest first (`["free", "editor"]`); see {@link PolicyEngine.billingSeat}. */
  seats?: readonly string[] | null;
  /** Every action the policy knows, as ids or `{ id, description }` objects. */
  actions: ReadonlyArray<ActionId | ActionDeclaration>;
  /** The roles. */
  roles: readonly RoleDeclaration[];
  /** The console pages, in navigation order. */
  pages?: readonly PageDeclaration[] | null;
}

/** An action with a description. */
export interface ActionDeclaration {
  /** The dotted action id (`"billing.invoice.read"`). */
  id: ActionId;
  /** What the action lets a person do. */
  description?: string | null;
}

/** A role as a policy document declares it. */
export interface RoleDeclaration {
  /** Kebab-case id (`"studio-admin"`). */
  id: RoleId;
  /** Display name (`"Studio Admin"`). */
  name: string;
  /** What the role is for. */
  description?: string | null;
  /** The role type (`"general"`, `"built-in"`, `"organization"` in the Twilio catalog); default `"custom"`. */
  type?: string | null;
  /** The product (first action segment) a product role is confined to: it may grant only that product's actions. */
  product?: string | null;
  /** The product group as the vendor displays it (`"Phone numbers"`). */
  group?: string | null;
  /** The scope kinds the role can be held at. */
  scopes: readonly string[];
  /** Granted actions: exact ids or patterns ending in `*` at a segment boundary (`"studio.*"`, `"*"`). */
  grants?: readonly string[] | null;
  /** Further grants per scope kind: they apply only where the role is held at a scope of that kind. */
  grantsAt?: Readonly<Record<string, readonly string[]>> | null;
  /** Roles whose grants and denies this role also has, transitively. */
  inherits?: readonly RoleId[] | null;
  /** Denied actions or patterns; a deny overrides every grant. */
  denies?: readonly string[] | null;
  /** The billing seat class the role takes, one of the document's `seats`. */
  seat?: string | null;
  /** Rules on how the role combines with others (checked by `checkAssignments`, never by decisions). */
  constraints?: RoleConstraintsDeclaration | null;
}

/** A role's combination rules, as declared. */
export interface RoleConstraintsDeclaration {
  /** At a scope where this role is held, no other role may be held. */
  heldAlone?: boolean | null;
  /** Held at a scope of the key's kind, the role needs one of the listed roles at an ancestor scope. */
  requiresAbove?: Readonly<Record<string, readonly RoleId[]>> | null;
}

/** A console page as a policy document declares it. */
export interface PageDeclaration {
  /** Page id: letters, digits, `.`, `-`, `_` (`"studio.flows"`). */
  id: string;
  /** Title for navigation. */
  title: string;
  /** Route path (`"/console/studio/flows"`). */
  path: string;
  /** Navigation group (`"Studio"`). */
  section: string;
  /** The id of the page this one sits under. */
  parent?: string | null;
  /** The scope kind the page lives at (for the UI; it does not filter). */
  scopeKind: string;
  /** The actions the page needs; omitted or `null`: every signed-in user sees it. */
  requires?: PageRequirement | null;
}

/** A page's requirement: any one of the actions, or all of them. */
export type PageRequirement = { readonly anyOf: readonly ActionId[] } | { readonly allOf: readonly ActionId[] };

// -------------------------------------------------------------------------------------------
// Outputs

/** A console page, as `pages()` and `visibleConsolePages()` return it (frozen, shared objects). */
export interface ConsolePage {
  /** Page id (`"studio.flows"`); the demo puts it on `data-page-id`. */
  readonly id: string;
  /** Title for navigation. */
  readonly title: string;
  /** Route path. */
  readonly path: string;
  /** Navigation group. */
  readonly section: string;
  /** The parent page's id, or `null` for a top-level page. */
  readonly parent: string | null;
  /** The scope kind the page lives at. */
  readonly scopeKind: string;
  /** What the page requires, or `null` when every signed-in user sees it. */
  readonly requires: PageRequirement | null;
}

/** A role as `roles()` and `rolesGranting()` return it. */
export interface RoleInfo {
  /** Kebab-case id. */
  id: RoleId;
  /** Display name. */
  name: string;
  /** What the role is for (empty when the policy says nothing). */
  description: string;
  /** The role type (`"general"`, `"built-in"`, `"organization"`, or `"custom"` when not declared). */
  type: string;
  /** The product a product role is confined to, or `null`. */
  product: string | null;
  /** The vendor's product group, or `null`. */
  group: string | null;
  /** The scope kinds the role can be held at. */
  scopes: string[];
  /** Its own grant patterns (not the inherited ones). */
  grants: string[];
  /** Its own grants that apply only where it is held at a scope of the key's kind. */
  grantsAt: Record<string, string[]>;
  /** The roles it inherits directly. */
  inherits: RoleId[];
  /** Its own deny patterns. */
  denies: string[];
  /** Its billing seat class, or `null`. */
  seat: string | null;
  /** Its combination rules; a key is absent when the rule is off. */
  constraints: RoleConstraints;
}

/** A role's combination rules, as `roles()` returns them. */
export interface RoleConstraints {
  /** Present (`true`) when no other role may be held at the same scope. */
  heldAlone?: boolean;
  /** Per scope kind, the roles one of which must be held above. */
  requiresAbove?: Record<string, RoleId[]>;
}

/** An assignment as explanations show it. */
export interface AssignmentView {
  /** The role's id. */
  role: RoleId;
  /** Where it is held, or `null`: wherever the question asks. */
  scope: ScopePath | null;
}

/** One pattern that decided. */
export interface DecidingPattern {
  /** The assignment that carries the pattern. */
  assignment: AssignmentView;
  /** The role that declares it: the assigned role itself or one it inherits. */
  via: RoleId;
  /** The grant or deny pattern (`"studio.*"`). */
  pattern: string;
}

/** The answer to "may these assignments do this action here, and why?" (`explain`). */
export interface Decision {
  /** Whether the action is allowed (always the same answer as `canPerform`). */
  allowed: boolean;
  /** The action asked about. */
  action: ActionId;
  /** The scope asked about. */
  scope: ScopePath;
  /** One sentence a person can read: who allowed it, what denied it, or which roles would allow it. */
  reason: string;
  /** The assignments in force at the scope (held there or above), whatever they grant. */
  applicable: AssignmentView[];
  /** Each grant pattern that allows the action, with the assignment carrying it. */
  grantedBy: DecidingPattern[];
  /** Each deny pattern that blocks the action. */
  deniedBy: DecidingPattern[];
  /**
   * For a denial: the roles that, held at the scope or above it, would allow it ("ask for
   * access"). Empty when allowed, and when a deny blocks the action (no role overrides a deny).
   */
  wouldGrant: RoleId[];
}

/** The rule a {@link Violation} breaks. */
export type ViolationCode = "HELD_ALONE" | "REQUIRES_ROLE_ABOVE";

/** One broken combination rule, from `checkAssignments` (for role-assignment screens). */
export interface Violation {
  /** `HELD_ALONE`: another role is held next to a role that must be alone; `REQUIRES_ROLE_ABOVE`: a role lacks a required role at an ancestor scope. */
  code: ViolationCode;
  /** The offending assignment's index in the list given. */
  index: number;
  /** The offending assignment's role. */
  role: RoleId;
  /** The offending assignment's scope, or `null`. */
  scope: ScopePath | null;
  /** What is wrong, in a sentence. */
  message: string;
}

// -------------------------------------------------------------------------------------------
// Errors

/**
 * The stable error codes:
 * - `POLICY_PARSE`: the policy text is not valid JSON, or the object is not plain JSON data;
 * - `POLICY_INVALID`: the document breaks the policy rules (every problem is in `errors`);
 * - `UNKNOWN_ROLE`: a role id the policy does not declare;
 * - `UNKNOWN_ACTION`: an action id the policy does not declare;
 * - `BAD_SCOPE`: a scope path that is malformed or does not fit the policy's scope kinds;
 * - `NOT_ASSIGNABLE`: a role held at a scope kind it cannot be held at;
 * - `BAD_ARGUMENT`: an argument of the wrong type or shape.
 */
export type RolegateErrorCode =
  | "POLICY_PARSE"
  | "POLICY_INVALID"
  | "UNKNOWN_ROLE"
  | "UNKNOWN_ACTION"
  | "BAD_SCOPE"
  | "NOT_ASSIGNABLE"
  | "BAD_ARGUMENT";

/** One problem in a policy document. */
export interface PolicyProblem {
  /** A JSON pointer into the document (`"/roles/3/grants/0"`; `""` for the document itself). */
  path: string;
  /** What is wrong there, with a "did you mean" where one is close. */
  message: string;
}

/**
 * What every rolegate function throws: an `Error` with a stable `code` and a message a person can
 * act on. `e instanceof RolegateError` and `e instanceof Error` both hold; {@link isRolegateError}
 * also recognises an error of another copy of the package.
 *
 * ```ts
 * try { engine.canPerform(roles, scope, action); }
 * catch (e) { if (e instanceof RolegateError && e.code === "UNKNOWN_ACTION") { ... } }
 * ```
 */
export class RolegateError extends Error {
  constructor(code: RolegateErrorCode, message: string, details?: { help?: string | null; errors?: PolicyProblem[] });
  /** Always `"RolegateError"`. */
  name: "RolegateError";
  /** The stable code to match on. */
  code: RolegateErrorCode;
  /** A hint on how to fix it (a "did you mean"), or `null`. */
  help: string | null;
  /**
   * For `POLICY_INVALID`: every problem found, not just the first (the document's shape, its
   * types, keys and names, is checked first; references between names once the shape is right).
   * For `POLICY_PARSE`: one entry, where reading stopped (a JSON pointer to the value being read,
   * `""` for the document itself): a syntax error in the text, nesting deeper than 64 levels, or
   * an object that could not be copied as plain data. Empty for other codes.
   */
  errors: PolicyProblem[];
}

/**
 * True when `e` was thrown by rolegate, this copy of the package or another one (a bundle can hold
 * two, where `instanceof` tells them apart); narrows it to {@link RolegateError}.
 */
export function isRolegateError(e: unknown): e is RolegateError;

// -------------------------------------------------------------------------------------------
// The engine

/**
 * A compiled policy. Build one from a built-in catalog, JSON text or a document object; then
 * every question is a synchronous call. Each method throws a {@link RolegateError} on bad input
 * (unknown role or action, malformed scope) rather than answering `false`. The engine holds wasm
 * memory: call {@link PolicyEngine.free} when done with an engine you created in a loop (a
 * `FinalizationRegistry` frees forgotten ones eventually).
 *
 * `A` is the type of the policy's action ids: a misspelt action is a compile error where it is
 * narrower than `string`. `PolicyEngine.builtin("twilio")` is a `PolicyEngine<TwilioActionId>`;
 * for your own policy, `rolegate types policy.json` writes the union (`ActionId`) and
 * `type Engine = PolicyEngine<ActionId>`, and `const engine: Engine = PolicyEngine.fromJson(text)`
 * types the engine. An action that comes from data is checked with {@link PolicyEngine.isAction}.
 * Role ids stay strings: they come from data.
 */
export class PolicyEngine<A extends string = string> {
  /**
   * Compiles a policy document given as an object. The object is read as plain data, as
   * `structuredClone` copies it (strings as JavaScript's `TextEncoder` encodes them).
   * @throws {RolegateError} `POLICY_PARSE` (not plain data: a function, a symbol or a Proxy
   * anywhere in it, at `""`; a cycle, at the place it nests past 64 levels), `POLICY_INVALID`
   * (every problem in `errors`), `BAD_ARGUMENT`.
   */
  constructor(policy: PolicyDocument);

  /**
   * A built-in catalog: `"twilio"` (the default engine) or `"voiceflow"`, typed with the
   * catalog's action ids.
   */
  static builtin<N extends keyof BuiltinActionIds>(name: N): PolicyEngine<BuiltinActionIds[N]>;

  /**
   * Compiles a policy document given as JSON text (RFC 8259, read as the native crate reads it: a
   * lone surrogate, escaped or not, is not JSON). `A`, the type of the policy's action ids, is
   * `string` unless given (`PolicyEngine.fromJson<ActionId>(text)`, or inferred from
   * `const engine: Engine = ...`, with the types `rolegate types` writes): it is not checked
   * against the text.
   * @throws {RolegateError} `POLICY_PARSE`, `POLICY_INVALID`, `BAD_ARGUMENT`.
   */
  static fromJson<A extends string = string>(text: string): PolicyEngine<A>;

  /** The policy's name (`"twilio"`). */
  readonly name: string;

  /**
   * May `roles` do `action` at `scope`? True when an assignment at the scope or above grants it
   * and none denies it.
   * @throws {RolegateError} `UNKNOWN_ROLE`, `UNKNOWN_ACTION`, `BAD_SCOPE`, `NOT_ASSIGNABLE`, `BAD_ARGUMENT`.
   */
  canPerform(roles: RoleInput, scope: ScopePath, action: A): boolean;

  /**
   * The console pages to show, in navigation order. With a scope: the pages whose requirement
   * holds there. Without: those whose requirement holds at the scope of at least one assignment.
   */
  visibleConsolePages(roles: RoleInput, scope?: ScopePath): ConsolePage[];

  /** Like {@link PolicyEngine.canPerform}, with the reasons: which grants allowed it, which denies blocked it, which roles would allow it. */
  explain(roles: RoleInput, scope: ScopePath, action: A): Decision;

  /** Compiles the assignments once, for many checks (a console checks hundreds of buttons). */
  principal(roles: RoleInput): Principal<A>;

  /**
   * The assignments a role input holds, as the engine reads them: plain data, `scope` `null` where
   * the role is held wherever the question asks. The same assignments give the same list however
   * they are written (a role id or an `{ role }` object; keys in any order): the framework
   * bindings compare roles this way.
   * @throws {RolegateError} `BAD_ARGUMENT`.
   */
  assignmentsOf(roles: RoleInput): Assignment[];

  /**
   * The roles that grant `action`: for "ask for access" screens. With `scope`, the roles that,
   * held there or at a scope above it, allow the action at `scope`.
   */
  rolesGranting(action: A, scope?: ScopePath): RoleInfo[];

  /** The combination rules the assignments break (none: `[]`): for role-assignment screens. */
  checkAssignments(roles: RoleInput): Violation[];

  /**
   * The dearest billing seat class the assignments take in `scope` (counting assignments at the
   * scope, above it and below it), or `null` when no role there carries a seat.
   */
  billingSeat(roles: RoleInput, scope: ScopePath): string | null;

  /** Every role, in declaration order. */
  roles(): RoleInfo[];

  /** Every declared action id. */
  actions(): A[];

  /**
   * Whether `value` is an action id the policy declares: the way to pass an action that comes
   * from data (a string of unknown content) to a typed engine, no cast needed.
   *
   * ```ts
   * const action: string = button.dataset.action;
   * if (engine.isAction(action)) engine.canPerform(roles, scope, action); // action: the engine's ids
   * ```
   */
  isAction(value: unknown): value is A;

  /** Every console page, in navigation order. */
  pages(): ConsolePage[];

  /** The scope kinds, root first. */
  scopeKinds(): string[];

  /** Releases the engine's wasm memory now; the engine must not be used afterwards. */
  free(): void;
}

/**
 * A user's assignments compiled once, from {@link PolicyEngine.principal}. Checks on a principal
 * are the fast path: pass it to `bindPermissions` (`rolegate/dom`) or call it per button. A
 * principal never changes, so it remembers its answers: a question asked again is answered without
 * a call into WebAssembly (at most 16,384 decisions over 1,024 scopes and 1,024 actions, and 256
 * page lists, about 1 MB; then it starts afresh).
 */
export class Principal<A extends string = string> {
  private constructor();

  /**
   * May this principal do `action` at `scope`? `A` is its engine's action type.
   * @throws {RolegateError} `UNKNOWN_ACTION`, `BAD_SCOPE`, `BAD_ARGUMENT`.
   */
  canPerform(scope: ScopePath, action: A): boolean;

  /**
   * May this principal do `action` at the scope of at least one of its assignments? What
   * `visibleConsolePages()` without a scope asks of each page ("may this user do it anywhere?").
   * @throws {RolegateError} `UNKNOWN_ACTION`, `BAD_ARGUMENT`.
   */
  canPerformAnywhere(action: A): boolean;

  /** The console pages to show, in navigation order (see {@link PolicyEngine.visibleConsolePages}). */
  visibleConsolePages(scope?: ScopePath): ConsolePage[];

  /** Releases the principal's wasm memory now; it must not be used afterwards. */
  free(): void;
}

// -------------------------------------------------------------------------------------------
// The default engine

/** `canPerform` on the default engine (the built-in `twilio` catalog unless replaced). */
export function canPerform(roles: RoleInput, scope: ScopePath, action: ActionId): boolean;

/** `visibleConsolePages` on the default engine. */
export function visibleConsolePages(roles: RoleInput, scope?: ScopePath): ConsolePage[];

/**
 * Makes `engine` the default engine of {@link canPerform} and {@link visibleConsolePages}.
 * The engine is already compiled, so a policy that failed to load can never replace the default.
 */
export function setDefaultEngine(engine: PolicyEngine): void;

/** The default engine (the built-in `twilio` catalog unless replaced), e.g. to read its roles and pages. */
export function defaultEngine(): PolicyEngine;
