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
