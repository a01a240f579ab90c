// Node's package "exports" resolution, reduced to what the bench needs: the file a subpath
// resolves to under a set of conditions, keys taken in the object's order as Node does.
// Browser-safe (pure).

export function resolveExport(exportsField, subpath, conditions) {
  // Either a map of subpaths ("." , "./web", ...) or, for "." alone, the entry itself.
  const bySubpath =
    exportsField && typeof exportsField === "object" && !Array.isArray(exportsField) &&
    Object.keys(exportsField).some((k) => k.startsWith("."));
  const entry = bySubpath ? exportsField[subpath] : subpath === "." ? exportsField : undefined;
  return pick(entry, new Set([...conditions, "default"]));
}

function pick(entry, conditions) {
  if (typeof entry === "string") return entry;
  if (Array.isArray(entry)) {
    for (const e of entry) {
      const found = pick(e, conditions);
      if (found) return found;
    }
    return null;
  }
  if (entry && typeof entry === "object")
    for (const [key, value] of Object.entries(entry))
      if (conditions.has(key)) {
        const found = pick(value, conditions);
        if (found) return found;
      }
  return null;
}
