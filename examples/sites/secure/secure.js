// Flash messages survive one navigation, like the server-side flash of the real site.
function setFlash(kind, text) { sessionStorage.setItem('secure.flash', JSON.stringify({ kind: kind, text: text })); }
function showFlash() {
  var raw = sessionStorage.getItem('secure.flash');
  if (!raw) return;
  sessionStorage.removeItem('secure.flash');
  var f = JSON.parse(raw);
  var box = document.getElementById('flash-messages');
  box.innerHTML = '<div class="flash ' + f.kind + '" id="flash" data-alert=""><span></span><a href="#" class="close" aria-label="Close">×</a></div>';
  box.querySelector('span').textContent = f.text;
  box.querySelector('.close').addEventListener('click', function (ev) { ev.preventDefault(); box.innerHTML = ''; });
}
