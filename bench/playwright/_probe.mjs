import { chromium } from 'playwright-core';
import fs from 'node:fs';
const [base, file] = process.argv.slice(2);
const src = fs.readFileSync(file, 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const res = [];
for (let i = 0; i < 6; i++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: src });
  await page.goto(base + '/shop/index.html');
  const t = [];
  for (const expr of ['__pacts.resolve(\'[data-test="username"]\', true)', '__pacts.actionability(0, "fill", false, {focus: "clear", enabled: true, editable: true})', '__pacts.resolve(\'[data-test="password"]\', true)', '__pacts.actionability(1, "fill", false, {focus: "clear", enabled: true, editable: true})']) {
    const t0 = performance.now();
    const r = await cdp.send('Runtime.evaluate', { expression: expr, returnByValue: true, awaitPromise: true });
    t.push(Math.round((performance.now() - t0) * 10) / 10);
  }
  res.push(t.join(' '));
  await ctx.close();
}
console.log(res.join('\n'));
await browser.close();
