// `rolegate check POLICY.json...`: loads each policy with the engine and reports every problem the
// loader finds (shape, then references), as `FILE:POINTER: message`, or `FILE: OK`.
import { Outcome, Trouble, loadPolicy, located, printJson, problemsOf } from "./io.js";

/**
 * @param {string[]} files
 * @param {{ json?: boolean }} options
 * @returns {number} the exit code
 */
export function check(files, { json = false }) {
  const outcome = new Outcome();
  const results = [];
  for (const file of files) {
    let loaded;
    try {
      loaded = loadPolicy(file);
    } catch (e) {
      if (!(e instanceof Trouble)) throw e;
      // Recorded in text mode too: the closing count includes a file that could not be read.
      results.push({ file, ok: false, error: e.message, problems: [] });
      outcome.trouble(e.message);
      continue;
    }
    if (loaded.engine) {
      results.push({ file, ok: true, policy: loaded.engine.name, problems: [] });
      if (!json) process.stdout.write(`${file}: OK (policy ${JSON.stringify(loaded.engine.name)})\n`);
      loaded.engine.free();
      continue;
    }
    const error = /** @type {import("rolegate").RolegateError} */ (loaded.error);
    const problems = problemsOf(error);
    results.push({ file, ok: false, code: error.code, problems });
    if (!json) for (const p of problems) process.stdout.write(`${located(file, p.pointer, p.message)}\n`);
    outcome.failed();
  }
  if (json) printJson({ ok: outcome.code === 0, files: results });
  else if (files.length > 1) {
    const failed = results.filter((r) => !r.ok).length;
    process.stdout.write(failed === 0 ? `all ${files.length} policies are OK\n` : `${failed} of ${files.length} policies have problems\n`);
  }
  return outcome.code;
}
