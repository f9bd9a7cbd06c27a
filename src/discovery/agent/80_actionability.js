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
        // A point on slotted text reports the host at every level; the topmost element of the shadow tree
        // under the point is what a person sees there.
        let inner = t.shadowRoot.elementFromPoint(x - ox, y - oy);
        if (!inner || inner === t) inner = t.shadowRoot.elementsFromPoint(x - ox, y - oy).find((e) => e !== t && t.shadowRoot.contains(e));
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

  // Controls that take a click for themselves: a click that lands on one of them inside the element is that
  // control's click, not the element's.
  const CONTROL_TAGS = new Set(['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'SUMMARY']);
  const CONTROL_ROLES = new Set(['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem', 'menuitemcheckbox',
    'menuitemradio', 'option', 'combobox', 'textbox', 'searchbox', 'slider', 'spinbutton', 'treeitem']);
  function isControl(n) {
    return CONTROL_TAGS.has(n.tagName) || CONTROL_ROLES.has((n.getAttribute('role') || '').trim());
  }

  // A control inside another one that takes a click for itself: a native control, or a role a keyboard can
  // reach (a role alone, with no tabindex, is a display: a combobox's rendered value). A combobox's own text
  // field is the combobox.
  function takesItsOwnClick(n, inCombobox) {
    if (!isControl(n)) return false;
    if (inCombobox && (n.tagName === 'INPUT' || n.tagName === 'TEXTAREA' || ['textbox', 'searchbox'].includes(n.getAttribute('role')))) return false;
    return CONTROL_TAGS.has(n.tagName) || n.hasAttribute('tabindex');
  }

  // Whether n is part of el's own rendering: inside el's shadow tree (a custom element's insides are the
  // element).
  function inOwnShadow(el, n) {
    for (let root = n.getRootNode(); root && root.host; root = root.host.getRootNode()) if (root.host === el) return true;
    return false;
  }

  // What takes a pointer event aimed at el that lands on `hit`: null when el does (hit is el, one of its
  // labels, or inside it with no other control on the way), else the element that takes it instead.
  function hitTaker(el, hit) {
    if (!hit) return document.documentElement;
    if (labelsFor(el).some((l) => l === hit || composedContains(l, hit))) return null;
    const combobox = roleOf(el) === 'combobox' || (ownControl(el) && roleOf(ownControl(el)) === 'combobox');
    for (let n = hit; n; n = parentOf(n)) {
      if (n === el) return null;
      if (n.nodeType === 1 && takesItsOwnClick(n, combobox) && !inOwnShadow(el, n) && !labelsFor(el).includes(n)) {
        // Another control inside el (a button in a clickable row) takes the click, unless el stands for it.
        return composedContains(el, n) ? n : hit;
      }
    }
    return hit;
  }

  // The identity guarantee at the moment of the click (Playwright's hit-target check): armed just before
  // PACTS dispatches the mouse events, it looks at the first pointer event's real target. If it is not the
  // element (or a part of it), that event and the rest of the gesture are stopped before the page sees them,
  // and hitCheckResult() says what was hit instead; the runner then looks at the page again.
  let hitCheck = null;
  const GESTURE = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick', 'auxclick', 'contextmenu'];

  function disarmHitCheck() {
    if (!hitCheck) return;
    for (const [w, type] of hitCheck.listeners) w.removeEventListener(type, hitCheck.on, true);
    hitCheck = null;
  }

  P.armHitCheck = (i) => {
    disarmHitCheck();
    const el = P.handles[i];
    if (!el || !el.isConnected) return 'false';
    const state = { result: null, listeners: [] };
    state.on = (e) => {
      if (state.result === null) {
        const t = e.composedPath ? e.composedPath()[0] : e.target;
        const taker = t && t.nodeType === 1 ? hitTaker(el, t) : null;
        state.result = taker === null ? '' : describeShort(taker);
      }
      if (state.result) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    for (let w = el.ownerDocument.defaultView; w; w = w.frameElement ? w.frameElement.ownerDocument.defaultView : null) {
      for (const type of GESTURE) {
        w.addEventListener(type, state.on, true);
        state.listeners.push([w, type]);
      }
      if (!w.frameElement) break;
    }
    hitCheck = state;
    return 'true';
  };

  // {seen: whether a pointer event arrived, intercepted: what took it instead of the element ("" if nothing)},
  // answered after one task of the page's, so that what the click's handlers queued (a fetch, a navigation)
  // has started and the browser's events saying so arrive before the answer (the runner's settle needs them).
  // also: what the caller would read next, read after that task in the same call ({options: i}: the choices of
  // the list control i opened, as listboxOptions; {state: i}: control i's state, as state).
  P.hitCheckResult = async (also) => {
    await new Promise((r) => setTimeout(r, 0));
    const r = hitCheck ? hitCheck.result : null;
    disarmHitCheck();
    const res = { seen: r !== null, intercepted: r || '' };
    if (also && !res.intercepted) {
      if (also.options !== undefined) res.options = JSON.parse(P.listboxOptions(also.options)).options;
      if (also.state !== undefined) res.state = JSON.parse(P.state(also.state));
    }
    return JSON.stringify(res);
  };

  function raf(win) { return new Promise((res) => (win || window).requestAnimationFrame(() => res())); }

  // action: click | hover | fill | type | press | select | check | uncheck (Interaction's names). still: whether
  // the interaction needs the element still (a pointer lands on it) and the hit test at its point; a key or a
  // value does not, and is not made to wait for animation frames.
  // prep: what to do in this same call when the element is ready for the interaction, saving a round trip:
  // {arm: arm the hit check for the click that follows (armHitCheck); focus: 'clear' | 'keep', give it the
  // keyboard focus as focusForInput does; notePopups: with arm, remember the popups open before the click, as
  // notePopups does; enabled, editable: whether the interaction needs them}. Ready is what
  // the runner checks too: visible, not inert, still and hit when `still`, enabled and editable as asked.
  // res.prepared says it was done (res.focused: whether the focus is on it afterwards); otherwise nothing is.
  P.actionability = async (i, action, still, prep) => {
    prep = prep || {};
    if (prep.arm) disarmHitCheck();
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
    // Stable: the same box over an animation frame. With no CSS animation, transition or Web Animation in the
    // document, the box now (measuring forces a layout) and at the next frame's callback: a script animating from
    // its own frame callback registered it before ours, so it moves the element between the two. Otherwise, as
    // Playwright does, the boxes of two frame callbacks: an animation that has just been created starts its clock
    // only after the next frame, and would still be at its start at the first callback.
    let b = el.getBoundingClientRect();
    res.stable = true;
    if (still) {
      const doc = el.ownerDocument;
      const animated = typeof doc.getAnimations === 'function' && doc.getAnimations().length > 0;
      let a = b;
      await raf(win);
      if (animated) {
        a = el.getBoundingClientRect();
        await raf(win);
      }
      b = el.getBoundingClientRect();
      res.stable = a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
    }
    const [ox, oy] = frameOffset(el);
    // The centre of the element's first line box: a link that wraps over two lines has a bounding box whose
    // centre may fall between its lines, on nothing of the link.
    const rects = Array.from(el.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
    const box = rects.length > 1 ? rects[0] : b;
    const x = ox + box.left + box.width / 2, y = oy + box.top + box.height / 2;
    res.point = [x, y];
    if (still) {
      const hit = hitTarget(x, y);
      const taker = hitTaker(el, hit);
      res.receives_events = taker === null;
      if (!res.receives_events) res.covered_by = describeShort(taker);
    } else {
      res.receives_events = true;
    }
    const ready = res.stable && res.receives_events && !res.inert && (!prep.enabled || res.enabled) &&
      (!prep.editable || res.editable);
    if (ready && prep.arm) {
      if (prep.notePopups) notePopupsOpenNow();
      res.prepared = P.armHitCheck(i) === 'true';
    } else if (ready && prep.focus) {
      res.prepared = true;
      res.focused = JSON.parse(P.focusForInput(i, prep.focus === 'clear')).focused === true;
    }
    return JSON.stringify(res);
  };
