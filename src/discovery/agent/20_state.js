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
    } else if (visuallyHidden(r, st)) {
      return false;
    }
    return frameChainVisible(el);
  }

  // The "visually hidden" pattern (sr-only, a hidden native select under a custom one): a 1px box clipped to nothing. Screen
  // readers get it; a person does not see it, and neither does PACTS.
  function visuallyHidden(r, st) {
    if (r.width <= 1 && r.height <= 1) return true;
    if (st.clip === 'rect(0px, 0px, 0px, 0px)' && st.position === 'absolute') return true;
    return st.clipPath === 'inset(50%)';
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
    const own = ownControl(el);
    if (own) return isEditable(own);
    if (el.tagName === 'INPUT') return TEXT_INPUT_TYPES.has((el.getAttribute('type') || '').toLowerCase()) && !el.readOnly;
    if (el.tagName === 'TEXTAREA') return !el.readOnly;
    if (el.isContentEditable) return true;
    return false;
  }

  function isInert(el) {
    for (let n = el; n; n = parentOf(n)) if (n.inert || (n.hasAttribute && n.hasAttribute('inert'))) return true;
    return false;
  }

  // The modal dialog a person can interact with: <dialog> shown with showModal(), or the last visible
  // aria-modal="true" element. Everything outside it is blocked.
  function isModalCandidate(el) {
    return (el.tagName === 'DIALOG' && el.open && safeMatches(el, ':modal')) ||
           (el.getAttribute('aria-modal') === 'true' && /dialog/.test(el.getAttribute('role') || 'dialog'));
  }

  function topModalOf(candidates) {
    let modal = null;
    for (const el of candidates) if (isVisible(el)) modal = el;
    return modal;
  }

  function topModal() {
    const found = [];
    walk(document.documentElement, (el) => { if (isModalCandidate(el)) found.push(el); });
    return topModalOf(found);
  }

  function safeMatches(el, sel) {
    try { return el.matches(sel); } catch (e) { return false; }
  }

  // ------------------------------------------------------------------------------------------------------
  // Labels, indexed once per agent call. el.labels costs a walk of the whole document the first time it is
  // read for each element (quadratic on a form of thousands of fields); the index is one pass per tree scope.

  const LABELABLE = new Set(['BUTTON', 'INPUT', 'METER', 'OUTPUT', 'PROGRESS', 'SELECT', 'TEXTAREA']);
  const LABELABLE_SELECTOR = 'button,input:not([type=hidden]),meter,output,progress,select,textarea';
  let labelIndex = new Map();  // tree scope (document or shadow root) -> Map(control -> [label])

  function resetCaches() { labelIndex = new Map(); }

  function labelableIn(label) {
    for (const c of label.querySelectorAll(LABELABLE_SELECTOR)) return c;
    return null;
  }

  function indexOfScope(root) {
    let idx = labelIndex.get(root);
    if (idx) return idx;
    idx = new Map();
    const add = (control, label) => {
      if (!control) return;
      if (!idx.has(control)) idx.set(control, []);
      idx.get(control).push(label);
    };
    for (const label of root.querySelectorAll('label')) {
      const f = label.getAttribute('for');
      if (f != null) {
        const c = root.getElementById ? root.getElementById(f) : root.querySelector('#' + CSS.escape(f));
        if (c && LABELABLE.has(c.tagName) && !(c.tagName === 'INPUT' && c.type === 'hidden')) add(c, label);
      } else {
        add(labelableIn(label), label);
      }
    }
    labelIndex.set(root, idx);
    return idx;
  }

  // The element's labels in tree order, as el.labels gives them.
  function labelsFor(el) {
    if (!LABELABLE.has(el.tagName) || (el.tagName === 'INPUT' && el.type === 'hidden')) return [];
    return indexOfScope(el.getRootNode()).get(el) || [];
  }


  // A custom element's own control: the one checkable control in its shadow root (an <x-checkbox>'s input).
  function checkableInShadow(host) {
    if (!host.shadowRoot || !host.tagName.includes('-')) return null;
    const found = host.shadowRoot.querySelectorAll('input[type=checkbox],input[type=radio],[role=checkbox],[role=switch],[role=radio]');
    return found.length === 1 ? found[0] : null;
  }

  // Checked or not: a native box, aria-checked, a custom element's checked property or its one control; null
  // when the element is none of these.
  function checkedState(el) {
    if (el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio')) return el.checked;
    if (el.hasAttribute('aria-checked')) return el.getAttribute('aria-checked') === 'true';
    if (el.tagName.includes('-') && typeof el.checked === 'boolean') return el.checked;
    const inner = checkableInShadow(el);
    return inner ? checkedState(inner) : null;
  }

  // ------------------------------------------------------------------------------------------------------
  // Custom elements as the controls they stand for: a custom element whose shadow root holds exactly one
  // control (an <x-input>'s input, an <x-select>'s button, an <x-switch>'s checkbox) is that control for
  // PACTS: it takes the control's role, state and name, and is what PACTS acts on (its own rendering takes the
  // click; its focus goes to the control).

  const OWN_CONTROL_SELECTOR = 'button,input:not([type=hidden]),select,textarea,[role=button],[role=checkbox],' +
    '[role=switch],[role=radio],[role=combobox],[role=textbox],[role=searchbox],[role=slider],[role=spinbutton],' +
    '[role=tab],[role=option],[role=menuitem],a[href]';

  function ownControl(el) {
    if (!el.shadowRoot || !el.tagName.includes('-')) return null;
    let found = null;
    for (const c of el.shadowRoot.querySelectorAll(OWN_CONTROL_SELECTOR)) {
      if (c.getAttribute('aria-hidden') === 'true' || c.closest('[aria-hidden=true]')) continue;
      if (found) return null;  // two controls: the element is a composite, not one of them
      found = c;
    }
    return found;
  }

  // The role and the name PACTS gives an element: a custom element's are those of its one control.
  function controlRole(el) {
    if (el.hasAttribute('role')) return roleOf(el);
    const own = ownControl(el);
    return own ? roleOf(own) : roleOf(el);
  }

  function controlName(el) {
    const n = accessibleName(el);
    if (n) return n;
    const own = !el.hasAttribute('role') && ownControl(el);
    return own ? norm(el.getAttribute('label') || '') || accessibleName(own) : '';
  }
