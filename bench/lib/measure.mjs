// Timing. Each measured function gets its own freshly compiled loop (`new Function`), so the JIT
// sees one callee per loop and no engine pays for another's megamorphic call site. A sample is a
// batch of decisions sized to last at least `sampleMs`; the result is the median over samples, in
// nanoseconds per decision. Browser-safe (performance.now exists in both Node and browsers).

const now = () => performance.now();

/** The median of `xs` (the upper one of an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function freshLoop() {
  // `items.length` is a power of two: the index is masked, not divided.
  return new Function(
    "check", "items", "n",
    `"use strict";
     const mask = items.length - 1;
     let yes = 0;
     for (let i = 0; i < n; i++) if (check(items[i & mask])) yes++;
     return yes;`,
  );
}

/**
 * ns per call of `check(item)` over `items` (power-of-two length). Options: `sampleMs` (length of
 * one sample), `samples`, `warmupMs`. Returns `{ ns, samples, calls }`.
 */
export function measure(check, items, { sampleMs = 40, samples = 7, warmupMs = 60 } = {}) {
  if (items.length & (items.length - 1)) throw new Error("measure: items.length must be a power of two");
  const loop = freshLoop();
  // Warm up and find a batch size that lasts about sampleMs.
  let n = 16;
  const warmEnd = now() + warmupMs;
  for (;;) {
    const t0 = now();
    loop(check, items, n);
    const dt = now() - t0;
    if (dt >= sampleMs && now() >= warmEnd) break;
    if (dt < sampleMs) n = dt <= 0 ? n * 8 : Math.min(n * 8, Math.ceil((n * sampleMs * 1.2) / dt));
  }
  const per = [];
  for (let s = 0; s < samples; s++) {
    const t0 = now();
    loop(check, items, n);
    per.push(((now() - t0) * 1e6) / n);
  }
  per.sort((a, b) => a - b);
  return { ns: per[per.length >> 1], min: per[0], max: per[per.length - 1], calls: n * samples };
}

/** Milliseconds for one call of `fn`: the median of `runs`, after one warm-up run if `warmup`. */
export function timeOnce(fn, runs = 5, { warmup = true } = {}) {
  if (warmup) fn();
  const per = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    fn();
    per.push(now() - t0);
  }
  per.sort((a, b) => a - b);
  return per[per.length >> 1];
}
