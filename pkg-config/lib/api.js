// The package's public classes and functions, over a wasm-bindgen glue module. Each class owns
// the glue object it wraps (nothing is added to or patched on the glue's classes), passes every
// argument to it untouched, and throws its errors as RolegateError. The one thing kept on this
// side is what a Principal has already answered: a principal never changes, so an answer the
// wasm module gave for a scope and an action stays right (docs/design.md, "The JavaScript
// package").

import { boundary, fromWasm, RolegateError } from "./errors.js";
import { actionIndex, DecisionMemo, KeyedMemo, MAX_ANYWHERE, MAX_PAGE_LISTS, recall, release, remember } from "./memo.js";

/** Marks a construction from a glue object, which callers cannot forge. */
const WRAP = Symbol("rolegate.wrap");

/** @param {string} what */
function freed(what) {
  return new RolegateError("BAD_ARGUMENT", `this ${what} was freed (or not made by rolegate); make a new one`);
}

/**
 * The API over `glue`, the wasm-bindgen module of one entry. `isReady()` says whether its wasm is
 * instantiated (rolegate/web's `init()`); before, every call throws a RolegateError that says so.
 *
 * @param {any} glue
 * @param {() => boolean} [isReady]
 */
export function bindApi(glue, isReady = () => true) {
  const requireReady = () => {
    if (!isReady()) {
      throw new RolegateError(
        "BAD_ARGUMENT",
        "rolegate/web is not initialised: `await init()` (or call `initSync({ module })`) before the first call",
      );
    }
  };

  class Principal {
    /** @type {any} */
    #inner;
    #decisions = new DecisionMemo();
    /** @type {KeyedMemo<string | null | undefined, readonly object[]>} */
    #pages = new KeyedMemo(MAX_PAGE_LISTS);
    /** @type {KeyedMemo<string, boolean>} */
    #anywhere = new KeyedMemo(MAX_ANYWHERE);

    /** @param {symbol} token @param {any} inner */
    constructor(token, inner) {
      if (token !== WRAP) throw new TypeError("a Principal is made by `engine.principal(roles)`");
      this.#inner = inner;
    }

    #live() {
      if (!(#inner in this) || this.#inner === undefined) throw freed("Principal");
      return this.#inner;
    }

    /** @param {unknown} scope @param {unknown} action */
    canPerform(scope, action) {
      if (typeof scope === "string" && typeof action === "string") {
        const known = recall(this.#decisions, scope, action);
        if (known !== undefined) return known;
      }
      return this.#ask(scope, action);
    }

    /** @param {unknown} scope @param {unknown} action */
    #ask(scope, action) {
      const inner = this.#live();
      try {
        if (typeof scope === "string" && typeof action === "string") {
          const memo = this.#decisions;
          const known = actionIndex(memo, action);
          if (known !== undefined) {
            const allowed = inner.canPerformIndexed(scope, known);
            remember(memo, scope, action, allowed, known);
            return allowed;
          }
          // The first question about this action: the module checks it (errors in its order),
          // then gives its index for the next ones.
          const allowed = inner.canPerformStrings(scope, action);
          remember(memo, scope, action, allowed, inner.actionIndex(action));
          return allowed;
        }
        // Anything else is refused there, with a message that says what it was.
        return inner.canPerform(scope, action);
      } catch (e) {
        throw fromWasm(e);
      }
    }

    /**
     * Whether the action is allowed at the scope of at least one assignment.
     * @param {unknown} action
     */
    canPerformAnywhere(action) {
      let allowed = typeof action === "string" ? this.#anywhere.get(action) : undefined;
      if (allowed === undefined) {
        allowed = boundary(() => this.#live().canPerformAnywhere(action));
        if (typeof action === "string") this.#anywhere.set(action, allowed);
      }
      return allowed;
    }

    /** @param {unknown} [scope] */
    visibleConsolePages(scope) {
      let pages = this.#pages.get(/** @type {string | null | undefined} */ (scope));
      if (pages === undefined) {
        pages = boundary(() => this.#live().visibleConsolePages(scope));
        if (scope === undefined || scope === null || typeof scope === "string") this.#pages.set(scope, pages);
      }
      // A list of its own for each caller; the page objects are frozen and shared.
      return pages.slice();
    }

    free() {
      release(this.#decisions);
      this.#anywhere.clear();
      this.#pages.clear();
      this.#inner?.free();
      this.#inner = undefined;
    }

    [Symbol.dispose]() {
      this.free();
    }
  }

  /**
   * Whether a value is a PolicyEngine of this API that has not been freed (set by the class, which
   * alone can read its private field).
   * @type {(engine: unknown) => boolean}
   */
  let isLive;

  class PolicyEngine {
    /** @type {any} */
    #inner;
    /**
     * The declared action ids, for `isAction`: read once, since an engine never changes. This
     * reads the policy's list; it decides nothing.
     * @type {Set<string> | undefined}
     */
    #actionIds;

    static {
      isLive = (engine) => typeof engine === "object" && engine !== null && #inner in engine && engine.#inner !== undefined;
    }

    /** @param {unknown} policy @param {any} [inner] */
    constructor(policy, inner) {
      if (policy === WRAP) {
        this.#inner = inner;
      } else {
        requireReady();
        this.#inner = boundary(() => new glue.PolicyEngine(policy));
      }
    }

    /** @param {unknown} name */
    static builtin(name) {
      requireReady();
      return new PolicyEngine(WRAP, boundary(() => glue.PolicyEngine.builtin(name)));
    }

    /** @param {unknown} text */
    static fromJson(text) {
      requireReady();
      return new PolicyEngine(WRAP, boundary(() => glue.PolicyEngine.fromJson(text)));
    }

    #live() {
      if (!(#inner in this) || this.#inner === undefined) throw freed("PolicyEngine");
      return this.#inner;
    }

    get name() {
      return this.#live().name;
    }

    /** @param {unknown} roles @param {unknown} scope @param {unknown} action */
    canPerform(roles, scope, action) {
      return boundary(() => this.#live().canPerform(roles, scope, action));
    }

    /** @param {unknown} roles @param {unknown} [scope] */
    visibleConsolePages(roles, scope) {
      return boundary(() => this.#live().visibleConsolePages(roles, scope));
    }

    /** @param {unknown} roles @param {unknown} scope @param {unknown} action */
    explain(roles, scope, action) {
      return boundary(() => this.#live().explain(roles, scope, action));
    }

    /**
     * The assignments a role input holds, as the engine reads them.
     * @param {unknown} roles
     */
    assignmentsOf(roles) {
      return boundary(() => this.#live().assignmentsOf(roles));
    }

    /** @param {unknown} roles */
    principal(roles) {
      return new Principal(WRAP, boundary(() => this.#live().principal(roles)));
    }

    /** @param {unknown} action @param {unknown} [scope] */
    rolesGranting(action, scope) {
      return boundary(() => this.#live().rolesGranting(action, scope));
    }

    /** @param {unknown} roles */
    checkAssignments(roles) {
      return boundary(() => this.#live().checkAssignments(roles));
    }

    /** @param {unknown} roles @param {unknown} scope */
    billingSeat(roles, scope) {
      return boundary(() => this.#live().billingSeat(roles, scope));
    }

    roles() {
      return boundary(() => this.#live().roles());
    }

    actions() {
      return boundary(() => this.#live().actions());
    }

    /** @param {unknown} value */
    isAction(value) {
      const inner = this.#live();
      this.#actionIds ??= new Set(boundary(() => inner.actions()));
      return typeof value === "string" && this.#actionIds.has(value);
    }

    pages() {
      return boundary(() => this.#live().pages());
    }

    scopeKinds() {
      return boundary(() => this.#live().scopeKinds());
    }

    free() {
      this.#inner?.free();
      this.#inner = undefined;
    }

    [Symbol.dispose]() {
      this.free();
    }
  }

  // The default engine of the module-level functions: the built-in catalog the wasm module names,
  // made on first use. On a server, every request shares it.
  /** @type {PolicyEngine | undefined} */
  let current;

  function defaultEngine() {
    if (current === undefined) {
      requireReady();
      current = new PolicyEngine(WRAP, boundary(() => glue.defaultEngine()));
    }
    return current;
  }

  /** @param {unknown} engine */
  function setDefaultEngine(engine) {
    if (!(engine instanceof PolicyEngine)) {
      const got = engine === null ? "null" : Array.isArray(engine) ? "an array" : typeof engine;
      throw new RolegateError("BAD_ARGUMENT", `\`setDefaultEngine(engine)\` takes a PolicyEngine, got ${got}`);
    }
    if (!isLive(engine)) {
      throw new RolegateError("BAD_ARGUMENT", "`setDefaultEngine(engine)` takes a live PolicyEngine; this one was freed");
    }
    current = engine;
  }

  return {
    PolicyEngine,
    Principal,
    defaultEngine,
    setDefaultEngine,
    /** @param {unknown} roles @param {unknown} scope @param {unknown} action */
    canPerform: (roles, scope, action) => defaultEngine().canPerform(roles, scope, action),
    /** @param {unknown} roles @param {unknown} [scope] */
    visibleConsolePages: (roles, scope) => defaultEngine().visibleConsolePages(roles, scope),
  };
}
