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
