// Bounded memos for a Principal. A principal never changes once compiled, so an answer the wasm
// module gave for a (scope, action) stays right; a memo only ever holds such answers, keyed by the
// very strings that were passed to the module. When one fills, it starts afresh.

/** A scope's row holds a byte for each of 2 ** ROW_BITS actions. */
const ROW_BITS = 10;
/** Rows are allocated 2 ** BLOCK_BITS at a time. */
const BLOCK_BITS = 4;
const IN_BLOCK = (1 << BLOCK_BITS) - 1;

/** The most decisions, scopes and actions one principal remembers (BENCHMARKS.md: a full memo's memory). */
export const MAX_DECISIONS = 16384;
export const MAX_SCOPES = 1024;
export const MAX_ACTIONS = 1 << ROW_BITS;
/** The most page lists one principal remembers, one per scope. */
export const MAX_PAGE_LISTS = 256;
/** The most "allowed anywhere" answers one principal remembers, one per action. */
export const MAX_ANYWHERE = MAX_ACTIONS;

/** A decision as the memo's bytes keep it; 0 is not known. */
const DENIED = 1;
const ALLOWED = 2;

/**
 * Decisions by scope and action. Scopes and actions are numbered as they come, in
 * prototype-less tables (where no key, `__proto__` included, means anything special), and a
 * decision is the byte at (scope's row, action's number): a remembered decision is two table
 * lookups and a byte. The bytes are allocated a block of rows at a time, so a scope seen for the
 * first time costs no allocation of its own, and the memo stays within MAX_SCOPES × MAX_ACTIONS
 * bytes whatever the questions. Each action also keeps the index the wasm module gave it, so that a
 * decision at a new scope passes one string, not two. Read with {@link recall} and
 * {@link actionIndex}, written with {@link remember}.
 */
export class DecisionMemo {
  /** @type {Record<string, number>} */
  scopes = Object.create(null);
  /** @type {Record<string, number>} */
  actions = Object.create(null);
  /** The wasm module's index of each action, by its number here. @type {number[]} */
  indices = [];
  /** @type {Uint8Array[]} */
  blocks = [];
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
  const row = memo.scopes[scope];
  if (row === undefined) return undefined;
  const number = memo.actions[action];
  if (number === undefined) return undefined;
  const kept = memo.blocks[row >> BLOCK_BITS][((row & IN_BLOCK) << ROW_BITS) | number];
  return kept === ALLOWED ? true : kept === DENIED ? false : undefined;
}

/**
 * The wasm module's index of `action`, if the memo knows it.
 * @param {DecisionMemo} memo
 * @param {string} action
 * @returns {number | undefined}
 */
export function actionIndex(memo, action) {
  const number = memo.actions[action];
  return number === undefined ? undefined : memo.indices[number];
}

/**
 * @param {DecisionMemo} memo
 * @param {string} scope
 * @param {string} action
 * @param {boolean} allowed
 * @param {number} index the wasm module's index of `action`
 */
export function remember(memo, scope, action, allowed, index) {
  if (memo.size >= MAX_DECISIONS || memo.scopeCount >= MAX_SCOPES || memo.actionCount >= MAX_ACTIONS) forget(memo);
  let number = memo.actions[action];
  if (number === undefined) {
    number = memo.actions[action] = memo.actionCount++;
    memo.indices[number] = index;
  }
  let row = memo.scopes[scope];
  if (row === undefined) {
    row = memo.scopes[scope] = memo.scopeCount++;
    // A block from before the memo last started afresh is reused, its row cleared.
    const block = memo.blocks[row >> BLOCK_BITS];
    if (block === undefined) memo.blocks.push(new Uint8Array((IN_BLOCK + 1) << ROW_BITS));
    else block.fill(0, (row & IN_BLOCK) << ROW_BITS, ((row & IN_BLOCK) + 1) << ROW_BITS);
  }
  memo.blocks[row >> BLOCK_BITS][((row & IN_BLOCK) << ROW_BITS) | number] = allowed ? ALLOWED : DENIED;
  memo.size++;
}

/**
 * Starts the memo afresh. Its blocks of bytes stay, to be reused row by row: `release` lets them go.
 * @param {DecisionMemo} memo
 */
export function forget(memo) {
  memo.scopes = Object.create(null);
  memo.actions = Object.create(null);
  memo.indices = [];
  memo.actionCount = 0;
  memo.scopeCount = 0;
  memo.size = 0;
}

/**
 * Starts the memo afresh and lets its memory go.
 * @param {DecisionMemo} memo
 */
export function release(memo) {
  forget(memo);
  memo.blocks = [];
}

/**
 * Answers by a single key, at most `limit` of them: a principal's page lists by scope (`undefined`
 * or `null`: no scope), and whether each action is allowed anywhere. Starts afresh when full.
 * @template K, V
 */
export class KeyedMemo {
  /** @type {Map<K, V>} */
  #answers = new Map();
  #limit;

  /** @param {number} limit */
  constructor(limit) {
    this.#limit = limit;
  }

  /** @param {K} key */
  get(key) {
    return this.#answers.get(key);
  }

  /** @param {K} key @param {V} answer */
  set(key, answer) {
    if (this.#answers.size >= this.#limit) this.#answers.clear();
    this.#answers.set(key, answer);
  }

  clear() {
    this.#answers.clear();
  }
}
