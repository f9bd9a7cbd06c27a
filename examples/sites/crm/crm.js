// Sales CRM: a small Lightning-like app. Every page calls CRM.start('<page>').
// Things that make it realistic (and hard for naive element discovery):
//  - the page hydrates a moment after load (spinner first);
//  - form field ids are generated ("input-347") and change on every page load and every time a form opens;
//  - modal dialogs make the page behind them inert;
//  - picklists are ARIA comboboxes whose listbox is portaled to the end of <body>, outside the dialog;
//  - "Save", "Cancel", "Accounts", ... exist more than once on a page.
var CRM = (function () {
  'use strict';

  // ---------- ids that change on every load ----------
  var uid = 100 + Math.floor(Math.random() * 900);
  function nextId(prefix) { uid += 1; return prefix + '-' + uid; }

  // ---------- data ----------
  var OWNER = 'Admin User';
  var OBJECTS = {
    account: {
      singular: 'Account', plural: 'Accounts', page: 'accounts.html', color: '#5867e8', letter: 'A',
      nameOf: function (r) { return r.name; },
      columns: [['name', 'Account Name'], ['site', 'Account Site'], ['phone', 'Phone'], ['type', 'Type'], ['owner', 'Account Owner']],
      sections: [
        ['Account Information', [
          { key: 'name', label: 'Account Name', kind: 'text', required: true },
          { key: 'phone', label: 'Phone', kind: 'text', type: 'tel' },
          { key: 'parent', label: 'Parent Account', kind: 'text', placeholder: 'Search Accounts...' },
          { key: 'website', label: 'Website', kind: 'text', type: 'url' },
          { key: 'type', label: 'Type', kind: 'select', options: ['Customer', 'Partner', 'Prospect'] },
          { key: 'industry', label: 'Industry', kind: 'select',
            options: ['Agriculture', 'Banking', 'Education', 'Energy', 'Healthcare', 'Manufacturing', 'Retail', 'Technology'] },
          { key: 'site', label: 'Account Site', kind: 'text' },
          { key: 'employees', label: 'Employees', kind: 'text', inputmode: 'numeric' }
        ]],
        ['Description Information', [
          { key: 'description', label: 'Description', kind: 'textarea', wide: true }
        ]]
      ],
      seeds: [
        { id: 'a1', name: 'Acme Corporation', site: 'Headquarters', phone: '(212) 555-0101', type: 'Partner', industry: 'Manufacturing', website: 'https://acme.example.com' },
        { id: 'a2', name: 'Globex Inc.', site: 'Springfield', phone: '(415) 555-0132', type: 'Prospect', industry: 'Energy', website: 'https://globex.example.com' },
        { id: 'a3', name: 'Initech', site: 'Austin', phone: '(512) 555-0178', type: 'Partner', industry: 'Technology', website: 'https://initech.example.com' },
        { id: 'a4', name: 'Umbrella Group', site: 'Raccoon City', phone: '(303) 555-0199', type: 'Prospect', industry: 'Healthcare', website: 'https://umbrella.example.com' },
        { id: 'a5', name: 'Stark Industries', site: 'Malibu', phone: '(310) 555-0110', type: 'Partner', industry: 'Technology', website: 'https://stark.example.com' }
      ]
    },
    contact: {
      singular: 'Contact', plural: 'Contacts', page: 'contacts.html', color: '#a094ed', letter: 'C',
      nameOf: function (r) { return [r.firstName, r.lastName].filter(Boolean).join(' '); },
      columns: [['fullName', 'Name'], ['account', 'Account Name'], ['title', 'Title'], ['phone', 'Phone'], ['email', 'Email'], ['owner', 'Contact Owner']],
      sections: [
        ['Contact Information', [
          { key: 'salutation', label: 'Salutation', kind: 'select', options: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'] },
          { key: 'phone', label: 'Phone', kind: 'text', type: 'tel', name: 'phone' },
          { key: 'firstName', label: 'First Name', kind: 'text', name: 'firstName' },
          { key: 'homePhone', label: 'Home Phone', kind: 'text', type: 'tel', name: 'homePhone' },
          { key: 'lastName', label: 'Last Name', kind: 'text', required: true, name: 'lastName' },
          { key: 'mobile', label: 'Mobile', kind: 'text', type: 'tel', name: 'mobile' },
          { key: 'account', label: 'Account Name', kind: 'text', placeholder: 'Search Accounts...', name: 'accountName' },
          { key: 'email', label: 'Email', kind: 'text', type: 'email', name: 'email' },
          { key: 'title', label: 'Title', kind: 'text', name: 'title' },
          { key: 'emailOptOut', label: 'Email Opt Out', kind: 'checkbox', name: 'emailOptOut' },
          { key: 'leadSource', label: 'Lead Source', kind: 'combobox', options: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'] }
        ]],
        ['Additional Information', [
          { key: 'description', label: 'Description', kind: 'textarea', wide: true, name: 'description' }
        ]]
      ],
      seeds: [
        { id: 'c1', firstName: 'Ada', lastName: 'Lovelace', account: 'Acme Corporation', title: 'CTO', phone: '(212) 555-0140', email: 'ada.lovelace@acme.example.com' },
        { id: 'c2', firstName: 'Grace', lastName: 'Hopper', account: 'Initech', title: 'VP Engineering', phone: '(512) 555-0161', email: 'grace.hopper@initech.example.com' },
        { id: 'c3', firstName: 'Alan', lastName: 'Turing', account: 'Stark Industries', title: 'Research Lead', phone: '(310) 555-0177', email: 'alan.turing@stark.example.com' },
        { id: 'c4', firstName: 'Katherine', lastName: 'Johnson', account: 'Umbrella Group', title: 'Analyst', phone: '(303) 555-0123', email: 'katherine.johnson@umbrella.example.com' }
      ]
    },
    opportunity: {
      singular: 'Opportunity', plural: 'Opportunities', page: 'opportunities.html', color: '#ff5d2d', letter: 'O',
      nameOf: function (r) { return r.name; },
      columns: [['name', 'Opportunity Name'], ['account', 'Account Name'], ['amountText', 'Amount'], ['closeDate', 'Close Date'], ['stage', 'Stage'], ['owner', 'Opportunity Owner']],
      sections: [
        ['Opportunity Information', [
          { key: 'name', label: 'Opportunity Name', kind: 'text', required: true },
          { key: 'closeDate', label: 'Close Date', kind: 'date', required: true },
          { key: 'account', label: 'Account Name', kind: 'text', placeholder: 'Search Accounts...' },
          { key: 'stage', label: 'Stage', kind: 'combobox', required: true,
            options: ['Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Closed Won', 'Closed Lost'] },
          { key: 'amount', label: 'Amount', kind: 'text', inputmode: 'decimal' },
          { key: 'probability', label: 'Probability (%)', kind: 'text', inputmode: 'numeric' },
          { key: 'nextStep', label: 'Next Step', kind: 'text' },
          { key: 'leadSource', label: 'Lead Source', kind: 'select', options: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'] }
        ]],
        ['Description Information', [
          { key: 'description', label: 'Description', kind: 'textarea', wide: true }
        ]]
      ],
      seeds: [
        { id: 'o1', name: 'Acme - 200 Widgets', account: 'Acme Corporation', amount: '20000', closeDate: '3/15/2025', stage: 'Qualification' },
        { id: 'o2', name: 'Initech - Support Renewal', account: 'Initech', amount: '12500', closeDate: '4/30/2025', stage: 'Needs Analysis' },
        { id: 'o3', name: 'Stark - Expansion', account: 'Stark Industries', amount: '150000', closeDate: '6/30/2025', stage: 'Value Proposition' },
        { id: 'o4', name: 'Umbrella - Pilot', account: 'Umbrella Group', amount: '8000', closeDate: '2/28/2025', stage: 'Closed Won' }
      ]
    }
  };
  var STAGE_PROBABILITY = { 'Prospecting': 10, 'Qualification': 20, 'Needs Analysis': 20, 'Value Proposition': 50, 'Closed Won': 100, 'Closed Lost': 0 };

  function created(objKey) { return JSON.parse(localStorage.getItem('crm.created.' + objKey) || '[]'); }
  function records(objKey) {
    return created(objKey).concat(OBJECTS[objKey].seeds).map(function (r) { return decorate(objKey, r); });
  }
  function decorate(objKey, r) {
    var d = Object.assign({ owner: OWNER }, r);
    d.fullName = OBJECTS[objKey].nameOf(r);
    if (objKey === 'opportunity') d.amountText = r.amount ? formatMoney(r.amount) : '';
    return d;
  }
  function saveRecord(objKey, rec) {
    var list = created(objKey);
    list.unshift(rec);
    localStorage.setItem('crm.created.' + objKey, JSON.stringify(list));
  }
  function findRecord(objKey, id) { return records(objKey).filter(function (r) { return r.id === id; })[0]; }
  function formatMoney(v) {
    var n = Number(String(v).replace(/[$,\s]/g, ''));
    return '$' + n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  function searchAll(q) {
    q = q.trim().toLowerCase();
    var out = [];
    if (!q) return out;
    Object.keys(OBJECTS).forEach(function (k) {
      records(k).forEach(function (r) {
        if (r.fullName.toLowerCase().indexOf(q) >= 0) out.push({ obj: k, rec: r });
      });
    });
    return out;
  }

  // ---------- small DOM helpers ----------
  function h(html) { var t = document.createElement('template'); t.innerHTML = html.trim(); return t.content.firstChild; }
  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
  }
  function recordUrl(objKey, id) { return 'record.html?object=' + objKey + '&id=' + encodeURIComponent(id); }
  function app() { return document.getElementById('app'); }
  function layer(id) {
    var el = document.getElementById(id);
    if (!el) { el = document.createElement('div'); el.id = id; document.body.appendChild(el); }
    return el;
  }

  // ---------- toasts ----------
  function toast(html, kind) {
    var t = h('<div class="toast ' + (kind || 'success') + '" role="status"><span class="toast-msg">' + html +
      '</span><button type="button" aria-label="Close" title="Close">✕</button></div>');
    t.querySelector('button').addEventListener('click', function () { t.remove(); });
    layer('toast-root').appendChild(t);
  }

  // ---------- modal dialogs (the page behind becomes inert) ----------
  var openModal = null;
  function showModal(title, extraClass) {
    closeModal();
    var headingId = nextId('modal-heading');
    var wrap = h('<div class="modal-layer"><div class="backdrop"></div>' +
      '<section role="dialog" aria-modal="true" aria-labelledby="' + headingId + '" class="modal ' + (extraClass || '') + '" tabindex="-1">' +
      '<div class="modal-container"><header class="modal-header">' +
      '<button type="button" class="modal-close" aria-label="Close" title="Close">✕</button>' +
      '<h2 id="' + headingId + '">' + esc(title) + '</h2></header>' +
      '<div class="modal-content"><div class="spinner" role="progressbar" aria-label="Loading"></div></div></div></section></div>');
    wrap.querySelector('.modal-close').addEventListener('click', closeModal);
    document.body.insertBefore(wrap, document.getElementById('portal-root'));
    app().inert = true;
    openModal = { wrap: wrap, onClose: null };
    wrap.querySelector('section').focus();
    return wrap.querySelector('section');
  }
  function closeModal() {
    if (!openModal) return;
    closeListbox();
    var m = openModal;
    openModal = null;
    m.wrap.remove();
    app().inert = false;
    if (m.onClose) m.onClose();
  }
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && openModal && !currentListbox) closeModal();
  });

  // ---------- ARIA combobox with a portaled listbox ----------
  var currentListbox = null;
  function closeListbox() {
    if (!currentListbox) return;
    var c = currentListbox;
    currentListbox = null;
    c.list.remove();
    c.button.setAttribute('aria-expanded', 'false');
    c.button.removeAttribute('aria-activedescendant');
  }
  function makeCombobox(labelId, options, onChange) {
    var button = h('<button type="button" role="combobox" class="combobox" id="' + nextId('combobox-button') +
      '" aria-labelledby="' + labelId + '" aria-haspopup="listbox" aria-expanded="false"><span class="cb-value">--None--</span></button>');
    var state = { value: '', active: -1 };
    var all = ['--None--'].concat(options);

    function setValue(v) {
      state.value = v;
      button.querySelector('.cb-value').textContent = v || '--None--';
      if (onChange) onChange(v);
    }
    function highlight(i) {
      var opts = currentListbox.list.querySelectorAll('[role=option]');
      state.active = (i + opts.length) % opts.length;
      opts.forEach(function (o, j) { o.classList.toggle('active', j === state.active); });
      button.setAttribute('aria-activedescendant', opts[state.active].id);
      opts[state.active].scrollIntoView({ block: 'nearest' });
    }
    function position(list) {
      var r = button.getBoundingClientRect();
      var below = window.innerHeight - r.bottom - 8;
      var above = r.top - 8;
      var want = Math.min(all.length * 35 + 8, 280);
      list.style.left = r.left + 'px';
      list.style.width = r.width + 'px';
      if (below >= want || below >= above) {
        list.style.top = (r.bottom + 2) + 'px';
        list.style.maxHeight = Math.max(120, Math.min(want, below)) + 'px';
      } else {
        var hgt = Math.min(want, above);
        list.style.top = (r.top - 2 - hgt) + 'px';
        list.style.maxHeight = hgt + 'px';
      }
    }
    function open() {
      closeListbox();
      var listId = nextId('dropdown-element');
      var list = h('<div role="listbox" class="dropdown" id="' + listId + '" aria-labelledby="' + labelId + '"></div>');
      all.forEach(function (text, i) {
        var v = i === 0 ? '' : text;
        var o = h('<div role="option" id="' + listId + '-' + i + '" aria-selected="' + (v === state.value) + '"></div>');
        o.textContent = text;
        o.addEventListener('mousedown', function (ev) { ev.preventDefault(); });
        o.addEventListener('click', function () { setValue(v); closeListbox(); button.focus(); });
        list.appendChild(o);
      });
      layer('portal-root').appendChild(list);   // portaled: outside the dialog, at the end of <body>
      position(list);
      button.setAttribute('aria-expanded', 'true');
      button.setAttribute('aria-controls', listId);
      currentListbox = { list: list, button: button, reposition: function () { position(list); } };
      state.active = -1;
    }
    button.addEventListener('click', function () {
      if (currentListbox && currentListbox.button === button) closeListbox(); else open();
    });
    button.addEventListener('keydown', function (ev) {
      var isOpen = currentListbox && currentListbox.button === button;
      if (!isOpen && (ev.key === 'ArrowDown' || ev.key === 'ArrowUp')) { ev.preventDefault(); open(); highlight(0); return; }
      if (!isOpen) return;
      if (ev.key === 'ArrowDown') { ev.preventDefault(); highlight(state.active + 1); }
      else if (ev.key === 'ArrowUp') { ev.preventDefault(); highlight(state.active - 1); }
      else if (ev.key === 'Enter' || ev.key === ' ') {
        if (state.active >= 0) { ev.preventDefault(); setValue(state.active === 0 ? '' : all[state.active]); closeListbox(); }
      } else if (ev.key === 'Escape') { ev.preventDefault(); ev.stopPropagation(); closeListbox(); }
      else if (ev.key === 'Tab') { closeListbox(); }
      else if (ev.key.length === 1) {
        var k = ev.key.toLowerCase();
        for (var i = 1; i < all.length; i++) if (all[i].toLowerCase().charAt(0) === k) { highlight(i); break; }
      }
    });
    return { el: button, get: function () { return state.value; }, set: setValue };
  }
  document.addEventListener('mousedown', function (ev) {
    if (currentListbox && !currentListbox.list.contains(ev.target) && !currentListbox.button.contains(ev.target)) closeListbox();
  }, true);
  window.addEventListener('resize', function () { if (currentListbox) currentListbox.reposition(); });
  document.addEventListener('scroll', function () { if (currentListbox) currentListbox.reposition(); }, true);

  // ---------- record forms ----------
  function fieldHtml(f, ids) {
    var req = f.required ? '<abbr class="required" title="required">*</abbr> ' : '';
    var cls = 'form-element' + (f.wide ? ' wide' : '');
    var name = f.name ? ' name="' + f.name + '"' : '';
    var aria = f.required ? ' aria-required="true"' : '';
    var help = '<div class="help" id="' + ids.help + '" hidden>Complete this field.</div>';
    if (f.kind === 'combobox') {
      return '<div class="' + cls + '"><label class="form-label" id="' + ids.label + '">' + req + esc(f.label) + '</label>' +
        '<div class="control" data-combobox></div>' + help + '</div>';
    }
    if (f.kind === 'checkbox') {
      return '<div class="' + cls + '"><div class="form-label">&nbsp;</div><div class="control">' +
        '<input type="checkbox" id="' + ids.input + '"' + name + '> <label for="' + ids.input + '">' + esc(f.label) + '</label></div></div>';
    }
    var control;
    if (f.kind === 'select') {
      control = '<select class="select" id="' + ids.input + '"' + name + '><option value="">--None--</option>' +
        f.options.map(function (o) { return '<option>' + esc(o) + '</option>'; }).join('') + '</select>';
    } else if (f.kind === 'textarea') {
      control = '<textarea class="input" id="' + ids.input + '"' + name + '></textarea>';
    } else {
      control = '<input class="input" type="' + (f.type || 'text') + '" id="' + ids.input + '"' + name + aria +
        (f.placeholder ? ' placeholder="' + esc(f.placeholder) + '"' : '') +
        (f.inputmode ? ' inputmode="' + f.inputmode + '"' : '') + ' autocomplete="off">';
      if (f.kind === 'date') {
        control += '<button type="button" class="date-btn" aria-label="Select a date for ' + esc(f.label) + '" title="Select a date for ' +
          esc(f.label) + '">▦</button>';
      }
    }
    return '<div class="' + cls + '"><label class="form-label" for="' + ids.input + '">' + req + esc(f.label) + '</label>' +
      '<div class="control">' + control + '</div>' + help + '</div>';
  }

  function parseDate(s) {
    s = s.trim();
    var m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s) || null;
    if (m) return Number(m[1]) + '/' + Number(m[2]) + '/' + m[3];
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (m) return Number(m[2]) + '/' + Number(m[3]) + '/' + m[1];
    return null;
  }

  function openRecordForm(objKey, onSaved) {
    var O = OBJECTS[objKey];
    var dialog = showModal('New ' + O.singular);
    setTimeout(function () {
      if (!dialog.isConnected) return;
      var fields = [];
      var html = '<div class="required-legend"><abbr class="required" title="required">*</abbr> = Required Information</div>';
      O.sections.forEach(function (sec) {
        html += '<h3 class="section-title">' + esc(sec[0]) + '</h3><div class="form-grid">';
        sec[1].forEach(function (f) {
          var ids = { input: nextId(f.kind === 'select' ? 'select' : 'input'), label: nextId('label'), help: nextId('help') };
          fields.push({ f: f, ids: ids });
          html += fieldHtml(f, ids);
        });
        html += '</div>';
      });
      var content = dialog.querySelector('.modal-content');
      content.innerHTML = html;
      var footer = h('<footer class="modal-footer"><button type="button" class="btn" data-act="cancel">Cancel</button>' +
        '<button type="button" class="btn" data-act="savenew">Save &amp; New</button>' +
        '<button type="button" class="btn brand" data-act="save">Save</button></footer>');
      dialog.querySelector('.modal-container').appendChild(footer);

      var probability = null;
      fields.forEach(function (x) {
        if (x.f.key === 'probability') probability = x;
      });
      fields.forEach(function (x) {
        if (x.f.kind === 'combobox') {
          x.combo = makeCombobox(x.ids.label, x.f.options, function (v) {
            if (x.f.key === 'stage' && probability && v) document.getElementById(probability.ids.input).value = STAGE_PROBABILITY[v];
          });
          content.querySelector('#' + x.ids.label).parentNode.querySelector('[data-combobox]').appendChild(x.combo.el);
          x.combo.el.setAttribute('aria-describedby', x.ids.help);
          if (x.f.required) x.combo.el.setAttribute('aria-required', 'true');
        }
        if (x.f.kind === 'date') {
          var input = content.querySelector('#' + x.ids.input);
          input.parentNode.querySelector('.date-btn').addEventListener('click', function () { input.focus(); });
        }
      });

      function value(x) {
        if (x.combo) return x.combo.get();
        var el = document.getElementById(x.ids.input);
        return x.f.kind === 'checkbox' ? el.checked : el.value.trim();
      }
      function setError(x, msg) {
        var help = document.getElementById(x.ids.help);
        if (!help) return;
        var wrap = help.parentNode;
        wrap.classList.toggle('has-error', !!msg);
        help.hidden = !msg;
        help.textContent = msg || 'Complete this field.';
        var ctl = x.combo ? x.combo.el : document.getElementById(x.ids.input);
        if (msg) { ctl.setAttribute('aria-invalid', 'true'); ctl.setAttribute('aria-describedby', x.ids.help); }
        else ctl.removeAttribute('aria-invalid');
      }

      function save(andNew) {
        var bad = [];
        var rec = { id: objKey.charAt(0) + Date.now().toString(36) + Math.floor(Math.random() * 1000) };
        fields.forEach(function (x) {
          var v = value(x);
          var msg = '';
          if (x.f.required && !v) msg = 'Complete this field.';
          else if (x.f.kind === 'date' && v && !parseDate(v)) msg = 'Your entry does not match the allowed format M/d/yyyy.';
          else if (x.f.key === 'amount' && v && isNaN(Number(v.replace(/[$,\s]/g, '')))) msg = 'Enter a valid value.';
          if (x.f.kind === 'date' && v && !msg) v = parseDate(v);
          setError(x, msg);
          if (msg) bad.push(x.f.label);
          rec[x.f.key] = v;
        });
        var old = content.querySelector('.snag');
        if (old) old.remove();
        if (bad.length) {
          var snag = h('<div class="snag" role="alert"><strong>We hit a snag.</strong><p>Review the following fields</p><ul></ul></div>');
          bad.forEach(function (b) { var li = document.createElement('li'); li.textContent = b; snag.querySelector('ul').appendChild(li); });
          content.insertBefore(snag, content.firstChild);
          content.scrollTop = 0;
          return;
        }
        footer.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
        // The server round trip.
        setTimeout(function () {
          saveRecord(objKey, rec);
          closeModal();
          var name = O.nameOf(rec);
          toast(esc(O.singular) + ' "<a href="' + recordUrl(objKey, rec.id) + '">' + esc(name) + '</a>" was created.');
          if (onSaved) onSaved(rec);
          if (andNew) openRecordForm(objKey, onSaved);
        }, 300);
      }
      footer.addEventListener('click', function (ev) {
        var act = ev.target.closest('button') && ev.target.closest('button').dataset.act;
        if (act === 'cancel') closeModal();
        if (act === 'save') save(false);
        if (act === 'savenew') save(true);
      });
      var first = content.querySelector('input, select, textarea, button');
      if (first) first.focus();
    }, 250);
  }

  // ---------- App Launcher ----------
  var LAUNCHER_APPS = [
    { name: 'Sales', href: 'home.html', color: '#0176d3', desc: 'Manage your sales process with accounts, contacts, opportunities, and more.' },
    { name: 'Service', href: 'home.html', color: '#9050e9', desc: 'Manage customer service with accounts, contacts, cases, and more.' },
    { name: 'Marketing', href: 'home.html', color: '#fe9339', desc: 'Best-in-class on-demand marketing automation.' }
  ];
  var LAUNCHER_ITEMS = [
    { name: 'Accounts', href: 'accounts.html' },
    { name: 'Contacts', href: 'contacts.html' },
    { name: 'Contact Requests', href: 'empty.html?object=Contact%20Requests' },
    { name: 'Opportunities', href: 'opportunities.html' },
    { name: 'Reports', href: 'empty.html?object=Reports' },
    { name: 'Dashboards', href: 'empty.html?object=Dashboards' }
  ];
  function openLauncher() {
    var dialog = showModal('App Launcher', 'launcher');
    setTimeout(function () {
      if (!dialog.isConnected) return;
      var searchId = nextId('input');
      var content = dialog.querySelector('.modal-content');
      content.innerHTML =
        '<div class="launcher-search"><label class="assistive" for="' + searchId + '">Search apps and items</label>' +
        '<input type="search" id="' + searchId + '" placeholder="Search apps and items..." autocomplete="off"></div>' +
        '<section data-sec="apps" aria-labelledby="' + searchId + '-apps"><h3 id="' + searchId + '-apps">Apps</h3><div class="app-tiles">' +
        LAUNCHER_APPS.map(function (a) {
          return '<a class="app-tile" href="' + a.href + '" data-name="' + esc(a.name) + '"><span class="tile-icon" aria-hidden="true" style="background:' + a.color + '">' +
            a.name.charAt(0) + '</span><span><span class="tile-name">' + esc(a.name) + '</span><span class="tile-desc">' + esc(a.desc) + '</span></span></a>';
        }).join('') + '</div></section>' +
        '<section data-sec="items" aria-labelledby="' + searchId + '-items"><h3 id="' + searchId + '-items">Items</h3><ul class="items">' +
        LAUNCHER_ITEMS.map(function (i) { return '<li><a href="' + i.href + '" data-name="' + esc(i.name) + '">' + esc(i.name) + '</a></li>'; }).join('') +
        '</ul></section><p class="no-results" hidden>No results for that search.</p>';
      var input = content.querySelector('input');
      var timer = null;
      function filter() {
        var q = input.value.trim().toLowerCase();
        var any = false;
        content.querySelectorAll('[data-name]').forEach(function (a) {
          var show = a.dataset.name.toLowerCase().indexOf(q) >= 0;
          (a.closest('li') || a).hidden = !show;
          any = any || show;
        });
        var tiles = content.querySelectorAll('.app-tile:not([hidden])').length;
        var items = content.querySelectorAll('.items li:not([hidden])').length;
        content.querySelector('[data-sec=apps]').hidden = tiles === 0;
        content.querySelector('[data-sec=items]').hidden = items === 0;
        content.querySelector('.no-results').hidden = any;
      }
      input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(filter, 100); });
      input.addEventListener('keydown', function (ev) {
        if (ev.key !== 'Enter') return;
        ev.preventDefault();
        clearTimeout(timer);
        filter();
        var items = Array.prototype.filter.call(content.querySelectorAll('.items li'), function (li) { return !li.hidden; });
        var apps = Array.prototype.filter.call(content.querySelectorAll('.app-tile'), function (a) { return !a.hidden; });
        var hits = items.map(function (li) { return li.querySelector('a'); }).concat(apps);
        if (input.value.trim() && hits.length) location.href = hits[0].getAttribute('href');
      });
      input.focus();
    }, 300);
  }

  // ---------- page chrome ----------
  var NAV = [['Home', 'home.html'], ['Opportunities', 'opportunities.html'], ['Accounts', 'accounts.html'],
    ['Contacts', 'contacts.html'], ['Reports', 'empty.html?object=Reports'], ['Dashboards', 'empty.html?object=Dashboards']];
  function chrome(current) {
    var waffle = '<svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">' +
      [2, 9, 16].map(function (y) { return [2, 9, 16].map(function (x) { return '<circle cx="' + x + '" cy="' + y + '" r="2" fill="#706e6b"/>'; }).join(''); }).join('') + '</svg>';
    return '<header class="global-header">' +
      '<span class="logo" role="img" aria-label="Sales CRM">☁</span>' +
      '<div class="gh-search"><input type="search" id="global-search" placeholder="Search..." aria-label="Search Sales CRM" autocomplete="off"></div>' +
      '<button type="button" class="icon-btn" aria-label="Favorites" title="Favorites">☆</button>' +
      '<button type="button" class="icon-btn" aria-label="Setup" title="Setup">⚙</button>' +
      '<button type="button" class="icon-btn" aria-label="Help" title="Help">?</button>' +
      '<button type="button" class="icon-btn" aria-label="Notifications" title="Notifications"><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><path d="M8 1a4 4 0 00-4 4v4l-2 2v1h12v-1l-2-2V5a4 4 0 00-4-4zM6 13a2 2 0 004 0z" fill="#706e6b"/></svg></button>' +
      '<button type="button" class="avatar" id="profile-button" aria-label="View profile" aria-haspopup="menu" aria-expanded="false">AU</button>' +
      '</header>' +
      '<div class="context-bar">' +
      '<button type="button" class="app-launcher" aria-label="App Launcher" title="App Launcher" aria-haspopup="dialog">' + waffle + '</button>' +
      '<span class="app-name">Sales</span>' +
      '<nav class="app-nav" aria-label="Global navigation"><ul>' +
      NAV.map(function (n) {
        return '<li><a href="' + n[1] + '"' + (n[0] === current ? ' aria-current="page"' : '') + '>' + n[0] + '</a></li>';
      }).join('') + '</ul></nav></div>';
  }
  function wireChrome() {
    app().querySelector('.app-launcher').addEventListener('click', openLauncher);
    var search = document.getElementById('global-search');
    search.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && search.value.trim()) location.href = 'search.html?q=' + encodeURIComponent(search.value.trim());
    });
    var btn = document.getElementById('profile-button');
    btn.addEventListener('click', function () {
      var menu = document.getElementById('profile-menu');
      if (menu) { menu.remove(); btn.setAttribute('aria-expanded', 'false'); return; }
      menu = h('<div class="profile-menu" id="profile-menu" role="menu" aria-label="Profile">' +
        '<button type="button" role="menuitem">Settings</button><button type="button" role="menuitem" data-logout>Log Out</button></div>');
      menu.querySelector('[data-logout]').addEventListener('click', function () {
        sessionStorage.removeItem('crm.session');
        location.href = 'login.html';
      });
      app().appendChild(menu);
      btn.setAttribute('aria-expanded', 'true');
    });
  }

  // ---------- pages ----------
  function homePage() {
    return '<div class="page"><h1 class="assistive">Home</h1><div class="grid"><div>' +
      '<section class="card" aria-labelledby="perf-h"><h2 id="perf-h">Quarterly Performance</h2>' +
      '<div class="perf"><div>CLOSED<strong>$0</strong></div><div>OPEN (&gt;70%)<strong>$0</strong></div><div>GOAL<strong>--</strong></div></div>' +
      '<div class="chart" role="img" aria-label="Quarterly performance chart"></div></section>' +
      '<section class="card" aria-labelledby="qf-h"><h2 id="qf-h">Quick Find</h2><crm-quick-find></crm-quick-find></section>' +
      '<section class="card" aria-labelledby="notes-h"><h2 id="notes-h">Notes</h2>' +
      '<iframe class="notes-frame" src="notes-frame.html" title="Notes"></iframe></section>' +
      '</div><div>' +
      '<section class="card" aria-labelledby="assistant-h"><h2 id="assistant-h">Assistant</h2><p>Nothing needs your attention right now. Check back later.</p></section>' +
      '<section class="card" aria-labelledby="tasks-h"><h2 id="tasks-h">Today\'s Tasks</h2><p>Nothing due today. Be a go-getter, and check back soon.</p></section>' +
      '</div></div></div>';
  }

  function listPage(objKey) {
    var O = OBJECTS[objKey];
    var root = h('<div class="page"><div class="list-header"><div class="lh-top">' +
      '<span class="object-icon" aria-hidden="true" style="background:' + O.color + '">' + O.letter + '</span>' +
      '<div><p class="eyebrow">' + O.plural + '</p><h1>All ' + O.plural + '</h1></div>' +
      '<div class="lh-actions"><button type="button" class="btn" data-act="new">New</button>' +
      '<button type="button" class="btn" data-act="import">Import</button></div></div>' +
      '<div class="lh-bottom"><div class="list-meta" role="status"></div>' +
      '<input type="search" placeholder="Search this list..." aria-label="Search this list..." autocomplete="off">' +
      '<button type="button" class="icon-btn" aria-label="Show filters" aria-pressed="true">⛛</button></div></div>' +
      '<div class="list-body"><div class="table-wrap"><table aria-label="All ' + O.plural + '"><thead><tr>' +
      O.columns.map(function (c) { return '<th scope="col">' + esc(c[1]) + '</th>'; }).join('') +
      '</tr></thead><tbody></tbody></table></div>' +
      '<aside class="filters-panel" role="region" aria-label="Filters"><h2>Filters</h2>' +
      '<div class="fp-buttons"><button type="button" class="btn" data-act="fp-cancel">Cancel</button>' +
      '<button type="button" class="btn brand" data-act="fp-save">Save</button></div>' +
      '<fieldset><legend>Filter by Owner</legend>' +
      '<label><input type="radio" name="owner" value="all" checked> All ' + O.plural.toLowerCase() + '</label>' +
      '<label><input type="radio" name="owner" value="mine"> My ' + O.plural.toLowerCase() + '</label></fieldset>' +
      '<p class="fp-note"></p></aside></div></div>');
    var tbody = root.querySelector('tbody');
    var search = root.querySelector('input[type=search]');

    function render() {
      var q = search.value.trim().toLowerCase();
      var rows = records(objKey).filter(function (r) { return !q || r.fullName.toLowerCase().indexOf(q) >= 0; });
      tbody.innerHTML = rows.map(function (r) {
        return '<tr>' + O.columns.map(function (c, i) {
          var v = r[c[0]];
          if (i === 0) return '<th scope="row"><a href="' + recordUrl(objKey, r.id) + '">' + esc(v) + '</a></th>';
          if (c[0] === 'email' && v) return '<td><a href="mailto:' + esc(v) + '">' + esc(v) + '</a></td>';
          return '<td>' + esc(v) + '</td>';
        }).join('') + '</tr>';
      }).join('');
      root.querySelector('.list-meta').textContent = rows.length + (rows.length === 1 ? ' item' : ' items') +
        ' • Sorted by ' + O.columns[0][1] + ' • Updated a few seconds ago';
    }
    root.addEventListener('click', function (ev) {
      var b = ev.target.closest('button[data-act]');
      if (!b) return;
      var act = b.dataset.act;
      if (act === 'new') openRecordForm(objKey, render);
      if (act === 'import') toast('Import is not available in this demo.', 'info');
      if (act === 'fp-save') root.querySelector('.fp-note').textContent = 'List view filters saved.';
      if (act === 'fp-cancel') { root.querySelector('input[value=all]').checked = true; root.querySelector('.fp-note').textContent = ''; }
    });
    search.addEventListener('input', render);
    render();
    return root;
  }

  function recordPage() {
    var p = new URLSearchParams(location.search);
    var objKey = p.get('object');
    var O = OBJECTS[objKey];
    var r = O && findRecord(objKey, p.get('id'));
    if (!r) return h('<div class="page"><div class="record-header"><h1>Record not found</h1><p>Looks like this record was deleted or you don\'t have access to it.</p></div></div>');
    document.title = r.fullName + ' | ' + O.singular + ' | Sales CRM';
    var fields = [];
    O.sections.forEach(function (s) { s[1].forEach(function (f) { fields.push(f); }); });
    return h('<div class="page"><div class="record-header"><p class="eyebrow">' + O.singular + '</p><h1>' + esc(r.fullName) + '</h1></div>' +
      '<section class="card" aria-labelledby="details-h"><h2 id="details-h">Details</h2><dl class="details">' +
      fields.map(function (f) {
        var v = r[f.key];
        if (f.key === 'amount' && v) v = formatMoney(v);
        if (f.kind === 'checkbox') v = v ? 'Yes' : 'No';
        return '<dt>' + esc(f.label) + '</dt><dd>' + esc(v) + '</dd>';
      }).join('') + '<dt>Owner</dt><dd>' + OWNER + '</dd></dl></section></div>');
  }

  function emptyPage() {
    var name = new URLSearchParams(location.search).get('object') || 'Items';
    document.title = name + ' | Sales CRM';
    var root = h('<div class="page"><div class="list-header"><h1></h1></div><div class="list-body" style="padding:24px">No items to display.</div></div>');
    root.querySelector('h1').textContent = name;
    return root;
  }

  function searchPage() {
    var q = new URLSearchParams(location.search).get('q') || '';
    var hits = searchAll(q);
    var root = h('<div class="page"><div class="list-header"><h1>Search Results</h1><p class="list-meta"></p></div>' +
      '<div class="list-body" style="padding:16px"><ul></ul></div></div>');
    root.querySelector('.list-meta').textContent = hits.length + ' results for "' + q + '"';
    hits.forEach(function (x) {
      var li = h('<li><a href="' + recordUrl(x.obj, x.rec.id) + '"></a> · ' + OBJECTS[x.obj].singular + '</li>');
      li.querySelector('a').textContent = x.rec.fullName;
      root.querySelector('ul').appendChild(li);
    });
    return root;
  }

  // ---------- start ----------
  function start(page) {
    if (!sessionStorage.getItem('crm.session')) { location.replace('login.html'); return; }
    layer('portal-root');
    layer('toast-root');
    var current = { home: 'Home', opportunity: 'Opportunities', account: 'Accounts', contact: 'Contacts' }[page] || '';
    // Hydration: the shell arrives first, the page body a little later.
    setTimeout(function () {
      app().innerHTML = chrome(current) + '<div id="page-body"><div class="spinner" role="progressbar" aria-label="Loading"></div></div>';
      wireChrome();
      setTimeout(function () {
        var body = document.getElementById('page-body');
        body.innerHTML = '';
        if (page === 'home') body.innerHTML = homePage();
        else if (OBJECTS[page]) body.appendChild(listPage(page));
        else if (page === 'record') body.appendChild(recordPage());
        else if (page === 'search') body.appendChild(searchPage());
        else body.appendChild(emptyPage());
      }, 200);
    }, 100);
  }

  // ---------- <crm-quick-find>: an open shadow root with its own label, input and button ----------
  if (!customElements.get('crm-quick-find')) {
    customElements.define('crm-quick-find', class extends HTMLElement {
      connectedCallback() {
        if (this.shadowRoot) return;
        var root = this.attachShadow({ mode: 'open' });
        root.innerHTML = '<style>' +
          ':host { display: block; } .row { display: flex; gap: 8px; align-items: flex-end; }' +
          'label { display: block; font-size: 12px; color: #444; margin-bottom: 2px; }' +
          'input { width: 280px; height: 32px; border: 1px solid #c9c9c9; border-radius: 4px; padding: 0 10px; }' +
          'button { height: 32px; border: 1px solid #c9c9c9; background: #fff; color: #0176d3; border-radius: 4px; padding: 0 16px; cursor: pointer; }' +
          '.status { font-size: 13px; color: #444; } ul { margin: 4px 0 0; padding-left: 18px; } a { color: #0176d3; }' +
          '</style>' +
          '<div class="row"><div><label for="qf-input">Quick Find</label>' +
          '<input id="qf-input" type="search" placeholder="Search records" autocomplete="off"></div>' +
          '<button type="button" id="qf-go">Find</button></div>' +
          '<p class="status" role="status"></p><ul class="results"></ul>';
        var input = root.getElementById('qf-input');
        var status = root.querySelector('.status');
        var list = root.querySelector('.results');
        function find() {
          var q = input.value.trim();
          list.innerHTML = '';
          if (!q) { status.textContent = 'Enter a name to search.'; return; }
          status.textContent = 'Searching…';
          setTimeout(function () {
            var hits = searchAll(q);
            status.textContent = hits.length === 0 ? 'No records found' : hits.length === 1 ? '1 record found' : hits.length + ' records found';
            hits.forEach(function (x) {
              var li = document.createElement('li');
              li.innerHTML = '<a></a> · ' + OBJECTS[x.obj].singular;
              li.querySelector('a').textContent = x.rec.fullName;
              li.querySelector('a').href = recordUrl(x.obj, x.rec.id);
              list.appendChild(li);
            });
          }, 200);
        }
        root.getElementById('qf-go').addEventListener('click', find);
        input.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') find(); });
      }
    });
  }

  return { start: start, OBJECTS: OBJECTS };
})();
