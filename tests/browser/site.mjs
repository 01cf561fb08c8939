// Browser test of a rendered site in headless Chromium (playwright-core).
//
//   node tests/browser/site.mjs BASE_URL SCREENSHOT_DIR
//
// BASE_URL serves the output of `locdoc render` over the shared sample.
// Opens recoverPasscode in ja-JP, switches to ru-RU with the language
// switcher, checks the permissions table shows the application permission,
// follows links to other pages, runs a search, saves screenshots, and fails
// on any console error or failed request.
import { chromium } from "playwright-core";

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error("usage: site.mjs BASE_URL SCREENSHOT_DIR");
  process.exit(2);
}
const page_path = "api-reference/v1.0/api/intune-devices-manageddevice-recoverpasscode.html";
const problems = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) problems.push(what);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });

  await page.goto(`${base}/ja-JP/${page_path}`);
  check((await page.getAttribute("html", "lang")) === "ja-JP", "ja-JP page has <html lang=ja-JP>");
  check((await page.locator("h1").innerText()).includes("recoverPasscode"), "ja-JP title");
  await page.screenshot({ path: `${shots}/1-ja-JP.png`, fullPage: true });

  await page.click('nav.languages a[hreflang="ru-RU"]');
  await page.waitForURL(/\/ru-RU\//);
  check((await page.getAttribute("html", "lang")) === "ru-RU", "switched to ru-RU");
  const app = page.locator('table.permissions tr[data-permission-type="application"]');
  check((await app.count()) === 1, "ru-RU permissions table has an application row");
  const scopes = await app.locator("code.scope").allInnerTexts();
  check(scopes.length > 0 && scopes.every((s) => /^[A-Za-z]+(\.[A-Za-z]+)+$/.test(s)),
    `application permission shown: ${scopes.join(", ")}`);
  await page.screenshot({ path: `${shots}/2-ru-RU.png`, fullPage: true });

  // to the locale index, then to another page
  await page.click("header a.home");
  await page.waitForURL(/\/ru-RU\/index\.html$/);
  const links = page.locator("main li a");
  check((await links.count()) > 5, "ru-RU index lists pages");
  const target = await links.nth(0).getAttribute("href");
  await links.nth(0).click();
  await page.waitForLoadState("load");
  check(page.url().endsWith(target.replace(/^(\.\.\/)+/, "")), `followed ${target}`);
  check((await page.locator("article h1").count()) === 1, "the linked page renders");
  await page.screenshot({ path: `${shots}/3-linked-page.png`, fullPage: true });

  // a link inside page content, where the page has one
  const inner = page.locator('article a[href$=".html"], article a[href*=".html#"]');
  if ((await inner.count()) > 0) {
    await inner.first().click();
    await page.waitForLoadState("load");
    check((await page.locator("article h1").count()) === 1, "an in-content link leads to a page");
  }

  // search
  await page.goto(`${base}/ja-JP/${page_path}`);
  await page.fill("#search-box", "recoverPasscode");
  const hit = page.locator("#search-results li a");
  await hit.first().waitFor({ timeout: 5000 });
  check((await hit.count()) >= 1, "search finds recoverPasscode");
  await page.screenshot({ path: `${shots}/4-search.png` });
  await hit.first().click();
  await page.waitForLoadState("load");
  check(/recoverpasscode/.test(page.url()), "search result opens the page");
} finally {
  await browser.close();
}
for (const p of problems) console.error(`problem: ${p}`);
process.exit(problems.length ? 1 : 0);
