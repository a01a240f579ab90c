// The decision and page workloads, run the same way in Node and in the browser: build every
// engine from the same generated policy, check that each gives the reference answers on the
// whole query set (and the same pages), then time them. Browser-safe: the libraries are passed
// in, nothing is imported from Node.
import { filterPages, referenceDecider } from "./model.mjs";
import { measure, median } from "./measure.mjs";
import { rbacWorkload, twilioWorkload } from "./workloads.mjs";
import { buildSetBaseline } from "../peers/set.mjs";
import { buildCasl } from "../peers/casl.mjs";
import { buildCasbin } from "../peers/casbin.mjs";
import { buildCedar } from "../peers/cedar.mjs";
import { buildRolegate, emptyWasmCall } from "../peers/rolegate.mjs";

export class MismatchError extends Error {
  name = "MismatchError";
}

/** Every engine must answer every query as the reference does; the first differences are listed. */
function checkDecisions(workload, engines, reference) {
  for (const e of engines) {
    const wrong = [];
    for (const q of workload.queries) {
      const want = reference(q.scope, q.action);
      if (e.decide(q.scope, q.action) !== want) wrong.push(`${q.action} at ${q.scope}: expected ${want}`);
    }
    if (wrong.length)
      throw new MismatchError(
        `${workload.name}: ${e.name} gives ${wrong.length} wrong answers of ${workload.queries.length}:\n  ` +
          wrong.slice(0, 5).join("\n  "),
      );
  }
}

function checkPages(workload, engines, reference) {
  for (const scope of workload.pageScopes) {
    const want = filterPages(workload.doc.pages, (a) => reference(scope, a)).map((p) => p.id).join(",");
    for (const e of engines) {
      if (!e.pages) continue;
      const got = e.pages(scope).map((p) => p.id).join(",");
      if (got !== want)
        throw new MismatchError(`${workload.name}: ${e.name} shows other pages at ${scope}:\n  got      ${got}\n  expected ${want}`);
    }
  }
}

/**
 * Times each of `targets` (`{ key, name, check, items }`) in `rounds` interleaved rounds, so that
 * a burst of load on the machine hits every engine alike; the result per target is the median
 * of its round medians.
 */
function timeAll(targets, rounds, opts) {
  const per = new Map(targets.map((t) => [t.key, []]));
  for (let r = 0; r < rounds; r++) for (const t of targets) per.get(t.key).push(measure(t.check, t.items, opts).ns);
  return targets.map((t) => ({ key: t.key, name: t.name, ns: median(per.get(t.key)), rounds: per.get(t.key) }));
}

/**
 * Runs workloads 1–3. `libs`: `{ rolegate, casl, casbin?, cedar? }` (a missing peer is skipped).
 * `twilioDoc`: the built-in catalog's document (the peers need it as data). `log`: progress.
 */
export async function runDecisionSuite({ libs, twilioDoc, rounds = 3, log = () => {} }) {
  const noop = emptyWasmCall();
  const results = { workloads: [] };
  for (const workload of [rbacWorkload(), twilioWorkload(twilioDoc)]) {
    log(`${workload.name}: building engines`);
    const reference = referenceDecider(workload.doc, workload.assignments);
    const rolegate = buildRolegate(libs.rolegate, workload);
    const casl = buildCasl(libs.casl, workload);
    const peers = [{ key: "set", ...buildSetBaseline(workload) }, { key: "casl", ...casl }, casl.perQuery];
    if (libs.casbin) peers.push({ key: "casbin", ...(await buildCasbin(libs.casbin, workload)) });
    if (libs.cedar) peers.push({ key: "cedar", ...buildCedar(libs.cedar, workload) });
    const engines = [...rolegate.rows, ...peers];

    log(`${workload.name}: checking ${engines.length} engines on ${workload.queries.length} queries`);
    checkDecisions(workload, engines, reference);
    checkPages(workload, engines, reference);

    log(`${workload.name}: timing decisions`);
    const targets = engines.map((e) => ({ key: e.key, name: e.name, check: e.check, items: e.items(workload.queries) }));
    targets.push({ key: "floor", name: "empty wasm call (floor)", check: () => noop(1, 2), items: workload.queries });
    targets.push({ key: "loop", name: "empty JS function (loop overhead)", check: () => true, items: workload.queries });
    const slow = (k) => k === "casbin" || k === "cedar";
    const order = ["principal", "miss", "engine", "set", "casl", "casl-fresh", "casbin", "cedar", "floor", "loop"];
    const decisions = [
      ...timeAll(targets.filter((t) => !slow(t.key)), rounds, { sampleMs: 40, samples: 7 }),
      ...timeAll(targets.filter((t) => slow(t.key)), 1, { sampleMs: 60, samples: 5 }),
    ].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));

    log(`${workload.name}: timing page filters`);
    const scopes = workload.pageScopes; // four scopes: a power of two
    const pageTargets = engines
      .filter((e) => e.pages)
      .map((e) => ({ key: e.key, name: e.name, check: (scope) => e.pages(scope).length > 0, items: scopes }));
    const pages = [
      ...timeAll(pageTargets.filter((t) => !slow(t.key)), rounds, { sampleMs: 40, samples: 7 }),
      ...timeAll(pageTargets.filter((t) => slow(t.key)), 1, { sampleMs: 60, samples: 3 }),
    ];
    const visible = scopes.map((s) => rolegate.principal.visibleConsolePages(s).length);

    results.workloads.push({
      name: workload.name,
      title: workload.title,
      queries: workload.queries.length,
      allowed: workload.queries.filter((q) => reference(q.scope, q.action)).length,
      pageCount: workload.doc.pages.length,
      visiblePerScope: visible,
      decisions,
      pages,
    });
  }
  return results;
}
