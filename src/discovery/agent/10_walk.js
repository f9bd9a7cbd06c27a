  // ------------------------------------------------------------------------------------------------------
  // Tree walking across shadow roots and iframes

  function parentOf(el) {
    // The composed parent: through shadow roots to their host, and out of an iframe to the frame element.
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

  // Visits every element in document order (light DOM, then the open shadow tree of each host, then the
  // document of each same-origin iframe). fn(el, depth) may return false to skip the element's subtree.
  function walk(root, fn) {
    const stack = [[root, 0]];
    while (stack.length) {
      const [el, depth] = stack.pop();
      if (SKIP.has(el.tagName)) continue;
      if (fn(el, depth) === false) continue;
      const kids = [];
      const doc = frameDocument(el);
      if (doc) kids.push(doc.documentElement);
      if (el.shadowRoot) for (let c = el.shadowRoot.lastElementChild; c; c = c.previousElementSibling) kids.push(c);
      for (let c = el.lastElementChild; c; c = c.previousElementSibling) kids.push(c);
      // kids is in reverse order; the stack pops them first-to-last, shadow content before light children
      // as rendered by slots, frames last.
      for (const k of kids) stack.push([k, depth + 1]);
    }
  }
