// The dashboard in Debian's chromium (playwright-core, no downloaded browser), against a served demo book:
// staff sign-in (a wrong password first), approve and fund a schedule, an invoice's timeline, the invoices
// list paged by the server; the client portal (availability, its invoices, a schedule submitted by form after
// a bad amount), the not-found page for another
// client's pages with none of that client's data in any API answer, and an ended session. Screenshots go to
// OUT; each interaction's time is printed (reported, not asserted).
// Usage: node browser_test.mjs  (environment: BASE_URL, OUT, WEB_DIR, SCHEDULE_ID, OTHER_CLIENT_ID,
//        OTHER_CLIENT_NAME, OTHER_INVOICE_ID, BUSINESS_DATE, DUE_DATE, PROFILE_DIR, CHROMIUM)
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const base = env('BASE_URL');
const out = env('OUT');
const require = createRequire(path.join(env('WEB_DIR'), 'package.json'));
const { chromium } = require('playwright-core');

const staff = { email: 'underwriter@demo.microfactor.test', password: 'demo-underwriter-2026' };
const client = { email: 'client@demo.microfactor.test', password: 'demo-client-2026' };
const scheduleId = env('SCHEDULE_ID');
const other = { id: env('OTHER_CLIENT_ID'), name: env('OTHER_CLIENT_NAME'), invoice: env('OTHER_INVOICE_ID') };

const timings = [];
let current = '';
async function step(name, action) {
  current = name;
  const started = performance.now();
  await action();
  const ms = Math.round(performance.now() - started);
  timings.push({ name, ms });
}
function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
}
// At phone width the page itself never scrolls sideways (wide tables scroll inside their own box).
async function checkFitsPhone(what) {
  // the charts redraw for the new width on their ResizeObserver's next turn
  await page.waitForFunction(() => document.documentElement.scrollWidth <= 390, null, { timeout: 3000 }).catch(() => {});
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 390, `${what} is ${width} px wide on a 390 px phone`);
}
async function shot(page, name) {
  await page.screenshot({ path: path.join(out, name + '.png'), fullPage: true });
}

mkdirSync(out, { recursive: true });
const userDataDir = env('PROFILE_DIR'); // fresh for each run, removed with the run's temporary folder
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
  viewport: { width: 1280, height: 900 },
});
context.setDefaultTimeout(20_000); // a loaded machine, a sanitizer build
const page = context.pages()[0] ?? (await context.newPage());

// Every request stays on the server's origin, and every API answer is kept for the isolation check.
const answers = [];
const consoleErrors = [];
const offOrigin = [];
page.on('request', (request) => {
  const url = request.url();
  if (!url.startsWith(base + '/')) offOrigin.push(url);
});
// Each answer is filed under the part of the test (staff or client) that asked for it, whenever it arrives.
let part = 'staff';
const partOf = new WeakMap();
page.on('request', (request) => partOf.set(request, part));
// The scripts' bytes as they came over the wire (the server sends the build's gzip copies).
const scripts = new Map();
page.on('response', async (response) => {
  if (/\/assets\/.*\.js$/.test(response.url())) {
    const headers = await response.allHeaders();
    scripts.set(response.url(), { bytes: Number(headers['content-length'] ?? 0), encoding: headers['content-encoding'] ?? 'none' });
  }
  if (!response.url().includes('/v1/')) return;
  const asked = partOf.get(response.request());
  let body = '';
  try {
    body = await response.text();
  } catch {
    // a redirect or an aborted request has no body
  }
  answers.push({ part: asked, url: response.url(), status: response.status(), body });
});
page.on('console', (message) => {
  if (message.type() === 'error') consoleErrors.push(message.text());
});

async function signIn(who) {
  await page.fill('#login-email', who.email);
  await page.fill('#login-password', who.password);
  await page.click('button[type=submit]');
}

try {
  // --- the sign-in page: keyboard order, a wrong password said next to the field, what was typed kept
  await step('open the sign-in page', async () => {
    await page.goto(base + '/');
    await page.waitForSelector('#login-email');
  });
  await page.focus('#login-email');
  await page.keyboard.press('Tab');
  check((await page.evaluate(() => document.activeElement?.id)) === 'login-password', 'Tab goes to the password');
  const firstLoad = [...scripts.values()];
  check(firstLoad.length > 0 && firstLoad.every((script) => script.encoding === 'gzip'), 'scripts are sent gzip');
  const firstLoadKb = (firstLoad.reduce((sum, script) => sum + script.bytes, 0) / 1024).toFixed(1);
  console.log(`first load: ${firstLoad.length} script(s), ${firstLoadKb} KB of JavaScript over the wire (gzip)`);
  await step('sign in with a wrong password', async () => {
    await signIn({ email: staff.email, password: 'not the password' });
    await page.waitForSelector('#login-password-error');
  });
  check((await page.textContent('#login-password-error')).includes('Wrong e-mail or password'), 'the error text');
  check((await page.inputValue('#login-email')) === staff.email, 'the e-mail stays');
  check((await page.getAttribute('#login-password', 'aria-invalid')) === 'true', 'the field is marked invalid');
  check(
    (await page.getAttribute('#login-password', 'aria-describedby')).includes('login-password-error'),
    'the error describes the field',
  );
  await shot(page, '01-login-wrong-password');

  // --- staff: overview with its charts
  await step('sign in as staff, overview with charts', async () => {
    await signIn(staff);
    await page.waitForSelector('h1:has-text("Portfolio overview")');
    await page.waitForSelector('.chart-drawing canvas[role=img]');
  });
  check((await page.locator('main#main').count()) === 1, 'a main landmark');
  // A new page puts the keyboard (and a screen reader) on its heading; Shift+Tab goes back into the header.
  check((await page.evaluate(() => document.activeElement?.tagName)) === 'H1', 'the page heading has the focus');
  await page.keyboard.press('Shift+Tab');
  check((await page.evaluate(() => document.activeElement?.textContent)) === 'Sign out', 'Shift+Tab goes back to the header');
  check((await page.locator('nav[aria-label="Main"]').count()) === 1, 'a navigation landmark');
  await shot(page, '02-staff-overview');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkFitsPhone('the overview');
  await shot(page, '02-staff-overview-phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  // --- the work queue leads to the waiting schedule; approve it, then fund it
  await step('open the work queues', async () => {
    await page.click('nav[aria-label="Main"] >> text=Work queues');
    await page.waitForSelector(`a[href="/schedules/${scheduleId}"]`);
  });
  await shot(page, '03-work-queues');
  await step('open the waiting schedule', async () => {
    await page.click(`a[href="/schedules/${scheduleId}"]`);
    await page.waitForSelector('[data-testid=schedule-state]');
  });
  check((await page.textContent('[data-testid=schedule-state]')) === 'open', 'the schedule is open');
  await step('approve the schedule', async () => {
    await page.click('form.action button[type=submit]');
    await page.waitForSelector('.outcome:has-text("approved")');
    await page.waitForSelector('button:has-text("Fund schedule")');
  });
  await step('fund the schedule', async () => {
    await page.click('button:has-text("Fund schedule")');
    await page.waitForSelector('[data-testid=schedule-state]:has-text("funded")');
  });
  check((await page.textContent('.outcome')).startsWith('Funded: payout pay_'), 'the payout is named');
  await shot(page, '04-schedule-funded');

  // --- an invoice of it, with its timeline and postings
  await step('open an invoice with its timeline', async () => {
    await page.click('#schedule-invoices ~ div a');
    await page.waitForSelector('ol.timeline li');
  });
  const events = await page.locator('ol.timeline li').allTextContents();
  check(events.some((text) => /fund/i.test(text)), 'the timeline shows the funding: ' + events.join(' | '));
  check((await page.locator('#postings-title ~ div table tbody tr').count()) > 0, 'postings are listed');
  await shot(page, '05-invoice-timeline');

  // --- the invoices list, filtered and paged by the server
  await step('list funded invoices (server filter)', async () => {
    await page.click('nav[aria-label="Main"] >> text=Invoices');
    await page.selectOption('#f-state', 'funded');
    await page.selectOption('#f-limit', '25');
    await page.click('form.filters button[type=submit]');
    await page.waitForURL(/state=funded/);
    await page.waitForSelector('table.invoices tbody tr');
  });
  const firstPage = await page.locator('table.invoices tbody tr th').allTextContents();
  check(firstPage.length === 25, 'a page of 25, got ' + firstPage.length);
  await step('next page of invoices (server cursor)', async () => {
    await page.click('nav.pager >> text=Next page');
    await page.waitForURL(/cursor=inv_/);
    await page.waitForFunction(
      (first) => document.querySelector('table.invoices tbody tr th')?.textContent !== first,
      firstPage[0],
    );
  });
  await step('a bad filter is said next to its field', async () => {
    await page.fill('#f-schedule', 'not-an-id');
    await page.click('form.filters button[type=submit]');
    await page.waitForSelector('#f-schedule-error');
  });
  check((await page.inputValue('#f-schedule')) === 'not-an-id', 'the typed filter stays');
  await shot(page, '06-invoices-list');

  await step('the clients and one client page', async () => {
    await page.click('nav[aria-label="Main"] >> text=Clients');
    await page.click('main table tbody tr th a');
    await page.waitForSelector('[data-testid=availability]');
  });
  await shot(page, '07-staff-client-page');

  await step('sign out', async () => {
    await page.click('button:has-text("Sign out")');
    await page.waitForSelector('#login-email');
  });

  // --- the client portal, at phone width too
  part = 'client';
  await step('sign in as the client, availability', async () => {
    await signIn(client);
    await page.waitForSelector('[data-testid=availability]');
  });
  check(/\$[\d,]+\.\d\d/.test(await page.textContent('[data-testid=availability]')), 'availability is an amount');
  await shot(page, '08-client-account');
  await step('the client lists its invoices', async () => {
    await page.click('nav[aria-label="Main"] >> text=My invoices');
    await page.waitForSelector('table.invoices tbody tr');
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await checkFitsPhone('the invoices list');
  await shot(page, '09-client-invoices-phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  // --- the client submits a schedule: a bad amount is said next to its field and kept, then corrected
  await step('the client submits a schedule with a bad amount', async () => {
    await page.click('nav[aria-label="Main"] >> text=Submit a schedule');
    await page.waitForSelector('#s-0-debtor_id option:nth-child(2)', { state: 'attached' });
    const debtor = await page.$eval('#s-0-debtor_id option:nth-child(2)', (option) => option.value);
    await page.selectOption('#s-0-debtor_id', debtor);
    await page.fill('#s-0-number', 'PORTAL-1');
    await page.fill('#s-0-amount', '1.250,00');
    await page.fill('#s-0-issue_date', env('BUSINESS_DATE'));
    await page.fill('#s-0-due_date', env('DUE_DATE'));
    await page.click('button:has-text("Submit the schedule")');
    await page.waitForSelector('#s-0-amount-error');
  });
  check((await page.inputValue('#s-0-amount')) === '1.250,00', 'the typed amount stays');
  check((await page.getAttribute('#s-0-amount', 'aria-invalid')) === 'true', 'the amount is marked invalid');
  await shot(page, '10-client-schedule-bad-amount');
  await step('the client corrects the amount and submits', async () => {
    await page.fill('#s-0-amount', '1250.00');
    await page.click('button:has-text("Submit the schedule")');
    await page.waitForSelector('[data-testid=schedule-state]:has-text("open")');
  });
  await shot(page, '11-client-schedule-submitted');

  // --- another client's pages: not found, and nothing of that client in any answer the page got
  await step("another client's page is not found", async () => {
    await page.goto(base + '/clients/' + other.id);
    await page.waitForSelector('h1:has-text("Not found")');
  });
  await step("another client's invoice is not found", async () => {
    await page.goto(base + '/invoices/' + other.invoice);
    await page.waitForSelector('h1:has-text("Not found")');
  });
  await shot(page, '12-client-not-found');
  const clientAnswers = answers.filter((answer) => answer.part === 'client');
  check(clientAnswers.length > 0, 'the pages made API requests');
  for (const answer of clientAnswers) {
    const leaked = answer.body.includes(other.name) || (answer.status < 400 && answer.body.includes(`"${other.id}"`));
    check(!leaked, `an answer shows the other client's data: ${answer.url} ${answer.body.slice(0, 200)}`);
  }

  // --- an ended session: the next request sends the user to sign in again, with the reason shown
  await context.clearCookies();
  await step('an ended session asks to sign in again', async () => {
    await page.click('nav[aria-label="Main"] >> text=My invoices');
    await page.waitForSelector('.notice:has-text("session has ended")');
  });
  await shot(page, '13-session-ended');
  check(offOrigin.length === 0, 'requests left the origin: ' + offOrigin.join(', '));
} catch (error) {
  await shot(page, 'failure').catch(() => {});
  console.error(`failed at "${current}": ${error.stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  await context.close();
  const allKb = ([...scripts.values()].reduce((sum, script) => sum + script.bytes, 0) / 1024).toFixed(1);
  console.log(`all scripts loaded in the test: ${scripts.size}, ${allKb} KB over the wire`);
  console.log('interaction times (ms, reported, not asserted):');
  for (const { name, ms } of timings) console.log(`  ${String(ms).padStart(6)}  ${name}`);
  if (consoleErrors.length) console.log('browser console errors:\n  ' + consoleErrors.join('\n  '));
  writeFileSync(path.join(out, 'timings.json'), JSON.stringify({ timings, consoleErrors }, null, 2));
}
