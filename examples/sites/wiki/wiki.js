// Shared data and helpers for the wiki look-alike.
var ARTICLES = [
  { title: 'Albert Einstein', file: 'Albert_Einstein.html',
    summary: 'German-born theoretical physicist who developed the theory of relativity and received the 1921 Nobel Prize in Physics.' },
  { title: 'Marie Curie', file: 'Marie_Curie.html',
    summary: 'Polish and naturalised-French physicist and chemist who conducted pioneering research on radioactivity; the first person to win Nobel Prizes in two sciences.' },
  { title: 'Isaac Newton', file: 'Isaac_Newton.html',
    summary: 'English mathematician, physicist and astronomer, author of the Principia and the laws of motion and universal gravitation.' }
];

function wikiNormalize(s) {
  return (s || '').replace(/_/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

// Footer "find in page" box on article pages: highlights matches in the article body.
function setupFindInPage() {
  var form = document.getElementById('findform');
  if (!form) return;
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var body = document.getElementById('mw-content-text');
    body.querySelectorAll('mark').forEach(function (m) {
      m.replaceWith(document.createTextNode(m.textContent));
    });
    body.normalize();
    var word = document.getElementById('findInput').value.trim();
    var count = 0;
    if (word) {
      var re = new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
      var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (node) {
        var text = node.nodeValue;
        if (!re.test(text)) return;
        re.lastIndex = 0;
        var frag = document.createDocumentFragment();
        var last = 0, m;
        while ((m = re.exec(text))) {
          frag.appendChild(document.createTextNode(text.slice(last, m.index)));
          var mark = document.createElement('mark');
          mark.textContent = m[0];
          frag.appendChild(mark);
          last = m.index + m[0].length;
          count++;
        }
        frag.appendChild(document.createTextNode(text.slice(last)));
        node.replaceWith(frag);
      });
    }
    document.getElementById('findStatus').textContent =
      word ? (count === 1 ? '1 match' : count + ' matches') + ' for "' + word + '"' : '';
  });
}
document.addEventListener('DOMContentLoaded', setupFindInPage);
