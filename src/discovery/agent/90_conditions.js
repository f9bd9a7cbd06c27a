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
    if (cond.type === 'text_matches' || cond.type === 'text_not_matches') {
      // The page's visible text, its spaces collapsed, as Mink and Capybara match it.
      const found = new RegExp(cond.value).test(visibleText());
      return cond.type === 'text_matches' ? found : !found;
    }
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

  // An element's visible text (a scope of a text check), and whether it is shown at all.
  P.visibleTextOf = (i) => {
    const el = P.handles[i];
    if (!el || !el.isConnected) return JSON.stringify({ error: 'detached' });
    const text = el.innerText !== undefined && !inShadowWorld(el) ? el.innerText : flatText(el, 20000);
    return JSON.stringify({ text: norm(text).slice(0, 20000), visible: isVisible(el) });
  };

  // Containers a scope could name: landmarks, regions, forms, dialogs, lists, rows, and any element whose id,
  // class, label or name has one of the words ("in the "page-footer" region", "in the "Order summary" section").
  P.scopesNamed = (words) => {
    const out = [];
    const ws = (words || []).filter(Boolean);
    walk(document.documentElement, (el) => {
      if (el.tagName === 'BODY' || el.tagName === 'HTML') return;
      const container = CONTAINER_ROLES.has(roleOf(el)) || CONTAINER_TAGS.has(el.tagName);
      const attrs = [el.id, el.getAttribute('class'), el.getAttribute('aria-label')].join(' ').toLowerCase();
      const named = container || el.hasAttribute('aria-labelledby') ? lower(accessibleName(el)) : '';
      if (ws.some((w) => attrs.includes(w) || named.includes(w))) out.push(describeScope(el, null));
    });
    return JSON.stringify({ scopes: out.slice(0, 200) });
  };
