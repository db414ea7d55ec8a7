// Debian's Chromium, headless and offline, for every browser test (toolchain.md: without the
// background-networking flags it keeps trying to reach the internet). Playwright gives each
// launch a fresh temporary profile of its own.
import { chromium } from "playwright-core";

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
