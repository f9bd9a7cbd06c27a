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
    return !!(el.shadowRoot && ownControl(el));
  }

  function ownText(el) {
    let s = '';
    for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) s += n.data;
    return norm(s);
  }

  function labelsOf(el) {
    return labelsFor(el).map((l) => norm(flatText(l, 300))).join(' ');
  }

  function labelledByText(el) {
    if (!labelledByAttr(el)) return '';
    return byIds(el, labelledByAttr(el)).map((r) => norm(flatText(r, 300))).join(' ');
  }

  // Handles are indexes into P.handles; the map finds an element's index in constant time.
  const handleOf = new Map();
  function handle(el) {
    let i = handleOf.get(el);
    if (i === undefined) {
      P.handles.push(el);
      i = P.handles.length - 1;
      handleOf.set(el, i);
    }
    return i;
  }

  function classesOf(el) {
    const c = el.getAttribute('class');
    return c ? c.trim().split(/\s+/).slice(0, 12) : [];
  }

  function innerTextOf(el) {
    return norm(flatText(el, 1000)).slice(0, 300);
  }

  // The words inside el for the cheap filter: its DOM text, or its rendered text in a shadow tree.
  function contentText(el) {
    if (inShadowWorld(el)) return flatText(el, 2000);
    const t = el.textContent;
    return t && t.length < 2000 ? t : ownText(el);
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
    push(el.getAttribute('label'));
    const own = el.shadowRoot && !el.hasAttribute('role') ? ownControl(el) : null;
    if (own) push(accessibleName(own));
    if (el.tagName === 'INPUT') push(el.getAttribute('value'));
    // Quick texts: the filter needs the words, not the rendering (describe() reads the rendered texts).
    for (const l of labelsFor(el)) push(contentText(l));
    if (labelledByAttr(el)) for (const r of byIds(el, labelledByAttr(el))) push(contentText(r));
    push(contentText(el));
    if (mayBeUnnamedControl(el)) {
      const c = contextNamesOf(el);
      push(c.label);
      push(c.row);
      push(c.column);
    }
    return parts.join(' \u0001 ').toLowerCase();
  }

  // ------------------------------------------------------------------------------------------------------
  // Names from context: a control with no name of its own is named, for discovery only (and with less trust
  // than a real name), by its surroundings: the nearest label-like text before it in its field, the first
  // cell (or header) of its table row, its column's header.

  const FIELD_CONTROL_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'listbox', 'spinbutton', 'slider',
    'checkbox', 'switch', 'radio']);

  // Cheap: no label, aria-label(ledby), title or placeholder, on a form control (the name then, if any,
  // would come from content, which a field does not have).
  function mayBeUnnamedControl(el) {
    const t = el.tagName;
    const control = t === 'SELECT' || t === 'TEXTAREA' || (t === 'INPUT' && !['hidden', 'button', 'submit', 'reset', 'image'].includes((el.type || '').toLowerCase())) ||
      FIELD_CONTROL_ROLES.has((el.getAttribute('role') || '').trim());
    if (!control) return false;
    if (el.hasAttribute('aria-label') || labelledByAttr(el) || el.hasAttribute('title') || el.hasAttribute('placeholder')) return false;
    return labelsFor(el).length === 0;
  }

  function firstLine(text) {
    for (const line of String(text).split('\n')) {
      const l = norm(line);
      if (l) return l;
    }
    return '';
  }

  function closestFlat(el, test, levels) {
    for (let n = parentOf(el), k = 0; n && k < levels; n = parentOf(n), k++) if (test(n)) return n;
    return null;
  }

  const isCell = (n) => n.tagName === 'TD' || n.tagName === 'TH' || ['cell', 'gridcell', 'columnheader', 'rowheader'].includes(n.getAttribute && n.getAttribute('role'));
  const isRow = (n) => n.tagName === 'TR' || (n.getAttribute && n.getAttribute('role') === 'row');
  const isFieldBoundary = (n) => ['FORM', 'FIELDSET', 'SECTION', 'DIALOG', 'BODY', 'TR', 'TABLE', 'UL', 'OL'].includes(n.tagName) ||
    ['dialog', 'row', 'form', 'group', 'region', 'list'].includes(n.getAttribute && n.getAttribute('role'));

  function cellsOf(row) {
    return Array.from(row.children).filter(isCell);
  }

  // The label-like text just before el in its field: a preceding sibling (of el or of an ancestor, three levels
  // up at most, not past a form, row or dialog) whose text is short, and that is not itself a control.
  function precedingLabel(el) {
    let n = el;
    for (let level = 0; level < 3 && n; level++) {
      for (let s = n.previousElementSibling; s; s = s.previousElementSibling) {
        if (!isVisible(s) || ['SELECT', 'INPUT', 'TEXTAREA', 'BUTTON'].includes(s.tagName)) continue;
        const t = norm(flatText(s, 200));
        if (t && t.length <= 60) return t;
        if (t) return '';  // a block of prose is not a label
      }
      const p = parentOf(n);
      if (!p || isFieldBoundary(p)) break;
      n = p;
    }
    return '';
  }

  function contextNamesOf(el) {
    const out = { label: precedingLabel(el), row: '', column: '' };
    const cell = closestFlat(el, isCell, 5);
    const row = cell && closestFlat(cell, isRow, 3);
    if (!row) return out;
    const cells = cellsOf(row);
    const index = cells.indexOf(cell);
    const header = cells.find((c) => c.tagName === 'TH' || c.getAttribute('role') === 'rowheader');
    if (header && header !== cell) out.row = firstLine(flatText(header, 200));
    else if (index > 0) out.row = firstLine(flatText(cells[0], 200));
    const table = closestFlat(row, (n) => n.tagName === 'TABLE' || ['table', 'grid', 'treegrid'].includes(n.getAttribute('role')), 4);
    const headerRow = table && table.querySelector('thead tr, [role=row]:has([role=columnheader])');
    if (headerRow && headerRow !== row && index >= 0) {
      const h = cellsOf(headerRow)[index];
      if (h) out.column = firstLine(flatText(h, 200));
    }
    return out;
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
      name: accessibleName(el).slice(0, 300),
      href: el.getAttribute('href') || '',
      haspopup: (el.getAttribute('aria-haspopup') || '').toLowerCase(),
      classes: classesOf(el),
      visible: isVisible(el),
      enabled: !isDisabled(el),
      editable: isEditable(el),
      interactive: INTERACTIVE_TAGS.has(el.tagName) || INTERACTIVE_ROLES.has(role) || el.hasAttribute('onclick') || el.hasAttribute('tabindex'),
      inert: isInert(el),
      in_shadow: !!(el.getRootNode() && el.getRootNode().host),
      in_frame: el.ownerDocument !== document,
      checked: checkedState(el),
    };
    const own = !el.hasAttribute('role') ? ownControl(el) : null;
    if (own) {
      // The custom element stands for its one control.
      const ownRole = roleOf(own);
      d.role = ownRole;
      d.proxy_of = handle(own);
      d.interactive = true;
      d.type = own.tagName === 'INPUT' ? (own.getAttribute('type') || 'text').toLowerCase() : '';
      d.haspopup = d.haspopup || (own.getAttribute('aria-haspopup') || '').toLowerCase();
      d.enabled = d.enabled && !isDisabled(own);
      if (!d.name) d.name = controlName(el).slice(0, 300);
      if (!d.label) d.label = labelsOf(own);
    }
    if (!d.name && mayBeUnnamedControl(el)) {
      const c = contextNamesOf(el);
      d.context_label = c.label;
      d.row_header = c.row;
      d.column_header = c.column;
    }
    return d;
  }

  // One pass over the page: the candidates that could match the query (a cheap test of their name sources),
  // the containers named like a kind target's kind, and the elements holding the context text.
  // One pass over the page: the candidates that could match the query, the containers named like a kind
  // target's kind, and the elements holding the context text. The cheap test in the page: an element is a
  // candidate when every word of the target is in one of its name sources (or the words run together, as in
  // "add-to-cart"). An element with only some of the words can match only as a typo, which never leads a match
  // of every word: those are kept only when no element has every word. No count limits the candidates.
  function collect(query, st) {
    const words = (query.words || []).filter(Boolean);
    const compact = query.compact || '';
    const roles = new Set(query.roles || []);
    const partial = [];
    let order = 0;
    walk(document.documentElement, (el) => {
      st.visited++;
      const myOrder = order++;
      if (isModalCandidate(el)) st.modals.push(el);
      if (el.tagName === 'svg' || el.tagName === 'SVG') {
        // Inside an <svg>, only the svg itself can be a target.
        if (isInteresting(el)) st.cands.push([el, myOrder]);
        return false;
      }
      if (st.namedWords.length) {
        // Kind targets: containers named like the kind ("results") are reported even while still empty.
        const hay = [el.id, el.getAttribute('class'), el.getAttribute('aria-label')].join(' ').toLowerCase();
        if (st.namedWords.some((w) => hay.includes(w))) addContainer(st, el);
      }
      if (st.context && el.childNodes.length) noteAnchor(st, el);
      if ((roles.size && roles.has(roleOf(el))) || (query.all && isInteresting(el))) {
        st.cands.push([el, myOrder]);
        return;
      }
      if (!words.length) return;
      const interesting = isInteresting(el);
      const own = interesting ? '' : ownText(el);
      if (!interesting && !own) return;
      const hay = interesting ? haystack(el) : own.toLowerCase();
      if (words.every((w) => hay.includes(w)) || (compact && hay.includes(compact))) st.cands.push([el, myOrder]);
      else if (words.some((w) => hay.includes(w))) partial.push([el, myOrder]);
    });
    if (!st.cands.length) st.cands = partial;
  }

  // Context anchors: elements whose own text is the context ("for "Ann Lee""). Only the best kind found
  // counts: the exact text beats the text as whole words at the start ("Ann Lee (admin)"), which beats whole
  // words elsewhere, which beats a substring ("Ann Lee-Smith" is none of the first three). Hidden elements and
  // rows leaving the page do not count.
  const stripMarks = (t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  function anchorQuality(own, ctx) {
    if (own === ctx || stripMarks(own) === stripMarks(ctx)) return 4;
    const at = own.indexOf(ctx);
    if (at < 0) return 0;
    const wordChar = (c) => c !== undefined && /[\p{L}\p{N}\-']/u.test(c);
    const whole = !wordChar(own[at - 1]) && !wordChar(own[at + ctx.length]);
    if (whole && at === 0) return 3;
    if (whole) return 2;
    return 1;
  }

  function noteAnchor(st, el) {
    const own = lower(ownText(el));
    if (!own) return;
    const q = anchorQuality(own, st.context);
    if (!q || q < st.anchorQuality) return;
    if (!isVisible(el) || isHiddenForAccessibility(el)) return;
    if (q > st.anchorQuality) {
      st.anchors = [];
      st.anchorQuality = q;
    }
    st.anchors.push(el);
  }

  function addContainer(st, el) {
    if (st.containerIndex.has(el)) return;
    st.containerIndex.set(el, st.containers.length);
    st.containers.push(el);
  }

  // Scopes that matter are the containers around candidates: dialogs, regions, forms, rows, items, or any
  // ancestor whose id, class or label mentions the scope.
  function addScopesAround(st, withinWords) {
    for (const [el] of st.cands) {
      for (let n = parentOf(el); n; n = parentOf(n)) {
        if (st.containerIndex.has(n) || n === document.documentElement || n.tagName === 'BODY') continue;
        const hay = [n.id, n.getAttribute('class'), n.getAttribute('aria-label')].join(' ').toLowerCase();
        if (CONTAINER_ROLES.has(roleOf(n)) || CONTAINER_TAGS.has(n.tagName) || withinWords.some((w) => hay.includes(w)))
          addContainer(st, n);
      }
    }
  }

  // Relative targets: how deep the lowest common ancestor of el and the nearest context text is.
  function contextOf(el, anchors) {
    const mine = [];
    for (let n = el; n; n = parentOf(n)) mine.push(n);
    const mineSet = new Map(mine.map((n, k) => [n, k]));
    let best = null;
    for (const a of anchors) {
      if (a === el || composedContains(el, a)) continue;  // the context inside the target is no help
      for (let n = a; n; n = parentOf(n)) {
        if (!mineSet.has(n)) continue;
        const depth = mine.length - mineSet.get(n);
        if (!best || depth > best.depth) best = { depth, lca: handle(n), anchor: handle(a) };
        break;
      }
    }
    return best;
  }

  // Empty texts, false flags and absent values are left out of what goes back to C++ (it reads them as such):
  // on a long list the snapshot is half as big.
  function compact(d) {
    for (const k of Object.keys(d)) {
      const v = d[k];
      if (k === 'checked' && v === false) continue;  // unchecked is not "not a checkbox"
      if (v === '' || v === false || v === null || v === undefined || (Array.isArray(v) && !v.length)) delete d[k];
    }
    return d;
  }

  // A candidate with its relations: the nearest candidate ancestor, the modal, its scopes, its context.
  function describeCandidate(el, ord, st, candSet) {
    const d = describe(el, ord);
    for (let n = parentOf(el); n; n = parentOf(n)) {
      if (candSet.has(n)) { d.parent = candSet.get(n); break; }
    }
    if (st.modal && !composedContains(st.modal, el)) d.outside_modal = true;
    if (st.containers.length) {
      d.scopes = [];
      for (let n = parentOf(el); n; n = parentOf(n)) if (st.containerIndex.has(n)) d.scopes.push(st.containerIndex.get(n));
    }
    if (st.anchors.length) {
      const ctx = contextOf(el, st.anchors);
      if (ctx) d.ctx = ctx;
    }
    return compact(d);
  }

  function describeScope(el, modal) {
    return {
      i: handle(el),
      tag: el.tagName.toLowerCase(),
      role: roleOf(el),
      name: accessibleName(el).slice(0, 200),
      id: el.id || '',
      classes: classesOf(el),
      text: innerTextOf(el).slice(0, 200),
      visible: isVisible(el),
      modal: el === modal,
    };
  }

  // query: {words: [lower-case words], compact: the words run together, roles: [..] (kind targets),
  // within: [words], named: [words], context: text, all: bool}
  P.snapshot = (query) => {
    const t0 = performance.now();
    const st = {
      modal: null, modals: [], cands: [], containers: [], containerIndex: new Map(), anchors: [], anchorQuality: 0,
      visited: 0, namedWords: (query.named || []).filter(Boolean), context: query.context ? lower(query.context) : '',
    };
    collect(query, st);
    st.modal = topModalOf(st.modals);
    // A scope given as a selector ("within "#main""): the elements it matches are the scopes.
    st.selected = new Set();
    if (query.within_selector) {
      for (const el of resolveAll(query.within_selector)) {
        st.selected.add(el);
        addContainer(st, el);
      }
    }
    const withinWords = (query.within || []).filter(Boolean);
    if (withinWords.length || st.namedWords.length) addScopesAround(st, withinWords);
    const candSet = new Map();
    st.cands.forEach(([el], k) => candSet.set(el, k));
    const out = st.cands.map(([el, ord]) => describeCandidate(el, ord, st, candSet));
    return JSON.stringify({
      candidates: out,
      scopes: st.containers.map((el) => Object.assign(describeScope(el, st.modal), st.selected.has(el) ? { selected: true } : {})),
      anchors: st.anchors.length,
      modal: st.modal ? handle(st.modal) : -1,
      visited: st.visited,
      ms: performance.now() - t0,
      url: location.href,
    });
  };
