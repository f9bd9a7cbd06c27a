// Loads every fixture page of DEST (made by scripts/fetch-test-material.sh) in headless Chromium and fails when
// a page asks for anything beyond loopback, when a request fails (the Swagger console's "Execute" 404s are
// not made here: nothing is clicked), or when the page throws.
//
//   node --experimental-websocket tests/reallibs/tools/check-pages.mjs DEST
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serve, launch, sleep } from './cdp.mjs';

const dest = process.argv[2];
if (!dest) { console.error('usage: check-pages.mjs DEST'); process.exit(2); }
const pages = [];
const walk = (d) => {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) { if (f !== 'vendor') walk(p); } else if (f.endsWith('.html')) pages.push('/' + relative(dest, p));
  }
};
walk(dest);
pages.sort();
const srv = await serve(dest);
const browser = await launch();
let bad = 0;
for (const path of pages) {
  const page = await browser.newPage();
  await page.init();
  await page.goto(srv.url + path);
  await sleep(2500);
  const requests = page.requests.size;
  const problems = [...page.external.map((u) => 'external request: ' + u), ...page.failed.map((f) => 'failed: ' + f), ...page.errors.map((e) => 'error: ' + e)];
  console.log(`${problems.length ? 'BAD' : 'ok '}  ${path}  (${requests} requests, all to 127.0.0.1)`.replace(', all to 127.0.0.1', problems.length ? '' : ', all to 127.0.0.1'));
  for (const p of problems) console.log('       ' + p);
  if (problems.length) bad++;
  await page.send('Page.close').catch(() => {});
}
await browser.close();
srv.close();
console.log(`${pages.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
