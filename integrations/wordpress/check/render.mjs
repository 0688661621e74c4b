// Opens WordPress pages holding the kit's snippets in Chromium and reports, for each, what a reader
// gets: the element drawn in the page, or in its iframe, or only the fallback link, or nothing;
// with the figure's title, console errors and any request leaving the site's origin.
// Usage: node render.mjs <page URL>…   (prints one JSON line per page)
import { createRequire } from 'node:module';
const require = createRequire(new URL('../../../packages/examples/package.json', import.meta.url));
const puppeteer = require('puppeteer-core');

const TAGS = 'pnrr-spending-chart, pnrr-project-card, pnrr-municipality-map, pnrr-project-list';

/** What a frame shows of the kit: the element's title and whether it drew, once it has. */
async function inspect(frame) {
  await frame.waitForFunction((tags) => document.querySelector(tags)?.shadowRoot?.querySelector('svg, canvas, table'), { timeout: 30_000 }, TAGS);
  return frame.evaluate((tags) => {
    const el = document.querySelector(tags);
    return {
      title: el.shadowRoot.querySelector('[role="heading"], h1, h2, h3, h4, h5, h6')?.textContent.trim(),
      drawing: Boolean(el.shadowRoot.querySelector('svg, canvas')),
      fallbackLinkVisible: Boolean(el.querySelector('a')?.getClientRects().length),
    };
  }, TAGS);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
try {
  for (const url of process.argv.slice(2)) {
    const page = await browser.newPage();
    const errors = [];
    const requests = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`HTTP ${r.status()} ${r.url()}`));
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'networkidle0' });
    const found = await page.evaluate((tags) => ({
      element: Boolean(document.querySelector(tags)),
      iframe: Boolean(document.querySelector('iframe[data-pnrr-embed]')),
      link: Boolean([...document.querySelectorAll('.entry-content a, .wp-block-post-content a')].some((a) => a.href.includes('embed.html'))),
    }), TAGS);
    let report;
    if (found.element) report = { shows: 'element', ...(await inspect(page.mainFrame())) };
    else if (found.iframe) {
      const frame = await (await page.$('iframe[data-pnrr-embed]')).contentFrame();
      report = { shows: 'iframe', ...(await inspect(frame)) };
    } else report = { shows: found.link ? 'fallback link only' : 'nothing' };
    const origin = new URL(url).origin;
    report.foreignRequests = requests.filter((r) => !r.startsWith(origin) && !/^(data|blob):/.test(r));
    report.errors = errors;
    console.log(JSON.stringify({ url, ...report }));
    await page.close();
  }
} finally {
  await browser.close();
}
