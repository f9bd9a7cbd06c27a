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

  // action: click | hover | fill | type | press | select | check | uncheck (Interaction's names)
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
    if (action === 'click' || action === 'hover' || action === 'check' || action === 'uncheck' || action === 'select') {
      const hit = hitTarget(x, y);
      res.receives_events = !!hit && (hit === el || composedContains(el, hit) ||
        (el.labels && Array.from(el.labels).some((l) => l === hit || composedContains(l, hit))));
      if (!res.receives_events) res.covered_by = describeShort(hit);
    } else {
      res.receives_events = true;
    }
    return JSON.stringify(res);
  };
