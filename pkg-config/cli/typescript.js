// TypeScript from a policy's names: the built-in catalogs' action types in the package's own
// declarations (scripts/build-pkg.sh writes them with `unionType`). Names come from the engine
// (`actions()`, ...), never from reading the JSON.

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
