  // ------------------------------------------------------------------------------------------------------
  // PACTS selectors: segments joined by " >>> " step into a shadow root or an iframe's document; within a
  // segment, parts joined by " >> " narrow the match: CSS, role=R[name="N"], label="N", text="N",
  // has-text="N" (keep matches containing the text).

  function splitTop(s, sep) {
    const out = [];
    let depth = 0, quote = null, start = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '[' || c === '(') depth++;
      else if (c === ']' || c === ')') depth--;
      else if (depth === 0 && s.startsWith(sep, i)) {
        out.push(s.slice(start, i).trim());
        start = i + sep.length;
        i += sep.length - 1;
      }
    }
    out.push(s.slice(start).trim());
    return out;
  }

  function unquote(s) {
    s = s.trim();
    if ((s[0] === '"' && s[s.length - 1] === '"') || (s[0] === "'" && s[s.length - 1] === "'")) {
      return s.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    return s;
  }

  function descendants(root) {
    // Elements under root (an element, a document or a shadow root), not crossing into shadow roots or frames.
    return Array.from(root.querySelectorAll('*'));
  }

  function applyPart(scopes, part) {
    const out = [];
    const seen = new Set();
    const add = (el) => { if (!seen.has(el)) { seen.add(el); out.push(el); } };
    let m;
    if ((m = part.match(/^role=([a-z]+)(?:\[name=(.+)\])?$/))) {
      const r = m[1], n = m[2] != null ? norm(unquote(m[2])) : null;
      for (const s of scopes) for (const el of descendants(s))
        if (controlRole(el) === r && (n == null || controlName(el) === n)) add(el);
    } else if ((m = part.match(/^label=(.+)$/))) {
      const n = norm(unquote(m[1]));
      for (const s of scopes) for (const el of descendants(s)) {
        if (!['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && !['textbox', 'combobox', 'searchbox', 'checkbox', 'radio', 'switch', 'listbox', 'spinbutton', 'slider'].includes(controlRole(el))) continue;
        if (controlName(el) === n) add(el);
      }
    } else if ((m = part.match(/^text=(.+)$/))) {
      const n = lower(unquote(m[1]));
      for (const s of scopes) for (const el of descendants(s)) if (lower(ownText(el)) === n) add(el);
    } else if ((m = part.match(/^nth=(-?\d+)$/))) {
      // The Nth of the current matches in document order (1-based, -1 the last).
      const n = parseInt(m[1], 10);
      const pick = n > 0 ? scopes[n - 1] : scopes[scopes.length + n];
      if (pick) add(pick);
    } else if ((m = part.match(/^has-own-text=(.+)$/))) {
      // Keep the scopes that hold an element whose own text is exactly N (a cell, a title, a chip's label).
      const n = stripMarks(lower(unquote(m[1])));
      for (const s of scopes) if (holdsOwnText(s, n)) add(s);
    } else if ((m = part.match(/^xpath=(.+)$/))) {
      // An XPath, as web-step vocabularies write them ("//input[@name='q']"), from each scope.
      for (const s of scopes) {
        const doc = s.nodeType === 9 ? s : s.ownerDocument;
        let found;
        try { found = doc.evaluate(m[1], s, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null); } catch (e) { throw new Error('bad XPath: ' + m[1]); }
        for (let k = 0; k < found.snapshotLength; k++) if (found.snapshotItem(k).nodeType === 1) add(found.snapshotItem(k));
      }
    } else if ((m = part.match(/^has-text=(.+)$/))) {
      const n = lower(unquote(m[1]));
      for (const s of scopes) if (lower(s.textContent).includes(n)) add(s);
    } else {
      for (const s of scopes) {
        let found;
        try { found = s.querySelectorAll(part); } catch (e) { throw new Error('bad selector part: ' + part); }
        for (const el of found) add(el);
      }
    }
    return out;
  }

  function resolveAll(selector) {
    let roots = [document];
    const segments = splitTop(selector, '>>>');
    for (let k = 0; k < segments.length; k++) {
      let scopes = roots;
      const parts = splitTop(segments[k], '>>');
      for (let j = 0; j < parts.length; j++) {
        const part = parts[j];
        if (part.startsWith('has-text=')) scopes = applyPart(scopes, part);
        else scopes = applyPart(scopes, part);
      }
      if (k === segments.length - 1) return scopes;
      roots = [];
      for (const el of scopes) {
        if (el.shadowRoot) roots.push(el.shadowRoot);
        const d = frameDocument(el);
        if (d) roots.push(d);
      }
    }
    return [];
  }

  P.resolve = (selector, withPrint) => {
    let els;
    try { els = resolveAll(selector); } catch (e) { return JSON.stringify({ error: String(e.message || e) }); }
    // One match (a cache hit being verified): its basics too, so that checking its kind costs no second call,
    // and, asked for, its fingerprint, so that the drift check costs none either.
    const one = els.length === 1;
    return JSON.stringify({ count: els.length, handles: els.slice(0, 10).map(handle), visible: els.slice(0, 10).map(isVisible),
      basics: one ? P.basicsOf(els[0]) : undefined, fingerprint: one && withPrint ? P.fingerprintOf(els[0]) : undefined });
  };

  // The first selector of `candidates` (each relative to the element's own document or shadow root) that
  // matches el and nothing else; else one of them scoped by a stable ancestor (a named dialog, an item holding
  // the context text, an id); else a positional path (stable: false). Hosts and frames on the way are
  // prefixed. opts: {generated: id pattern, generated_class: class pattern, context: text}.
  P.synthesize = (i, candidates, opts) => {
    opts = opts || {};
    if (opts.generated) GENERATED_ID = new RegExp(opts.generated, 'i');
    if (opts.generated_class) GENERATED_CLASS = new RegExp(opts.generated_class, 'i');
    const el = P.handles[i];
    if (!el || !el.isConnected) return JSON.stringify({ error: 'detached' });
    const prefix = [];
    let prefixStable = true;
    const chain = [];
    for (let root = el.getRootNode(); ;) {
      if (root.host) { chain.unshift(root.host); root = root.host.getRootNode(); continue; }
      const win = root.defaultView;
      if (win && win.frameElement) { chain.unshift(win.frameElement); root = win.frameElement.getRootNode(); continue; }
      break;
    }
    for (const hostOrFrame of chain) {
      const u = uniqueIn(hostOrFrame, null);
      prefix.push(u.selector);
      if (!u.stable) prefixStable = false;
    }
    const root = el.getRootNode();
    const done = (sel, stable, k) => JSON.stringify({ selector: prefix.concat([sel]).join(' >>> '), stable: stable && prefixStable, strategy_index: k });
    const fits = (sel) => countIn(root, sel, el) && checkUnique(prefix.concat([sel]).join(' >>> '), el);
    // The index of the first part that is unique on its own, or scoped by an ancestor (nearest first,
    // ten levels up at most); the selector it made.
    const alone = (parts) => {
      for (let k = 0; k < parts.length; k++) if (fits(parts[k])) return [parts[k], k];
      return null;
    };
    // Inside a scope, the element's tag alone may be enough: the one <select> of the "status" row.
    const scoped = (parts, withTag) => {
      const all = withTag ? parts.concat([el.tagName.toLowerCase()]) : parts;
      let d = 0;
      for (let a = el.parentElement; a && d < 10; a = a.parentElement, d++)
        for (const as of ancestorSelectors(a, opts.context, opts.anchors))
          for (let k = 0; k < all.length; k++) if (fits(as + ' >> ' + all[k])) return [as + ' >> ' + all[k], k];
      return null;
    };
    if (opts.ordinal) {
      // Ordinal steps keep their meaning: "the 2nd Add to cart button", "the first link in the results".
      // Counted inside the nearest container with a stable selector first: "the first option of the
      // suggestions list", not of the whole page, where options of an unrelated <select> may come first.
      const counted = (opts.group || []).map((g) => g + ' >> nth=' + opts.ordinal);
      const found = scoped(counted) || alone(counted);
      if (found) return done(found[0], true, -1);
    } else {
      const found = alone(candidates) || scoped(candidates, true);
      if (found) return done(found[0], true, found[1]);
    }
    return done(uniqueIn(el, 'positional').selector, false, -1);
  };

  let GENERATED_CLASS = /\d{3,}/;

  function holdsOwnText(scope, n) {
    for (const d of descendants(scope)) if (stripMarks(lower(ownText(d))) === n) return true;
    return false;
  }

  // data-* attributes that identify a record (data-person-id="12", data-param-name="status"), not ones a
  // library numbers per render (data-lib-id="lib-data-1-0xfg"): a record number, or words.
  const RECORD_VALUE = /^(\d{1,9}|[\p{L}][\p{L} _.:-]*)$/u;
  function stableDataAttributes(a) {
    const out = [];
    for (const attr of a.attributes) {
      if (!attr.name.startsWith('data-') || TEST_ID_ATTRS.includes(attr.name)) continue;
      const v = attr.value;
      if (!v || v.length > 60 || !RECORD_VALUE.test(v)) continue;
      out.push([attr.name, v]);
    }
    return out.slice(0, 3);
  }

  function stableClass(el) {
    return classesOf(el).find((c) => !GENERATED_CLASS.test(c)) || '';
  }

  // Selectors for an ancestor that scopes the element: its test id, a stable id, a named landmark, the data-*
  // attributes of a record; and, for rows, items and cards, the text that identifies them (the step's context,
  // or the element's names from context): an exact cell or title first, the text anywhere inside only for the
  // step's context.
  function ancestorSelectors(a, context, anchors) {
    const out = [];
    const tag = a.tagName.toLowerCase();
    const tid = testIdOf(a);
    if (tid) out.push(`[${tid[0]}=${attrValue(tid[1])}]`);
    if (a.id && !GENERATED_ID.test(a.id)) out.push(`${tag}#${cssEscape(a.id)}`);
    const role = roleOf(a);
    if (['dialog', 'alertdialog', 'region', 'navigation', 'form', 'tabpanel', 'menu', 'listbox', 'group', 'article', 'complementary', 'search', 'toolbar'].includes(role)) {
      const n = accessibleName(a);
      if (n) out.push(`role=${role}[name=${attrValue(n)}]`);
    }
    const cls = stableClass(a);
    const base = cls ? `${tag}.${cssEscape(cls)}` : (['row', 'listitem', 'article'].includes(role) ? `role=${role}` : (tag === 'tr' || tag === 'li' ? tag : ''));
    if (base) {
      for (const t of [context, ...(anchors || [])]) {
        if (t && holdsOwnText(a, stripMarks(lower(t)))) out.push(`${base} >> has-own-text=${attrValue(t)}`);
      }
    }
    for (const [name, v] of stableDataAttributes(a)) out.push(`${tag}[${name}=${attrValue(v)}]`);
    if (base && context && lower(a.textContent).includes(lower(context))) out.push(`${base} >> has-text=${attrValue(context)}`);
    return out;
  }

  function checkUnique(sel, el) {
    try {
      const found = resolveAll(sel);
      return found.length === 1 && found[0] === el;
    } catch (e) {
      return false;
    }
  }

  function countIn(root, selector, el) {
    try {
      let found = [root];
      for (const part of splitTop(selector, '>>')) found = applyPart(found, part);
      return found.length === 1 && found[0] === el;
    } catch (e) {
      return false;
    }
  }

  function cssEscape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/[^a-zA-Z0-9_-]/g, (c) => '\\' + c); }
  function attrValue(s) { return '"' + String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"'; }

  let GENERATED_ID = /\d{3,}/;  // replaced by the runner's pattern (kGeneratedIdPattern) on every synthesize call

  // A unique selector for a host or frame (stable attributes first), or a positional one.
  function uniqueIn(el, mode) {
    const root = el.getRootNode();
    const tag = el.tagName.toLowerCase();
    if (mode !== 'positional') {
      const tries = [];
      const tid = testIdOf(el);
      if (tid) tries.push(`[${tid[0]}=${attrValue(tid[1])}]`);
      if (el.id && !GENERATED_ID.test(el.id)) tries.push(`${tag}#${cssEscape(el.id)}`);
      for (const a of ['name', 'title', 'aria-label', 'label', 'value']) if (el.getAttribute(a)) tries.push(`${tag}[${a}=${attrValue(el.getAttribute(a))}]`);
      for (const [name, v] of stableDataAttributes(el)) tries.push(`${tag}[${name}=${attrValue(v)}]`);
      if (el.getAttribute('src') && tag === 'iframe') tries.push(`iframe[src=${attrValue(el.getAttribute('src'))}]`);
      tries.push(tag);
      for (const t of tries) if (countIn(root, t, el)) return { selector: t, stable: true };
    }
    // Positional: nth-of-type from the nearest ancestor with a stable id.
    const steps = [];
    let n = el;
    while (n && n.getRootNode() === root && n.nodeType === 1) {
      if (n !== el && n.id && !GENERATED_ID.test(n.id)) {
        steps.unshift(`${n.tagName.toLowerCase()}#${cssEscape(n.id)}`);
        break;
      }
      const parent = n.parentElement;
      if (!parent) { steps.unshift(n.tagName.toLowerCase()); break; }
      const same = Array.from(parent.children).filter((c) => c.tagName === n.tagName);
      steps.unshift(same.length > 1 ? `${n.tagName.toLowerCase()}:nth-of-type(${same.indexOf(n) + 1})` : n.tagName.toLowerCase());
      n = parent;
    }
    return { selector: steps.join(' > '), stable: false };
  }
