// rolegate through its public JavaScript API, built from the same policy document as the peers:
// a principal compiled once (`principal.canPerform(scope, action)`), the engine with the
// assignments passed on every call (`engine.canPerform(assignments, scope, action)`), and, when
// the package has it, the pre-interned fast path (`principal.canPerformAt(slot, actionIndex)`).

export function buildRolegate(rolegate, workload) {
  const { PolicyEngine } = rolegate;
  const engine =
    workload.name === "twilio" ? PolicyEngine.builtin("twilio") : PolicyEngine.fromJson(JSON.stringify(workload.doc));
  const principal = engine.principal(workload.assignments);
  const assignments = workload.assignments;
  const pageIds = (pages) => pages.map((p) => p.id);
  const rows = [
    {
      name: "rolegate principal.canPerform",
      key: "principal",
      decide: (scope, action) => principal.canPerform(scope, action),
      items: (queries) => queries,
      check: (q) => principal.canPerform(q.scope, q.action),
      pages: (scope) => principal.visibleConsolePages(scope),
      pageIds,
    },
    {
      name: "rolegate engine.canPerform(assignments)",
      key: "engine",
      decide: (scope, action) => engine.canPerform(assignments, scope, action),
      items: (queries) => queries,
      check: (q) => engine.canPerform(assignments, q.scope, q.action),
      pages: (scope) => engine.visibleConsolePages(assignments, scope),
      pageIds,
    },
  ];
  if (typeof principal.canPerformAt === "function" && typeof principal.scopeSlot === "function") {
    rows.push({
      name: "rolegate principal.canPerformAt(slot, index)",
      key: "interned",
      decide: (scope, action) => principal.canPerformAt(principal.scopeSlot(scope), principal.actionIndex(action)),
      items: (queries) => queries.map((q) => ({ slot: principal.scopeSlot(q.scope), index: principal.actionIndex(q.action) })),
      check: (q) => principal.canPerformAt(q.slot, q.index),
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
