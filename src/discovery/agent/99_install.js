  window.__pacts = P;
})();
