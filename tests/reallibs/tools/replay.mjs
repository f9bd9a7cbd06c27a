// Replays the reallibs flows the way a person would, WITHOUT PACTS: every step acts on the element that
// expected/<flow>.json names for its line (trusted mouse and keyboard input through the DevTools protocol),
// then the Expected texts are checked (a NEGATIVE test passes here when its text does NOT appear).
// It checks the fixtures, not PACTS: each selector must match exactly one visible element when its step runs,
// the click point must land on that element (or inside it), and every outcome must be what the flow says.
//
//   node --experimental-websocket tests/reallibs/tools/replay.mjs DEST [flow.txt ...]
//
// DEST is the folder made by scripts/fetch-test-material.sh. Without flow files, all of tests/reallibs/flows.
//
// Comparing with a PACTS run: with PACTS_JSON_DIR=DIR (holding reallibs-<flow>.json from `pacts run --json`)
// and PACTS_AGENT_JS=FILE (PACTS's page agent: src/discovery/agent/*.js of the same build, concatenated), each step also
// resolves the selector PACTS used for that line and says how its element relates to the expected one:
// same, host (the expected element is in its shadow root), inner (PACTS's element is in the expected host's
// shadow root), ancestor, descendant or OTHER.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, sleep, DEEP as DEEP_SRC } from './cdp.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const [dest, ...files] = process.argv.slice(2);
if (!dest) { console.error('usage: replay.mjs DEST [flow.txt ...]'); process.exit(2); }
const flows = files.length ? files : readdirSync(join(root, 'flows')).filter((f) => f.endsWith('.txt')).sort().map((f) => join(root, 'flows', f));

// A small reader for the sentence forms the reallibs flows use (PACTS's own grammar is richer).
function parse(file) {
  const tests = [];
  let t = null;
  readFileSync(file, 'utf8').split('\n').forEach((raw, i) => {
    const line = raw.trim();
    const n = i + 1;
    let m;
    if (!line || line.startsWith('#')) return;
    if ((m = line.match(/^Test:\s*(.+)$/))) { t = { name: m[1].trim(), steps: [], expects: [] }; tests.push(t); return; }
    if (!t) return;
    if ((m = line.match(/^URL:\s*(\S+)/))) { t.url = m[1]; return; }
    if ((m = line.match(/^Expected:\s*"(.+)" is visible$/))) { t.expects.push({ line: n, text: m[1] }); return; }
    if (!(m = line.match(/^\d+\.\s*(.+)$/))) return;
    const s = m[1];
    let step;
    if ((m = s.match(/^Fill "(.+?)" with "(.*?)"/))) step = { action: 'fill', target: m[1], value: m[2] };
    else if ((m = s.match(/^Type "(.*?)" into "(.+?)"/))) step = { action: 'type', target: m[2], value: m[1] };
    else if ((m = s.match(/^Select "(.+?)" from "(.+?)"/))) step = { action: 'select', target: m[2], value: m[1] };
    else if ((m = s.match(/^Uncheck "(.+?)"/))) step = { action: 'uncheck', target: m[1] };
    else if ((m = s.match(/^Check "(.+?)"/))) step = { action: 'check', target: m[1] };
    else if ((m = s.match(/^Click "(.+?)"/))) step = { action: 'click', target: m[1] };
    else if ((m = s.match(/^Hover over "(.+?)"/))) step = { action: 'hover', target: m[1] };
    else if ((m = s.match(/^Press (\S+)$/))) step = { action: 'press', value: m[1] };
    else if ((m = s.match(/^Wait for "(.+?)"/))) step = { action: 'wait', value: m[1] };
    else throw new Error(`${file}:${n}: replay.mjs cannot read "${s}"`);
    step.line = n;
    t.steps.push(step);
  });
  return tests;
}

// In the page: visible elements (through open shadow roots) whose whole text is `text`, deepest first.
const FIND_OPTION = `(text, exclude) => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const out = [];
  const vis = (e) => { const r = e.getBoundingClientRect(); const cs = getComputedStyle(e); return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none'; };
  const walk = (r) => { for (const e of r.querySelectorAll('*')) { if (e.shadowRoot) walk(e.shadowRoot);
    if (e.tagName === 'OPTION' || e.tagName === 'SELECT' || e.tagName === 'SCRIPT') continue;
    if (exclude && (exclude === e || exclude.contains(e))) continue;
    if (norm(e.innerText !== undefined ? e.innerText : e.textContent) === text && vis(e)) out.push(e); } };
  walk(document);
  const roles = ['option', 'radio', 'menuitem', 'treeitem'];
  const score = (e) => (roles.includes(e.getAttribute('role')) ? 0 : 1);
  // keep elements none of whose descendants also match, then prefer ARIA options/radios
  const leaves = out.filter((e) => !out.some((o) => o !== e && e.contains(o)));
  const opts = out.filter((e) => roles.includes(e.getAttribute('role')));
  const pick = opts.length ? opts : leaves;
  pick.sort((a, b) => score(a) - score(b));
  return pick;
}`;

async function runStep(page, step, sel) {
  const r = { ok: true, notes: [] };
  if (step.action === 'wait') { if (!(await page.waitFor(`__visibleText().includes(${JSON.stringify(step.value.toLowerCase())})`, 5000))) throw new Error(`"${step.value}" never appeared`); return r; }
  if (step.action === 'press') { await page.key(step.value); await sleep(400); return r; }
  if (!sel) throw new Error(`no expected selector for line ${step.line}`);
  // the element must be there, alone and visible (waited for, like an actionability check)
  const ok = await page.waitFor(`(() => { const f = __deep(${JSON.stringify(sel)}); if (f.length !== 1) return false; const b = f[0].getBoundingClientRect(); return b.width > 0 && b.height > 0; })()`, 5000);
  if (!ok) throw new Error(`selector ${sel} does not name exactly one visible element (matches ${await page.deep(sel)})`);
  const isNative = await page.eval(`(() => { const e = __deep(${JSON.stringify(sel)})[0]; return e.tagName === 'SELECT'; })()`);
  const clickChecked = async () => {
    const b = await page.box(sel);
    // a visually hidden input (opacity 0, pointer-events none) is clicked where a person clicks: its label
    const target = await page.eval(`(() => { const e = __deep(${JSON.stringify(sel)})[0]; const cs = getComputedStyle(e);
      if (cs.pointerEvents === 'none' || +cs.opacity === 0 || e.getBoundingClientRect().width < 4) { const l = e.closest('label') || (e.getRootNode().host); const r = l.getBoundingClientRect(); return { x: r.x + Math.min(20, r.width / 2), y: r.y + r.height / 2, via: l.tagName.toLowerCase() }; }
      return null; })()`);
    if (target) { r.notes.push(`clicked via its ${target.via}`); await page.mouseClick(target.x, target.y); } else await page.mouseClick(b.x, b.y);
  };
  const landed = async () => {
    const b = await page.box(sel);
    const hit = await page.eval(`(() => { const t = __deep(${JSON.stringify(sel)})[0]; let e = document.elementFromPoint(${b.x}, ${b.y});
      while (e && e.shadowRoot) { const i = e.shadowRoot.elementFromPoint(${b.x}, ${b.y}); if (!i || i === e) break; e = i; }
      for (let n = e; n; n = n.parentNode || n.host) if (n === t) return true;
      // the host of a shadow control counts as the control (a click on it reaches the control)
      for (let n = t; n; n = n.parentNode || n.host) if (n === e) return t.getRootNode().host === e ? true : 'ancestor:' + e.tagName.toLowerCase();
      return e ? e.tagName.toLowerCase() + '.' + (e.className || '') : 'nothing'; })()`);
    if (hit !== true) r.notes.push(`centre hit ${hit}`);
  };
  switch (step.action) {
    case 'click': await landed(); await page.click(sel); break;
    case 'hover': await page.hover(sel); break;
    case 'fill':
      await landed(); await page.click(sel); await page.selectAll(); await page.send('Input.insertText', { text: step.value });
      break;
    case 'type': await page.click(sel); await page.typeText(step.value); break;
    case 'check': case 'uncheck': {
      const want = step.action === 'check';
      const state = `(() => { const e = __deep(${JSON.stringify(sel)})[0]; return e.checked !== undefined ? !!e.checked : e.getAttribute('aria-checked') === 'true'; })()`;
      if ((await page.eval(state)) !== want) await clickChecked();
      await sleep(300);
      if ((await page.eval(state)) !== want) throw new Error(`${sel} is still ${want ? 'unchecked' : 'checked'}`);
      break;
    }
    case 'select': {
      if (isNative) {
        const done = await page.eval(`(() => { const s = __deep(${JSON.stringify(sel)})[0]; const o = [...s.options].find((o) => o.text.trim() === ${JSON.stringify(step.value)});
          if (!o) return false; s.focus(); s.value = o.value; s.dispatchEvent(new Event('input', { bubbles: true })); s.dispatchEvent(new Event('change', { bubbles: true })); return true; })()`);
        if (!done) throw new Error(`native select ${sel} has no option "${step.value}"`);
        break;
      }
      await landed();
      const open = await page.eval(`(() => { const e = __deep(${JSON.stringify(sel)})[0]; return e.getAttribute('aria-expanded') === 'true'; })()`);
      if (!open) { await page.click(sel); await sleep(300); }
      const find = `((${FIND_OPTION})(${JSON.stringify(step.value)}, __deep(${JSON.stringify(sel)})[0]))`;
      if (!(await page.waitFor(`${find}.length > 0`, 5000))) throw new Error(`no visible option "${step.value}" after opening ${sel}`);
      const n = await page.eval(`${find}.length`);
      if (n > 1) r.notes.push(`${n} visible elements read "${step.value}"; took the first option`);
      const pt = await page.eval(`(() => { const e = ${find}[0]; e.scrollIntoView({ block: 'center' }); const b = e.getBoundingClientRect(); return { x: b.x + b.width / 2, y: b.y + b.height / 2, tag: e.tagName.toLowerCase(), role: e.getAttribute('role') }; })()`);
      // wait for the list to stop moving (open animations, scrolling), as a person's eye would
      let pt2 = null;
      for (let k = 0; k < 40; k++) {
        await sleep(100);
        const q = await page.eval(`(() => { const b = ${find}[0].getBoundingClientRect(); return { x: b.x + b.width / 2, y: b.y + b.height / 2 }; })()`);
        if (pt2 && q.x === pt2.x && q.y === pt2.y) break;
        pt2 = q;
      }
      r.notes.push(`option ${pt.tag}${pt.role ? '[role=' + pt.role + ']' : ''}`);
      await page.mouseClick(pt2.x, pt2.y);
      break;
    }
    default: throw new Error('unknown action ' + step.action);
  }
  await sleep(step.action === 'type' || step.action === 'fill' ? 900 : 600);
  return r;
}

const pactsDir = process.env.PACTS_JSON_DIR;
const agentSrc = process.env.PACTS_AGENT_JS ? readFileSync(process.env.PACTS_AGENT_JS, 'utf8') : null;
const relations = [];
function pactsSteps(stem, test) {
  if (!pactsDir) return {};
  const f = join(pactsDir, `reallibs-${stem}.json`);
  if (!existsSync(f)) return {};
  const run = JSON.parse(readFileSync(f, 'utf8')).runs.find((r) => r.test === test);
  const out = {};
  if (run) for (const st of run.steps) if (st.selector) out[String(st.line)] = st;
  return out;
}
async function relate(page, pactsSel, sel) {
  await page.eval(agentSrc);
  await page.eval(DEEP_SRC);
  return page.eval(`(() => { const r = JSON.parse(window.__pacts.resolve(${JSON.stringify(pactsSel)}));
    if (r.error) return 'unresolvable: ' + r.error; if (r.count !== 1) return 'pacts selector matches ' + r.count;
    const p = window.__pacts.handles[r.handles[0]]; const e = __deep(${JSON.stringify(sel)})[0];
    if (!e) return 'expected element missing';
    if (p === e) return 'same';
    if (e.getRootNode().host === p) return 'host';
    if (p.getRootNode().host === e) return 'inner';
    const up = (n) => n.parentNode || n.host;
    for (let n = up(e); n; n = up(n)) if (n === p) return 'ancestor <' + p.tagName.toLowerCase() + '>';
    for (let n = up(p); n; n = up(n)) if (n === e) return 'descendant <' + p.tagName.toLowerCase() + '>';
    return 'OTHER <' + p.tagName.toLowerCase() + (p.id ? '#' + p.id : '') + '> ' + (p.textContent || '').trim().slice(0, 40); })()`);
}

const srv = await serve(dest);
const browser = await launch();
let bad = 0, total = 0;
for (const file of flows) {
  const stem = basename(file, '.txt');
  const expFile = join(root, 'expected', stem + '.json');
  const expected = existsSync(expFile) ? JSON.parse(readFileSync(expFile, 'utf8')) : {};
  for (const t of parse(file)) {
    total++;
    const negative = /^NEGATIVE\b/.test(t.name);
    const page = await browser.newPage();
    await page.init();
    const notes = [];
    let verdict = 'ok';
    try {
      await page.goto(srv.url + t.url);
      await sleep(1200);
      const sels = expected[t.name] || {};
      const ps = pactsSteps(stem, t.name);
      for (const step of t.steps) {
        const sel = sels[String(step.line)];
        const pst = ps[String(step.line)];
        if (pst && sel && agentSrc) {
          // wait for the expected element first, as the step itself does
          await page.waitFor(`__deep(${JSON.stringify(sel)}).length === 1`, 5000);
          const rel = await relate(page, pst.selector, sel).catch((e) => 'error ' + e.message);
          relations.push({ stem, test: t.name, line: step.line, outcome: pst.outcome, pacts: pst.selector, expected: sel, relation: rel });
          notes.push(`line ${step.line}: PACTS (${pst.outcome}) ${pst.selector} -> ${rel}`);
        }
        const r = await runStep(page, step, sel);
        if (process.env.SHOTS) await page.screenshot(join(process.env.SHOTS, `${stem}-${total}-line${step.line}.png`));
        if (r.notes.length) notes.push(`line ${step.line}: ${r.notes.join('; ')}`);
      }
      for (const e of t.expects) {
        const q = `__visibleText().includes(${JSON.stringify(e.text.replace(/\s+/g, ' ').toLowerCase())})`;
        const seen = await page.waitFor(q, negative ? 1500 : 4000);
        if (seen && negative) { verdict = 'BAD'; notes.push(`line ${e.line}: NEGATIVE text "${e.text}" appeared`); }
        if (!seen && !negative) { verdict = 'BAD'; notes.push(`line ${e.line}: "${e.text}" did not appear`); }
      }
      for (const [line] of Object.entries(sels)) if (!t.steps.some((s) => String(s.line) === line)) { verdict = 'BAD'; notes.push(`expected names line ${line}, which is no step`); }
      for (const s of t.steps) if (!['press', 'wait'].includes(s.action) && !sels[String(s.line)]) { verdict = 'BAD'; notes.push(`no selector for line ${s.line}`); }
    } catch (e) {
      verdict = 'BAD'; notes.push(String(e.message || e));
      if (process.env.SHOTS) await page.screenshot(join(process.env.SHOTS, `${stem}-${total}.png`)).catch(() => {});
    }
    if (page.external.length) { verdict = 'BAD'; notes.push('external requests: ' + page.external.join(', ')); }
    if (page.errors.length) notes.push('page errors: ' + page.errors.join(' | '));
    if (verdict !== 'ok') bad++;
    console.log(`${verdict === 'ok' ? 'ok ' : 'BAD'}  ${stem} :: ${t.name}`);
    for (const n of notes) console.log('       ' + n);
    await page.send('Page.close').catch(() => {});
  }
}
await browser.close();
srv.close();
if (process.env.RELATIONS_OUT) (await import('node:fs')).writeFileSync(process.env.RELATIONS_OUT, JSON.stringify(relations, null, 1));
console.log(`${total - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
