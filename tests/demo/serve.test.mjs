// www/serve.mjs: the right MIME types (application/wasm for WebAssembly.instantiateStreaming),
// nothing outside www/ and pkg/ reachable, and only GET/HEAD.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { spawn } from "node:child_process";
import path from "node:path";
import { start } from "../../www/serve.mjs";
import { REPO } from "./harness.mjs";

let server;
before(async () => {
  server = await start({ port: 0, root: REPO });
});
after(() => server?.close());

/** A raw request: the path is sent exactly as written (fetch would normalize `..` away). */
function get(rawPath, method = "GET") {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, path: rawPath, method }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("binds 127.0.0.1 and picks a free port for port 0", () => {
  assert.equal(server.server.address().address, "127.0.0.1");
  assert.ok(server.port > 0);
  assert.equal(server.url, `http://127.0.0.1:${server.port}/`);
});

test("serves the page, its modules and the package with their MIME types", async () => {
  const cases = [
    ["/", "text/html"],
    ["/index.html", "text/html"],
    ["/app.js", "text/javascript"],
    ["/style.css", "text/css"],
    ["/favicon.svg", "image/svg+xml"],
    ["/pkg/web/index.js", "text/javascript"],
    ["/pkg/web/rolegate.js", "text/javascript"],
    ["/pkg/dom.js", "text/javascript"],
    ["/pkg/web/rolegate_bg.wasm", "application/wasm"],
  ];
  for (const [path, type] of cases) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers["content-type"].split(";")[0], type, path);
    assert.equal(Number(res.headers["content-length"]), res.body.length, path);
  }
  const wasm = await get("/pkg/web/rolegate_bg.wasm");
  assert.deepEqual([...wasm.body.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], "the wasm magic number");
  assert.match((await get("/")).headers["content-security-policy"], /default-src 'self'/, "no third-party origins");
});

test("nothing outside www/ and pkg/ can be reached", async () => {
  const attempts = [
    "/../Cargo.toml",
    "/pkg/../Cargo.toml",
    "/pkg/../../etc/passwd",
    "/%2e%2e/Cargo.toml",
    "/pkg/%2e%2e/Cargo.toml",
    "/..%2fCargo.toml",
    "/pkg/..%2f..%2fetc%2fpasswd",
    "/pkg/web/..%5c..%5cCargo.toml",
    "/index.html%00.js",
    "/%E0%A4%A",
    "//etc/passwd",
  ];
  for (const path of attempts) {
    const res = await get(path);
    assert.equal(res.status, 404, `${path} -> ${res.status}`);
    assert.doesNotMatch(res.body.toString(), /\[package\]|root:/, path);
  }
});

test("HEAD answers without a body; other methods are refused", async () => {
  const head = await get("/pkg/web/rolegate_bg.wasm", "HEAD");
  assert.equal(head.status, 200);
  assert.equal(head.headers["content-type"], "application/wasm");
  assert.equal(head.body.length, 0);
  const post = await get("/", "POST");
  assert.equal(post.status, 405);
  assert.equal(post.headers.allow, "GET, HEAD");
});

test("a missing file is a 404 that says so", async () => {
  const res = await get("/pkg/nope.js");
  assert.equal(res.status, 404);
  assert.match(res.body.toString(), /not found: \/pkg\/nope\.js/);
});

test("`node www/serve.mjs --port N` prints the URL and keeps serving", async () => {
  const child = spawn(process.execPath, [path.join(REPO, "www/serve.mjs"), "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    const line = await new Promise((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("\n")) resolve(out.split("\n")[0]);
      });
      child.on("exit", (code) => reject(new Error(`serve.mjs exited with ${code}`)));
    });
    const match = line.match(/^rolegate demo: (http:\/\/127\.0\.0\.1:(\d+)\/)$/);
    assert.ok(match, line);
    const res = await fetch(match[1]);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<title>rolegate demo/);
    assert.equal(child.exitCode, null, "still running");
  } finally {
    child.kill();
  }
});

test("a bad --port is refused with a message", async () => {
  const child = spawn(process.execPath, [path.join(REPO, "www/serve.mjs"), "--port", "eighty"], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  const code = await new Promise((resolve) => child.on("exit", resolve));
  assert.equal(code, 2);
  assert.match(err, /--port must be a port number/);
});
