// The decision and page workloads in the browser: the same suite as in Node, with rolegate's web
// build, CASL's ESM build and Cedar's web build (Casbin needs Node built-ins and is left out).
import initRolegate, * as rolegate from "rolegate/web";
import * as casl from "@casl/ability";
import initCedar, * as cedar from "@cedar-policy/cedar-wasm/web";
import { runDecisionSuite } from "../lib/suite.mjs";

const logEl = document.getElementById("log");
const log = (line) => {
  console.log(line);
  logEl.textContent += "\n" + line;
};

try {
  const params = new URLSearchParams(location.search);
  await initRolegate();
  await initCedar();
  const twilioDoc = await (await fetch("/src/catalogs/twilio.json")).json();
  const results = await runDecisionSuite({
    libs: { rolegate, casl, cedar },
    twilioDoc,
    rounds: Number(params.get("rounds") ?? 3),
    log,
  });
  results.userAgent = navigator.userAgent;
  results.crossOriginIsolated = globalThis.crossOriginIsolated;
  window.benchDone = { results };
} catch (e) {
  log(`FAILED: ${e.stack ?? e}`);
  window.benchDone = { error: String(e.stack ?? e) };
}
