  // ------------------------------------------------------------------------------------------------------
  // The DOM side of actions

  // The element that takes the keyboard and holds the value: a custom element's own control, or itself.
  function editTarget(el) { return ownControl(el) || el; }

  P.focusForInput = (i, clear) => {
    const host = P.handles[i];
    if (!host || !host.isConnected) return JSON.stringify({ error: 'detached' });
    const el = editTarget(host);
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
    return JSON.stringify({ focused: active === el || active === host });
  };

  P.valueOf = (i) => {
    const el = P.handles[i] && editTarget(P.handles[i]);
    if (!el || !el.isConnected) return JSON.stringify({ error: 'detached' });
    const v = el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' ? el.value : el.textContent;
    return JSON.stringify({ value: v });
  };

  // Fires change, as a person leaving the field would, lets the page run one task (what its handlers queued
  // starts, and a component that re-renders the field a task later has done so) and answers the value the
  // field holds then: one round trip for all three.
  P.commitInput = async (i) => {
    const el = P.handles[i] && editTarget(P.handles[i]);
    if (!el || !el.isConnected) return JSON.stringify({ error: 'detached' });
    el.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    return P.valueOf(i);
  };

  // Chooses the option and fires input and change, as a person choosing it would; answers after one task of the
  // page's (what the handlers queued has started: Page::note_task_turn).
  P.selectNative = async (i, wanted, keepOthers) => {
    const el = P.handles[i];
    if (!el || el.tagName !== 'SELECT') return JSON.stringify({ error: 'not a select' });
    if (keepOthers && !el.multiple) return JSON.stringify({ single: true });
    const opts = Array.from(el.options);
    const w = norm(wanted), wl = w.toLowerCase();
    let pick = opts.find((o) => norm(o.label) === w) || opts.find((o) => o.value === wanted) ||
      opts.find((o) => norm(o.label).toLowerCase() === wl);
    if (!pick) return JSON.stringify({ error: 'no option', options: opts.map((o) => norm(o.label)).slice(0, 30) });
    if (pick.disabled) return JSON.stringify({ error: 'the option is disabled', options: [] });
    el.focus();
    if (el.multiple && !keepOthers) for (const o of opts) o.selected = false;
    pick.selected = true;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    return JSON.stringify({ chosen: norm(pick.label), value: el.value });
  };

  // Lists of choices: listboxes, menus, radio groups, trees; and the popups they open in (dialogs, popovers).
  const LIST_ROLES = new Set(['listbox', 'menu', 'radiogroup', 'tree', 'grid']);
  const CHOICE_ROLES = new Set(['option', 'menuitem', 'menuitemradio', 'menuitemcheckbox', 'radio', 'treeitem']);
  const POPUP_ROLES = new Set(['listbox', 'menu', 'radiogroup', 'tree', 'grid', 'dialog', 'alertdialog']);

  function visiblePopups() {
    const out = [];
    walk(document.documentElement, (n) => {
      if ((POPUP_ROLES.has(roleOf(n)) && n.tagName !== 'SELECT') || (n.matches && safeMatches(n, ':popover-open'))) {
        if (isVisible(n)) out.push(n);
      }
    });
    return out;
  }

  // Before a click that opens a list: what is already open, so that the list it opens can be told apart.
  let popupsBefore = null;
  // Remembers the popups open now; answers whether control i's own list is open already with choices in it.
  function notePopupsOpenNow() { popupsBefore = new Set(visiblePopups()); }
  P.notePopups = (i) => {
    notePopupsOpenNow();
    const el = P.handles[i];
    if (!el || !el.isConnected || el.getAttribute('aria-expanded') !== 'true') return 'false';
    return JSON.parse(P.listboxOptions(i)).options.length > 0 ? 'true' : 'false';
  };

  // The visible choices of the list a control opened: the one it controls (aria-controls/owns, or inside it),
  // else the lists that appeared since notePopups(), else every visible list (handle -1: "the list that is
  // open").
  P.listboxOptions = (i) => {
    const el = i >= 0 ? P.handles[i] : null;
    let boxes = [];
    if (el) {
      for (const attr of ['aria-controls', 'aria-owns']) boxes.push(...byIds(el, attr));
      const root = el.shadowRoot || el;
      const inner = root.querySelector && root.querySelector('[role=listbox],[role=menu],[role=radiogroup]');
      if (inner) boxes.push(inner);
    }
    boxes = boxes.filter((b) => isVisible(b));
    if (!boxes.length && popupsBefore) boxes = visiblePopups().filter((b) => !popupsBefore.has(b));
    if (!boxes.length) boxes = visiblePopups().filter((b) => LIST_ROLES.has(roleOf(b)));
    const options = [];
    const seen = new Set();
    for (const b of boxes) walk(b, (n) => {
      if (!CHOICE_ROLES.has(roleOf(n)) || seen.has(n) || !isVisible(n)) return;
      seen.add(n);
      options.push({ i: handle(n), name: accessibleName(n), text: innerTextOf(n),
        selected: n.getAttribute('aria-selected') === 'true' || checkedState(n) === true });
    });
    return JSON.stringify({ listboxes: boxes.length, options });
  };

  // What a select-like control shows as chosen, beside its name: its text, a value, the chips it holds.
  function shownChoice(el) {
    const parts = [innerTextOf(el)];
    if (el.value != null) parts.push(String(el.value));
    const own = ownControl(el);
    if (own && own.value != null) parts.push(String(own.value));
    for (const attr of ['aria-label', 'aria-valuetext']) if (el.getAttribute(attr)) parts.push(el.getAttribute(attr));
    // A combobox drawn beside a hidden input, or chips in the field around it.
    const field = parentOf(el);
    if (field) parts.push(innerTextOf(field));
    return norm(parts.join(' ')).slice(0, 500);
  }

  // Whether two handles are the same control for a person: the same element, a custom element and its one
  // control, or a control and one of its labels.
  P.sameControl = (i, j) => {
    const a = P.handles[i], b = P.handles[j];
    if (!a || !b) return 'false';
    const same = a === b || ownControl(a) === b || ownControl(b) === a || labelsFor(a).includes(b) || labelsFor(b).includes(a);
    return same ? 'true' : 'false';
  };

  // Scrolls the element to the middle of the view; in_view: its box is then inside the viewport.
  P.scrollIntoView = (i) => {
    const el = P.handles[i];
    if (!el || !el.isConnected) return JSON.stringify({ error: 'detached' });
    el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    const r = el.getBoundingClientRect();
    const [ox, oy] = frameOffset(el);
    const top = oy + r.top, left = ox + r.left;
    const in_view = r.width > 0 && r.height > 0 && top < window.innerHeight && left < window.innerWidth &&
      top + r.height > 0 && left + r.width > 0;
    return JSON.stringify({ in_view });
  };

  // The <input type=file> an element stands for (itself, a label's control, a custom element's own input),
  // or null: the runner hands it to the browser's file chooser API.
  P.fileInputOf = (i) => {
    const el = P.handles[i];
    if (!el || !el.isConnected) return null;
    const c = el.tagName === 'LABEL' ? el.control : (ownControl(el) || el);
    return c && c.tagName === 'INPUT' && (c.getAttribute('type') || '').toLowerCase() === 'file' ? c : null;
  };

  // Whether element i is inside scope s (through shadow roots and frames).
  P.inside = (s, i) => {
    const scope = P.handles[s], el = P.handles[i];
    return scope && el && composedContains(scope, el) ? 'true' : 'false';
  };

  // What an element holds for a check of its value: a form field's value, else its visible text.
  P.readValue = (i) => {
    const el = P.handles[i];
    if (!el || !el.isConnected) return JSON.stringify({ error: 'detached' });
    const t = editTarget(el);
    const field = t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT';
    const value = field ? String(t.value) : t.isContentEditable ? norm(t.innerText) : norm(flatText(el, 5000));
    return JSON.stringify({ field, value });
  };

  P.basicsOf = (el) => ({ tag: el.tagName.toLowerCase(), role: controlRole(el), type: el.tagName === 'INPUT' ? (el.getAttribute('type') || 'text').toLowerCase() : '',
    editable: isEditable(el), visible: isVisible(el), name: controlName(el).slice(0, 200),
    haspopup: ((ownControl(el) || el).getAttribute('aria-haspopup') || '').toLowerCase(), checked: checkedState(el),
    expanded: el.getAttribute('aria-expanded') || '' });

  P.basics = (i) => {
    const el = P.handles[i];
    if (!el || !el.isConnected) return JSON.stringify({ error: 'detached' });
    return JSON.stringify(P.basicsOf(el));
  };

  P.state = (i) => {
    const el = P.handles[i];
    if (!el || !el.isConnected) return JSON.stringify({ error: 'detached' });
    const target = editTarget(el);
    const value = target.value != null ? String(target.value) : el.value != null ? String(el.value) : null;
    let checked = checkedState(el);
    if (checked === null && el.tagName === 'OPTION') checked = el.selected;  // an option: selected or not
    return JSON.stringify({ checked, expanded: el.getAttribute('aria-expanded'), name: accessibleName(el),
      text: innerTextOf(el), value, shown: shownChoice(el), disabled: isDisabled(el) || isDisabled(target),
      visible: isVisible(el) });
  };
