// The PACTS page agent: installed in every document before the page's scripts, called by the runner with
// one Runtime.evaluate per operation. It collects candidates (discovery), resolves PACTS selectors, describes
// elements (fingerprints), checks actionability and performs the DOM side of actions. Scoring and every
// decision live in C++; this file only observes the page. It walks open shadow roots and same-origin iframes.
(() => {
  'use strict';
  const VERSION = 3;
  if (window.__pacts && window.__pacts.version === VERSION) return;

  const P = { version: VERSION, handles: [] };

  // ------------------------------------------------------------------------------------------------------
  // Text helpers

  const WS = /[\t\n\f\r ]+/g;
  // Collapse and trim ASCII whitespace only: a non-breaking space is part of a name, as in Chromium.
  const norm = (s) => (s == null ? '' : String(s)).replace(WS, ' ').replace(/^ | $/g, '');
  const lower = (s) => norm(s).toLowerCase();

  // ------------------------------------------------------------------------------------------------------
  // Tree walking across shadow roots and iframes

  function parentOf(el) {
    // The composed parent: through shadow roots to their host, and out of an iframe to the frame element.
    if (el.parentElement) return el.parentElement;
    const root = el.getRootNode && el.getRootNode();
    if (root && root.host) return root.host;
    const win = el.ownerDocument && el.ownerDocument.defaultView;
    if (win && win.frameElement && el === el.ownerDocument.documentElement) return win.frameElement;
    return null;
  }

  function composedContains(ancestor, el) {
    for (let n = el; n; n = parentOf(n)) if (n === ancestor) return true;
    return false;
  }

  function frameDocument(el) {
    if (el.tagName !== 'IFRAME' && el.tagName !== 'FRAME') return null;
    try {
      const d = el.contentDocument;
      return d && d.documentElement ? d : null;
    } catch (e) {
      return null;  // cross-origin
    }
  }

  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'TITLE', 'BASE']);

  // Visits every element in document order (light DOM, then the open shadow tree of each host, then the
  // document of each same-origin iframe). fn(el, depth) may return false to skip the element's subtree.
  function walk(root, fn) {
    const stack = [[root, 0]];
    while (stack.length) {
      const [el, depth] = stack.pop();
      if (SKIP.has(el.tagName)) continue;
      if (fn(el, depth) === false) continue;
      const kids = [];
      const doc = frameDocument(el);
      if (doc) kids.push(doc.documentElement);
      if (el.shadowRoot) for (let c = el.shadowRoot.lastElementChild; c; c = c.previousElementSibling) kids.push(c);
      for (let c = el.lastElementChild; c; c = c.previousElementSibling) kids.push(c);
      // kids is in reverse order; the stack pops them first-to-last, shadow content before light children
      // as rendered by slots, frames last.
      for (const k of kids) stack.push([k, depth + 1]);
    }
  }

  // ------------------------------------------------------------------------------------------------------
  // Style, visibility, state

  function styleOf(el) {
    const w = el.ownerDocument.defaultView;
    return w ? w.getComputedStyle(el) : null;
  }

  function frameChainVisible(el) {
    let win = el.ownerDocument.defaultView;
    while (win && win.frameElement) {
      if (!isVisible(win.frameElement)) return false;
      win = win.frameElement.ownerDocument.defaultView;
    }
    return true;
  }

  function isVisible(el) {
    if (!el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({ checkVisibilityCSS: true })) return false;
    const st = styleOf(el);
    if (!st || st.visibility !== 'visible' && st.visibility !== '') return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) {
      // display: contents and zero-size wrappers are visible through their children
      if (st.display !== 'contents') return false;
    }
    return frameChainVisible(el);
  }

  function isHiddenForAccessibility(el) {
    for (let n = el; n; n = parentOf(n)) {
      if (n.getAttribute && n.getAttribute('aria-hidden') === 'true') return true;
      if (n.hidden) return true;
      const st = styleOf(n);
      if (st && st.display === 'none') return true;
    }
    const st = styleOf(el);
    return !!st && (st.visibility === 'hidden' || st.visibility === 'collapse');
  }

  // Gone with its whole subtree (visibility:hidden is not: a child can be visible again).
  function selfGone(el) {
    if (el.getAttribute('aria-hidden') === 'true' || el.hidden) return true;
    const st = styleOf(el);
    return !!st && st.display === 'none';
  }

  const FORM_CONTROLS = new Set(['BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'OPTION', 'OPTGROUP', 'FIELDSET']);

  function isDisabled(el) {
    if (FORM_CONTROLS.has(el.tagName) && el.matches(':disabled')) return true;
    for (let n = el; n; n = parentOf(n))
      if (n.getAttribute && n.getAttribute('aria-disabled') === 'true') return true;
    return false;
  }

  const TEXT_INPUT_TYPES = new Set(['', 'text', 'search', 'email', 'password', 'tel', 'url', 'number', 'date',
    'datetime-local', 'month', 'time', 'week']);

  function isEditable(el) {
    if (isDisabled(el)) return false;
    if (el.tagName === 'INPUT') return TEXT_INPUT_TYPES.has((el.getAttribute('type') || '').toLowerCase()) && !el.readOnly;
    if (el.tagName === 'TEXTAREA') return !el.readOnly;
    if (el.isContentEditable) return true;
    return false;
  }

  function isInert(el) {
    for (let n = el; n; n = parentOf(n)) if (n.inert || (n.hasAttribute && n.hasAttribute('inert'))) return true;
    return false;
  }

  function topModal() {
    // The modal dialog a person can interact with: <dialog> shown with showModal(), or the last visible
    // aria-modal="true" element. Everything outside it is blocked.
    let modal = null;
    walk(document.documentElement, (el) => {
      if ((el.tagName === 'DIALOG' && el.open && safeMatches(el, ':modal')) ||
          (el.getAttribute('aria-modal') === 'true' && /dialog/.test(el.getAttribute('role') || 'dialog'))) {
        if (isVisible(el)) modal = el;
      }
    });
    return modal;
  }

  function safeMatches(el, sel) {
    try { return el.matches(sel); } catch (e) { return false; }
  }

  // ------------------------------------------------------------------------------------------------------
  // Roles (explicit, else implicit per HTML-AAM)

  function inputRole(el) {
    const t = (el.getAttribute('type') || 'text').toLowerCase();
    if (['button', 'submit', 'reset', 'image'].includes(t)) return 'button';
    if (t === 'checkbox') return 'checkbox';
    if (t === 'radio') return 'radio';
    if (t === 'range') return 'slider';
    if (t === 'number') return 'spinbutton';
    if (t === 'hidden') return 'none';
    if (el.hasAttribute('list')) return 'combobox';
    if (t === 'search') return 'searchbox';
    return 'textbox';
  }

  function roleOf(el) {
    const explicit = (el.getAttribute('role') || '').trim().split(/\s+/)[0];
    if (explicit && explicit !== 'none' && explicit !== 'presentation') return explicit.toLowerCase();
    const tag = el.tagName;
    switch (tag) {
      case 'A': case 'AREA': return el.hasAttribute('href') ? 'link' : 'generic';
      case 'BUTTON': return 'button';
      case 'INPUT': return inputRole(el);
      case 'SELECT': return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
      case 'TEXTAREA': return 'textbox';
      case 'OPTION': return 'option';
      case 'IMG': return el.getAttribute('alt') === '' ? 'presentation' : 'img';
      case 'H1': case 'H2': case 'H3': case 'H4': case 'H5': case 'H6': return 'heading';
      case 'NAV': return 'navigation';
      case 'MAIN': return 'main';
      case 'FORM': return 'form';
      case 'DIALOG': return 'dialog';
      case 'UL': case 'OL': case 'MENU': return 'list';
      case 'LI': return 'listitem';
      case 'TABLE': return 'table';
      case 'TR': return 'row';
      case 'TD': return 'cell';
      case 'TH': return 'columnheader';
      case 'SECTION': return el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') ? 'region' : 'generic';
      case 'HEADER': return 'banner';
      case 'FOOTER': return 'contentinfo';
      case 'ASIDE': return 'complementary';
      case 'ARTICLE': return 'article';
      case 'FIELDSET': return 'group';
      case 'SUMMARY': return 'button';
      case 'DETAILS': return 'group';
      case 'LABEL': return 'label';
      case 'SVG': return 'img';
      case 'P': return 'paragraph';
    }
    if (el.isContentEditable && (!el.parentElement || !el.parentElement.isContentEditable)) return 'textbox';
    return 'generic';
  }

  const NAME_FROM_CONTENT = new Set(['button', 'cell', 'checkbox', 'columnheader', 'gridcell', 'heading', 'link',
    'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'radio', 'row', 'rowheader', 'switch', 'tab',
    'tooltip', 'treeitem', 'sectionhead', 'label', 'legend', 'caption', 'term']);

  const INTERACTIVE_ROLES = new Set(['button', 'link', 'checkbox', 'radio', 'textbox', 'searchbox', 'combobox',
    'listbox', 'option', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'tab', 'switch', 'slider',
    'spinbutton', 'treeitem', 'gridcell']);

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
        if (el.labels && el.labels.length) {
          const l = labelText(el, ctx);
          if (l || Array.from(el.labels).every((x) => isHiddenForAccessibility(x))) return l;
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
    const labels = el.labels ? Array.from(el.labels).filter((l) => !isHiddenForAccessibility(l)) : [];
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

  P.accessibleName = (el) => norm(name(el, {}));

  // ------------------------------------------------------------------------------------------------------
  // Candidates for a step (discovery)

  const TEST_ID_ATTRS = ['data-testid', 'data-test', 'data-qa', 'data-cy', 'data-test-id'];
  const INTERACTIVE_TAGS = new Set(['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'SUMMARY', 'LABEL', 'OPTION', 'AREA']);
  const CONTAINER_ROLES = new Set(['dialog', 'alertdialog', 'region', 'form', 'navigation', 'menu', 'menubar',
    'listbox', 'list', 'listitem', 'row', 'group', 'tabpanel', 'banner', 'complementary', 'contentinfo', 'main',
    'search', 'toolbar', 'grid', 'table', 'article', 'tree', 'treegrid', 'tablist']);

  const CONTAINER_TAGS = new Set(['FORM', 'DIALOG', 'NAV', 'ASIDE', 'HEADER', 'FOOTER', 'SECTION', 'FIELDSET',
    'TABLE', 'TR', 'LI', 'UL', 'OL', 'ARTICLE', 'MAIN', 'MENU']);

  function testIdOf(el) {
    for (const a of TEST_ID_ATTRS) {
      const v = el.getAttribute(a);
      if (v) return [a, v];
    }
    return null;
  }

  function isInteresting(el) {
    if (INTERACTIVE_TAGS.has(el.tagName)) return !(el.tagName === 'A' && !el.hasAttribute('href') && !el.hasAttribute('role') && !el.hasAttribute('onclick'));
    if (el.hasAttribute('role') || el.hasAttribute('tabindex') || el.hasAttribute('onclick') || el.isContentEditable) return true;
    if (testIdOf(el) || el.hasAttribute('aria-label')) return true;
    if (el.tagName === 'IMG' || /^H[1-6]$/.test(el.tagName)) return true;
    return false;
  }

  function ownText(el) {
    let s = '';
    for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) s += n.data;
    return norm(s);
  }

  function labelsOf(el) {
    if (!el.labels || !el.labels.length) return '';
    return Array.from(el.labels).map((l) => norm(l.innerText || l.textContent)).join(' ');
  }

  function labelledByText(el) {
    if (!labelledByAttr(el)) return '';
    return byIds(el, labelledByAttr(el)).map((r) => norm(r.innerText || r.textContent)).join(' ');
  }

  function handle(el) {
    let i = P.handles.indexOf(el);
    if (i < 0) {
      P.handles.push(el);
      i = P.handles.length - 1;
    }
    return i;
  }

  function classesOf(el) {
    const c = el.getAttribute('class');
    return c ? c.trim().split(/\s+/).slice(0, 12) : [];
  }

  function innerTextOf(el) {
    const t = el.innerText;
    return norm(t != null ? t : el.textContent).slice(0, 300);
  }

  function haystack(el) {
    // Every name source of el, lower-cased, for the cheap "could this match" test.
    const parts = [];
    const push = (v) => { if (v) parts.push(String(v)); };
    const tid = testIdOf(el);
    if (tid) push(tid[1]);
    push(el.getAttribute('aria-label'));
    push(el.getAttribute('placeholder'));
    push(el.getAttribute('title'));
    push(el.getAttribute('alt'));
    push(el.getAttribute('name'));
    push(el.getAttribute('id'));
    if (el.tagName === 'INPUT') push(el.getAttribute('value'));
    push(labelsOf(el));
    push(labelledByText(el));
    push(el.textContent && el.textContent.length < 2000 ? el.textContent : ownText(el));
    return parts.join(' \u0001 ').toLowerCase();
  }

  function describe(el, order) {
    const tid = testIdOf(el);
    const role = roleOf(el);
    const d = {
      i: handle(el),
      order,
      tag: el.tagName.toLowerCase(),
      role,
      type: el.tagName === 'INPUT' ? (el.getAttribute('type') || 'text').toLowerCase() : '',
      id: el.id || '',
      name_attr: el.getAttribute('name') || '',
      testid_attr: tid ? tid[0] : '',
      testid: tid ? tid[1] : '',
      aria_label: norm(el.getAttribute('aria-label')),
      labelledby: labelledByText(el),
      label: labelsOf(el),
      placeholder: norm(el.getAttribute('placeholder') || el.getAttribute('aria-placeholder')),
      title: norm(el.getAttribute('title')),
      alt: norm(el.getAttribute('alt')),
      value: el.tagName === 'INPUT' && ['button', 'submit', 'reset'].includes((el.type || '').toLowerCase()) ? norm(el.value) : '',
      text: innerTextOf(el),
      own_text: ownText(el).slice(0, 200),
      name: P.accessibleName(el).slice(0, 300),
      href: el.getAttribute('href') || '',
      classes: classesOf(el),
      visible: isVisible(el),
      enabled: !isDisabled(el),
      editable: isEditable(el),
      interactive: INTERACTIVE_TAGS.has(el.tagName) || INTERACTIVE_ROLES.has(role) || el.hasAttribute('onclick') || el.hasAttribute('tabindex'),
      inert: isInert(el),
      in_shadow: !!(el.getRootNode() && el.getRootNode().host),
      in_frame: el.ownerDocument !== document,
      checked: el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio') ? el.checked :
        el.hasAttribute('aria-checked') ? el.getAttribute('aria-checked') === 'true' : null,
    };
    return d;
  }

  // query: {words: [lower-case words], roles: [..] (kind targets), within: [words], context: text, all: bool}
  P.snapshot = (query) => {
    const t0 = performance.now();
    const words = (query.words || []).filter(Boolean);
    const roles = new Set(query.roles || []);
    const modal = topModal();
    const cands = [];
    const containers = [];
    const containerIndex = new Map();
    const withinWords = (query.within || []).filter(Boolean);
    const namedWords = (query.named || []).filter(Boolean);
    const anchors = [];
    const ctxText = query.context ? lower(query.context) : '';
    let order = 0;
    let visited = 0;

    walk(document.documentElement, (el) => {
      visited++;
      const myOrder = order++;
      if (el.tagName === 'svg' || el.tagName === 'SVG') {
        // Inside an <svg>, only the svg itself can be a target.
        if (isInteresting(el)) cands.push([el, myOrder]);
        return false;
      }
      if (namedWords.length) {
        // Kind targets: containers named like the kind ("results") are reported even while still empty.
        const hay = [el.id, el.getAttribute('class'), el.getAttribute('aria-label')].join(' ').toLowerCase();
        if (namedWords.some((w) => hay.includes(w)) && !containerIndex.has(el)) {
          containerIndex.set(el, containers.length);
          containers.push(el);
        }
      }
      if (ctxText && el.childNodes.length) {
        const own = lower(ownText(el));
        if (own && (own === ctxText || own.includes(ctxText))) anchors.push(el);
      }
      let take = false;
      if (roles.size) {
        take = roles.has(roleOf(el));
      }
      if (!take && words.length) {
        const interesting = isInteresting(el);
        if (interesting || ownText(el)) {
          const hay = interesting ? haystack(el) : ownText(el).toLowerCase();
          take = words.some((w) => hay.includes(w));
        }
      }
      if (!take && query.all && isInteresting(el)) take = true;
      if (take) cands.push([el, myOrder]);
    });

    const candSet = new Map();
    cands.forEach(([el], k) => candSet.set(el, k));
    if (withinWords.length || namedWords.length) {
      // Scopes that matter are the containers around candidates: dialogs, regions, forms, rows, items, or any
      // ancestor whose id, class or label mentions the scope.
      for (const [el] of cands) {
        for (let n = parentOf(el); n; n = parentOf(n)) {
          if (containerIndex.has(n) || n === document.documentElement || n.tagName === 'BODY') continue;
          const hay = [n.id, n.getAttribute('class'), n.getAttribute('aria-label')].join(' ').toLowerCase();
          if (CONTAINER_ROLES.has(roleOf(n)) || CONTAINER_TAGS.has(n.tagName) || withinWords.some((w) => hay.includes(w))) {
            containerIndex.set(n, containers.length);
            containers.push(n);
          }
        }
      }
    }
    const out = cands.slice(0, query.max || 300).map(([el, ord]) => {
      const d = describe(el, ord);
      // The nearest ancestor that is also a candidate (a span inside a matching button).
      for (let n = parentOf(el); n; n = parentOf(n)) {
        if (candSet.has(n)) { d.parent = candSet.get(n); break; }
      }
      if (modal && !composedContains(modal, el)) d.outside_modal = true;
      if (containers.length) {
        d.scopes = [];
        for (let n = parentOf(el); n; n = parentOf(n)) if (containerIndex.has(n)) d.scopes.push(containerIndex.get(n));
      }
      if (anchors.length) {
        // Relative targets: how deep the lowest common ancestor with the nearest context text is.
        const mine = [];
        for (let n = el; n; n = parentOf(n)) mine.push(n);
        const mineSet = new Map(mine.map((n, k) => [n, k]));
        let best = null;
        for (const a of anchors) {
          if (a === el || composedContains(el, a)) continue;  // the context inside the target is no help
          for (let n = a, up = 0; n; n = parentOf(n), up++) {
            if (mineSet.has(n)) {
              const depth = mine.length - mineSet.get(n);
              if (!best || depth > best.depth) best = { depth, lca: handle(n), anchor: handle(a) };
              break;
            }
          }
        }
        if (best) d.ctx = best;
      }
      return d;
    });
    const scopes = containers.map((el) => ({
      i: handle(el),
      tag: el.tagName.toLowerCase(),
      role: roleOf(el),
      name: P.accessibleName(el).slice(0, 200),
      id: el.id || '',
      classes: classesOf(el),
      text: innerTextOf(el).slice(0, 200),
      visible: isVisible(el),
      modal: el === modal,
    }));
    return JSON.stringify({
      candidates: out,
      scopes,
      anchors: anchors.length,
      modal: modal ? handle(modal) : -1,
      visited,
      ms: performance.now() - t0,
      url: location.href,
    });
  };

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
    const add = (el) => { if (!out.includes(el)) out.push(el); };
    let m;
    if ((m = part.match(/^role=([a-z]+)(?:\[name=(.+)\])?$/))) {
      const r = m[1], n = m[2] != null ? norm(unquote(m[2])) : null;
      for (const s of scopes) for (const el of descendants(s))
        if (roleOf(el) === r && (n == null || P.accessibleName(el) === n)) add(el);
    } else if ((m = part.match(/^label=(.+)$/))) {
      const n = norm(unquote(m[1]));
      for (const s of scopes) for (const el of descendants(s)) {
        if (!['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && !['textbox', 'combobox', 'searchbox', 'checkbox', 'radio', 'switch', 'listbox', 'spinbutton', 'slider'].includes(roleOf(el))) continue;
        if (P.accessibleName(el) === n) add(el);
      }
    } else if ((m = part.match(/^text=(.+)$/))) {
      const n = lower(unquote(m[1]));
      for (const s of scopes) for (const el of descendants(s)) if (lower(ownText(el)) === n) add(el);
    } else if ((m = part.match(/^nth=(-?\d+)$/))) {
      // The Nth of the current matches in document order (1-based, -1 the last).
      const n = parseInt(m[1], 10);
      const pick = n > 0 ? scopes[n - 1] : scopes[scopes.length + n];
      if (pick) add(pick);
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

  P.resolve = (selector) => {
    let els;
    try { els = resolveAll(selector); } catch (e) { return JSON.stringify({ error: String(e.message || e) }); }
    return JSON.stringify({ count: els.length, handles: els.slice(0, 10).map(handle), visible: els.slice(0, 10).map(isVisible) });
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
    const scoped = (parts) => {
      let d = 0;
      for (let a = el.parentElement; a && d < 10; a = a.parentElement, d++)
        for (const as of ancestorSelectors(a, opts.context))
          for (let k = 0; k < parts.length; k++) if (fits(as + ' >> ' + parts[k])) return [as + ' >> ' + parts[k], k];
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
      const found = alone(candidates) || scoped(candidates);
      if (found) return done(found[0], true, found[1]);
    }
    return done(uniqueIn(el, 'positional').selector, false, -1);
  };

  let GENERATED_CLASS = /\d{3,}/;

  function stableClass(el) {
    return classesOf(el).find((c) => !GENERATED_CLASS.test(c)) || '';
  }

  function ancestorSelectors(a, context) {
    const out = [];
    const tag = a.tagName.toLowerCase();
    const tid = testIdOf(a);
    const hasCtx = context && lower(a.textContent).includes(lower(context));
    if (tid) out.push(`[${tid[0]}=${attrValue(tid[1])}]`);
    if (a.id && !GENERATED_ID.test(a.id)) out.push(`${tag}#${cssEscape(a.id)}`);
    const role = roleOf(a);
    if (['dialog', 'alertdialog', 'region', 'navigation', 'form', 'tabpanel', 'menu', 'listbox', 'group', 'article', 'complementary', 'search', 'toolbar'].includes(role)) {
      const n = P.accessibleName(a);
      if (n) out.push(`role=${role}[name=${attrValue(n)}]`);
    }
    if (hasCtx) {
      const cls = stableClass(a);
      const base = cls ? `${tag}.${cssEscape(cls)}` : (['row', 'listitem', 'article'].includes(role) ? `role=${role}` : '');
      if (base) out.push(`${base} >> has-text=${attrValue(context)}`);
    }
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
      for (const a of ['name', 'title', 'aria-label']) if (el.getAttribute(a)) tries.push(`${tag}[${a}=${attrValue(el.getAttribute(a))}]`);
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

  // ------------------------------------------------------------------------------------------------------
  // Fingerprints (for drift detection and healing)

  P.fingerprint = (i) => {
    const el = P.handles[i];
    if (!el || !el.isConnected) return JSON.stringify({ error: 'detached' });
    const attrs = {};
    for (const a of ['type', 'name', 'placeholder', 'aria-label', 'title', 'alt', 'href', 'value', 'for', ...TEST_ID_ATTRS]) {
      const v = el.getAttribute(a);
      if (v != null && a !== 'value') attrs[a] = v.slice(0, 200);
      else if (v != null && el.tagName !== 'INPUT') attrs[a] = v.slice(0, 200);
    }
    if (el.tagName === 'INPUT' && ['button', 'submit', 'reset'].includes((el.type || '').toLowerCase())) attrs.value = el.value;
    // Neighbouring text: the nearest preceding text outside the element, as a person reads the form.
    let neighbour = '';
    for (let n = el; n && !neighbour; n = parentOf(n)) {
      for (let s = n.previousElementSibling; s && !neighbour; s = s.previousElementSibling) neighbour = norm(s.innerText || s.textContent).slice(-80);
    }
    const path = [];
    for (let n = el; n && n.nodeType === 1 && path.length < 12; n = parentOf(n)) {
      const p = n.parentElement;
      const idx = p ? Array.from(p.children).filter((c) => c.tagName === n.tagName).indexOf(n) + 1 : 1;
      path.unshift(n.tagName.toLowerCase() + (idx > 1 ? `[${idx}]` : ''));
    }
    const r = el.getBoundingClientRect();
    return JSON.stringify({
      tag: el.tagName.toLowerCase(),
      role: roleOf(el),
      name: P.accessibleName(el).slice(0, 200),
      id: el.id || '',
      classes: classesOf(el),
      attributes: attrs,
      text: innerTextOf(el).slice(0, 200),
      label: labelsOf(el).slice(0, 200),
      neighbour_text: neighbour,
      path: path.join('/'),
      box: [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)],
    });
  };

  // ------------------------------------------------------------------------------------------------------
  // Actionability

  function frameOffset(el) {
    let x = 0, y = 0;
    let win = el.ownerDocument.defaultView;
    while (win && win.frameElement) {
      const f = win.frameElement;
      const r = f.getBoundingClientRect();
      x += r.left + f.clientLeft;
      y += r.top + f.clientTop;
      win = f.ownerDocument.defaultView;
    }
    return [x, y];
  }

  function hitTarget(x, y) {
    let doc = document, t = null, ox = 0, oy = 0;
    for (;;) {
      t = doc.elementFromPoint(x - ox, y - oy);
      while (t && t.shadowRoot) {
        const inner = t.shadowRoot.elementFromPoint(x - ox, y - oy);
        if (!inner || inner === t) break;
        t = inner;
      }
      const d = t && frameDocument(t);
      if (!d) return t;
      const r = t.getBoundingClientRect();
      ox += r.left + t.clientLeft;
      oy += r.top + t.clientTop;
      doc = d;
    }
  }

  function describeShort(el) {
    if (!el) return 'nothing';
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    const c = classesOf(el).slice(0, 2);
    if (c.length) s += '.' + c.join('.');
    const t = norm(el.innerText || el.textContent).slice(0, 40);
    if (t) s += ` "${t}"`;
    return s;
  }

  function raf(win) { return new Promise((res) => (win || window).requestAnimationFrame(() => res())); }

  // action: click | hover | fill | type | select | check | press
  P.actionability = async (i, action) => {
    const el = P.handles[i];
    const res = { attached: !!(el && el.isConnected) };
    if (!res.attached) return JSON.stringify(res);
    res.visible = isVisible(el);
    res.enabled = !isDisabled(el);
    res.editable = isEditable(el);
    res.inert = isInert(el);
    if (!res.visible) return JSON.stringify(res);
    // Into view first: the box must be measured where it will be clicked.
    const r0 = el.getBoundingClientRect();
    const win = el.ownerDocument.defaultView;
    if (r0.top < 0 || r0.left < 0 || r0.bottom > win.innerHeight || r0.right > win.innerWidth) {
      el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    }
    // Stable: the same box in two consecutive animation frames.
    await raf(win);
    const a = el.getBoundingClientRect();
    await raf(win);
    const b = el.getBoundingClientRect();
    res.stable = a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
    const [ox, oy] = frameOffset(el);
    // The centre of the element's first line box: a link that wraps over two lines has a bounding box whose
    // centre may fall between its lines, on nothing of the link.
    const rects = Array.from(el.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
    const box = rects.length > 1 ? rects[0] : b;
    const x = ox + box.left + box.width / 2, y = oy + box.top + box.height / 2;
    res.point = [x, y];
    if (action === 'click' || action === 'hover' || action === 'check' || action === 'select') {
      const hit = hitTarget(x, y);
      res.receives_events = !!hit && (hit === el || composedContains(el, hit) ||
        (el.labels && Array.from(el.labels).some((l) => l === hit || composedContains(l, hit))));
      if (!res.receives_events) res.covered_by = describeShort(hit);
    } else {
      res.receives_events = true;
    }
    return JSON.stringify(res);
  };

  // ------------------------------------------------------------------------------------------------------
  // The DOM side of actions

  P.focusForInput = (i, clear) => {
    const el = P.handles[i];
    if (!el || !el.isConnected) return JSON.stringify({ error: 'detached' });
    el.focus();
    if (clear) {
      if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') {
        try { el.select(); } catch (e) { /* types without selection: number, email in some engines */ }
        if (el.selectionStart === undefined || el.selectionStart === null || el.value && el.selectionEnd - el.selectionStart !== el.value.length) {
          el.value = '';
          el.dispatchEvent(new Event('input', { bubbles: true }));
        }
      } else if (el.isContentEditable) {
        const range = el.ownerDocument.createRange();
        range.selectNodeContents(el);
        const sel = el.ownerDocument.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
    } else if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') {
      try { const n = el.value.length; el.setSelectionRange(n, n); } catch (e) { /* no selection API */ }
    }
    const active = (function deepActive(d) {
      let a = d.activeElement;
      while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
      const fd = a && frameDocument(a);
      return fd ? deepActive(fd) : a;
    })(document);
    return JSON.stringify({ focused: active === el });
  };

  P.valueOf = (i) => {
    const el = P.handles[i];
    if (!el || !el.isConnected) return JSON.stringify({ error: 'detached' });
    const v = el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' ? el.value : el.textContent;
    return JSON.stringify({ value: v });
  };

  P.commitInput = (i) => {
    const el = P.handles[i];
    if (el && el.isConnected) el.dispatchEvent(new Event('change', { bubbles: true }));
    return 'true';
  };

  P.selectNative = (i, wanted) => {
    const el = P.handles[i];
    if (!el || el.tagName !== 'SELECT') return JSON.stringify({ error: 'not a select' });
    const opts = Array.from(el.options);
    const w = norm(wanted), wl = w.toLowerCase();
    let pick = opts.find((o) => norm(o.label) === w) || opts.find((o) => o.value === wanted) ||
      opts.find((o) => norm(o.label).toLowerCase() === wl);
    if (!pick) return JSON.stringify({ error: 'no option', options: opts.map((o) => norm(o.label)).slice(0, 30) });
    if (pick.disabled) return JSON.stringify({ error: 'the option is disabled', options: [] });
    el.focus();
    pick.selected = true;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return JSON.stringify({ chosen: norm(pick.label), value: el.value });
  };

  // Options of an open listbox for a combobox: the one it controls, else the visible listboxes.
  P.listboxOptions = (i) => {
    const el = i >= 0 ? P.handles[i] : null;
    let boxes = [];
    if (el) {
      for (const attr of ['aria-controls', 'aria-owns']) boxes.push(...byIds(el, attr));
      const inner = el.querySelector && el.querySelector('[role=listbox]');
      if (inner) boxes.push(inner);
    }
    boxes = boxes.filter((b) => isVisible(b));
    if (!boxes.length) {
      walk(document.documentElement, (n) => { if (roleOf(n) === 'listbox' && n.tagName !== 'SELECT' && isVisible(n)) boxes.push(n); });
    }
    const options = [];
    for (const b of boxes) walk(b, (n) => {
      if (roleOf(n) === 'option' && isVisible(n)) options.push({ i: handle(n), name: P.accessibleName(n), text: innerTextOf(n), selected: n.getAttribute('aria-selected') === 'true' });
    });
    return JSON.stringify({ listboxes: boxes.length, options });
  };

  P.basics = (i) => {
    const el = P.handles[i];
    if (!el || !el.isConnected) return JSON.stringify({ error: 'detached' });
    return JSON.stringify({ tag: el.tagName.toLowerCase(), role: roleOf(el), type: el.tagName === 'INPUT' ? (el.getAttribute('type') || 'text').toLowerCase() : '',
      editable: isEditable(el), visible: isVisible(el), name: P.accessibleName(el).slice(0, 200) });
  };

  P.state = (i) => {
    const el = P.handles[i];
    if (!el || !el.isConnected) return JSON.stringify({ error: 'detached' });
    const checked = el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio') ? el.checked :
      el.hasAttribute('aria-checked') ? el.getAttribute('aria-checked') === 'true' : null;
    return JSON.stringify({ checked, expanded: el.getAttribute('aria-expanded'), name: P.accessibleName(el), text: innerTextOf(el), value: el.value != null ? String(el.value) : null });
  };

  // ------------------------------------------------------------------------------------------------------
  // Page text and waiting for conditions (assertions, "Wait for ...")

  function visibleText() {
    const parts = [];
    const addRoot = (doc) => { if (doc.body) parts.push(doc.body.innerText || ''); };
    addRoot(document);
    walk(document.documentElement, (el) => {
      if (el.shadowRoot) for (const c of el.shadowRoot.children) if (isVisible(c)) parts.push(c.innerText || '');
      const d = frameDocument(el);
      if (d && isVisible(el)) addRoot(d);
    });
    return norm(parts.join('\n'));
  }

  function matchesCondition(cond) {
    if (cond.type === 'text_visible') return lower(visibleText()).includes(lower(cond.value));
    if (cond.type === 'text_hidden') return !lower(visibleText()).includes(lower(cond.value));
    if (cond.type === 'title_contains') return lower(document.title).includes(lower(cond.value));
    if (cond.type === 'url_contains') return decodeURIComponent(location.href).includes(cond.value) || location.href.includes(cond.value);
    return false;
  }

  // Resolves true as soon as the condition holds, false at the timeout; re-checks on every DOM change.
  P.waitFor = (cond, timeout) => new Promise((resolve) => {
    if (matchesCondition(cond)) return resolve(true);
    let done = false;
    const finish = (v) => { if (!done) { done = true; obs.disconnect(); clearInterval(tick); resolve(v); } };
    const obs = new MutationObserver(() => { if (matchesCondition(cond)) finish(true); });
    obs.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    // Shadow trees and frames do not notify the document observer: look again now and then.
    const tick = setInterval(() => { if (matchesCondition(cond)) finish(true); }, 100);
    setTimeout(() => finish(matchesCondition(cond)), timeout);
  });

  P.pageTextSample = () => visibleText().slice(0, 500);

  window.__pacts = P;
})();
