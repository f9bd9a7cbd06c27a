// Playwright twins of PACTS example tests (examples/requirements/*.txt), for bench/side_by_side.sh.
//
// Written as a careful tester would write them: one browser for the whole run, a fresh context and page per test,
// role / label / text / placeholder locators, every Expected text and URL checked with a retrying ("web-first")
// wait bounded by the same 5 s assertion timeout PACTS uses. The same steps, in the same order, on the same pages
// as the PACTS test of the same name. playwright-core has no `expect`, so the checks are made with
// locator.waitFor() and a small poll (the same retry intervals as Playwright's expect).
//
// Usage: node tests.mjs BASE_URL [REQUIREMENT_FILE...]
//        node tests.mjs --list [REQUIREMENT_FILE...]   (print the twins' test names as JSON, run nothing)
//   BASE_URL          e.g. http://127.0.0.1:8777 (the folder examples/sites served as the web root)
//   REQUIREMENT_FILE  run the twins of these files only (matched by file name); default: every twin below.
// Prints one JSON document on stdout (progress goes to stderr). Exit code: 0 all passed, 1 a test failed,
// 2 bad usage, a file without twins, or the browser could not start.
//
// Per action timings: every PACTS step is one timed action, labelled with the PACTS action name
// (fill | click | press | select | check | wait | goto), timed from the call to its resolution. A PACTS step that
// takes two Playwright calls (an ARIA combobox: open it, click the option) is timed as one action. The test's
// initial page.goto() is recorded as "goto" (PACTS does not report its initial navigation as a step).
// Assertions are timed separately, as PACTS reports them separately.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import path from 'node:path';

const ASSERT_TIMEOUT_MS = 5000;    // PACTS run.assertion_timeout_ms
const ACTION_TIMEOUT_MS = 10000;   // PACTS run.step_timeout_ms
const NAV_TIMEOUT_MS = 30000;      // PACTS run.navigation_timeout_ms
const VIEWPORT = { width: 1280, height: 800 };   // PACTS browser.window_width / window_height
const POLL_INTERVALS_MS = [100, 250, 500, 1000]; // what Playwright's expect.poll / toHaveURL use

const CHROMIUM = process.env.PW_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// ---------------------------------------------------------------------------------------------------------------
// The step and check helpers. Each records its timing on the test's record.

class Run {
  constructor(page, base, record) {
    this.page = page;
    this.base = base;
    this.rec = record;
  }

  async #timed(list, entry, fn) {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      entry.duration_ms = performance.now() - t0;
      list.push(entry);
    }
  }
  act(action, target, fn) { return this.#timed(this.rec.actions, { action, target }, fn); }
  check(type, value, fn) { return this.#timed(this.rec.assertions, { type, value }, fn); }

  // Steps.
  goto(p) { return this.act('goto', p, () => this.page.goto(new URL(p, this.base).href, { timeout: NAV_TIMEOUT_MS })); }
  fill(loc, target, value) { return this.act('fill', target, () => loc.fill(value)); }
  click(loc, target) { return this.act('click', target, () => loc.click()); }
  press(loc, target, key) { return this.act('press', `${target}=${key}`, () => loc.press(key)); }
  check_(loc, target) { return this.act('check', target, () => loc.check()); }
  selectNative(loc, target, value) { return this.act('select', `${target}=${value}`, () => loc.selectOption(value)); }
  // An ARIA combobox whose listbox is portaled to the end of <body>: open it (unless it is open already), pick.
  selectCombobox(combo, target, value, { open = true } = {}) {
    return this.act('select', `${target}=${value}`, async () => {
      if (open) await combo.click();
      await this.page.getByRole('option', { name: value, exact: true }).click();
    });
  }
  waitFor(loc, target) { return this.act('wait', target, () => loc.waitFor({ state: 'visible', timeout: ACTION_TIMEOUT_MS })); }
  waitForUrl(re, target) { return this.act('wait', target, () => this.page.waitForURL(re, { timeout: ACTION_TIMEOUT_MS })); }

  // Checks. "X is visible" (PACTS text_visible): some visible element shows the text (case-insensitive substring,
  // whitespace collapsed: getByText's default matching).
  seesText(text) {
    return this.check('text_visible', text, () =>
      this.page.getByText(text).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: ASSERT_TIMEOUT_MS }));
  }
  sees(loc, what, type = 'element_visible') {
    return this.check(type, what, () => loc.filter({ visible: true }).first().waitFor({ state: 'visible', timeout: ASSERT_TIMEOUT_MS }));
  }
  // "X is hidden": nothing visible matches (absent counts as hidden).
  hidden(loc, what) {
    return this.check('element_hidden', what, () => loc.filter({ visible: true }).first().waitFor({ state: 'hidden', timeout: ASSERT_TIMEOUT_MS }));
  }
  urlContains(part) {
    return this.check('url_contains', part, () => poll(() => this.page.url().includes(part), `URL to contain "${part}"`, () => this.page.url()));
  }
  titleContains(part) {
    return this.check('title_contains', part, () => poll(async () => (await this.page.title()).toLowerCase().includes(part.toLowerCase()),
      `title to contain "${part}"`, () => this.page.title()));
  }
}

async function poll(pred, what, actual) {
  const deadline = performance.now() + ASSERT_TIMEOUT_MS;
  for (let i = 0; ; i++) {
    if (await pred()) return;
    const wait = POLL_INTERVALS_MS[Math.min(i, POLL_INTERVALS_MS.length - 1)];
    if (performance.now() + wait > deadline) {
      if (await pred()) return;
      throw new Error(`timed out after ${ASSERT_TIMEOUT_MS} ms waiting for ${what}; actual: ${await actual()}`);
    }
    await new Promise((r) => setTimeout(r, wait));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Shared bits of the example sites.

async function shopLogin(t, user, password) {
  const p = t.page;
  await t.fill(p.getByPlaceholder('Username'), 'Username', user);
  await t.fill(p.getByPlaceholder('Password'), 'Password', password);
  await t.click(p.getByRole('button', { name: 'Login' }), 'Login');
}
// The "Add to cart" button of the product card that names the product.
const shopProduct = (p, name) => p.locator('[data-test="inventory-item"]').filter({ hasText: name });
const addToCart = (t, name) => t.click(shopProduct(t.page, name).getByRole('button', { name: 'Add to cart' }), `Add to cart for ${name}`);

async function crmLogin(t, user = 'admin@pacts.test', password = 'PactsDemo2024', button = 'Log In') {
  const p = t.page;
  await t.fill(p.getByLabel('Username'), 'Username', user);
  await t.fill(p.getByLabel('Password'), 'Password', password);
  await t.click(p.getByRole('button', { name: button }), button);
}
const crmNav = (p, name) => p.getByRole('navigation', { name: 'Global navigation' }).getByRole('link', { name, exact: true });
const crmDialog = (p, name) => p.getByRole('dialog', { name, exact: true });
const crmButton = (scope, name) => scope.getByRole('button', { name, exact: true });

// ---------------------------------------------------------------------------------------------------------------
// The twins, per requirement file, with the PACTS test names. Comments quote the PACTS steps.

const SUITES = {
  'shop_e2e.txt': [
    {
      name: 'Order three products', url: '/shop/',
      async run(t) {
        const p = t.page;
        await shopLogin(t, 'standard_user', 'secret_sauce');             // 1. Login with username ... and password ...
        await addToCart(t, 'Sauce Labs Fleece Jacket');                   // 2.
        await addToCart(t, 'Sauce Labs Bike Light');                      // 3.
        await addToCart(t, 'Sauce Labs Onesie');                          // 4.
        await t.click(p.getByRole('link', { name: 'Shopping cart' }), 'shopping cart');   // 5. Go to shopping cart
        await t.click(p.getByRole('button', { name: 'Checkout' }), 'Checkout');           // 6. Proceed to checkout
        await t.fill(p.getByPlaceholder('First Name'), 'First Name', 'John');             // 7. Fill customer info: ...
        await t.fill(p.getByPlaceholder('Last Name'), 'Last Name', 'Doe');
        await t.fill(p.getByPlaceholder('Zip/Postal Code'), 'Zip Code', '12345');
        await t.click(p.getByRole('button', { name: 'Continue', exact: true }), 'Continue'); // 8. Continue to overview
        await t.seesText('Item total: $67.97');                                            // 9. Verify ...
        await t.click(p.getByRole('button', { name: 'Finish' }), 'Finish');               // 10. Finish the order
        await t.seesText('Thank you for your order!');
        await t.urlContains('/shop/checkout-complete.html');
      },
    },
    {
      name: "Checkout needs the customer's first name", url: '/shop/',
      async run(t) {
        const p = t.page;
        await shopLogin(t, 'standard_user', 'secret_sauce');
        await addToCart(t, 'Sauce Labs Backpack');
        await t.click(p.getByRole('link', { name: 'Shopping cart' }), 'shopping cart');
        await t.click(p.getByRole('button', { name: 'Checkout' }), 'Checkout');
        await t.click(p.getByRole('button', { name: 'Continue', exact: true }), 'Continue');
        await t.seesText('Error: First Name is required');
        await t.urlContains('/shop/checkout-step-one.html');
      },
    },
  ],

  'shop_login_simple.txt': [
    {
      name: 'Log in and add the backpack to the cart', url: '/shop/',
      async run(t) {
        const p = t.page;
        await shopLogin(t, 'standard_user', 'secret_sauce');
        await addToCart(t, 'Sauce Labs Backpack');
        await t.sees(p.getByRole('button', { name: 'Remove' }), '"Remove" button');
        await t.urlContains('/shop/inventory.html');
      },
    },
    {
      name: 'Log in with the field named first, then check the cart', url: '/shop/',
      async run(t) {
        const p = t.page;
        await shopLogin(t, 'standard_user', 'secret_sauce');
        await t.seesText('Products');                                         // 4. Verify "Products" is visible
        await addToCart(t, 'Sauce Labs Bolt T-Shirt');
        await t.click(p.getByRole('link', { name: 'Shopping cart' }), 'shopping cart');
        await t.seesText('Your Cart');
        await t.seesText('Sauce Labs Bolt T-Shirt');
        await t.urlContains('/shop/cart.html');
      },
    },
    {
      name: 'A locked out user cannot log in', url: '/shop/',
      async run(t) {
        await shopLogin(t, 'locked_out_user', 'secret_sauce');
        await t.seesText('Epic sadface: Sorry, this user has been locked out.');
      },
    },
    {
      name: 'A wrong password is rejected', url: '/shop/',
      async run(t) {
        await shopLogin(t, 'standard_user', 'not_the_password');
        await t.seesText('Epic sadface: Username and password do not match any user in this service');
      },
    },
  ],

  'crm_opportunity.txt': [
    {
      name: 'Create an opportunity from the App Launcher', url: '/crm/login.html',
      async run(t) {
        const p = t.page;
        await crmLogin(t);                                                            // 1-3
        await t.waitForUrl(/\/crm\/home\.html/, 'home page to load');                 // 4. Wait for home page to load
        await t.click(p.getByRole('button', { name: 'App Launcher' }), 'App Launcher');                      // 5.
        await t.click(crmDialog(p, 'App Launcher').getByRole('link', { name: 'Opportunities', exact: true }), 'Opportunities'); // 6.
        await t.click(crmButton(p, 'New'), 'New');                                                            // 7.
        const d = crmDialog(p, 'New Opportunity');
        await t.fill(d.getByLabel('Opportunity Name'), 'Opportunity Name', 'Acme Q3 Renewal');                // 8.
        await t.fill(d.getByLabel('Amount', { exact: true }), 'Amount', '50000');                             // 9.
        // "Close Date" is also in the name of the button "Select a date for Close Date": ask for the text box.
        await t.fill(d.getByRole('textbox', { name: 'Close Date' }), 'Close Date', '12/31/2025');             // 10.
        const stage = d.getByRole('combobox', { name: 'Stage' });
        await t.click(stage, 'Stage');                                                                        // 11. Click Stage dropdown
        await t.selectCombobox(stage, 'Stage', 'Prospecting', { open: false });                               // 12. Select ... from dropdown
        await t.click(crmButton(d, 'Save'), 'Save');                                                          // 13.
        await t.seesText('was created.');
        await t.seesText('Acme Q3 Renewal');
        await t.seesText('$50,000.00');
        await t.seesText('Prospecting');
        await t.hidden(crmDialog(p, 'New Opportunity'), '"New Opportunity"');
        await t.urlContains('/crm/opportunities.html');
      },
    },
    {
      name: 'Required fields are checked before an opportunity is saved', url: '/crm/login.html',
      async run(t) {
        const p = t.page;
        await crmLogin(t, 'admin@pacts.test', 'PactsDemo2024', 'Log in');             // 1. Log in as ... with password ...
        await t.click(crmNav(p, 'Opportunities'), 'Opportunities');                    // 2. Click on "Opportunities" tab in navigation
        await t.click(crmButton(p, 'New'), 'New');                                      // 3.
        const d = crmDialog(p, 'New Opportunity');
        await t.fill(d.getByLabel('Amount', { exact: true }), 'Amount', '1200');        // 4. ... within the New Opportunity dialog
        await t.click(crmButton(d, 'Save'), 'Save');                                    // 5.
        await t.seesText('Complete this field.');                                       // 6.
        await t.seesText('We hit a snag.');                                             // 7.
        await t.fill(d.getByLabel('Opportunity Name'), 'Opportunity Name', 'Initech Pilot');                  // 8.
        await t.fill(d.getByRole('textbox', { name: 'Close Date' }), 'Close Date', '2025-11-30');             // 9.
        await t.selectCombobox(d.getByRole('combobox', { name: 'Stage' }), 'Stage', 'Qualification');         // 10.
        await t.click(crmButton(d, 'Save'), 'Save');                                                          // 11.
        await t.seesText('was created.');
        await t.seesText('Initech Pilot');
        await t.seesText('11/30/2025');
      },
    },
  ],

  'crm_contact.txt': [
    {
      name: 'Create a contact through the App Launcher search', url: '/crm/login.html',
      async run(t) {
        const p = t.page;
        const email = `jane.${Math.floor(Date.now() / 1000)}@example.com`;   // {timestamp}, fixed once per test
        await crmLogin(t);                                                                    // 1-3
        await t.click(p.getByRole('button', { name: 'App Launcher' }), 'App Launcher');       // 4.
        const search = p.getByPlaceholder('Search apps and items...');
        await t.fill(search, 'Search apps and items...', 'Contacts');                         // 5. Fill ... and press Enter
        await t.press(search, 'Search apps and items...', 'Enter');
        await t.click(crmButton(p, 'New'), 'New');                                            // 6.
        const d = crmDialog(p, 'New Contact');
        await t.fill(d.getByLabel('First Name'), 'First Name', 'Jane');                       // 7.
        await t.fill(d.getByLabel('Last Name'), 'Last Name', 'Doe');                          // 8.
        await t.fill(d.getByLabel('Email', { exact: true }), 'Email', email);                 // 9. (not "Email Opt Out")
        await t.fill(d.getByLabel('Phone', { exact: true }), 'Phone', '(555) 010-4477');      // 10. (not "Home Phone")
        await t.click(crmButton(d, 'Save'), 'Save');                                          // 11.
        await t.seesText('was created.');
        await t.seesText('Jane Doe');
        await t.seesText(email);
        await t.seesText('(555) 010-4477');
        await t.urlContains('/crm/contacts.html');
      },
    },
    {
      name: 'Create a contact with picklists and a checkbox', url: '/crm/login.html',
      async run(t) {
        const p = t.page;
        await crmLogin(t);
        await t.click(crmNav(p, 'Contacts'), 'Contacts');                                     // 4.
        await t.click(crmButton(p, 'New'), 'New');                                            // 5.
        const d = crmDialog(p, 'New Contact');
        await t.selectNative(d.getByLabel('Salutation'), 'Salutation', 'Dr.');                // 6. a native <select>
        await t.fill(d.getByLabel('First Name'), 'First Name', 'Marie');                      // 7.
        await t.fill(d.getByLabel('Last Name'), 'Last Name', 'Curie');                        // 8.
        await t.selectCombobox(d.getByRole('combobox', { name: 'Lead Source' }), 'Lead Source', 'Web');   // 9. ARIA combobox
        await t.check_(d.getByLabel('Email Opt Out'), 'Email Opt Out');                       // 10.
        await t.click(crmButton(d, 'Save'), 'Save');                                          // 11.
        await t.seesText('was created.');
        await t.seesText('Marie Curie');
      },
    },
  ],

  'crm_account.txt': [
    {
      name: 'Create an account with a type', url: '/crm/login.html',
      async run(t) {
        const p = t.page;
        await crmLogin(t);
        await t.click(crmNav(p, 'Accounts'), 'Accounts');
        await t.click(crmButton(p, 'New'), 'New');
        const d = crmDialog(p, 'New Account');
        await t.fill(d.getByLabel('Account Name'), 'Account Name', 'Northwind Traders');
        await t.fill(d.getByLabel('Phone', { exact: true }), 'Phone', '(206) 555-0188');
        await t.fill(d.getByLabel('Website'), 'Website', 'https://northwind.example.com');
        await t.selectNative(d.getByLabel('Type', { exact: true }), 'Type', 'Customer');
        await t.selectNative(d.getByLabel('Industry'), 'Industry', 'Retail');
        await t.click(crmButton(d, 'Save'), 'Save');
        await t.seesText('was created.');
        await t.seesText('Northwind Traders');
        await t.seesText('Customer');
        await t.seesText('(206) 555-0188');
      },
    },
    {
      name: 'Save & New opens a fresh form for the next account', url: '/crm/login.html',
      async run(t) {
        const p = t.page;
        await crmLogin(t);
        await t.click(p.getByRole('button', { name: 'App Launcher' }), 'App Launcher');
        await t.click(crmDialog(p, 'App Launcher').getByRole('link', { name: 'Accounts', exact: true }), 'Accounts');
        await t.click(crmButton(p, 'New'), 'New');
        const d = crmDialog(p, 'New Account');
        await t.fill(d.getByLabel('Account Name'), 'Account Name', 'Contoso Ltd');
        await t.click(crmButton(d, 'Save & New'), 'Save & New');
        await t.waitFor(p.getByText('was created.'), 'was created.');     // 9. Wait for "was created."
        await t.fill(d.getByLabel('Account Name'), 'Account Name', 'Fabrikam Inc');   // the fresh form (same dialog name)
        await t.click(crmButton(d, 'Save'), 'Save');
        await t.seesText('Contoso Ltd');
        await t.seesText('Fabrikam Inc');
        await t.hidden(crmDialog(p, 'New Account'), '"New Account"');
      },
    },
    {
      name: 'Cancel and Escape close the form without saving', url: '/crm/login.html',
      async run(t) {
        const p = t.page;
        await crmLogin(t);
        await t.click(crmNav(p, 'Accounts'), 'Accounts');
        await t.click(crmButton(p, 'New'), 'New');
        const d = crmDialog(p, 'New Account');
        await t.click(crmButton(d, 'Save'), 'Save');
        await t.seesText('Complete this field.');                                 // 7. Verify
        await t.click(crmButton(d, 'Cancel'), 'Cancel');                          // 8. the dialog's, not the Filters panel's
        await t.hidden(crmDialog(p, 'New Account'), '"New Account"');            // 9. Verify ... is hidden
        await t.click(crmButton(p, 'New'), 'New');
        const name = d.getByLabel('Account Name');
        await t.fill(name, 'Account Name', 'Never Saved Corp');
        await t.press(name, 'Account Name', 'Escape');                            // 12. Press Escape
        await t.hidden(crmDialog(p, 'New Account'), '"New Account"');
        await t.seesText('All Accounts');
        await t.hidden(p.getByText('Never Saved Corp'), '"Never Saved Corp"');
      },
    },
  ],

  'wiki_search.txt': [
    {
      name: 'Search the wiki for Albert Einstein', url: '/wiki/',
      async run(t) {
        const p = t.page;
        const box = p.getByRole('searchbox', { name: 'Search Wikipedia' });
        await t.fill(box, 'Search Wikipedia', 'Albert Einstein');
        await t.press(box, 'Search Wikipedia', 'Enter');
        // "Albert Einstein" is visible: the start page links to "Albert Einstein" too, and Playwright does not wait for
        // the navigation that Enter starts, so a bare getByText would pass on the old page. A careful tester asks for
        // the article's heading instead.
        await t.sees(p.getByRole('heading', { name: 'Albert Einstein', level: 1 }), '"Albert Einstein" (h1)', 'text_visible');
        await t.seesText('From Wikipedia, the free encyclopedia');
        await t.urlContains('/wiki/Albert_Einstein');
        await t.titleContains('Albert Einstein');
      },
    },
    {
      name: 'Search for a topic that is not an article title', url: '/wiki/',
      async run(t) {
        const p = t.page;
        const box = p.getByRole('searchbox', { name: 'Search Wikipedia' });
        await t.fill(box, 'Search Wikipedia', 'physicist');        // 1. Search for "physicist" in "Search Wikipedia"
        await t.press(box, 'Search Wikipedia', 'Enter');
        await t.seesText('Search results');
        // The start page links to both articles too; "Search results" above has already waited for the results page.
        await t.seesText('Isaac Newton');
        await t.seesText('Marie Curie');
        await t.urlContains('/wiki/search.html');
      },
    },
    {
      name: 'Search again from an article page', url: '/wiki/Albert_Einstein.html',
      async run(t) {
        const p = t.page;
        const box = p.getByRole('searchbox', { name: 'Search Wikipedia' });
        await t.fill(box, 'Search Wikipedia', 'Isaac Newton');
        await t.press(box, 'Search Wikipedia', 'Enter');
        await t.urlContains('/wiki/Isaac_Newton');
        await t.seesText('Principia');
      },
    },
    {
      name: 'Follow a link to another article', url: '/wiki/Albert_Einstein.html',
      async run(t) {
        const p = t.page;
        await t.click(p.getByRole('link', { name: 'Marie Curie' }), 'Marie Curie');
        await t.titleContains('Marie Curie');
        await t.seesText('radioactivity');
      },
    },
    {
      name: 'Jump to a section from the Contents', url: '/wiki/Marie_Curie.html',
      async run(t) {
        const p = t.page;
        await t.click(p.getByRole('link', { name: 'Research', exact: true }), 'Research');   // the Contents link, not the heading
        await t.urlContains('#Research');
        await t.seesText('polonium and radium');
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------------

function usage(msg) {
  process.stderr.write(`${msg}\nusage: node tests.mjs BASE_URL [REQUIREMENT_FILE...]\n` +
    `twins exist for: ${Object.keys(SUITES).join(' ')}\n`);
  process.exit(2);
}

function select(files) {
  const selected = [];
  for (const f of files.length ? files : Object.keys(SUITES)) {
    const key = path.basename(f);
    if (!SUITES[key]) usage(`no Playwright twins for ${f}`);
    for (const test of SUITES[key]) selected.push({ file: f, test });
  }
  return selected;
}

async function main() {
  const [base, ...files] = process.argv.slice(2);
  if (base === '--list') {   // the names of the twins of these files, as JSON, without running anything
    process.stdout.write(JSON.stringify(select(files).map((x) => x.test.name)) + '\n');
    return;
  }
  if (!base || !/^https?:\/\//.test(base)) usage('BASE_URL (http://host:port) is required');
  const selected = select(files);

  const require = createRequire(import.meta.url);
  const pwVersion = require('playwright-core/package.json').version;
  const t0 = performance.now();
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 20000 });
  } catch (e) {
    process.stderr.write(`cannot launch ${CHROMIUM}: ${e.message}\n`);
    process.exit(2);
  }
  const launchMs = performance.now() - t0;
  const results = [];
  try {
    for (const { file, test } of selected) {
      const rec = { file, test: test.name, verdict: 'pass', error: null, duration_ms: 0, actions: [], assertions: [],
        timings: { context_ms: 0, navigation_ms: 0, teardown_ms: 0 } };  // as PACTS reports a test's set-up
      const ts = performance.now();
      let context;
      try {
        context = await browser.newContext({ viewport: VIEWPORT });
        context.setDefaultTimeout(ACTION_TIMEOUT_MS);
        context.setDefaultNavigationTimeout(NAV_TIMEOUT_MS);
        const page = await context.newPage();
        rec.timings.context_ms = performance.now() - ts;
        const t = new Run(page, base, rec);
        await t.goto(test.url);
        rec.timings.navigation_ms = rec.actions[rec.actions.length - 1].duration_ms;
        await test.run(t);
      } catch (e) {
        rec.verdict = 'fail';
        rec.error = String(e && e.message ? e.message : e).split('\n').slice(0, 6).join('\n');
      } finally {
        const tc = performance.now();
        if (context) await context.close().catch(() => {});
        rec.timings.teardown_ms = performance.now() - tc;
        rec.duration_ms = performance.now() - ts;
      }
      results.push(rec);
      process.stderr.write(`${rec.verdict === 'pass' ? 'PASS' : 'FAIL'} ${rec.test}  ${Math.round(rec.duration_ms)} ms` +
        (rec.error ? `\n  ${rec.error.replace(/\n/g, '\n  ')}` : '') + '\n');
    }
  } finally {
    await browser.close().catch(() => {});
  }
  const passed = results.filter((r) => r.verdict === 'pass').length;
  const summary = { passed, failed: results.length - passed, duration_ms: performance.now() - t0, launch_ms: launchMs };
  process.stdout.write(JSON.stringify({ tool: 'playwright-core', version: pwVersion, base_url: base, summary, runs: results }, null, 1) + '\n');
  process.stderr.write(`${results.length} tests: ${passed} passed, ${results.length - passed} failed  (${(summary.duration_ms / 1000).toFixed(1)} s)\n`);
  process.exitCode = summary.failed ? 1 : 0;
}

main().catch((e) => { process.stderr.write(`${e.stack || e}\n`); process.exit(2); });
