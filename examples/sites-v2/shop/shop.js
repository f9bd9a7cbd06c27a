// Swag Labs look-alike: shared data, state and header. State lives in sessionStorage (per tab).
var PRODUCTS = [
  { id: 4, name: 'Sauce Labs Backpack', price: 29.99, img: 'backpack',
    desc: 'carry.allTheThings() with the sleek, streamlined Sly Pack that melds uncompromising style with unequaled laptop and tablet protection.' },
  { id: 0, name: 'Sauce Labs Bike Light', price: 9.99, img: 'bike-light',
    desc: "A red light isn't the desired state in testing but it sure helps when riding your bike at night. Water-resistant with 3 lighting modes, 1 AAA battery included." },
  { id: 1, name: 'Sauce Labs Bolt T-Shirt', price: 15.99, img: 'bolt-shirt',
    desc: 'Get your testing superhero on with the Sauce Labs bolt T-shirt. From American Apparel, 100% ringspun combed cotton, heather gray with red bolt.' },
  { id: 5, name: 'Sauce Labs Fleece Jacket', price: 49.99, img: 'fleece-jacket',
    desc: "It's not every day that you come across a midweight quarter-zip fleece jacket capable of handling everything from a relaxing day outdoors to a busy day at the office." },
  { id: 2, name: 'Sauce Labs Onesie', price: 7.99, img: 'onesie',
    desc: "Rib snap infant onesie for the junior automation engineer in development. Reinforced 3-snap bottom closure, two-needle hemmed sleeved and bottom won't unravel." },
  { id: 3, name: 'Test.allTheThings() T-Shirt (Red)', price: 15.99, img: 'red-tshirt',
    desc: 'This classic Sauce Labs t-shirt is perfect to wear when cozying up to your keyboard to automate a few tests. Super-soft and comfy ringspun combed cotton.' }
];

function slug(p) { return p.name.toLowerCase().replace(/\s+/g, '-'); }
function productById(id) { return PRODUCTS.filter(function (p) { return p.id === Number(id); })[0]; }
function money(n) { return '$' + n.toFixed(2); }
function esc(s) {
  return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
}

function currentUser() { return sessionStorage.getItem('shop.user'); }
function getCart() { return JSON.parse(sessionStorage.getItem('shop.cart') || '[]'); }
function setCart(ids) { sessionStorage.setItem('shop.cart', JSON.stringify(ids)); updateBadge(); }
function inCart(id) { return getCart().indexOf(id) >= 0; }
function addToCart(id) { var c = getCart(); if (c.indexOf(id) < 0) c.push(id); setCart(c); }
function removeFromCart(id) { setCart(getCart().filter(function (x) { return x !== id; })); }

// Every page except the login page needs a session, like the real site.
function requireLogin() {
  if (currentUser()) return true;
  var page = location.pathname.replace(/^.*\//, '/');
  sessionStorage.setItem('shop.loginError', "Epic sadface: You can only access '" + page + "' when you are logged in.");
  location.replace('index.html');
  return false;
}

function updateBadge() {
  var link = document.querySelector('.shopping_cart_link');
  if (!link) return;
  var badge = link.querySelector('.shopping_cart_badge');
  var n = getCart().length;
  if (n && !badge) {
    badge = document.createElement('span');
    badge.className = 'shopping_cart_badge';
    badge.setAttribute('data-test', 'shopping-cart-badge');
    link.appendChild(badge);
  }
  if (badge) { if (n) badge.textContent = String(n); else badge.remove(); }
}

function renderHeader(title, extraSecondary) {
  var el = document.getElementById('header_container');
  el.innerHTML =
    '<div class="primary_header" data-test="primary-header">' +
    '  <div class="bm-burger-button"><button id="react-burger-menu-btn" type="button" aria-label="Open Menu">☰</button></div>' +
    '  <div class="bm-menu-wrap" id="menu" hidden>' +
    '    <nav class="bm-item-list">' +
    '      <a id="inventory_sidebar_link" data-test="inventory-sidebar-link" href="inventory.html">All Items</a>' +
    '      <a id="about_sidebar_link" data-test="about-sidebar-link" href="../index.html">About</a>' +
    '      <a id="logout_sidebar_link" data-test="logout-sidebar-link" href="index.html">Logout</a>' +
    '      <a id="reset_sidebar_link" data-test="reset-sidebar-link" href="#">Reset App State</a>' +
    '    </nav>' +
    '    <button id="react-burger-cross-btn" type="button" aria-label="Close Menu">✕</button>' +
    '  </div>' +
    '  <div class="app_logo">Swag Labs</div>' +
    '  <div id="shopping_cart_container" class="shopping_cart_container">' +
    '    <a class="shopping_cart_link" data-test="shopping-cart-link" href="cart.html" aria-label="Shopping cart">' +
    '      <svg width="28" height="28" viewBox="0 0 24 24" aria-hidden="true"><path d="M3 4h2l2.5 11h11L21 7H7" fill="none" stroke="#132322" stroke-width="2"/><circle cx="9" cy="19" r="1.6"/><circle cx="18" cy="19" r="1.6"/></svg>' +
    '    </a>' +
    '  </div>' +
    '</div>' +
    '<div class="header_secondary_container" data-test="secondary-header">' +
    '  <span class="title" data-test="title">' + esc(title) + '</span>' + (extraSecondary || '') +
    '</div>';
  var menu = document.getElementById('menu');
  document.getElementById('react-burger-menu-btn').addEventListener('click', function () { menu.hidden = false; });
  document.getElementById('react-burger-cross-btn').addEventListener('click', function () { menu.hidden = true; });
  document.getElementById('logout_sidebar_link').addEventListener('click', function () {
    sessionStorage.removeItem('shop.user');
    sessionStorage.removeItem('shop.cart');
  });
  document.getElementById('reset_sidebar_link').addEventListener('click', function (ev) {
    ev.preventDefault();
    setCart([]);
    location.reload();
  });
  updateBadge();
}

function renderFooter() {
  var f = document.createElement('footer');
  f.className = 'footer';
  f.setAttribute('data-test', 'footer');
  f.innerHTML = '<a href="#" data-test="social-twitter">Twitter</a><a href="#" data-test="social-facebook">Facebook</a>' +
    '<a href="#" data-test="social-linkedin">LinkedIn</a>' +
    '<p data-test="footer-copy">© 2025 Sauce Labs. All Rights Reserved. Terms of Service | Privacy Policy</p>';
  document.body.appendChild(f);
}

// One cart row, used by the cart and the checkout overview.
function cartItemHtml(p, withRemove) {
  return '<div class="cart_item" data-test="inventory-item">' +
    '<div class="cart_quantity" data-test="item-quantity">1</div>' +
    '<div class="cart_item_label">' +
    '<a href="inventory-item.html?id=' + p.id + '" id="item_' + p.id + '_title_link" data-test="item-' + p.id + '-title-link">' +
    '<div class="inventory_item_name" data-test="inventory-item-name">' + esc(p.name) + '</div></a>' +
    '<div class="inventory_item_desc" data-test="inventory-item-desc">' + esc(p.desc) + '</div>' +
    '<div class="item_pricebar"><div class="inventory_item_price" data-test="inventory-item-price">' + money(p.price) + '</div>' +
    (withRemove ? '<button class="btn btn_secondary btn_small cart_button" data-test="remove-' + slug(p) + '" id="remove-' + slug(p) +
      '" name="remove-' + slug(p) + '" data-id="' + p.id + '">Remove</button>' : '') +
    '</div></div></div>';
}
