// What the framework entries (rolegate/react, rolegate/vue) share, whatever the framework: which
// engine a provider uses, its user's principal, and the answers the hooks give, from plain data.
//
// - The engine: the one given, or one built from `policy` (an object or JSON text), once per
//   content: the text is the key and exactly what the engine is read from.
// - The principal: the roles are read once by the wasm module (`engine.assignmentsOf`); the
//   assignments it read are the key, and exactly what the principal is compiled from, so a new
//   array holding the same assignments gives the same principal.
// - The answers: any problem (an unknown role or action, a bad scope) is denied, and reported once
//   per distinct problem, after the render that met it.

/** A stable empty page list. */
const NO_PAGES = Object.freeze([]);

/**
 * @typedef {object} BindingApi
 * @property {typeof import("rolegate").PolicyEngine} PolicyEngine
 * @property {() => import("rolegate").PolicyEngine} defaultEngine
 */

/**
 * A provider's state and its subscribers.
 * @param {BindingApi} api
 * @param {(problem: unknown) => void} onProblem called once per distinct problem, outside any render
 */
export function bindingState(api, onProblem) {
  /** @type {Set<() => void>} */
  const listeners = new Set();
  /** @type {Set<string>} */
  const reported = new Set();
  /** @type {{ principal: import("rolegate").Principal | null, scope: string | undefined }} */
  let state = { principal: null, scope: undefined };
  /** @type {{ key: string, engine: import("rolegate").PolicyEngine | null } | undefined} */
  let built;
  /** @type {{ engine: object, key: string, principal: import("rolegate").Principal | null } | undefined} */
  let compiled;
  /** Page lists of this state, by scope: the same array until the state changes. */
  const pageLists = new Map();

  /** @param {unknown} problem */
  function report(problem) {
    const e = /** @type {{ code?: string, message?: string }} */ (problem);
    const key = `${e?.code ?? ""} ${e?.message ?? String(problem)}`;
    if (reported.has(key)) return;
    reported.add(key);
    queueMicrotask(() => onProblem(problem));
  }

  /**
   * Runs `f`; on a problem, reports it and gives `denied`.
   * @template T
   * @param {() => T} f
   * @param {T} denied
   * @returns {T}
   */
  function guarded(f, denied) {
    try {
      return f();
    } catch (problem) {
      report(problem);
      return denied;
    }
  }

  return {
    started: false,

    /** The state of the first render. */
    start(/** @type {import("rolegate").Principal | null} */ principal, /** @type {string | undefined} */ scope) {
      state = { principal, scope };
      this.started = true;
    },

    /** A later state; subscribers whose answers changed re-render. */
    set(/** @type {import("rolegate").Principal | null} */ principal, /** @type {string | undefined} */ scope) {
      if (state.principal === principal && state.scope === scope) return;
      state = { principal, scope };
      pageLists.clear();
      for (const listener of listeners) listener();
    },

    /** @param {() => void} listener */
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /**
     * The engine to use: `engine`, else one read from `policy` (built once per content), else the
     * default engine. Null when the policy does not load (reported).
     * @param {import("rolegate").PolicyEngine | null | undefined} engine
     * @param {object | string | null | undefined} policy
     */
    engineFor(engine, policy) {
      if (engine !== undefined && engine !== null) return engine;
      if (policy === undefined || policy === null) return guarded(() => api.defaultEngine(), null);
      const text = typeof policy === "string" ? policy : guarded(() => JSON.stringify(policy), undefined);
      if (text === undefined) return null;
      if (built?.key !== text) built = { key: text, engine: guarded(() => api.PolicyEngine.fromJson(text), null) };
      return built.engine;
    },

    /**
     * The principal of `roles` on `engine`: the same one as before when the assignments read are
     * the same. Null when they do not resolve (reported).
     * @param {import("rolegate").PolicyEngine | null} engine
     * @param {import("rolegate").RoleInput} roles
     */
    principalFor(engine, roles) {
      if (engine === null) return null;
      const assignments = guarded(() => engine.assignmentsOf(roles), null);
      if (assignments === null) return null;
      const key = JSON.stringify(assignments);
      if (compiled?.engine !== engine || compiled.key !== key) {
        compiled = { engine, key, principal: guarded(() => engine.principal(assignments), null) };
      }
      return compiled.principal;
    },

    /**
     * @param {string} action
     * @param {string | null | undefined} scope
     * @returns {boolean}
     */
    can(action, scope) {
      const { principal } = state;
      if (principal === null) return false;
      const at = scope ?? state.scope;
      return guarded(
        () => (at === undefined || at === null ? principal.canPerformAnywhere(action) : principal.canPerform(at, action)),
        false,
      );
    },

    /**
     * @param {string | null | undefined} scope
     * @returns {readonly import("rolegate").ConsolePage[]}
     */
    pages(scope) {
      const { principal } = state;
      if (principal === null) return NO_PAGES;
      const at = scope ?? state.scope;
      let pages = pageLists.get(at);
      if (pages === undefined) {
        pages = guarded(() => Object.freeze(principal.visibleConsolePages(at ?? undefined)), NO_PAGES);
        pageLists.set(at, pages);
      }
      return pages;
    },
  };
}

/** @typedef {ReturnType<typeof bindingState>} BindingStore */
