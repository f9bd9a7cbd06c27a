// A minimal Chrome DevTools Protocol client and static server for the reallibs tools (no npm packages).
// Needs node >= 20 run with --experimental-websocket (node 22+ has WebSocket built in) and chromium.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, normalize } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

// Serves DIR on 127.0.0.1 (GET only, like pacts --serve). Resolves to { url, close }.
export function serve(dir) {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      const u = new URL(req.url, 'http://x');
      let p = normalize(decodeURIComponent(u.pathname));
      if (p.includes('..')) { res.writeHead(400); return res.end(); }
      let f = join(dir, p);
      if (existsSync(f) && statSync(f).isDirectory()) {
        if (!p.endsWith('/')) { res.writeHead(301, { Location: p + '/' + u.search }); return res.end(); }
        f = join(f, 'index.html');
      }
      if (!existsSync(f)) { res.writeHead(404, { 'Content-Type': 'text/plain' }); return res.end('Not Found'); }
      res.writeHead(200, { 'Content-Type': TYPES[extname(f)] || 'application/octet-stream' });
      res.end(readFileSync(f));
    });
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }));
  });
}

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'reallibs-chrome-'));
  const bin = process.env.CHROMIUM || 'chromium';
  const proc = spawn(bin, ['--headless=new', '--no-sandbox', '--disable-gpu', '--remote-debugging-port=0', `--user-data-dir=${profile}`,
    '--no-first-run', '--no-default-browser-check', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-features=Translate,MediaRouter,OptimizationHints', '--window-size=1280,900', 'about:blank'],
  { stdio: ['ignore', 'ignore', 'pipe'] });
  const wsUrl = await new Promise((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error('chromium did not start')), 20000);
    proc.stderr.on('data', (d) => {
      buf += d;
      const m = buf.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(t); resolve(m[1]); }
    });
    proc.on('exit', (c) => reject(new Error('chromium exited ' + c + ': ' + buf)));
  });
  const ws = new WebSocket(wsUrl);
  await new Promise((r, j) => { ws.onopen = r; ws.onerror = j; });
  let id = 0;
  const pending = new Map();
  const listeners = [];
  ws.onmessage = (ev) => {
    const msg = JSON.parse(ev.data);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      msg.error ? reject(new Error(msg.error.message)) : resolve(msg.result);
    } else if (msg.method) for (const l of listeners) l(msg);
  };
  const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const m = { id: ++id, method, params };
    if (sessionId) m.sessionId = sessionId;
    pending.set(m.id, { resolve, reject });
    ws.send(JSON.stringify(m));
  });
  const browser = {
    send, on: (f) => listeners.push(f),
    async close() {
      const exited = new Promise((r) => { if (proc.exitCode !== null) r(); else proc.once('exit', r); });
      try { await Promise.race([send('Browser.close'), sleep(3000)]); } catch {}
      await Promise.race([exited, sleep(3000)]);
      if (proc.exitCode === null) { proc.kill('SIGKILL'); await Promise.race([exited, sleep(2000)]); }
      try { ws.close(); } catch {}
      try { rmSync(profile, { recursive: true, force: true, maxRetries: 5 }); } catch {}
    },
    async newPage() {
      const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      return new Page(browser, sessionId);
    },
  };
  return browser;
}

// Deep querySelector with " >>> " stepping into shadow roots (the same notation as the expected/*.json files).
export const DEEP = `
window.__deep = window.__deep || function(sel) {
  // Like PACTS's resolver: each segment is a CSS selector within the current roots (not crossing shadow
  // roots); " >>> " steps into the matches' shadow roots (or iframe documents).
  const segs = sel.split('>>>').map(s => s.trim());
  let roots = [document];
  let found = [];
  for (let i = 0; i < segs.length; i++) {
    found = [];
    for (const r of roots) for (const el of r.querySelectorAll(segs[i])) if (!found.includes(el)) found.push(el);
    roots = [];
    for (const e of found) { if (e.shadowRoot) roots.push(e.shadowRoot); if (e.contentDocument) roots.push(e.contentDocument); }
  }
  return found;
};
window.__visibleText = window.__visibleText || function() {
  const parts = [document.body ? document.body.innerText : ''];
  const walk = (n) => { for (const el of n.querySelectorAll('*')) { if (el.shadowRoot) {
    for (const c of el.shadowRoot.children) { const cs = getComputedStyle(c); if (c.getClientRects().length && cs.visibility !== 'hidden') parts.push(c.innerText || ''); }
    walk(el.shadowRoot); } } };
  walk(document);
  return parts.join('\\n').replace(/\\s+/g, ' ').toLowerCase();
};`;

export class Page {
  constructor(browser, sessionId) {
    this.b = browser; this.sid = sessionId; this.requests = new Map(); this.external = []; this.failed = []; this.errors = [];
    browser.on((m) => {
      if (m.sessionId !== sessionId) return;
      const p = m.params;
      if (m.method === 'Network.requestWillBeSent') {
        this.requests.set(p.requestId, p.request.url);
        if (!/^(data|blob|about|chrome|devtools):/.test(p.request.url) && !/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(p.request.url)) this.external.push(p.request.url);
      } else if (m.method === 'Network.loadingFailed') {
        this.failed.push((this.requests.get(p.requestId) || '?') + ' ' + p.errorText);
      } else if (m.method === 'Network.responseReceived') {
        if (p.response.status >= 400) this.failed.push(p.response.url + ' HTTP ' + p.response.status);
      } else if (m.method === 'Runtime.exceptionThrown') {
        this.errors.push(p.exceptionDetails.exception?.description || p.exceptionDetails.text);
      } else if (m.method === 'Runtime.consoleAPICalled' && p.type === 'error') {
        this.errors.push('console.error: ' + p.args.map((a) => a.value ?? a.description).join(' '));
      }
    });
  }
  send(method, params) { return this.b.send(method, params, this.sid); }
  async init() {
    await this.send('Page.enable'); await this.send('Network.enable'); await this.send('Runtime.enable');
    await this.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
  }
  async goto(url) {
    await this.send('Page.navigate', { url });
    await this.waitFor('document.readyState === "complete"', 15000);
    await this.eval(DEEP);
  }
  async eval(expr) {
    const r = await this.send('Runtime.evaluate', { expression: expr, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error('eval: ' + (r.exceptionDetails.exception?.description || r.exceptionDetails.text) + '\n  in: ' + expr.slice(0, 200));
    return r.result.value;
  }
  async waitFor(expr, ms = 5000) {
    const end = Date.now() + ms;
    for (;;) {
      let v = false;
      try { v = await this.eval(expr); } catch {}
      if (v) return v;
      if (Date.now() > end) return false;
      await sleep(50);
    }
  }
  async deep(sel) { await this.eval(DEEP); return this.eval(`__deep(${JSON.stringify(sel)}).length`); }
  // The centre of the one element the selector names, scrolled into view; throws unless exactly one.
  async box(sel) {
    await this.eval(DEEP);
    const r = await this.eval(`(() => { const f = __deep(${JSON.stringify(sel)}); if (f.length !== 1) return { n: f.length };
      const e = f[0]; e.scrollIntoView({ block: 'center', inline: 'center' }); const b = e.getBoundingClientRect();
      return { n: 1, x: b.x + b.width / 2, y: b.y + b.height / 2, w: b.width, h: b.height }; })()`);
    if (r.n !== 1) throw new Error(`selector ${sel} matches ${r.n} elements`);
    return r;
  }
  // What the hit test at (x, y) lands on, through shadow roots, as a short description.
  async hit(x, y) {
    return this.eval(`(() => { let e = document.elementFromPoint(${x}, ${y}); while (e && e.shadowRoot) { const i = e.shadowRoot.elementFromPoint(${x}, ${y}); if (!i || i === e) break; e = i; }
      return e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').trim().slice(0, 40) : null; })()`);
  }
  async mouseClick(x, y) {
    await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
    await this.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: 1 });
    await this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: 1 });
  }
  async click(sel) { const b = await this.box(sel); await sleep(30); await this.mouseClick(b.x, b.y); return b; }
  async hover(sel) { const b = await this.box(sel); await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: b.x, y: b.y }); }
  async key(key) {
    const map = { Enter: ['Enter', 13, '\r'], Escape: ['Escape', 27, ''], Tab: ['Tab', 9, ''], ArrowDown: ['ArrowDown', 40, ''], ArrowUp: ['ArrowUp', 38, ''], Backspace: ['Backspace', 8, ''] };
    const [code, kc, text] = map[key] || [key, 0, key];
    await this.send('Input.dispatchKeyEvent', { type: text ? 'keyDown' : 'rawKeyDown', key, code, windowsVirtualKeyCode: kc, text: text || undefined });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode: kc });
  }
  async typeText(s) {
    for (const ch of s) {
      await this.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch });
      await this.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch });
      await sleep(20);
    }
  }
  async selectAll() {
    await this.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'a', code: 'KeyA', windowsVirtualKeyCode: 65, modifiers: 2, commands: ['selectAll'] });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'a', code: 'KeyA', windowsVirtualKeyCode: 65, modifiers: 2 });
  }
  async text() { await this.eval(DEEP); return this.eval('__visibleText()'); }
  async screenshot(path) {
    const { data } = await this.send('Page.captureScreenshot', { format: 'png' });
    (await import('node:fs')).writeFileSync(path, Buffer.from(data, 'base64'));
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
