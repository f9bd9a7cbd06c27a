// Catalog and shared behaviour of the video look-alike. Everything is deterministic.
var VIDEOS = [
  { id: 'py1', type: 'video', title: 'Python Tutorial for Beginners - Full Course', channel: 'Code Academy Online',
    views: '18M views', age: '3 years ago', duration: '4:26:52', tags: 'python tutorial programming course',
    hue: 210, description: 'Learn Python from scratch: variables, loops, functions, files and a final project.' },
  { id: 'py2', type: 'video', title: 'Learn Python in 1 Hour', channel: 'Programming with Sam',
    views: '2.1M views', age: '1 year ago', duration: '1:00:06', tags: 'python tutorial crash course',
    hue: 120, description: 'A fast-paced crash course for people who already know another language.' },
  { id: 'pyshort1', type: 'short', title: 'Python tip: list comprehensions #shorts', channel: 'Code Academy Online',
    views: '450K views', age: '2 months ago', duration: '0:42', tags: 'python tutorial tip', hue: 30,
    description: 'One line instead of four.' },
  { id: 'pylive', type: 'live', title: 'Python Q&A Live: Ask Me Anything', channel: 'Code Academy Online',
    views: '1.2K watching', age: 'Streaming now', duration: '', tags: 'python tutorial live questions',
    hue: 0, description: 'Bring your Python questions, we answer them live.' },
  { id: 'pyshort2', type: 'short', title: 'One Python trick every beginner should know', channel: 'Programming with Sam',
    views: '1.1M views', age: '5 months ago', duration: '0:31', tags: 'python tutorial beginner', hue: 280,
    description: 'Unpacking, explained in thirty seconds.' },
  { id: 'py3', type: 'video', title: 'Python Tutorial: Object-Oriented Programming', channel: 'Dev Notes',
    views: '3.4M views', age: '6 years ago', duration: '15:24', tags: 'python tutorial classes oop',
    hue: 180, description: 'Classes, instances, inheritance and dunder methods.' },
  { id: 'cook1', type: 'video', title: 'Perfect Pasta Carbonara in 15 Minutes', channel: 'Kitchen Basics',
    views: '5.6M views', age: '2 years ago', duration: '9:12', tags: 'cooking pasta recipe italian',
    hue: 45, description: 'Eggs, cheese, guanciale and pepper. No cream.' },
  { id: 'cookshort', type: 'short', title: 'The pasta water trick #shorts', channel: 'Kitchen Basics',
    views: '890K views', age: '3 weeks ago', duration: '0:25', tags: 'cooking pasta tip', hue: 60,
    description: 'Save a cup before you drain.' },
  { id: 'cooklive', type: 'live', title: 'Cooking Live: Sunday Brunch', channel: 'Kitchen Basics',
    views: '640 watching', age: 'Streaming now', duration: '', tags: 'cooking live brunch', hue: 15,
    description: 'Pancakes, eggs and coffee, live from our kitchen.' },
  { id: 'lofi', type: 'live', title: 'lofi hip hop radio - beats to relax/study to', channel: 'Lofi Beats',
    views: '32K watching', age: 'Streaming now', duration: '', tags: 'music lofi study relax', hue: 300,
    description: 'Beats to relax and study to.' },
  { id: 'js1', type: 'video', title: 'JavaScript Tutorial for Beginners', channel: 'Programming with Sam',
    views: '7.9M views', age: '4 years ago', duration: '48:17', tags: 'javascript tutorial programming web',
    hue: 55, description: 'The language of the web, from the very beginning.' },
  { id: 'einstein', type: 'video', title: 'Albert Einstein: The Theory of Relativity Explained', channel: 'Science Explained',
    views: '4.4M views', age: '5 years ago', duration: '12:03', tags: 'science physics relativity einstein',
    hue: 240, description: 'Special and general relativity without the equations.' }
];

function findVideo(id) {
  return VIDEOS.filter(function (v) { return v.id === id; })[0];
}

function searchVideos(query) {
  var words = (query || '').toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  return VIDEOS.filter(function (v) {
    var hay = (v.title + ' ' + v.channel + ' ' + v.tags).toLowerCase();
    return words.every(function (w) { return hay.indexOf(w) >= 0; });
  });
}

function esc(s) {
  return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
}

function thumbStyle(v) {
  return 'background: linear-gradient(135deg, hsl(' + v.hue + ',60%,55%), hsl(' + (v.hue + 40) + ',60%,30%))';
}

// Header search box: a combobox with suggestions, like the real one. Enter (no suggestion active) submits the form.
function setupSearchBox() {
  var input = document.getElementById('search');
  var list = document.getElementById('search-suggestions');
  var form = document.getElementById('search-form');
  var active = -1;
  var timer = null;

  function close() {
    list.hidden = true;
    list.innerHTML = '';
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }
  function open(items) {
    list.innerHTML = '';
    items.forEach(function (text, i) {
      var li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.id = 'suggestion-' + i;
      li.textContent = text;
      li.addEventListener('mousedown', function (ev) {
        ev.preventDefault();
        input.value = text;
        close();
        form.requestSubmit();
      });
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim().toLowerCase();
    timer = setTimeout(function () {
      if (!q) return close();
      var seen = {};
      var items = [];
      VIDEOS.forEach(function (v) {
        var t = v.title.toLowerCase().replace(/#shorts/, '').trim();
        if (t.indexOf(q) >= 0 && !seen[t] && items.length < 6) { seen[t] = 1; items.push(t); }
      });
      open(items);
    }, 120);
  });
  input.addEventListener('keydown', function (ev) {
    var opts = list.querySelectorAll('[role=option]');
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (!opts.length) return;
      ev.preventDefault();
      active = (active + (ev.key === 'ArrowDown' ? 1 : opts.length - 1)) % opts.length;
      opts.forEach(function (o, i) { o.setAttribute('aria-selected', i === active ? 'true' : 'false'); });
      input.setAttribute('aria-activedescendant', opts[active].id);
    } else if (ev.key === 'Enter' && active >= 0 && opts[active]) {
      input.value = opts[active].textContent;
    } else if (ev.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', function () { setTimeout(close, 150); });
  form.addEventListener('submit', function (ev) {
    if (!input.value.trim()) ev.preventDefault();
    close();
  });
}

function videoCardHtml(v) {
  var badge = v.type === 'live'
    ? '<span class="badge-live">LIVE</span>'
    : '<span class="duration">' + esc(v.duration) + '</span>';
  return '<div class="video-card" data-type="' + v.type + '">' +
    '<a class="thumb" href="watch.html?v=' + v.id + '" tabindex="-1" aria-hidden="true" style="' + thumbStyle(v) + '">' + badge + '</a>' +
    '<div class="meta">' +
    '<h3><a class="video-title" id="video-title-' + v.id + '" href="watch.html?v=' + v.id + '" title="' + esc(v.title) + '">' + esc(v.title) + '</a></h3>' +
    '<div class="byline">' + esc(v.views) + ' · ' + esc(v.age) + '</div>' +
    '<a class="channel" href="results.html?search_query=' + encodeURIComponent(v.channel) + '">' + esc(v.channel) + '</a>' +
    '<p class="desc">' + esc(v.description) + '</p>' +
    '</div></div>';
}

function shortHtml(v) {
  return '<div class="short" data-type="short">' +
    '<a class="thumb" href="watch.html?v=' + v.id + '" tabindex="-1" aria-hidden="true" style="' + thumbStyle(v) + '"></a>' +
    '<h3><a href="watch.html?v=' + v.id + '" class="short-title">' + esc(v.title) + '</a></h3>' +
    '<div class="byline">' + esc(v.views) + '</div></div>';
}

document.addEventListener('DOMContentLoaded', setupSearchBox);
