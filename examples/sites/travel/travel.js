// TripNest look-alike: destination autocomplete (ARIA combobox) and property data.
var DESTINATIONS = [
  'Paris, France',
  'Paris Las Vegas, Las Vegas, United States',
  'Disneyland Paris, Chessy, France',
  'Paris Orly Airport, Orly, France',
  'Paris, Texas, United States',
  'London, United Kingdom',
  'Londonderry, United Kingdom',
  'London Heathrow Airport, United Kingdom',
  'Rome, Italy',
  'Barcelona, Spain',
  'Amsterdam, Netherlands',
  'Lisbon, Portugal'
];
var TRENDING = ['Paris, France', 'London, United Kingdom', 'Rome, Italy', 'Barcelona, Spain', 'Amsterdam, Netherlands'];

var PROPERTIES = {
  Paris: [
    { name: 'Hotel Le Marais', area: 'Le Marais, Paris', score: '9.1', word: 'Superb', price: 245, type: 'Hotels', cancel: true, breakfast: true, left: 3 },
    { name: 'Seine View Apartments', area: '7th arr., Paris', score: '8.4', word: 'Very Good', price: 180, type: 'Apartments', cancel: false, breakfast: false, left: 5 },
    { name: 'Montmartre Boutique Hotel', area: '18th arr., Paris', score: '8.8', word: 'Fabulous', price: 210, type: 'Hotels', cancel: true, breakfast: false, left: 2 },
    { name: 'Eiffel Garden Suites', area: '15th arr., Paris', score: '9.4', word: 'Wonderful', price: 320, type: 'Apartments', cancel: true, breakfast: true, left: 1 }
  ],
  London: [
    { name: 'Covent Garden Inn', area: 'Westminster, London', score: '8.9', word: 'Fabulous', price: 260, type: 'Hotels', cancel: true, breakfast: true, left: 4 },
    { name: 'Thames Riverside Hotel', area: 'Southwark, London', score: '8.1', word: 'Very Good', price: 199, type: 'Hotels', cancel: false, breakfast: true, left: 6 },
    { name: 'Camden Lofts', area: 'Camden, London', score: '8.6', word: 'Fabulous', price: 175, type: 'Apartments', cancel: true, breakfast: false, left: 2 }
  ],
  Rome: [
    { name: 'Trastevere House', area: 'Trastevere, Rome', score: '9.0', word: 'Superb', price: 150, type: 'Apartments', cancel: true, breakfast: false, left: 2 },
    { name: 'Colosseum View Hotel', area: 'Monti, Rome', score: '8.7', word: 'Fabulous', price: 230, type: 'Hotels', cancel: false, breakfast: true, left: 3 }
  ]
};

function propertiesFor(city) {
  return PROPERTIES[city] || [
    { name: city + ' Central Hotel', area: 'City centre, ' + city, score: '8.2', word: 'Very Good', price: 140, type: 'Hotels', cancel: true, breakfast: true, left: 4 },
    { name: city + ' Old Town Apartments', area: 'Old town, ' + city, score: '8.5', word: 'Very Good', price: 120, type: 'Apartments', cancel: false, breakfast: false, left: 2 }
  ];
}

// The destination field is an ARIA 1.2 combobox: an input that controls a listbox of suggestions.
function setupDestination(form) {
  var input = document.getElementById('ss');
  var list = document.getElementById('autocomplete-results');
  var clear = document.getElementById('ss-clear');
  var error = document.getElementById('form-error');
  var active = -1;
  var timer = null;

  function options() { return list.querySelectorAll('[role=option]'); }
  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }
  function choose(text) {
    input.value = text;
    clear.hidden = !text;
    close();
  }
  function show() {
    var q = input.value.trim().toLowerCase();
    var items = q ? DESTINATIONS.filter(function (d) { return d.toLowerCase().indexOf(q) >= 0; }).slice(0, 5) : TRENDING;
    list.innerHTML = (q ? '' : '<li class="ac-title" role="presentation">Trending destinations</li>') +
      items.map(function (d, i) { return '<li role="option" id="ac-option-' + i + '" aria-selected="false"></li>'; }).join('');
    options().forEach(function (li, i) {
      li.textContent = items[i];
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); });
      li.addEventListener('click', function () { choose(items[i]); });
    });
    active = -1;
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
  }
  function showSoon() { clearTimeout(timer); timer = setTimeout(show, 200); }

  input.addEventListener('input', function () { clear.hidden = !input.value; error.textContent = ''; showSoon(); });
  input.addEventListener('focus', function () { if (list.hidden) showSoon(); });
  input.addEventListener('click', function () { if (list.hidden) showSoon(); });
  input.addEventListener('blur', function () { clearTimeout(timer); setTimeout(close, 150); });
  input.addEventListener('keydown', function (ev) {
    var opts = options();
    if ((ev.key === 'ArrowDown' || ev.key === 'ArrowUp') && opts.length && !list.hidden) {
      ev.preventDefault();
      active = (active + (ev.key === 'ArrowDown' ? 1 : opts.length - 1)) % opts.length;
      opts.forEach(function (o, i) { o.setAttribute('aria-selected', i === active ? 'true' : 'false'); });
      input.setAttribute('aria-activedescendant', opts[active].id);
    } else if (ev.key === 'Enter' && active >= 0 && !list.hidden) {
      ev.preventDefault();
      choose(opts[active].textContent);
    } else if (ev.key === 'Escape') {
      close();
    }
  });
  clear.addEventListener('click', function () { choose(''); input.focus(); });
  clear.hidden = !input.value;

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var dest = input.value.trim();
    if (!dest) { error.textContent = 'Enter a destination to start searching.'; return; }
    var bad = ['checkin', 'checkout'].filter(function (id) {
      var v = document.getElementById(id).value.trim();
      return v && !/^\d{4}-\d{2}-\d{2}$/.test(v);
    });
    if (bad.length) { error.textContent = 'Enter dates as YYYY-MM-DD.'; return; }
    var params = new URLSearchParams();
    params.set('ss', dest);
    ['checkin', 'checkout', 'group_adults'].forEach(function (id) { params.set(id, document.getElementById(id).value.trim()); });
    location.href = 'results.html?' + params.toString();
  });
}
