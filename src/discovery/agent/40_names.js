  // ------------------------------------------------------------------------------------------------------
  // Accessible names (accname 1.2, as Chromium computes them)

  // aria-labeledby is a misspelling Chromium honours too.
  function labelledByAttr(el) {
    return el.hasAttribute('aria-labelledby') ? 'aria-labelledby' : el.hasAttribute('aria-labeledby') ? 'aria-labeledby' : '';
  }

  function byIds(el, attr) {
    const ids = (el.getAttribute(attr) || '').split(/\s+/).filter(Boolean);
    const root = el.getRootNode();
    const out = [];
    for (const id of ids) {
      const t = (root.getElementById ? root.getElementById(id) : null) || el.ownerDocument.getElementById(id);
      if (t) out.push(t);
    }
    return out;
  }

  function pseudoContent(el, which) {
    const st = el.ownerDocument.defaultView.getComputedStyle(el, which);
    if (!st) return '';
    const c = st.content;
    if (!c || c === 'none' || c === 'normal') return '';
    // Only quoted strings; counters and attr() are rare in names.
    const parts = c.match(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g);
    if (!parts) return '';
    return parts.map((p) => p.slice(1, -1).replace(/\\(.)/g, '$1')).join('');
  }

  function isBlock(el) {
    const st = styleOf(el);
    if (!st) return false;
    const d = st.display;
    return d !== 'inline' && d !== 'contents' && d !== 'none' && !d.startsWith('inline');
  }

  function controlValue(el, role) {
    // The value an embedded control contributes to the name of a label or a parent (accname 2E).
    if (el.tagName === 'INPUT' && (role === 'textbox' || role === 'searchbox' || role === 'spinbutton' || role === 'combobox')) return el.value;
    if (el.tagName === 'TEXTAREA') return el.value;
    if (el.tagName === 'SELECT') {
      const o = el.selectedOptions;
      return o && o.length ? Array.from(o).map((x) => x.textContent).join(' ') : '';
    }
    if (role === 'combobox' || role === 'listbox') {
      const sel = el.querySelector('[role=option][aria-selected=true]');
      if (sel) return sel.textContent;
      if (role === 'combobox') return el.tagName === 'INPUT' ? el.value : el.textContent;
      return '';
    }
    if (role === 'textbox' && el.isContentEditable) return el.textContent;
    if (['slider', 'spinbutton', 'scrollbar', 'progressbar', 'meter'].includes(role)) {
      return el.getAttribute('aria-valuetext') || el.getAttribute('aria-valuenow') || (el.value != null ? String(el.value) : '');
    }
    return null;
  }

  function nativeName(el, role, ctx) {
    const tag = el.tagName;
    if (tag === 'INPUT') {
      const type = (el.getAttribute('type') || 'text').toLowerCase();
      if (['button', 'submit', 'reset'].includes(type)) {
        // A label comes before the value (HTML-AAM); a label that is there but hidden leaves no name.
        const labels = labelsFor(el);
        if (labels.length) {
          const l = labelText(el, ctx);
          if (l || labels.every((x) => isHiddenForAccessibility(x))) return l;
        }
        const v = el.getAttribute('value');
        if (v != null && norm(v) !== '') return v;
        if (type === 'submit') return 'Submit';
        if (type === 'reset') return 'Reset';
        return labelText(el, ctx) || el.getAttribute('title') || '';
      }
      if (type === 'image') {
        return el.getAttribute('alt') || el.getAttribute('value') || el.getAttribute('title') || 'Submit';
      }
    }
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || tag === 'METER' || tag === 'PROGRESS' || tag === 'OUTPUT') {
      const l = labelText(el, ctx);
      if (l) return l;
    }
    if (tag === 'IMG' || tag === 'AREA') {
      const alt = el.getAttribute('alt');
      if (alt != null && norm(alt) !== '') return alt;
      if (alt === '' && tag === 'IMG') return null;  // presentational: no name at all, not even a title
    }
    if (tag === 'FIELDSET') {
      const legend = Array.from(el.children).find((c) => c.tagName === 'LEGEND');
      if (legend) return textOf(legend, ctx);
    }
    if (tag === 'TABLE') {
      const cap = el.caption;
      if (cap) return textOf(cap, ctx);
    }
    if (tag === 'FIGURE') {
      const fc = Array.from(el.children).find((c) => c.tagName === 'FIGCAPTION');
      if (fc) return textOf(fc, ctx);
    }
    if (tag === 'SVG' || tag === 'svg') {
      const t = Array.from(el.children).find((c) => c.tagName.toLowerCase() === 'title');
      if (t) return t.textContent;
    }
    return '';
  }

  function labelText(el, ctx) {
    // Hidden labels do not name their control (Chromium's tree agrees).
    const labels = labelsFor(el).filter((l) => !isHiddenForAccessibility(l));
    if (!labels.length) return '';
    return labels.map((l) => textOf(l, Object.assign({}, ctx, { inLabel: true, labelled: el }))).map(norm).filter(Boolean).join(' ');
  }

  // Name from content: the text of el's subtree as rendered (a shadow host's shadow tree, with slots replaced by
  // what is assigned to them), with embedded controls contributing their value.
  function textOf(el, ctx) {
    let out = pseudoContent(el, '::before');
    const sub = Object.assign({}, ctx, { recursing: true });
    const visit = (nodes) => {
      for (const n of nodes) {
        if (n.nodeType === 3) {
          // Text inside a visibility:hidden element is hidden, though its children may be visible again.
          const p = n.parentElement;
          const st = p && styleOf(p);
          if (!st || (st.visibility !== 'hidden' && st.visibility !== 'collapse') || ctx.hiddenReferenced) out += n.data;
        } else if (n.nodeType === 1) {
          if (n.tagName === 'SLOT') {
            const assigned = n.assignedNodes({ flatten: true });
            visit(assigned.length ? assigned : Array.from(n.childNodes));
            continue;
          }
          const part = name(n, sub);
          out += isBlock(n) ? ' ' + part + ' ' : part;
        }
      }
    };
    visit(Array.from((el.shadowRoot || el).childNodes));
    // aria-owns adds elements elsewhere in the document as children.
    if (el.hasAttribute('aria-owns')) visit(byIds(el, 'aria-owns').filter((o) => !composedContains(el, o)));
    out += pseudoContent(el, '::after');
    return out;
  }

  function name(el, ctx) {
    ctx = ctx || {};
    const visited = ctx.visited || (ctx.visited = new Set());
    if (visited.has(el)) return '';
    visited.add(el);
    if (SKIP.has(el.tagName)) return '';
    const role = roleOf(el);
    // 2A: hidden and not part of a labelledby traversal that started at a hidden node. Ancestors were checked
    // on the way down, so a recursive step only looks at the element itself.
    if (!ctx.hiddenReferenced && (ctx.recursing ? selfGone(el) : isHiddenForAccessibility(el))) return '';
    // 2B: aria-labelledby, not while already following one
    if (!ctx.inLabelledBy && labelledByAttr(el)) {
      const refs = byIds(el, labelledByAttr(el));
      if (refs.length) {
        const s = refs.map((r) => norm(name(r, { visited: new Set(), inLabelledBy: true, hiddenReferenced: isHiddenForAccessibility(r), recursing: true }))).filter(Boolean).join(' ');
        if (s) return s;
      }
    }
    // 2C: an embedded control inside a label or a name from content contributes its value
    if ((ctx.recursing || ctx.inLabel) && el !== ctx.labelled) {
      const v = controlValue(el, role);
      if (v != null && !(el.tagName === 'INPUT' && ['button', 'submit', 'reset'].includes((el.type || '').toLowerCase()))) return v;
    }
    // 2D: aria-label
    const al = el.getAttribute('aria-label');
    if (al != null && norm(al) !== '' && !(ctx.recursing && ['presentation', 'none'].includes(role))) return al;
    // 2E: host-language label
    const nat = nativeName(el, role, { visited });
    if (nat === null) return '';
    if (norm(nat)) return nat;
    // 2F: name from content
    if (NAME_FROM_CONTENT.has(role) || ctx.recursing || ctx.inLabelledBy) {
      const t = textOf(el, Object.assign({}, ctx, { visited }));
      if (norm(t)) return t;
    }
    // 2I: tooltip attribute, then placeholder
    if (!ctx.recursing || el.tagName === 'IMG') {
      const title = el.getAttribute('title');
      if (title != null && norm(title) !== '') return title;
      const ph = el.getAttribute('placeholder') || el.getAttribute('aria-placeholder');
      if (ph && norm(ph)) return ph;
    }
    return '';
  }

  function accessibleName(el) { return norm(name(el, {})); }
  P.accessibleName = accessibleName;
