// `rolegate diff OLD.json NEW.json`: what a policy change does, for reviewing it. For each role,
// held alone at a scope of each kind it can be held at, the actions it allows and the pages it
// sees there, asked of each version's engine: inheritance, patterns, denies and `grantsAt` are
// counted by the engine, as in every answer; nothing here re-reads the rules. A role held at a
// scope answers the same anywhere below it (what applies depends on where it is held, not where
// the question is), so asking at the scope it is held at covers them all.
//
// Exit 0 only when nothing effective changed, 1 otherwise, as diff(1) does; 2 when a policy cannot
// be read or does not load.
import { printJson, requirePolicy } from "./io.js";

/** The id every segment of a sample scope takes. */
const SAMPLE_ID = "x";

/**
 * The scope a role is held at, to ask what it allows held at `kind`: `kind` and each kind above it.
 * @param {string[]} kinds the policy's scope kinds, root first
 * @param {string} kind
 */
function sampleScope(kinds, kind) {
  return kinds
    .slice(0, kinds.indexOf(kind) + 1)
    .map((k) => `${k}:${SAMPLE_ID}`)
    .join("/");
}

/**
 * What a version of the policy answers, role by role and kind by kind.
 * @param {import("rolegate").PolicyEngine} engine
 */
function answers(engine) {
  const kinds = engine.scopeKinds();
  const actions = engine.actions();
  const roles = new Map();
  for (const role of engine.roles()) {
    const byKind = new Map();
    for (const kind of kinds.filter((k) => role.scopes.includes(k))) {
      const scope = sampleScope(kinds, kind);
      const principal = engine.principal([{ role: role.id, scope }]);
      byKind.set(kind, {
        actions: new Set(actions.filter((action) => principal.canPerform(scope, action))),
        pages: new Set(principal.visibleConsolePages(scope).map((page) => page.id)),
      });
      principal.free();
    }
    roles.set(role.id, { info: role, byKind });
  }
  return { kinds, actions, pages: engine.pages(), roles, seatOrder: seatOrder(engine, kinds) };
}

/**
 * Which of each two seat classes the roles take is the dearer, as `billingSeat` answers for a role
 * of each held together: `"a>b"` entries. (The order of `seats` matters only through that answer.)
 * @param {import("rolegate").PolicyEngine} engine
 * @param {string[]} kinds the policy's scope kinds, root first
 */
function seatOrder(engine, kinds) {
  /** @type {Map<string, import("rolegate").RoleInfo>} a role of each seat class */
  const bySeat = new Map();
  for (const role of engine.roles()) if (role.seat !== null && !bySeat.has(role.seat)) bySeat.set(role.seat, role);
  const order = new Set();
  const seats = [...bySeat.keys()];
  for (const [i, a] of seats.entries()) {
    for (const b of seats.slice(i + 1)) {
      const [ra, rb] = [/** @type {import("rolegate").RoleInfo} */ (bySeat.get(a)), /** @type {import("rolegate").RoleInfo} */ (bySeat.get(b))];
      // Each held at a scope of its highest kind, one at or above the other: billingSeat counts
      // what is held at, above and below the scope asked, so asking at `sa` counts both.
      const [sa, sb] = [ra, rb].map((r) => sampleScope(kinds, /** @type {string} */ (kinds.find((k) => r.scopes.includes(k)))));
      const dearer = engine.billingSeat([{ role: ra.id, scope: sa }, { role: rb.id, scope: sb }], sa);
      order.add(dearer === a ? `${a}>${b}` : `${b}>${a}`);
    }
  }
  return order;
}

/** @template T @param {Iterable<T>} a @param {Iterable<T>} b @returns {T[]} what is in `a` and not in `b` */
function minus(a, b) {
  const other = new Set(b);
  return [...a].filter((x) => !other.has(x));
}

/** A value as canonical JSON (keys sorted), to compare structured fields. @param {unknown} value */
function canonical(value) {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v,
  );
}

/** @param {ReturnType<typeof answers>} before @param {ReturnType<typeof answers>} after */
function compare(before, after) {
  const ids = (list) => list.map((/** @type {{ id: string }} */ x) => x.id);
  const change = {
    scopeKinds: canonical(before.kinds) === canonical(after.kinds) ? null : { old: before.kinds, new: after.kinds },
    actions: { added: minus(after.actions, before.actions), removed: minus(before.actions, after.actions) },
    pages: { added: minus(ids(after.pages), ids(before.pages)), removed: minus(ids(before.pages), ids(after.pages)) },
    roles: { added: minus(after.roles.keys(), before.roles.keys()), removed: minus(before.roles.keys(), after.roles.keys()) },
    /** @type {{ page: string, old: unknown, new: unknown }[]} */
    pageRequirements: [],
    // Two seat classes whose order flipped (a class new or gone shows in the roles' seats).
    seatOrder: minus(after.seatOrder, before.seatOrder)
      .map((pair) => pair.split(">"))
      .filter(([dearer, cheaper]) => before.seatOrder.has(`${cheaper}>${dearer}`))
      .map(([dearer, cheaper]) => ({ dearer, cheaper })),
    /** @type {any[]} */
    roleChanges: [],
  };
  const oldPages = new Map(before.pages.map((p) => [p.id, p]));
  for (const page of after.pages) {
    const old = oldPages.get(page.id);
    if (old && canonical(old.requires) !== canonical(page.requires)) {
      change.pageRequirements.push({ page: page.id, old: old.requires, new: page.requires });
    }
  }
  const roleIds = [...after.roles.keys(), ...minus(before.roles.keys(), after.roles.keys())];
  const kindOrder = [...after.kinds, ...minus(before.kinds, after.kinds)];
  const none = { actions: new Set(), pages: new Set() };
  for (const id of roleIds) {
    const [was, is] = [before.roles.get(id), after.roles.get(id)];
    const kinds = kindOrder.filter((k) => was?.byKind.has(k) || is?.byKind.has(k));
    const byKind = kinds.map((kind) => {
      const [a, b] = [was?.byKind.get(kind) ?? none, is?.byKind.get(kind) ?? none];
      return {
        kind,
        gained: minus(b.actions, a.actions),
        lost: minus(a.actions, b.actions),
        pagesShown: minus(b.pages, a.pages),
        pagesHidden: minus(a.pages, b.pages),
      };
    });
    const entry = {
      role: id,
      status: was === undefined ? "added" : is === undefined ? "removed" : "changed",
      heldAt: {
        kinds,
        added: kinds.filter((k) => !was?.byKind.has(k) && is?.byKind.has(k)),
        removed: kinds.filter((k) => was?.byKind.has(k) && !is?.byKind.has(k)),
      },
      kinds: byKind.filter((k) => k.gained.length + k.lost.length + k.pagesShown.length + k.pagesHidden.length > 0),
      /** Whether every kind the role can be held at changed alike (then shown once). */
      sameAtEveryKind: new Set(byKind.map((k) => canonical({ ...k, kind: null }))).size <= 1,
      seat: was && is && was.info.seat !== is.info.seat ? { old: was.info.seat, new: is.info.seat } : null,
      constraints:
        was && is && canonical(was.info.constraints) !== canonical(is.info.constraints)
          ? { old: was.info.constraints, new: is.info.constraints }
          : null,
    };
    const changed = entry.status !== "changed" || entry.kinds.length > 0 || entry.seat || entry.constraints;
    if (changed) change.roleChanges.push(entry);
  }
  const lists = [change.actions, change.pages, change.roles].flatMap((l) => [...l.added, ...l.removed]);
  const changed =
    change.scopeKinds !== null ||
    lists.length > 0 ||
    change.pageRequirements.length > 0 ||
    change.seatOrder.length > 0 ||
    change.roleChanges.length > 0;
  return { changed, ...change };
}

/** @param {ReturnType<typeof compare>} change @param {string} oldFile @param {string} newFile */
function printText(change, oldFile, newFile) {
  const out = [`--- ${oldFile}`, `+++ ${newFile}`];
  if (!change.changed) {
    out.push("no effective change");
    process.stdout.write(`${out.join("\n")}\n`);
    return;
  }
  if (change.scopeKinds) out.push(`scope kinds: ${change.scopeKinds.old.join(" > ")} -> ${change.scopeKinds.new.join(" > ")}`);
  for (const [what, l] of /** @type {const} */ ([
    ["actions", change.actions],
    ["pages", change.pages],
    ["roles", change.roles],
  ])) {
    if (l.added.length) out.push(`${what} added: ${l.added.join(", ")}`);
    if (l.removed.length) out.push(`${what} removed: ${l.removed.join(", ")}`);
  }
  for (const p of change.pageRequirements) out.push(`page ${p.page} requires: ${canonical(p.old)} -> ${canonical(p.new)}`);
  for (const { dearer, cheaper } of change.seatOrder) out.push(`seat order: ${dearer} is now dearer than ${cheaper}`);
  for (const r of change.roleChanges) {
    const status = r.status === "changed" ? "" : ` (${r.status})`;
    if (r.heldAt.added.length && r.status === "changed") out.push(`role ${r.role}: can now be held at ${r.heldAt.added.join(", ")}`);
    if (r.heldAt.removed.length && r.status === "changed") out.push(`role ${r.role}: can no longer be held at ${r.heldAt.removed.join(", ")}`);
    if (r.seat) out.push(`role ${r.role}: seat ${JSON.stringify(r.seat.old)} -> ${JSON.stringify(r.seat.new)}`);
    if (r.constraints) out.push(`role ${r.role}: constraints ${canonical(r.constraints.old)} -> ${canonical(r.constraints.new)}`);
    const groups = r.sameAtEveryKind && r.kinds.length ? [{ ...r.kinds[0], kind: r.heldAt.kinds.join(" or ") }] : r.kinds;
    for (const k of groups) {
      out.push(`role ${r.role}${status}, held at ${k.kind}:`);
      for (const a of k.gained) out.push(`  + ${a}`);
      for (const a of k.lost) out.push(`  - ${a}`);
      for (const p of k.pagesShown) out.push(`  + page ${p}`);
      for (const p of k.pagesHidden) out.push(`  - page ${p}`);
    }
  }
  process.stdout.write(`${out.join("\n")}\n`);
}

/**
 * @param {string} oldSpec
 * @param {string} newSpec
 * @param {{ json?: boolean }} options
 * @returns {number} the exit code
 */
export function diff(oldSpec, newSpec, { json = false }) {
  const before = answers(requirePolicy(oldSpec));
  const after = answers(requirePolicy(newSpec));
  const change = compare(before, after);
  if (json) printJson(change);
  else printText(change, oldSpec, newSpec);
  return change.changed ? 1 : 0;
}
