// Shared by the demo tests: the server (started in-process from www/serve.mjs on a free port),
// Debian's Chromium through playwright-core, the package's Node build as the oracle, and readers
// for what the page displays. The package must be built first (`bash scripts/build-pkg.sh`;
// `make test` does it).

import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { chromiumLaunchOptions } from "../../scripts/chromium.mjs";
import { start } from "../../www/serve.mjs";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SCREENSHOTS = path.join(REPO, "tests/demo/screenshots");

/** The package's Node entry. */
export async function loadRolegate() {
  const entry = path.join(REPO, "pkg/node/index.mjs");
  if (!existsSync(entry)) throw new Error("pkg/ is not built: run `bash scripts/build-pkg.sh` (or `make pkg`) first");
  return import(pathToFileURL(entry).href);
}

/**
 * Server, browser and one browser context for a test file; `close()` stops them. Tests open pages
 * in the shared context (a context costs more than a page; pages of one file share localStorage).
 * DEMO_ROOT serves another checkout's www/ and pkg/ (the oracle stays this checkout's package).
 */
export async function startDemo() {
  const server = await start({ port: 0, root: process.env.DEMO_ROOT ?? REPO });
  const browser = await chromium.launch(chromiumLaunchOptions());
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return {
    url: server.url,
    browser,
    context,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Opens the demo at `query` in a new page and waits until it is ready. `problems` collects
 * console errors and warnings, page errors, failed requests and HTTP errors: every test asserts
 * it is empty. `close()` closes the page.
 */
export async function openDemo(demo, query, { width = 1280, height = 800 } = {}) {
  const page = await demo.context.newPage();
  await page.setViewportSize({ width, height });
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.addInitScript(() => {
    // Layout shifts while loading, as Chromium reports them (the page must not jump).
    window.__layoutShifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShifts.push(entry.value);
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(new URL(query, demo.url).href);
  await page.waitForSelector("body[data-state=ready], body[data-state=error]");
  const state = await page.getAttribute("body", "data-state");
  if (state !== "ready") throw new Error(`demo failed to start: ${await page.textContent("#console-loading")}\n${problems.join("\n")}`);
  return { page, problems, close: () => page.close() };
}

/** Query string for a state, written the way the page writes links. */
export function demoQuery({ catalog, roles, scope }) {
  const list = roles.map((a) => `${a.role}@${a.scope}`).map(encodeURIComponent).join(",");
  return `/?catalog=${catalog}&roles=${list}&scope=${encodeURIComponent(scope)}`;
}

/** What the page displays: nav items, action buttons, violations, seat, checked catalog. */
export async function readConsole(page) {
  return page.evaluate(() => {
    const shown = (el) => el.getClientRects().length > 0;
    return {
      nav: [...document.querySelectorAll("[data-page-id]")].map((el) => ({
        id: el.dataset.pageId,
        hidden: el.hidden,
        displayed: shown(el),
      })),
      buttons: [...document.querySelectorAll("#action-groups [data-can]")].map((el) => ({
        action: el.dataset.can,
        label: el.textContent,
        disabled: el.disabled,
        ariaDisabled: el.getAttribute("aria-disabled"),
        allowed: el.dataset.allowed,
        displayed: shown(el),
      })),
      violations: [...document.querySelectorAll("#assignments .assignment-problem.violation")].map((el) => el.textContent),
      notApplied: [...document.querySelectorAll("#assignments .assignment-problem.not-applied")].map((el) => el.textContent),
      assignments: [...document.querySelectorAll("#assignments [data-assignment]")].map((el) => ({
        key: el.dataset.assignment,
        state: el.dataset.state,
      })),
      seat: document.getElementById("seat").hidden ? null : document.getElementById("seat").dataset.seat,
      catalog: document.querySelector('input[name="catalog"]:checked')?.value,
      title: document.getElementById("console-title").textContent,
    };
  });
}

/** `?roles=…&scope=…` of the page's current URL, read with the page's own parser. */
export async function readUrlState(page) {
  const { readState } = await import("../../www/url-state.js");
  return readState(new URL(page.url()).search);
}

/**
 * Screenshots of the current state: `<name>-1280.png` (1280×800) and `<name>-390.png` (390×844),
 * each scrolled so `focus` (a selector; default: the top of the page, and the console on a phone)
 * is in view.
 */
export async function screenshots(page, name, { focus } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize();
  await page.mouse.move(0, 0); // the pointer must not land on another item as the layout changes
  for (const [width, height, target] of [[1280, 800, focus], [390, 844, focus ?? "#console"]]) {
    await page.setViewportSize({ width, height });
    await page.evaluate((selector) => {
      if (selector) document.querySelector(selector).scrollIntoView({ block: "start" });
      else window.scrollTo(0, 0);
    }, target);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`) });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.setViewportSize(original);
}

export function sorted(list) {
  return [...list].sort();
}
