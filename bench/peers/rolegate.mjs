// rolegate through its public JavaScript API, built from the same policy document as the peers:
// a principal compiled once (`principal.canPerform(scope, action)`), the engine with the
// assignments passed on every call (`engine.canPerform(assignments, scope, action)`), and, when
// the package has them, the pre-interned call (`principal.canPerformAt(slot, actionIndex)`) and
// the path under the package's JS cache.

export function buildRolegate(rolegate, workload) {
  const { PolicyEngine } = rolegate;
  const engine =
    workload.name === "twilio" ? PolicyEngine.builtin("twilio") : PolicyEngine.fromJson(JSON.stringify(workload.doc));
  const principal = engine.principal(workload.assignments);
  const assignments = workload.assignments;
  const rows = [
    {
      name: "rolegate principal.canPerform",
      key: "principal",
      decide: (scope, action) => principal.canPerform(scope, action),
      items: (queries) => queries,
      check: (q) => principal.canPerform(q.scope, q.action),
      pages: (scope) => principal.visibleConsolePages(scope),
    },
    {
      name: "rolegate engine.canPerform(assignments)",
      key: "engine",
      decide: (scope, action) => engine.canPerform(assignments, scope, action),
      items: (queries) => queries,
      check: (q) => engine.canPerform(assignments, q.scope, q.action),
      pages: (scope) => engine.visibleConsolePages(assignments, scope),
    },
  ];
  // The package's JS fast path keeps each decision once made; its wasm path without that cache
  // (non-public, kept by the fast path as `canPerformChecked`) shows what a first decision costs.
  if (typeof principal.canPerformChecked === "function") {
    rows.push({
      name: "rolegate principal.canPerform, uncached wasm path",
      key: "checked",
      decide: (scope, action) => principal.canPerformChecked(scope, action),
      items: (queries) => queries,
      check: (q) => principal.canPerformChecked(q.scope, q.action),
      pages:
        typeof principal.visibleConsolePagesChecked === "function"
          ? (scope) => principal.visibleConsolePagesChecked(scope)
          : undefined,
    });
  }
  if (typeof principal.canPerformAt === "function" && typeof principal.scopeSlot === "function") {
    // Each scope interned once (every scopeSlot call takes a new slot).
    const slots = new Map();
    const slotOf = (scope) => {
      let slot = slots.get(scope);
      if (slot === undefined) slots.set(scope, (slot = principal.scopeSlot(scope)));
      return slot;
    };
    // It answers 1 for allowed (a boolean in earlier builds); 0 denied, 2 a slot since cleared.
    const allowedAt = (slot, index) => {
      const answer = principal.canPerformAt(slot, index);
      return answer === 1 || answer === true;
    };
    rows.push({
      name: "rolegate principal.canPerformAt(slot, index)",
      key: "interned",
      decide: (scope, action) => allowedAt(slotOf(scope), principal.actionIndex(action)),
      items: (queries) => queries.map((q) => ({ slot: slotOf(q.scope), index: principal.actionIndex(q.action) })),
      check: (q) => allowedAt(q.slot, q.index),
    });
  }
  return { engine, principal, rows };
}

/**
 * The floor: the cheapest possible call from JavaScript into WebAssembly, a hand-assembled module
 * exporting `(func (param i32 i32) (result i32) i32.const 1)`. Any rolegate decision costs this
 * plus its own work and its argument passing.
 */
export function emptyWasmCall() {
  // prettier-ignore
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,             // magic, version
    0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f,       // type: (i32, i32) -> i32
    0x03, 0x02, 0x01, 0x00,                                     // one function of type 0
    0x07, 0x08, 0x01, 0x04, 0x6e, 0x6f, 0x6f, 0x70, 0x00, 0x00, // export "noop" = func 0
    0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x01, 0x0b,             // body: i32.const 1
  ]);
  const { noop } = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
  return noop;
}
