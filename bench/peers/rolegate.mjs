// rolegate through its public JavaScript API, built from the same policy document as the peers:
// a principal compiled once (`principal.canPerform(scope, action)`: a question asked again is
// answered from what the principal remembers), the same at scopes it has never seen (every call
// crosses into wasm), and the engine with the assignments passed on every call
// (`engine.canPerform(assignments, scope, action)`).

/** How many never-seen questions the miss row cycles through: far more than a principal keeps. */
const UNSEEN = 1 << 16;

export function buildRolegate(rolegate, workload) {
  const { PolicyEngine } = rolegate;
  const engine =
    workload.name === "twilio" ? PolicyEngine.builtin("twilio") : PolicyEngine.fromJson(JSON.stringify(workload.doc));
  const principal = engine.principal(workload.assignments);
  const assignments = workload.assignments;
  const kinds = workload.doc.scopeKinds;
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
      name: "rolegate principal.canPerform, unseen scopes",
      key: "miss",
      decide: (scope, action) => principal.canPerform(scope, action),
      // Each query at a scope of its own, never asked before: a child of the query's scope, or at
      // the deepest level a sibling with another id. The memo is cleared long before one comes back.
      items: (queries) =>
        Array.from({ length: UNSEEN }, (_, i) => {
          const q = queries[i % queries.length];
          const depth = q.scope.split("/").length;
          const scope = depth < kinds.length ? `${q.scope}/${kinds[depth]}:u${i}` : `${q.scope}x${i}`;
          return { scope, action: q.action };
        }),
      check: (q) => principal.canPerform(q.scope, q.action),
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
