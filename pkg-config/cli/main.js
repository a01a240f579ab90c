#!/usr/bin/env node
// `npx rolegate`: the policy toolchain. Bundled by scripts/build-pkg.sh into bin/rolegate.mjs with
// its parser (commander) and validator (ajv); `rolegate` itself is the package's own Node entry,
// reached through its exports, so the CLI's rules are the engine's.
//
// Exit codes: 0 success, 1 when what was checked fails, 2 for a usage error or an input that could
// not be read (2 wins over 1).
import { createRequire } from "node:module";
import { Command, CommanderError } from "commander";
import { check } from "./check.js";
import { diff } from "./diff.js";
import { explain } from "./explain.js";
import { Trouble, requirePolicy } from "./io.js";
import { runTests } from "./test.js";
import { declarations } from "./typescript.js";

const { version } = createRequire(import.meta.url)("rolegate/package.json");

const POLICY = "a policy file, or builtin:twilio / builtin:voiceflow";

const program = new Command("rolegate")
  .description("Check, test, explain, compare and type rolegate policies.")
  .version(version, "-v, --version", "print the version")
  .helpOption("-h, --help", "print help for a command")
  .addHelpCommand(false)
  .showSuggestionAfterError()
  .exitOverride()
  .addHelpText(
    "after",
    `
Exit codes: 0 success, 1 when what was checked fails, 2 for a usage error or an
input that cannot be read (2 wins over 1). \`rolegate COMMAND --help\` for more.`,
  );

/** The command's exit code, set by its action. */
let code = 0;

program
  .command("check")
  .description("Check policy files with the engine's loader: every problem, or OK.")
  .argument("<policy...>", POLICY)
  .option("--json", "print machine-readable output")
  .addHelpText(
    "after",
    `
Each problem is printed as FILE:POINTER: message (a JSON pointer into the file,
with a "did you mean" where a name is close). Exit 1 when a policy has problems.

Example:
  $ rolegate check policy.json
  policy.json:/roles/2/grnats: unknown key \`grnats\`; did you mean \`grants\`?`,
  )
  .action((files, options) => {
    code = check(files, options);
  });

program
  .command("test")
  .description("Run policy tests: roles, a scope, and what must hold there.")
  .argument("<tests...>", "test files (JSON; rolegate/policy-tests.schema.json)")
  .option("--junit <file>", "also write the results as JUnit XML")
  .option("--coverage", "list the roles, actions and pages that no test exercises")
  .addHelpText(
    "after",
    `
A test file:
  { "policy": "builtin:twilio",
    "tests": [ { "name": "Studio Viewer reads flows below its account",
                 "roles": [{ "role": "studio-viewer", "scope": "organization:acme/account:AC1" }],
                 "scope": "organization:acme/account:AC1/subaccount:SA1",
                 "allow": ["studio.flow.read"], "deny": ["studio.flow.update"],
                 "pages": ["studio.flows", "studio.executions"], "seat": null } ] }

"policy" is builtin:NAME or a path relative to the test file. "allow", "deny",
"pages" (exactly the visible pages, in navigation order) and "seat" (null: no
seat) are each optional; a test has at least one. The run ends with the line
"N passed, N failed". Exit 1 when a test fails, 2 when a test file is malformed.`,
  )
  .action((files, options) => {
    code = runTests(files, options);
  });

program
  .command("explain")
  .description("Explain one decision: allowed or denied, and why.")
  .argument("<action>", "the action asked about")
  .requiredOption("--roles <list>", "the user's roles: ROLE@SCOPE,... (a ROLE alone is held wherever asked)")
  .requiredOption("--scope <scope>", "the scope asked about")
  .option("--policy <policy>", POLICY, "builtin:twilio")
  .option("--json", "print the decision as JSON")
  .addHelpText(
    "after",
    `
Exit 0 when allowed, 1 when denied, 2 for an unknown role or action or a bad scope.

Example:
  $ rolegate explain --policy builtin:twilio --roles studio-viewer@organization:acme/account:AC1 \\
      --scope organization:acme/account:AC1/subaccount:SA1 studio.flow.update`,
  )
  .action((action, options) => {
    code = explain(action, options);
  });

program
  .command("diff")
  .description("Show what a policy change does: per role, the actions and pages it gains and loses.")
  .argument("<old>", POLICY)
  .argument("<new>", POLICY)
  .option("--json", "print machine-readable output")
  .addHelpText(
    "after",
    `
For each role, held at a scope of each kind it can be held at: the actions it
gains (+) and loses (-), counted through inheritance, patterns, denies and
grantsAt, and the pages it newly sees or no longer sees; shown once when the
change is the same at every kind. Then roles, actions and pages added or
removed, changed page requirements, constraints and seats.

Exit 0 only when nothing effective changed, 1 otherwise (as diff(1) does).`,
  )
  .action((oldSpec, newSpec, options) => {
    code = diff(oldSpec, newSpec, options);
  });

program
  .command("types")
  .description("Print TypeScript declarations of a policy's ids, and its typed engine.")
  .argument("<policy>", POLICY)
  .addHelpText(
    "after",
    `
Prints the ActionId, PageId, RoleId and ScopeKind unions, and
type Engine = PolicyEngine<ActionId>, whose canPerform, explain, rolesGranting
and principals take only the policy's action ids.

Example:
  $ rolegate types policy.json > src/policy-types.ts
  // then: const engine: Engine = PolicyEngine.fromJson(text);`,
  )
  .action((spec) => {
    process.stdout.write(declarations(requirePolicy(spec), spec));
  });

try {
  program.parse(process.argv);
  process.exitCode = code;
} catch (e) {
  if (e instanceof Trouble) {
    process.stderr.write(`rolegate: ${e.message}\n`);
    process.exitCode = 2;
  } else if (e instanceof CommanderError) {
    // commander has printed the message or the help; asking for help or the version is no error.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    throw e;
  }
}
