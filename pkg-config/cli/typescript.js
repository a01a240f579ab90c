// TypeScript from a policy's names: the declarations `rolegate types` prints, and the built-in
// catalogs' action types in the package's own declarations (scripts/build-pkg.sh writes them with
// `unionType`). Names come from the engine (`actions()`, `roles()`, ...), never from the JSON.

/**
 * `export type name = ...;`: a union of string literal types, one per line when it would not fit
 * on one; `never` for none.
 * @param {string} name
 * @param {readonly string[]} names
 */
export function unionType(name, names) {
  if (names.length === 0) return `export type ${name} = never;`;
  const literals = names.map((n) => JSON.stringify(n));
  const line = `export type ${name} = ${literals.join(" | ")};`;
  return line.length <= 100 ? line : `export type ${name} =\n  | ${literals.join("\n  | ")};`;
}

/**
 * The declarations of one policy: its names as unions, and its engine's type.
 * @param {import("rolegate").PolicyEngine} engine
 * @param {string} source where the policy came from, for the header
 */
export function declarations(engine, source) {
  const pages = engine.pages().map((page) => page.id);
  const roles = engine.roles().map((role) => role.id);
  return `// The names of the policy ${JSON.stringify(engine.name)} (${JSON.stringify(source)}), written by \`rolegate types\`.
// Write them again when the policy changes: a name the policy no longer has is then a compile error.
import type { PolicyEngine } from "rolegate";

/** An action id the policy declares. */
${unionType("ActionId", engine.actions())}

/** A console page id the policy declares. */
${unionType("PageId", pages)}

/** A role id the policy declares. */
${unionType("RoleId", roles)}

/** A scope kind of the policy (root first: ${engine.scopeKinds().join(" > ") || "none"}). */
${unionType("ScopeKind", engine.scopeKinds())}

/**
 * The policy's engine: \`canPerform\`, \`explain\`, \`rolesGranting\` and its principals' \`canPerform\`
 * take only the policy's action ids. \`const engine: Engine = PolicyEngine.fromJson(text);\`
 */
export type Engine = PolicyEngine<ActionId>;
`;
}
