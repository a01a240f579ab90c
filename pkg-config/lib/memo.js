// Bounded memos for a Principal. A principal never changes once compiled, so an answer the wasm
// module gave for a (scope, action) stays right; a memo only ever holds such answers, keyed by the
// very strings that were passed to the module. When one fills, it starts afresh.

/** The most decisions, scopes and actions one principal remembers (full, about 1.4 MB). */
export const MAX_DECISIONS = 16384;
export const MAX_SCOPES = 1024;
export const MAX_ACTIONS = 1024;
/** The most page lists one principal remembers, one per scope. */
export const MAX_PAGE_LISTS = 256;

/** A decision as a scope's bytes keep it; 0 is not known. */
const DENIED = 1;
const ALLOWED = 2;

/**
 * Decisions by scope and action. The actions are numbered as they come (one table for every
 * scope), and each scope keeps a byte per action number: a remembered decision is two lookups in
 * prototype-less tables (where no key, `__proto__` included, means anything special) and a byte.
 * A byte, not an array element: a scope's decisions then cost one byte per action, so the memo
 * stays bounded (MAX_SCOPES × MAX_ACTIONS bytes at most) whatever the questions. Read with
 * {@link recall}, written with {@link remember}.
 */
export class DecisionMemo {
  /** @type {Record<string, Uint8Array>} */
  scopes = Object.create(null);
  /** @type {Record<string, number>} */
  actions = Object.create(null);
  actionCount = 0;
  scopeCount = 0;
  size = 0;
}

/**
 * The remembered answer: `true`, `false`, or undefined when not known. Strings only: a table key
 * would convert anything else, calling the caller's `toString`.
 * @param {DecisionMemo} memo
 * @param {string} scope
 * @param {string} action
 * @returns {boolean | undefined}
 */
export function recall(memo, scope, action) {
  const decisions = memo.scopes[scope];
  if (decisions === undefined) return undefined;
  const number = memo.actions[action];
  if (number === undefined) return undefined;
  // 0 (never set) and past the end (an action numbered since) are not known.
  const kept = decisions[number];
  return kept === ALLOWED ? true : kept === DENIED ? false : undefined;
}

/**
 * @param {DecisionMemo} memo
 * @param {string} scope
 * @param {string} action
 * @param {boolean} allowed
 */
export function remember(memo, scope, action, allowed) {
  if (memo.size >= MAX_DECISIONS || memo.scopeCount >= MAX_SCOPES || memo.actionCount >= MAX_ACTIONS) forget(memo);
  let number = memo.actions[action];
  if (number === undefined) number = memo.actions[action] = memo.actionCount++;
  let decisions = memo.scopes[scope];
  if (decisions === undefined) memo.scopeCount++;
  if (decisions === undefined || decisions.length <= number) {
    // Room for every action numbered so far, and as many again.
    const grown = new Uint8Array(Math.min(MAX_ACTIONS, Math.max(16, 2 * memo.actionCount)));
    if (decisions !== undefined) grown.set(decisions);
    decisions = memo.scopes[scope] = grown;
  }
  decisions[number] = allowed ? ALLOWED : DENIED;
  memo.size++;
}

/** @param {DecisionMemo} memo */
export function forget(memo) {
  memo.scopes = Object.create(null);
  memo.actions = Object.create(null);
  memo.actionCount = 0;
  memo.scopeCount = 0;
  memo.size = 0;
}

/** Page lists by scope (`undefined` or `null`: no scope). */
export class PageMemo {
  /** @type {Map<string | null | undefined, readonly object[]>} */
  #byScope = new Map();

  /** @param {unknown} scope */
  get(scope) {
    return this.#byScope.get(/** @type {string | undefined} */ (scope));
  }

  /**
   * @param {string | null | undefined} scope
   * @param {readonly object[]} pages
   */
  set(scope, pages) {
    if (this.#byScope.size >= MAX_PAGE_LISTS) this.#byScope.clear();
    this.#byScope.set(scope, pages);
  }

  clear() {
    this.#byScope.clear();
  }
}
