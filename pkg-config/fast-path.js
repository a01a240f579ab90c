// Fast paths for the hot calls, applied by every entry of the package to the wasm-bindgen
// module's classes. A Principal and an engine never change once built, so what was worked out
// once stands: a decision seen before is two lookups on this side; a new one crosses into wasm
// with interned integers (the scope and action strings cross, are parsed and looked up once);
// the roles given to engine.canPerform are compiled into a Principal once. Anything that is not
// plain data takes the checked path, which throws the RolegateError.

/** How many scopes or actions one principal interns before its table starts afresh. */
const MAX_INTERNED = 4096;
/** How many compiled principals one engine keeps for engine.canPerform. */
const MAX_PRINCIPALS = 256;

/** Marks, in a snapshot, a role held without a scope. */
const UNSCOPED = Symbol("unscoped");

/** `canPerformAt` answers (src/wasm.rs). */
const ALLOWED = 1;
const STALE_SLOT = 2;

/** `fromJson` sends texts at least this long as UTF-8 bytes; the limit is src/wasm.rs's. */
const LONG_TEXT = 4096;
const MAX_POLICY_TEXT = 64 << 20;

/** Inputs longer than this are left to the checked path (which enforces the limit). */
const MAX_SNAPSHOT = 100_000;

const hasOwn = (o, key) => Object.prototype.hasOwnProperty.call(o, key);

/** Whether `role` is the only own enumerable key of `r`. */
function onlyRole(r) {
  for (const key in r) if (key !== "role" && hasOwn(r, key)) return false;
  return true;
}

/**
 * A RoleInput's content as a flat list [role, scope, role, scope, ...], or undefined when the
 * input is not plain data (then the checked path validates it and throws the RolegateError).
 * Each field is read once, own properties only: a getter that changes its answer or a property
 * planted on Object.prototype cannot make the snapshot say one thing and the engine see another,
 * and anything that throws while being read is left to the checked path.
 */
function snapshotOf(roles) {
  try {
    const items = Array.isArray(roles) ? roles : [roles];
    const length = items.length;
    if (!(length <= MAX_SNAPSHOT)) return undefined;
    const snapshot = new Array(length * 2);
    for (let i = 0; i < length; i++) {
      const r = items[i];
      if (typeof r === "string") {
        snapshot[2 * i] = r;
        snapshot[2 * i + 1] = UNSCOPED;
        continue;
      }
      if (r === null || typeof r !== "object" || Array.isArray(r) || !hasOwn(r, "role")) return undefined;
      const role = r.role;
      if (typeof role !== "string") return undefined;
      let scope = UNSCOPED;
      if (hasOwn(r, "scope")) {
        if (typeof r.scope === "string") scope = r.scope;
        else if (r.scope !== null) return undefined;
      } else if ("scope" in r || !onlyRole(r)) {
        // A scope from a class (a getter), or a key that is not `role` where `scope` is missing
        // (the checked path refuses that: it would be read as held everywhere).
        return undefined;
      }
      snapshot[2 * i] = role;
      snapshot[2 * i + 1] = scope;
    }
    return snapshot;
  } catch {
    return undefined;
  }
}

/**
 * Whether `roles` still holds what `snapshot` recorded (a caller may mutate its array). Allocates
 * nothing. Values are compared, wherever they are read from: equal to the snapshot, they are the
 * values the cached principal was built from (own-ness matters only when a snapshot is taken).
 */
function unchanged(roles, snapshot) {
  try {
    const single = !Array.isArray(roles);
    const length = single ? 1 : roles.length;
    if (length * 2 !== snapshot.length) return false;
    for (let i = 0; i < length; i++) {
      const r = single ? roles : roles[i];
      if (typeof r === "string") {
        if (snapshot[2 * i] !== r || snapshot[2 * i + 1] !== UNSCOPED) return false;
      } else if (r === null || typeof r !== "object" || r.role !== snapshot[2 * i]) {
        return false;
      } else if (snapshot[2 * i + 1] === UNSCOPED) {
        // A scope given since (even `undefined`, which the checked path refuses), or another key
        // that the checked path refuses where `scope` is missing (`{ role, scopePath }`).
        if (hasOwn(r, "scope") ? r.scope !== null : !onlyRole(r)) return false;
      } else if (r.scope !== snapshot[2 * i + 1]) {
        return false;
      }
    }
    return true;
  } catch {
    return false;
  }
}

/** The assignments a snapshot records, as plain values made here (never the caller's objects). */
function assignmentsOf(snapshot) {
  const out = new Array(snapshot.length / 2);
  for (let i = 0; i < out.length; i++) {
    const scope = snapshot[2 * i + 1];
    out[i] = scope === UNSCOPED ? snapshot[2 * i] : { role: snapshot[2 * i], scope };
  }
  return out;
}

/** An unambiguous string key of a snapshot: every part length-prefixed. */
function keyOf(snapshot) {
  let key = "";
  for (let i = 0; i < snapshot.length; i += 2) {
    const role = snapshot[i];
    const scope = snapshot[i + 1];
    key += role.length + ":" + role + (scope === UNSCOPED ? "-;" : scope.length + ":" + scope + ";");
  }
  return key;
}

/** A decision as a scope entry keeps it: 0 (not decided yet), denied, allowed. */
const KEPT_DENIED = 1;
const KEPT_ALLOWED = 2;

/**
 * What a principal has learnt about one scope: its interned slot in wasm, the decisions made
 * there (a principal never changes, so a decision made once stands), and the visible pages.
 * Decisions are bytes indexed by the principal's own number for the action (`internAction`): one
 * table of actions per principal, hot in the cache, instead of a table per scope.
 */
class ScopeEntry {
  constructor(slot, actions) {
    this.slot = slot;
    // As many bytes as the principal has interned actions (so a decision seen before at another
    // scope is in range here), within bounds; `keep` grows it for higher numbers.
    this.decisions = new Uint8Array(Math.min(Math.max(actions, 8), 256));
    this.pages = undefined;
  }

  keep(action, allowed) {
    if (action >= this.decisions.length) {
      const grown = new Uint8Array(Math.max(action + 1, this.decisions.length * 2));
      grown.set(this.decisions);
      this.decisions = grown;
    }
    this.decisions[action] = allowed ? KEPT_ALLOWED : KEPT_DENIED;
  }
}

/**
 * Makes a principal's tables: interned scopes (`forgetScopes`) and interned actions (action id →
 * the principal's number for it, and that number → the action's index in wasm). Prototype-less
 * objects: their keyed loads beat Map.get by about a fifth on the decision path, and no key
 * (`__proto__`, `constructor`) means anything special. Only strings are used as keys (anything
 * else would be converted by calling the caller's toString).
 */
function makeTables(principal) {
  principal.__rgActions = Object.create(null);
  principal.__rgActionIndices = [];
  forgetScopes(principal, false);
}

function scopeEntry(principal, scope) {
  if (principal.__rgScopes === undefined) makeTables(principal);
  let entry = principal.__rgScopes[scope];
  if (entry === undefined) {
    if (principal.__rgScopeCount >= MAX_INTERNED) forgetScopes(principal, true);
    // throws BAD_SCOPE or NOT_ASSIGNABLE
    entry = new ScopeEntry(principal.scopeSlot(scope), principal.__rgActionIndices.length);
    principal.__rgScopes[scope] = entry;
    principal.__rgScopeCount++;
  }
  return entry;
}

/**
 * Starts a principal's table of interned scopes afresh (scope string → ScopeEntry), and its wasm
 * slots too unless wasm has already forgotten them. The actions stay interned: their numbers mean
 * the same in the new entries.
 */
function forgetScopes(principal, clearSlots) {
  principal.__rgScopes = Object.create(null);
  principal.__rgScopeCount = 0;
  if (clearSlots) principal.clearSlots();
}

/**
 * The principal's number for `action` (undefined once MAX_INTERNED actions have one: later ones
 * are asked of wasm each time), and its index in wasm.
 */
function internAction(principal, action) {
  const number = principal.__rgActions[action];
  if (number !== undefined) return { number, index: principal.__rgActionIndices[number] };
  const index = principal.actionIndex(action); // throws UNKNOWN_ACTION
  const indices = principal.__rgActionIndices;
  if (indices.length >= MAX_INTERNED) return { number: undefined, index };
  principal.__rgActions[action] = indices.length;
  indices.push(index);
  return { number: indices.length - 1, index };
}

/** The first decision for an action at a scope: asked of wasm with interned integers. */
function decide(principal, scope, action) {
  if (typeof scope !== "string" || typeof action !== "string") return principal.canPerformChecked(scope, action);
  let entry = scopeEntry(principal, scope);
  const { number, index } = internAction(principal, action);
  let answer = principal.canPerformAt(entry.slot, index);
  if (answer === STALE_SLOT) {
    // The slots were cleared behind this table's back: start the table afresh.
    forgetScopes(principal, false);
    entry = scopeEntry(principal, scope);
    answer = principal.canPerformAt(entry.slot, index);
  }
  const allowed = answer === ALLOWED;
  if (number !== undefined) entry.keep(number, allowed);
  return allowed;
}

/**
 * `text` as UTF-8 bytes. Encoded into a buffer of the text's length first: that holds a text all in
 * ASCII, as policies nearly always are, and `encodeInto` is several times quicker than `encode` in
 * Chromium (a 1.5 MB text: 2 to 8 ms against 6 to 22). Whatever did not fit (characters of more than
 * one byte) is encoded after it, at most 3 bytes a UTF-16 unit (`encodeInto` stops between the two
 * halves of a pair, never inside).
 */
function utf8(encoder, text) {
  const ascii = new Uint8Array(text.length);
  const { read, written } = encoder.encodeInto(text, ascii);
  if (read === text.length) return ascii.subarray(0, written);
  const rest = text.slice(read);
  const bytes = new Uint8Array(written + rest.length * 3);
  bytes.set(ascii.subarray(0, written));
  return bytes.subarray(0, written + encoder.encodeInto(rest, bytes.subarray(written)).written);
}

/** Installs the fast paths on a wasm-bindgen module's `Principal` and `PolicyEngine` classes. */
export function installFastPaths(mod) {
  const P = mod.Principal.prototype;
  const E = mod.PolicyEngine.prototype;
  if (Object.prototype.hasOwnProperty.call(P, "canPerformChecked")) return;
  refuseFreed(P, "Principal");
  refuseFreed(E, "PolicyEngine");
  Object.defineProperty(P, "canPerformChecked", { value: P.canPerform });
  Object.defineProperty(P, "visibleConsolePagesChecked", { value: P.visibleConsolePages });
  Object.defineProperty(E, "canPerformChecked", { value: E.canPerform });
  Object.defineProperty(E, "visibleConsolePagesChecked", { value: E.visibleConsolePages });

  // PolicyEngine.fromJson(text): a long text crosses as UTF-8 made by the platform's encoder, a
  // memory copy, where the glue would walk it a character at a time in JavaScript (a 1.5 MB policy:
  // about 1 ms instead of 6 to 20). Anything else, or a text over the limit, takes the checked path.
  const fromJsonChecked = mod.PolicyEngine.fromJson;
  const fromJsonBytes = mod.PolicyEngine.fromJsonBytes;
  const encoder = new TextEncoder();
  mod.PolicyEngine.fromJson = function fromJson(text) {
    if (typeof text === "string" && text.length >= LONG_TEXT && text.length <= MAX_POLICY_TEXT) {
      return fromJsonBytes(utf8(encoder, text));
    }
    return fromJsonChecked(text);
  };

  // Two keyed lookups (the scope's entry, the action's number) and a byte for a decision seen
  // before; no boundary crossing. (Only string keys: a non-string one would be converted by
  // calling the caller's toString.)
  P.canPerform = function canPerform(scope, action) {
    if (!this.__wbg_ptr) throw freedError("Principal");
    const scopes = this.__rgScopes;
    if (scopes !== undefined && typeof scope === "string" && typeof action === "string") {
      const entry = scopes[scope];
      const number = this.__rgActions[action];
      if (entry !== undefined && number !== undefined) {
        // Past the end of the entry's bytes (an action interned since) reads undefined: not > 0.
        const kept = entry.decisions[number];
        if (kept > 0) return kept === KEPT_ALLOWED;
      }
    }
    return decide(this, scope, action);
  };

  // The pages at a scope are worked out once; each call gets its own copy of the list (the page
  // objects themselves are frozen and shared).
  P.visibleConsolePages = function visibleConsolePages(scope) {
    if (!this.__wbg_ptr) throw freedError("Principal");
    if (scope === undefined || scope === null) {
      this.__rgPagesAnywhere ??= this.visibleConsolePagesChecked(scope);
      return this.__rgPagesAnywhere.slice();
    }
    if (typeof scope !== "string") return this.visibleConsolePagesChecked(scope);
    const entry = scopeEntry(this, scope);
    entry.pages ??= this.visibleConsolePagesChecked(scope);
    return entry.pages.slice();
  };

  // engine.canPerform(roles, scope, action) and engine.visibleConsolePages(roles, scope): the same
  // roles usually come back call after call (the signed-in user's), so their compiled Principal is
  // kept: found by the input object's identity when its content is unchanged, else by content.
  E.canPerform = function canPerform(roles, scope, action) {
    if (!this.__wbg_ptr) throw freedError("PolicyEngine");
    const principal = principalFor(this, roles);
    return principal === undefined ? this.canPerformChecked(roles, scope, action) : principal.canPerform(scope, action);
  };

  E.visibleConsolePages = function visibleConsolePages(roles, scope) {
    if (!this.__wbg_ptr) throw freedError("PolicyEngine");
    const principal = principalFor(this, roles);
    return principal === undefined ? this.visibleConsolePagesChecked(roles, scope) : principal.visibleConsolePages(scope);
  };
}

function principalFor(engine, roles) {
  const cache = (engine.__rgCache ??= { byInput: new WeakMap(), byKey: new Map(), generation: 0 });
  const isObject = roles !== null && typeof roles === "object";
  if (isObject) {
    const hit = cache.byInput.get(roles);
    if (hit !== undefined && hit.generation === cache.generation && unchanged(roles, hit.snapshot)) return hit.principal;
  }
  const snapshot = snapshotOf(roles);
  if (snapshot === undefined) return undefined;
  const key = keyOf(snapshot);
  let principal = cache.byKey.get(key);
  if (principal === undefined) {
    if (cache.byKey.size >= MAX_PRINCIPALS) {
      // Start afresh; the generation turns every identity entry stale with it.
      for (const p of cache.byKey.values()) p.free();
      cache.byKey.clear();
      cache.generation++;
    }
    // Built from the snapshot, so the principal is exactly what the key says.
    principal = engine.principal(assignmentsOf(snapshot)); // throws UNKNOWN_ROLE, BAD_SCOPE, ...
    cache.byKey.set(key, principal);
  }
  if (isObject) cache.byInput.set(roles, { snapshot, principal, generation: cache.generation });
  return principal;
}

/**
 * The module-level functions over a default engine held on the JavaScript side, so that they
 * share the engine's fast paths.
 */
export function defaultEngineFunctions(mod) {
  let current;
  const engine = () => (current ??= mod.defaultEngine());
  return {
    canPerform: (roles, scope, action) => engine().canPerform(roles, scope, action),
    visibleConsolePages: (roles, scope) => engine().visibleConsolePages(roles, scope),
    setDefaultEngine(next) {
      if (!(next instanceof mod.PolicyEngine)) {
        throw rolegateError("BAD_ARGUMENT", "`setDefaultEngine(engine)` takes a PolicyEngine, got " + describe(next));
      }
      // wasm-bindgen zeroes the pointer of a freed object (and an object made from the prototype
      // never had one).
      if (!next.__wbg_ptr) {
        throw rolegateError("BAD_ARGUMENT", "`setDefaultEngine(engine)` takes a live PolicyEngine; this one was freed");
      }
      mod.setDefaultEngine(next);
      current = next;
    },
    defaultEngine: engine,
  };
}

/**
 * Makes every method and getter of a wasm-bindgen class refuse an object whose wasm side is gone
 * (freed, or made from the prototype without rolegate) with a RolegateError, instead of the glue's
 * "null pointer passed to rust"; `free` itself does nothing the second time. wasm-bindgen zeroes
 * `__wbg_ptr` when an object is freed.
 */
function refuseFreed(proto, className) {
  // Freeing twice does nothing, as closing a file twice: cleanup code may run more than once
  // (React's StrictMode runs effects' cleanups twice in development).
  const free = proto.free;
  Object.defineProperty(proto, "free", {
    ...Object.getOwnPropertyDescriptor(proto, "free"),
    value: function free_() {
      if (this?.__wbg_ptr) free.call(this);
    },
  });
  // The glue made `[Symbol.dispose]` the `free` it had (`using engine = ...`).
  if (typeof Symbol.dispose === "symbol" && proto[Symbol.dispose] === free) {
    Object.defineProperty(proto, Symbol.dispose, { ...Object.getOwnPropertyDescriptor(proto, Symbol.dispose), value: proto.free });
  }
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === "constructor" || name === "free") continue;
    const d = Object.getOwnPropertyDescriptor(proto, name);
    const guard = (f) =>
      function (...args) {
        if (!this?.__wbg_ptr) throw freedError(className);
        return f.apply(this, args);
      };
    if (typeof d.value === "function") Object.defineProperty(proto, name, { ...d, value: guard(d.value) });
    else if (typeof d.get === "function") Object.defineProperty(proto, name, { ...d, get: guard(d.get) });
  }
}

function freedError(className) {
  return rolegateError("BAD_ARGUMENT", `this ${className} was freed (or not made by rolegate); make a new one`);
}

/**
 * `PolicyEngine` and the module functions (over the glue module `mod`) of an entry whose wasm is
 * instantiated by an explicit `init()` (rolegate/web): before it, each throws a RolegateError that
 * says so, where the glue would fail with a TypeError about an undefined `wasm`. `isReady()` tells
 * whether init is done.
 */
export function requireInit(isReady, mod, PolicyEngine) {
  const notReady = () =>
    rolegateError(
      "BAD_ARGUMENT",
      "rolegate/web is not initialised: `await init()` (or call `initSync({ module })`) before the first call",
    );
  const guard = (fn) =>
    function (...args) {
      if (!isReady()) throw notReady();
      return fn.apply(this, args);
    };
  const engine = new Proxy(PolicyEngine, {
    construct(target, args, newTarget) {
      if (!isReady()) throw notReady();
      return Reflect.construct(target, args, newTarget);
    },
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      // The static constructors (`builtin`, `fromJson`); nothing else of the class runs wasm
      // without an instance, and no instance exists before init.
      return typeof value === "function" && typeof key === "string" && !isReady() ? guard(value) : value;
    },
  });
  // The module functions reach wasm through the default engine, made once: guarded there, the
  // calls after the first pay nothing for the guard.
  const { setDefaultEngine } = mod;
  const functions = defaultEngineFunctions({ PolicyEngine: mod.PolicyEngine, setDefaultEngine, defaultEngine: guard(mod.defaultEngine) });
  return { PolicyEngine: engine, ...functions };
}

/** A RolegateError made on the JavaScript side, shaped like the ones the wasm module throws. */
export function rolegateError(code, message, errors = []) {
  const e = new Error(message);
  e.name = "RolegateError";
  e.code = code;
  e.help = null;
  e.errors = errors;
  return e;
}

/** Deeper than this, the engine's own nesting limit speaks (src/json.rs). */
const MAX_DEPTH = 64;

/**
 * The first place in a policy object holding what JSON has no form for (a function, a symbol), as
 * its JSON pointer and what is there, or undefined. The engine reads an object through
 * `JSON.stringify`, which drops such values without a word: a function given as a role's grants
 * would read as a role that grants nothing. Whatever else is wrong (a cycle, a BigInt, a getter
 * that throws, nesting too deep) is left to the engine, which reports it.
 */
export function notPlainData(policy) {
  const open = new Set(); // the objects on the current path: a cycle is the engine's to report
  const walk = (value, pointer, depth) => {
    if (typeof value === "function") return { pointer, what: "a function" };
    if (typeof value === "symbol") return { pointer, what: "a symbol" };
    if (value === null || typeof value !== "object" || depth > MAX_DEPTH || open.has(value)) return undefined;
    // JSON.stringify writes what toJSON returns (a Date's string), not the object's keys.
    if (typeof value.toJSON === "function") return undefined;
    open.add(value);
    let found;
    if (Array.isArray(value)) {
      // (A function or symbol in an array becomes null, which the engine reports by its place.)
      for (let i = 0; i < value.length && found === undefined; i++) {
        const item = value[i];
        if (item !== null && typeof item === "object") found = walk(item, `${pointer}/${i}`, depth + 1);
      }
    } else {
      for (const key of Object.keys(value)) {
        found = walk(value[key], `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`, depth + 1);
        if (found !== undefined) break;
      }
    }
    open.delete(value);
    return found;
  };
  try {
    return walk(policy, "", 0);
  } catch {
    return undefined; // a getter or proxy that throws: the engine's read throws it again, reported
  }
}

/**
 * The PolicyEngine class, its constructor refusing a policy object that holds a function or a
 * symbol (POLICY_PARSE, with the place). A Proxy, not a subclass: engines made by `fromJson` and
 * `builtin` are instances of the very same class, and `instanceof` holds for all of them.
 */
export function checkedPolicyEngine(PolicyEngine) {
  const checked = new Proxy(PolicyEngine, {
    construct(target, args, newTarget) {
      const policy = args[0];
      if (policy !== null && typeof policy === "object" && !Array.isArray(policy)) {
        const found = notPlainData(policy);
        if (found !== undefined) {
          const message = `is ${found.what}, which JSON has no form for; a policy object holds plain data only`;
          throw rolegateError("POLICY_PARSE", `the policy object is not plain JSON data: ${found.pointer} ${message}`, [
            { path: found.pointer, message },
          ]);
        }
        // The constructor would stringify the object in wasm and copy the text in a character at
        // a time; `fromJson` takes a long text as UTF-8 bytes (a 1.5 MB policy: 105 ms instead of
        // 125). Same text, same reader, same errors. Not for a subclass (its prototype), nor when
        // stringify fails (the constructor reports why), nor past fromJson's text limit (which
        // the constructor does not have).
        if (newTarget === checked) {
          let text;
          try {
            text = JSON.stringify(policy);
          } catch {
            text = undefined;
          }
          if (typeof text === "string" && text.length <= MAX_POLICY_TEXT) return target.fromJson(text);
        }
      }
      return Reflect.construct(target, args, newTarget);
    },
  });
  return checked;
}

function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}
