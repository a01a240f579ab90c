#!/usr/bin/env node
// The demo's static server: www/ at `/` and the built npm package (pkg/) at `/pkg/`.
// Dependency-free on purpose, so `make demo` needs nothing but Node. It binds 127.0.0.1 only:
// this is a local demo, not something to expose on a network.
//
//   node www/serve.mjs [--port 8080]        (PORT in the environment works too)
//   import { start } from "./serve.mjs"; const { url, close } = await start({ port: 0 });

import { createServer } from "node:http";
import { open } from "node:fs/promises";
import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HOST = "127.0.0.1";
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".cjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  // WebAssembly.instantiateStreaming refuses any other type.
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

// The page loads nothing from the network: scripts, styles and wasm come from this server only.
// 'wasm-unsafe-eval' is what WebAssembly compilation needs under a CSP.
const SECURITY_HEADERS = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  // A demo is rebuilt often; never serve a stale package.
  "Cache-Control": "no-store",
};

/** The mounts, longest prefix first: URL prefix -> directory on disk. */
function mountsFor(root) {
  return [
    { prefix: "/pkg/", dir: path.join(root, "pkg") },
    { prefix: "/", dir: path.join(root, "www") },
  ];
}

/**
 * Maps a URL path to a file inside one of the mounts, or null when it would leave its directory.
 * Decoding happens once, before the checks, so `%2e%2e` and `%2f` cannot slip through.
 */
export function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // malformed percent-encoding
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const mount = mountsFor(root).find((m) => decoded.startsWith(m.prefix) || decoded + "/" === m.prefix);
  if (!mount) return null;
  const rest = decoded.slice(mount.prefix.length);
  if (rest.split("/").some((segment) => segment === "..")) return null;
  const file = path.resolve(mount.dir, rest === "" || rest.endsWith("/") ? rest + "index.html" : rest);
  const inside = file === mount.dir || file.startsWith(mount.dir + path.sep);
  return inside ? { file, dir: mount.dir } : null;
}

/** Follows symlinks and checks the real file is still inside the real mount directory. */
function realInside(file, dir) {
  try {
    const realDir = realpathSync(dir);
    const realFile = realpathSync(file);
    return realFile === realDir || realFile.startsWith(realDir + path.sep);
  } catch {
    return false; // missing file or directory
  }
}

function sendText(res, status, text, extra = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8", ...extra });
  res.end(res.req.method === "HEAD" ? undefined : text + "\n");
}

async function handle(root, req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return sendText(res, 405, "method not allowed", { Allow: "GET, HEAD" });
  }
  const urlPath = (req.url ?? "/").split(/[?#]/, 1)[0];
  const target = resolveFile(root, urlPath);
  if (!target || !realInside(target.file, target.dir)) {
    const hint = urlPath.startsWith("/pkg/") ? " (is the package built? run `make pkg`)" : "";
    return sendText(res, 404, `not found: ${urlPath}${hint}`);
  }
  let handle;
  try {
    handle = await open(target.file, "r");
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      return sendText(res, 404, `not found: ${urlPath}`);
    }
    const type = MIME_TYPES[path.extname(target.file).toLowerCase()] ?? "application/octet-stream";
    res.writeHead(200, { ...SECURITY_HEADERS, "Content-Type": type, "Content-Length": stat.size });
    if (req.method === "HEAD") {
      await handle.close();
      return res.end();
    }
    const stream = handle.createReadStream();
    stream.on("error", () => res.destroy());
    stream.pipe(res);
  } catch {
    if (handle) await handle.close().catch(() => {});
    if (!res.headersSent) sendText(res, 404, `not found: ${urlPath}`);
    else res.destroy();
  }
}

/**
 * Starts the server. Resolves once it listens, with its URL and a `close()` that stops it.
 * `port: 0` picks a free port (what tests use).
 */
export function start({ port = 8080, root = REPO_ROOT } = {}) {
  const server = createServer((req, res) => {
    handle(root, req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, "internal error");
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      server.off("error", reject);
      const actual = server.address().port;
      resolve({
        server,
        port: actual,
        url: `http://${HOST}:${actual}/`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

function portFromArgs(argv) {
  const i = argv.findIndex((a) => a === "--port" || a.startsWith("--port="));
  const raw = i < 0 ? process.env.PORT ?? "8080" : argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve.mjs: --port must be a port number (0-65535), got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return port;
}

const runAsScript = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runAsScript) {
  const port = portFromArgs(process.argv.slice(2));
  try {
    const { url } = await start({ port });
    console.log(`rolegate demo: ${url}`);
  } catch (err) {
    const why = err.code === "EADDRINUSE" ? `port ${port} is in use; try PORT=${port + 1} make demo` : err.message;
    console.error(`serve.mjs: cannot listen on ${HOST}:${port}: ${why}`);
    process.exit(1);
  }
}
