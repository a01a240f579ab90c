// JUnit XML for `rolegate test --junit FILE`: a <testsuite> per test file, a <testcase> per test,
// with a <failure> holding what `rolegate test` printed for it, and an <error> for a test file that
// could not be read. The shape CI services read (GitHub, GitLab, Jenkins).

/**
 * @typedef {object} CaseResult
 * @property {string} name
 * @property {number} seconds
 * @property {string[]} failures what was expected and what came, one entry per expectation
 *
 * @typedef {object} SuiteResult
 * @property {string} file
 * @property {CaseResult[]} cases
 * @property {string} [error] why the file's tests could not run
 */

/**
 * Text as XML character data or an attribute value: the five special characters escaped, and
 * the characters XML 1.0 cannot hold at all (most control characters, lone surrogates) replaced.
 * @param {string} text
 */
function escape(text) {
  return text
    // eslint-disable-next-line no-control-regex -- these are the characters XML cannot hold
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** @param {number} seconds */
const time = (seconds) => seconds.toFixed(3);

/** @param {SuiteResult[]} suites */
export function junitXml(suites) {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const count = (f) => suites.reduce((n, s) => n + f(s), 0);
  const failures = (s) => s.cases.filter((c) => c.failures.length > 0).length;
  const seconds = (s) => s.cases.reduce((n, c) => n + c.seconds, 0);
  out.push(
    `<testsuites name="rolegate" tests="${count((s) => s.cases.length)}" failures="${count(failures)}" errors="${count((s) => (s.error ? 1 : 0))}" time="${time(count(seconds))}">`,
  );
  for (const suite of suites) {
    const classname = escape(suite.file);
    out.push(
      `  <testsuite name="${classname}" tests="${suite.cases.length}" failures="${failures(suite)}" errors="${suite.error ? 1 : 0}" skipped="0" time="${time(seconds(suite))}">`,
    );
    if (suite.error) {
      out.push(`    <testcase name="${classname}" classname="${classname}" time="0.000">`);
      out.push(`      <error message="${escape(suite.error.split("\n")[0])}" type="malformed">${escape(suite.error)}</error>`);
      out.push("    </testcase>");
    }
    for (const c of suite.cases) {
      const open = `    <testcase name="${escape(c.name)}" classname="${classname}" time="${time(c.seconds)}"`;
      if (c.failures.length === 0) {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      out.push(`      <failure message="${escape(c.failures[0].split("\n")[0])}" type="expectation">${escape(c.failures.join("\n"))}</failure>`);
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}
