  // ------------------------------------------------------------------------------------------------------
  // Tree walking in the flat tree: the tree as it is rendered, through open shadow roots (a slot stands for the
  // elements assigned to it) and same-origin iframes. Containment (a dialog holds what is slotted into it),
  // document order and visibility all follow it.

  function parentOf(el) {
    // The flat-tree parent: a slotted element's slot; else the parent element; out of a shadow root to its
    // host; out of an iframe's document to the frame element.
    if (el.assignedSlot) return el.assignedSlot;
    if (el.parentElement) return el.parentElement;
    const root = el.getRootNode && el.getRootNode();
    if (root && root.host) return root.host;
    const win = el.ownerDocument && el.ownerDocument.defaultView;
    if (win && win.frameElement && el === el.ownerDocument.documentElement) return win.frameElement;
    return null;
  }

  function composedContains(ancestor, el) {
    for (let n = el; n; n = parentOf(n)) if (n === ancestor) return true;
    return false;
  }

  function frameDocument(el) {
    if (el.tagName !== 'IFRAME' && el.tagName !== 'FRAME') return null;
    try {
      const d = el.contentDocument;
      return d && d.documentElement ? d : null;
    } catch (e) {
      return null;  // cross-origin
    }
  }

  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'TITLE', 'BASE']);

  // The element's children in the flat tree: a host's shadow tree (its light children are rendered only
  // through its slots), a slot's assigned elements (or its fallback content), an iframe's document.
  function flatChildren(el) {
    const doc = frameDocument(el);
    if (doc) return [doc.documentElement];
    if (el.shadowRoot) return Array.from(el.shadowRoot.children);
    if (el.tagName === 'SLOT') {
      const assigned = el.assignedElements({ flatten: true });
      if (assigned.length || el.assignedNodes().length) return assigned;
    }
    return Array.from(el.children);
  }

  // Visits every element of the flat tree in rendered order. fn(el, depth) may return false to skip the
  // element's subtree. (Two plain stacks and sibling pointers: a page of 20,000 elements is walked in a few
  // milliseconds.)
  function walk(root, fn) {
    if (!root) return;  // a document that has no element yet (the agent runs before the page's first byte)
    const els = [root], depths = [0];
    while (els.length) {
      const el = els.pop(), depth = depths.pop();
      if (SKIP.has(el.tagName)) continue;
      if (fn(el, depth) === false) continue;
      if (el.shadowRoot || el.tagName === 'SLOT' || el.tagName === 'IFRAME' || el.tagName === 'FRAME') {
        const kids = flatChildren(el);
        for (let k = kids.length - 1; k >= 0; --k) { els.push(kids[k]); depths.push(depth + 1); }
        continue;
      }
      for (let c = el.lastElementChild; c; c = c.previousElementSibling) { els.push(c); depths.push(depth + 1); }
    }
  }

  // The text of el's flat tree (slots replaced by what is assigned to them), for the cheap "could this match"
  // test and for container texts. Elements hidden by attribute are left out; at most `limit` characters.
  function flatText(el, limit) {
    if (!inShadowWorld(el)) {
      // Plain light DOM: the browser's rendered text.
      const t = el.innerText;
      return (t != null ? t : el.textContent || '').slice(0, limit);
    }
    let out = '';
    const visit = (node) => {
      if (out.length >= limit) return;
      if (node.nodeType === 3) { out += node.data; return; }
      if (node.nodeType !== 1 || SKIP.has(node.tagName)) return;
      if (node.hidden || node.getAttribute('aria-hidden') === 'true') return;
      if (node.checkVisibility && !node.checkVisibility() && node.tagName !== 'SLOT') return;  // not rendered
      if (node.tagName === 'SLOT') {
        const assigned = node.assignedNodes({ flatten: true });
        for (const n of (assigned.length ? assigned : node.childNodes)) visit(n);
        return;
      }
      for (const n of (node.shadowRoot || node).childNodes) visit(n);
      if (!node.shadowRoot && isBlockish(node)) out += ' ';
    };
    visit(el);
    return out.slice(0, limit);
  }

  // In a shadow tree or a host of one: its rendered text is not its DOM text.
  function inShadowWorld(el) { return !!el.shadowRoot || el.getRootNode() instanceof ShadowRoot || !!el.assignedSlot; }

  const BLOCKISH = new Set(['DIV', 'P', 'LI', 'TR', 'TD', 'TH', 'BR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'SECTION',
    'ARTICLE', 'HEADER', 'FOOTER', 'UL', 'OL', 'TABLE', 'LABEL', 'BUTTON', 'OPTION']);
  function isBlockish(el) { return BLOCKISH.has(el.tagName); }
