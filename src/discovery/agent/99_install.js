  // Every call from the runner starts with fresh caches: the page may have changed since the last one.
  for (const k of Object.keys(P)) {
    const f = P[k];
    if (typeof f !== 'function') continue;
    P[k] = (...args) => {
      resetCaches();
      return f(...args);
    };
  }

  window.__pacts = P;
})();
