// Package sizes: raw and gzipped (level 9) for each build in pkg/, the wasm and its JS glue, and
// per target the total a page downloads.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const pkgDir = fileURLToPath(new URL("../../pkg/", import.meta.url));

export function packageSizes() {
  const rows = [];
  if (!existsSync(pkgDir)) return rows;
  for (const target of readdirSync(pkgDir).sort()) {
    if (!statSync(pkgDir + target).isDirectory()) continue;
    const dir = `${pkgDir}${target}/`;
    const files = readdirSync(dir).filter((f) => /\.(wasm|js|mjs|cjs)$/.test(f)).sort();
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      const bytes = readFileSync(dir + file);
      const row = { target, file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      rows.push(row);
      raw += row.raw;
      gzip += row.gzip;
    }
    if (files.length > 1) rows.push({ target, file: "(all of the above)", raw, gzip });
  }
  return rows;
}
