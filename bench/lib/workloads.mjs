// The benchmark workloads, generated deterministically (a seeded PRNG) so that every engine, the
// Node run and the browser run see the very same policy, principal and queries. Browser-safe.

/** xorshift32: small, fast, and the same sequence in Rust (benches/engine.rs ports it). */
export function rng(seed) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  return { next, below: (n) => next() % n, pick: (list) => list[next() % list.length] };
}

const PRODUCTS = [
  "studio", "messaging", "voice", "numbers", "billing", "monitor",
  "video", "email", "verify", "flex", "sync", "conversations",
];
const VERBS = ["read", "create", "update", "delete"];

/** An organization with `accounts` × `subaccounts`: every scope path, root first. */
export function scopeTree(org, accounts, subaccounts) {
  const root = `organization:${org}`;
  const scopes = [root];
  for (let a = 1; a <= accounts; a++) {
    const account = `${root}/account:AC${String(a).padStart(2, "0")}`;
    scopes.push(account);
    for (let s = 1; s <= subaccounts; s++) scopes.push(`${account}/subaccount:SA${String(s).padStart(2, "0")}`);
  }
  return scopes;
}

/**
 * `count` queries (a power of two, so the timing loop indexes with a mask), half drawn from the
 * scopes under the principal's assignments (where answers are mostly "yes"), half from anywhere.
 * Scope and action strings are shared, as they are in an application that passes the same
 * constants around.
 */
export function queries(scopes, actions, assignments, count, seed) {
  const r = rng(seed);
  const near = scopes.filter((s) => assignments.some((a) => s === a.scope || s.startsWith(a.scope + "/")));
  const out = [];
  for (let i = 0; i < count; i++) {
    const scope = i % 2 === 0 && near.length ? r.pick(near) : r.pick(scopes);
    out.push({ scope, action: r.pick(actions) });
  }
  return out;
}

/**
 * Workload 1, RBAC with scopes: 12 products × 4 verbs, a viewer and an admin role per product
 * (24 roles), 36 console pages, an organization of 10 accounts × 20 subaccounts, 6 assignments.
 */
export function rbacWorkload() {
  const actions = PRODUCTS.flatMap((p) => VERBS.map((v) => `${p}.item.${v}`));
  const roles = PRODUCTS.flatMap((p) => [
    { id: `${p}-viewer`, name: `${p} viewer`, type: "built-in", product: p,
      scopes: ["organization", "account", "subaccount"], grants: [`${p}.item.read`] },
    { id: `${p}-admin`, name: `${p} admin`, type: "built-in", product: p,
      scopes: ["organization", "account", "subaccount"], grants: [`${p}.*`], inherits: [`${p}-viewer`] },
  ]);
  const pages = PRODUCTS.flatMap((p) => [
    { id: `${p}.list`, title: `${p} list`, path: `/console/${p}`, section: p, parent: null,
      scopeKind: "account", requires: { anyOf: [`${p}.item.read`] } },
    { id: `${p}.edit`, title: `${p} edit`, path: `/console/${p}/edit`, section: p, parent: `${p}.list`,
      scopeKind: "account", requires: { anyOf: [`${p}.item.create`, `${p}.item.update`] } },
    { id: `${p}.admin`, title: `${p} admin`, path: `/console/${p}/admin`, section: p, parent: `${p}.list`,
      scopeKind: "account", requires: { allOf: [`${p}.item.update`, `${p}.item.delete`] } },
  ]);
  const doc = { name: "bench-rbac", scopeKinds: ["organization", "account", "subaccount"], actions, roles, pages };
  const scopes = scopeTree("acme", 10, 20);
  const org = scopes[0];
  const assignments = [
    { role: "studio-admin", scope: org },
    { role: "messaging-viewer", scope: `${org}/account:AC03` },
    { role: "voice-admin", scope: `${org}/account:AC03` },
    { role: "numbers-admin", scope: `${org}/account:AC07/subaccount:SA12` },
    { role: "billing-viewer", scope: `${org}/account:AC01/subaccount:SA05` },
    { role: "monitor-admin", scope: `${org}/account:AC09` },
  ];
  return {
    name: "rbac",
    title: "RBAC with scopes (12 products × 4 verbs, 24 roles, 10 × 20 scopes, 6 assignments)",
    doc, scopes, actions, assignments,
    queries: queries(scopes, actions, assignments, 8192, 0x5eed),
    pageScopes: [org, `${org}/account:AC03`, `${org}/account:AC07/subaccount:SA12`, `${org}/account:AC05`],
  };
}

/** Workload 2: the built-in Twilio catalog, an organization admin who also works in a few accounts. */
export function twilioWorkload(doc) {
  const scopes = scopeTree("acme", 5, 4);
  const org = scopes[0];
  const assignments = [
    { role: "organization-admin", scope: org },
    { role: "studio-viewer", scope: org },
    { role: "developer", scope: `${org}/account:AC01` },
    { role: "billing-manager", scope: `${org}/account:AC02` },
    { role: "messaging-services-configurator", scope: `${org}/account:AC02/subaccount:SA01` },
    { role: "numbers-inventory-manager", scope: `${org}/account:AC03` },
    { role: "voice-intelligence-viewer", scope: `${org}/account:AC03/subaccount:SA02` },
  ];
  const actions = doc.actions.map((a) => (typeof a === "string" ? a : a.id));
  return {
    name: "twilio",
    title: `Twilio catalog (${actions.length} actions, ${doc.roles.length} roles, ${doc.pages.length} pages), ` +
      `${assignments.length} assignments over 5 × 4 scopes`,
    doc, scopes, actions, assignments,
    queries: queries(scopes, actions, assignments, 4096, 0x7111),
    pageScopes: [org, `${org}/account:AC01`, `${org}/account:AC02/subaccount:SA01`, `${org}/account:AC04`],
  };
}

/**
 * Workload 4, a large policy: `scale` × (5,000 roles, 2,000 actions, 1,000 pages) and a principal
 * of `scale` × 1,000 assignments over an organization of 50 accounts × 40 subaccounts.
 * Products of 5 resources × 4 verbs; roles grant exact actions, resource and product wildcards,
 * inherit up to 3 earlier roles and now and then deny an action; pages need any or all of 1–3
 * actions.
 */
export function largePolicy(scale = 1) {
  const r = rng(0x1a7e + scale);
  const products = 100 * scale;
  const actions = [];
  for (let p = 0; p < products; p++)
    for (let res = 0; res < 5; res++) for (const v of VERBS) actions.push(`p${p}.r${res}.${v}`);
  const roles = [];
  // A role of one product reaches only that product's actions, through what it inherits too (the
  // engine refuses anything else): a role that inherits from another product's roles is a general
  // role, with no `product`. Worked out without drawing numbers, so the roles stay those of earlier runs.
  const confinedTo = [];
  for (let i = 0; i < 5000 * scale; i++) {
    const p = r.below(products);
    const grants = [];
    const kind = r.below(10);
    if (kind === 0) grants.push(`p${p}.*`);
    else if (kind < 4) grants.push(`p${p}.r${r.below(5)}.*`);
    const exact = 2 + r.below(8);
    for (let k = 0; k < exact; k++) grants.push(`p${p}.r${r.below(5)}.${VERBS[r.below(4)]}`);
    const inherits = [];
    if (i > 10) for (let k = r.below(4); k > 0; k--) {
      const parent = `role-${r.below(i)}`;
      if (!inherits.includes(parent)) inherits.push(parent);
    }
    const denies = r.below(20) === 0 ? [`p${p}.r${r.below(5)}.delete`] : [];
    const confined = inherits.every((parent) => confinedTo[Number(parent.slice(5))] === p);
    confinedTo.push(confined ? p : -1);
    roles.push({ id: `role-${i}`, name: `Role ${i}`, type: confined ? "built-in" : "general", ...(confined ? { product: `p${p}` } : {}),
      scopes: ["organization", "account", "subaccount"], grants, inherits, denies });
  }
  const pages = [];
  for (let i = 0; i < 1000 * scale; i++) {
    const p = r.below(products);
    const need = [];
    for (let k = 1 + r.below(3); k > 0; k--) need.push(`p${p}.r${r.below(5)}.${VERBS[r.below(4)]}`);
    pages.push({ id: `page-${i}`, title: `Page ${i}`, path: `/console/p${p}/page-${i}`, section: `p${p}`,
      parent: null, scopeKind: "account", requires: r.below(4) === 0 ? { allOf: need } : { anyOf: need } });
  }
  const doc = { name: `bench-large-${scale}x`, scopeKinds: ["organization", "account", "subaccount"],
    actions, roles, pages };
  const scopes = scopeTree("acme", 50, 40);
  const assignments = [];
  for (let i = 0; i < 1000 * scale; i++) assignments.push({ role: `role-${r.below(roles.length)}`, scope: r.pick(scopes) });
  return { doc, scopes, actions, assignments };
}
