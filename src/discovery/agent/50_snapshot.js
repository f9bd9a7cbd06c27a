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

  // One pass over the page: the candidates that could match the query (a cheap test of their name sources),
  // the containers named like a kind target's kind, and the elements holding the context text.
  function collect(query, st) {
    const words = (query.words || []).filter(Boolean);
    const roles = new Set(query.roles || []);
    const ctxText = query.context ? lower(query.context) : '';
    let order = 0;
    walk(document.documentElement, (el) => {
      st.visited++;
      const myOrder = order++;
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
      if (ctxText && el.childNodes.length) {
        const own = lower(ownText(el));
        if (own && (own === ctxText || own.includes(ctxText))) st.anchors.push(el);
      }
      let take = roles.size > 0 && roles.has(roleOf(el));
      if (!take && words.length) {
        const interesting = isInteresting(el);
        if (interesting || ownText(el)) {
          const hay = interesting ? haystack(el) : ownText(el).toLowerCase();
          take = words.some((w) => hay.includes(w));
        }
      }
      if (!take && query.all && isInteresting(el)) take = true;
      if (take) st.cands.push([el, myOrder]);
    });
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
    return d;
  }

  function describeScope(el, modal) {
    return {
      i: handle(el),
      tag: el.tagName.toLowerCase(),
      role: roleOf(el),
      name: P.accessibleName(el).slice(0, 200),
      id: el.id || '',
      classes: classesOf(el),
      text: innerTextOf(el).slice(0, 200),
      visible: isVisible(el),
      modal: el === modal,
    };
  }

  // query: {words: [lower-case words], roles: [..] (kind targets), within: [words], named: [words],
  // context: text, all: bool, max: n}
  P.snapshot = (query) => {
    const t0 = performance.now();
    const st = {
      modal: topModal(), cands: [], containers: [], containerIndex: new Map(), anchors: [], visited: 0,
      namedWords: (query.named || []).filter(Boolean),
    };
    collect(query, st);
    const withinWords = (query.within || []).filter(Boolean);
    if (withinWords.length || st.namedWords.length) addScopesAround(st, withinWords);
    const candSet = new Map();
    st.cands.forEach(([el], k) => candSet.set(el, k));
    const out = st.cands.slice(0, query.max || 300).map(([el, ord]) => describeCandidate(el, ord, st, candSet));
    return JSON.stringify({
      candidates: out,
      scopes: st.containers.map((el) => describeScope(el, st.modal)),
      anchors: st.anchors.length,
      modal: st.modal ? handle(st.modal) : -1,
      visited: st.visited,
      ms: performance.now() - t0,
      url: location.href,
    });
  };
