// A static file server on 127.0.0.1 for the browser run: the bench page, the built package and
// the peers' browser builds, nothing else. Cross-origin isolated (COOP/COEP), so that
// performance.now() has its fine resolution in Chromium.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const ALLOWED = ["bench/browser/", "bench/lib/", "bench/peers/", "bench/node_modules/", "pkg/", "src/catalogs/"];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".cjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

/** Starts the server on a free port; resolves to `{ url, close }`. */
export function serve({ importMap }) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/+/, "");
    const headers = {
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
      "Cache-Control": "no-store",
    };
    if (path === "bench/browser/importmap.json") {
      res.writeHead(200, { ...headers, "Content-Type": TYPES[".json"] }).end(JSON.stringify(importMap));
      return;
    }
    if (path.includes("..") || !ALLOWED.some((p) => path.startsWith(p))) {
      res.writeHead(404, headers).end("not found");
      return;
    }
    try {
      const body = await readFile(root + path);
      res.writeHead(200, { ...headers, "Content-Type": TYPES[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404, headers).end("not found");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
