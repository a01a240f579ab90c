// How every headless Chromium of the project starts (tests/js, tests/demo, bench): Debian's
// /usr/bin/chromium, since Playwright's own browser download cannot work on these machines, and
// none of the background services whose connections this machine's closed network refuses.
// webdriver.json gives wasm-pack's chromedriver the same flags. `CHROMIUM_PATH` (or `CHROMIUM`)
// names another binary.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Options for playwright-core's `chromium.launch`. */
export function chromiumLaunchOptions() {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  };
}
