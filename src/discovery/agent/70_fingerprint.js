  // ------------------------------------------------------------------------------------------------------
  // Fingerprints (for drift detection and healing)

  P.fingerprint = (i) => {
    const el = P.handles[i];
    if (!el || !el.isConnected) return JSON.stringify({ error: 'detached' });
    return JSON.stringify(P.fingerprintOf(el));
  };

  P.fingerprintOf = (el) => {
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
    return {
      tag: el.tagName.toLowerCase(),
      role: controlRole(el),
      name: controlName(el).slice(0, 200),
      id: el.id || '',
      classes: classesOf(el),
      attributes: attrs,
      text: innerTextOf(el).slice(0, 200),
      label: labelsOf(el).slice(0, 200),
      neighbour_text: neighbour,
      path: path.join('/'),
      box: [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)],
    };
  };
