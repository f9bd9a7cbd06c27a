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
