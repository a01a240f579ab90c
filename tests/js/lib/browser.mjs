// Headless Chromium through playwright-core, started as scripts/chromium.mjs says. Pages under
// test write their answers as JSON into an element; `readResult` waits for it and fails with the
// page's own errors if it never comes.
import { chromium } from "playwright-core";
import { chromiumLaunchOptions } from "../../../scripts/chromium.mjs";

export async function launchBrowser() {
  return chromium.launch(chromiumLaunchOptions());
}

/**
 * Opens `url` in a fresh page, collecting console errors, page errors and failed requests, and
 * returns `{ page, problems }`: `problems` is the live list of everything that went wrong.
 */
export async function openPage(browser, url) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console.error: ${m.text()}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.goto(url);
  return { page, problems };
}

/** The JSON a test page wrote into `selector` (it sets `data-done` when finished). */
export async function readResult(page, problems, selector = "#result") {
  try {
    await page.waitForSelector(`${selector}[data-done]`, { state: "attached", timeout: 20_000 });
  } catch (e) {
    throw new Error(`the page never reported a result (${e.message})\n${problems.join("\n")}`);
  }
  return JSON.parse(await page.textContent(selector));
}
