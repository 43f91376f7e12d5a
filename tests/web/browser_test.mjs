// The dashboard in Debian's chromium (playwright-core, no downloaded browser), against a served demo book:
// staff sign-in (a wrong password first), approve and fund a schedule, an invoice's timeline, the invoices
// list paged by the server; the reports downloaded as CSV and PDF, notices of assignment recorded and linked
// on a client's page, and an application opened, reviewed and approved into a client; the collector's cash
// workbench (a receipt recorded, split over two invoices, the rebate released, a broken and a good bank file,
// auto-apply), a NACHA payout file and the journal downloaded, a debtor's page and the settings; the admin's
// close-day, a fee schedule, a credit limit and a credit review with the debtor's score and evidence (bad
// values first each time); the client portal (availability, its invoices, a schedule submitted by form after
// a bad amount, the PEPPOL sample and a CSV uploaded with their per-row results, the statement and a cost
// disclosure downloaded), the not-found page for another client's pages with none of that client's data in
// any API answer, and an ended session. Screenshots go to OUT; each interaction's time, measured inside the
// page, is printed and written to timings.json (reported, not asserted).
// Usage: node browser_test.mjs  (environment: BASE_URL, OUT, WEB_DIR, SCHEDULE_ID, OTHER_CLIENT_ID,
//        OTHER_CLIENT_NAME, OTHER_INVOICE_ID, BUSINESS_DATE, DUE_DATE, DEBTOR_ID, DEBTOR_NAME, TESTDATA,
//        WORK_DIR, PROFILE_DIR, CHROMIUM)
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
const collector = { email: 'collector@demo.microfactor.test', password: 'demo-collector-2026' };
const debtor = { id: env('DEBTOR_ID'), name: env('DEBTOR_NAME') };
const testdata = env('TESTDATA');
const linkInvoices = env('LINK_INVOICES').split(' ');
const noticePath = env('NOTICE_PATH'); // a notice-of-assignment link issued through the API
// a debtor link issued 30 days ago with a 1-day expiry (browser_test.sh says how), and its invoice's number
const expiredPath = env('EXPIRED_PATH');
const expiredNumber = process.env.EXPIRED_NUMBER ?? '';
const autoScheduleId = env('AUTO_SCHEDULE_ID'); // another client's schedule, waiting
const decideInvoiceId = env('DECIDE_INVOICE_ID'); // an invoice waiting alone in a third client's schedule
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Each step's time is measured inside the page (web/src/timing.ts): from the user's event to the moment the
// requests it started are answered and the page has painted them, as performance.measure entries named
// "mf:...". The step clears them first, then keeps the ones its interactions made; its time is the longest.
const timings = [];
let current = '';
const readMeasures = (on) =>
  on.evaluate(() =>
    performance
      .getEntriesByType('measure')
      .filter((entry) => entry.name.startsWith('mf:'))
      .map((entry) => ({ what: entry.name.slice(3), ms: Math.round(entry.duration * 10) / 10 })),
  );
// `on`: the page the step acts in (the debtor's browser for the debtor portal's steps).
async function step(name, action, on = page) {
  current = name;
  await on.evaluate(() => performance.clearMeasures()).catch(() => {});
  await action();
  // the measure ends two frames after the last answer
  await on
    .waitForFunction(() => performance.getEntriesByType('measure').some((entry) => entry.name.startsWith('mf:')), null, { timeout: 3000 })
    .catch(() => {});
  const measures = await readMeasures(on).catch(() => []);
  const ms = measures.length ? Math.max(...measures.map((m) => m.ms)) : null;
  timings.push({ name, ms, measures });
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
  args: chromiumArgs,
  viewport: { width: 1280, height: 900 },
  acceptDownloads: true,
});
// The debtor's own browser: another chromium with a fresh context, never signed in to anything.
let debtorBrowser = null;
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

  // --- the header stays on one line at 1280 px (every link, the user and "Sign out")
  const headerHeight = await page.evaluate(() => document.querySelector('header.top').getBoundingClientRect().height);
  const linkTops = await page.locator('header nav a').evaluateAll((links) => new Set(links.map((link) => Math.round(link.getBoundingClientRect().top))).size);
  check(linkTops === 1 && headerHeight < 70, `the header wraps at 1280 px: ${headerHeight} px high, links on ${linkTops} lines`);

  // --- the debtor portal: staff create a link on an invoice's page; the debtor opens it in a browser of its
  // own (no login) and confirms; a second link is contested with a reason; a used and a forged link say so
  async function issueLink(invoiceId) {
    await page.goto(base + '/invoices/' + invoiceId);
    await page.waitForSelector('#debtor-link-title');
    await page.click('button:has-text("Create a debtor link")');
    await page.waitForSelector('#dl-address');
    const address = await page.inputValue('#dl-address');
    check(address.startsWith(base + '/debtor#token='), 'the link points at the debtor portal: ' + address);
    return address;
  }
  await page.goto(base + '/invoices/' + linkInvoices[0]);
  await page.waitForSelector('#debtor-link-title');
  await page.fill('#dl-days', '365');
  await step('a debtor link with a bad expiry is said by its field', async () => {
    await page.click('button:has-text("Create a debtor link")');
    await page.waitForSelector('#dl-days-error');
  });
  check((await page.inputValue('#dl-days')) === '365', 'the typed expiry stays');
  await page.fill('#dl-days', '14');
  let confirmLink = '';
  await step('create a debtor link for an invoice', async () => {
    await page.click('button:has-text("Create a debtor link")');
    await page.waitForSelector('#dl-address');
    confirmLink = await page.inputValue('#dl-address');
  });
  check(confirmLink.startsWith(base + '/debtor#token='), 'the link points at the debtor portal: ' + confirmLink);
  const confirmNumber = (await page.textContent('h1')).replace(/^Invoice\s+/, '').split(' ')[0];
  await shot(page, '07p1-debtor-link-issued');

  debtorBrowser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: chromiumArgs });
  const debtorContext = await debtorBrowser.newContext({ viewport: { width: 1280, height: 900 } });
  debtorContext.setDefaultTimeout(20_000);
  const debtorPage = await debtorContext.newPage();
  debtorPage.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push('debtor: ' + message.text());
  });
  check((await debtorContext.cookies()).length === 0, 'the debtor has no session');
  await step(
    'the debtor opens the link (no login)',
    async () => {
      await debtorPage.goto(confirmLink);
      await debtorPage.waitForSelector('#confirm-title');
    },
    debtorPage,
  );
  check((await debtorPage.textContent('h1')).includes(confirmNumber), 'the debtor sees the invoice ' + confirmNumber);
  check(/\$[\d,]+\.\d\d/.test(await debtorPage.textContent('[data-testid=invoice-amount]')), 'the amount is shown');
  check(/^\d{4}-\d\d-\d\d$/.test(await debtorPage.textContent('[data-testid=invoice-due]')), 'the due date is shown');
  check((await debtorPage.textContent('.assignment')).includes('Remittance instructions'), 'the remittance instructions are shown');
  check((await debtorPage.locator('#login-email').count()) === 0, 'no sign-in form for the debtor');
  check((await debtorPage.evaluate(() => document.activeElement?.tagName)) === 'H1', 'the heading has the focus');
  // keyboard only: the three statements and the button, in order
  await debtorPage.focus('#confirm-delivered');
  await debtorPage.keyboard.press('Space');
  await debtorPage.keyboard.press('Tab');
  await debtorPage.keyboard.press('Space');
  await debtorPage.keyboard.press('Tab');
  check((await debtorPage.evaluate(() => document.activeElement?.id)) === 'confirm-offsets', 'Tab goes through the statements in order');
  await debtorPage.keyboard.press('Tab');
  await debtorPage.keyboard.press('Enter'); // the third statement left out: said beside them, nothing sent
  await debtorPage.waitForSelector('#confirm-error');
  await shot(debtorPage, '07p2-debtor-confirm-missing');
  // on a phone the portal is one column and never scrolls sideways
  await debtorPage.setViewportSize({ width: 390, height: 844 });
  const portalWidth = await debtorPage.evaluate(() => document.documentElement.scrollWidth);
  check(portalWidth <= 390, `the debtor portal is ${portalWidth} px wide on a 390 px phone`);
  await shot(debtorPage, '07p2b-debtor-phone');
  await debtorPage.setViewportSize({ width: 1280, height: 900 });
  await debtorPage.check('#confirm-offsets');
  await step(
    'the debtor confirms the invoice',
    async () => {
      await debtorPage.click('button:has-text("Confirm the invoice")');
      await debtorPage.waitForSelector('.answered:has-text("confirmed")');
    },
    debtorPage,
  );
  await shot(debtorPage, '07p3-debtor-confirmed');
  await step(
    'a used link says so',
    async () => {
      await debtorPage.reload();
      await debtorPage.waitForSelector('h1:has-text("used already")');
    },
    debtorPage,
  );
  check((await debtorPage.textContent('.problem')).includes('link_used'), 'the used link names its code');

  const contestLink = await issueLink(linkInvoices[1]);
  await step(
    'the debtor opens a second link',
    async () => {
      await debtorPage.goto(contestLink);
      await debtorPage.waitForSelector('#contest-title');
    },
    debtorPage,
  );
  await debtorPage.click('button:has-text("Contest the invoice")'); // no reason: said beside the field, nothing sent
  await debtorPage.waitForSelector('#contest-reason-error');
  await debtorPage.fill('#contest-reason', 'Half the pallets arrived damaged; credit note requested.');
  await step(
    'the debtor contests the invoice with a reason',
    async () => {
      await debtorPage.click('button:has-text("Contest the invoice")');
      await debtorPage.waitForSelector('.answered:has-text("objection is recorded")');
    },
    debtorPage,
  );
  await shot(debtorPage, '07p4-debtor-contested');
  await step(
    'a forged link is refused',
    async () => {
      await debtorPage.goto(base + '/debtor#token=' + 'A'.repeat(43));
      await debtorPage.waitForSelector('h1:has-text("not valid")');
    },
    debtorPage,
  );
  check((await debtorPage.textContent('.problem')).includes('invalid_link'), 'the forged link names its code');
  await shot(debtorPage, '07p5-debtor-forged-link');
  await step(
    'an expired link says it expired',
    async () => {
      await debtorPage.goto(base + expiredPath);
      await debtorPage.waitForSelector('h1:has-text("expired")');
    },
    debtorPage,
  );
  check((await debtorPage.textContent('h1')).includes('This link has expired'), 'the heading says the link expired');
  check((await debtorPage.textContent('.problem')).includes('link_expired'), 'the expired link names its code');
  check((await debtorPage.textContent('.problem')).includes('expired on'), 'the message says when it expired');
  check((await debtorPage.locator('#confirm-title, #contest-title, [data-testid=invoice-amount]').count()) === 0, 'no invoice and no answer form for an expired link');
  if (expiredNumber) check(!(await debtorPage.textContent('body')).includes(expiredNumber), 'the expired link does not show its invoice ' + expiredNumber);
  await shot(debtorPage, '07p5c-debtor-expired-link');
  check(noticePath.startsWith('/debtor#token='), 'a notice link points at the debtor portal: ' + noticePath);
  await step(
    'the debtor opens a notice link',
    async () => {
      await debtorPage.goto(base + noticePath);
      await debtorPage.waitForSelector('#ack-title');
    },
    debtorPage,
  );
  check((await debtorPage.textContent('h1')).startsWith('Notice of assignment'), 'the notice is the page');
  await step(
    'the debtor acknowledges the notice',
    async () => {
      await debtorPage.click('button:has-text("Acknowledge the notice")');
      await debtorPage.waitForSelector('.answered:has-text("acknowledged")');
    },
    debtorPage,
  );
  check((await debtorPage.textContent('[data-testid=notice-status]')).startsWith('acknowledged'), 'the notice shows acknowledged');
  await shot(debtorPage, '07p5b-debtor-notice-acknowledged');
  await debtorContext.close();

  // staff see the answers on the invoices
  await step('the contest shows on the invoice', async () => {
    await page.goto(base + '/invoices/' + linkInvoices[1]);
    await page.waitForSelector('[data-testid=verification]');
  });
  check((await page.textContent('[data-testid=verification]')) === 'failed', 'the contested invoice is failed verification');
  check((await page.textContent('ol.timeline')).includes('Half the pallets arrived damaged'), 'the reason is on the timeline');
  await page.goto(base + '/invoices/' + linkInvoices[0]);
  await page.waitForSelector('[data-testid=verification]');
  check((await page.textContent('[data-testid=verification]')) === 'verified', 'the confirmed invoice is verified');

  // --- reports exported as CSV (a bad date first)
  await step('open the reports', async () => {
    await page.click('nav[aria-label="Main"] >> text=Reports');
    await page.waitForSelector('button[data-report=aging][data-format=csv]');
  });
  await page.fill('#r-as-of', '2026-13-01');
  await step('a bad report date is said by its field', async () => {
    await page.click('button[data-report=aging][data-format=csv]');
    await page.waitForSelector('#r-as-of-error');
  });
  await page.fill('#r-as-of', '');
  let agingCsv = null;
  await step('export the aging report as CSV', async () => {
    [agingCsv] = await Promise.all([page.waitForEvent('download'), page.click('button[data-report=aging][data-format=csv]')]);
    await page.waitForSelector('.outcome:has-text("Saved")');
  });
  check(/^microfactor-aging-\d{4}-\d\d-\d\d\.csv$/.test(agingCsv.suggestedFilename()), 'the aging CSV downloads: ' + agingCsv.suggestedFilename());
  const agingText = readFileSync(await agingCsv.path(), 'utf8');
  const agingLines = agingText.trim().split('\r\n');
  check(agingLines[0].startsWith('section,as_of,id,name,currency'), 'the CSV header: ' + agingLines[0]);
  check(agingLines.some((line) => line.startsWith('by_debtor,') && line.includes(debtor.name)), 'the CSV has the debtor row of ' + debtor.name);
  const agingJson = await page.evaluate(() => fetch('/v1/reports/aging', { credentials: 'same-origin' }).then((response) => response.json()));
  const usdTotal = agingJson.totals.find((row) => row.currency === 'USD');
  check(agingLines.some((line) => line.startsWith('totals,') && line.includes(',USD,') && line.includes(',' + usdTotal.total_amount)), 'the CSV total is the report\'s ' + usdTotal.total_amount);
  check(agingLines.length === 1 + agingJson.by_client.length + agingJson.by_debtor.length + agingJson.totals.length, 'one CSV line per report row');
  await shot(page, '07p6-reports-exported');
  let agingPdf = null;
  await step('export the aging report as PDF', async () => {
    [agingPdf] = await Promise.all([page.waitForEvent('download'), page.click('button[data-report=aging][data-format=pdf]')]);
    await page.waitForSelector('.outcome:has-text(".pdf")');
  });
  check(/^microfactor-aging-\d{4}-\d\d-\d\d\.pdf$/.test(agingPdf.suggestedFilename()), 'the aging PDF downloads: ' + agingPdf.suggestedFilename());
  const pdfBytes = readFileSync(await agingPdf.path());
  check(pdfBytes.length > 1000 && pdfBytes.subarray(0, 5).toString('latin1') === '%PDF-', `the download is a PDF (${pdfBytes.length} bytes)`);

  // --- notices of assignment on a client's page: a bad date said by its field (nothing recorded), then a
  // notice recorded as sent, and a link for the debtor (a bad expiry first)
  await step('open a client page with its notices', async () => {
    await page.goto(base + '/clients/cli_1');
    await page.waitForSelector('#noa-sent');
  });
  const noticeRows = await page.$$eval('table.notices tbody tr', (rows) =>
    rows.map((row) => ({ debtor: row.getAttribute('data-debtor'), status: row.querySelector('td')?.textContent ?? '' })),
  );
  check(noticeRows.length > 0, 'the client has notices to list');
  const noticeDebtor = (noticeRows.find((row) => row.status === 'not sent') ?? noticeRows[0]).debtor;
  const statusOf = () => page.textContent(`table.notices tr[data-debtor="${noticeDebtor}"] td`);
  const statusBefore = await statusOf();
  await page.selectOption('#noa-sent-debtor', noticeDebtor);
  await page.fill('#noa-sent-on', '2026-02-30');
  await step('a notice with a bad date is said by its field', async () => {
    await page.click('button:has-text("Record as sent")');
    await page.waitForSelector('#noa-sent-on-error');
  });
  check((await page.inputValue('#noa-sent-on')) === '2026-02-30', 'the typed date stays');
  check((await statusOf()) === statusBefore, 'nothing recorded: the notice is still ' + statusBefore);
  await shot(page, '07p7-notice-bad-date');
  await page.fill('#noa-sent-on', '');
  await page.selectOption('#noa-sent-method', 'email');
  await step('record a notice of assignment as sent', async () => {
    await page.click('button:has-text("Record as sent")');
    await page.waitForSelector(`table.notices tr[data-debtor="${noticeDebtor}"] td:has-text("sent")`);
  });
  check((await page.textContent('#noa-sent [role=status]')).includes('Recorded'), 'the form says it was recorded');
  await page.selectOption('#noa-link-debtor', noticeDebtor);
  await page.fill('#noa-link-days', '365');
  await step('a notice link with a bad expiry is said by its field', async () => {
    await page.click('button:has-text("Create the link")');
    await page.waitForSelector('#noa-link-days-error');
  });
  check((await page.inputValue('#noa-link-days')) === '365', 'the typed expiry stays');
  await page.fill('#noa-link-days', '7');
  await step('create a notice link for the debtor', async () => {
    await page.click('button:has-text("Create the link")');
    await page.waitForSelector('#noa-link-address');
  });
  check((await page.inputValue('#noa-link-address')).startsWith(base + '/debtor#token='), 'the notice link points at the debtor portal');
  // a book without remittance instructions (cleared here through the API, as the admin's settings form is tried
  // later in the test): the letter is refused beside its button, nothing saved
  const adminLogin = await fetch(base + '/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.microfactor.test', password: 'demo-admin-2026' }),
  }).then((r) => r.json());
  const setRemittance = (text) => fetch(base + '/v1/settings', {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + adminLogin.token },
    body: JSON.stringify({ remittance_instructions: text }),
  });
  const cleared = await setRemittance('');
  check(cleared.ok, 'the remittance instructions are cleared: ' + cleared.status);
  await step('a notice letter without remittance instructions is refused beside its button', async () => {
    await page.click(`button[data-letter="${noticeDebtor}"]`);
    await page.waitForSelector(`table.notices tr[data-debtor="${noticeDebtor}"] .field-error:has-text("remittance instructions")`);
  });
  const remit = await setRemittance('Pay to: microfactor demo, First Demo Bank, account 000123456789');
  check(remit.ok, 'the remittance instructions are set: ' + remit.status);
  let letter = null;
  await step('download the notice of assignment letter', async () => {
    [letter] = await Promise.all([page.waitForEvent('download'), page.click(`button[data-letter="${noticeDebtor}"]`)]);
  });
  check(letter.suggestedFilename() === `notice-of-assignment-cli_1-${noticeDebtor}.pdf`, 'the letter downloads: ' + letter.suggestedFilename());
  const letterBytes = readFileSync(await letter.path());
  check(letterBytes.length > 1000 && letterBytes.subarray(0, 5).toString('latin1') === '%PDF-', `the letter is a PDF (${letterBytes.length} bytes)`);
  await shot(page, '07p8-notices');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkFitsPhone('the client page with its notices');
  await page.setViewportSize({ width: 1280, height: 900 });

  // --- onboarding: an application without its legal name is refused by that field (none opened), then one
  // opened, reviewed (a bad UCC date first), and approved into a client (a bad limit first)
  await step('open the applications', async () => {
    await page.click('nav[aria-label="Main"] >> text=Clients');
    await page.click('a:has-text("Client applications")');
    await page.waitForSelector('#new-application');
  });
  const applicationsBefore = await page.evaluate(() => fetch('/v1/applications?limit=200', { credentials: 'same-origin' }).then((r) => r.json()));
  await page.fill('#app-email', 'owner@web-bakery.example');
  await step('an application without a legal name is said by its field', async () => {
    await page.click('button:has-text("Open the application")');
    await page.waitForSelector('#app-legal-name-error');
  });
  check((await page.inputValue('#app-email')) === 'owner@web-bakery.example', 'the typed e-mail stays');
  const applicationsAfter = await page.evaluate(() => fetch('/v1/applications?limit=200', { credentials: 'same-origin' }).then((r) => r.json()));
  check(applicationsAfter.data.length === applicationsBefore.data.length, 'no application opened');
  await page.fill('#app-legal-name', 'Web Test Bakery LLC');
  await page.fill('#app-tax-id', '12-3456789');
  await page.fill('#app-new-owners', 'Ann Baker (100%)');
  await page.fill('#app-new-addresses', '1 Main St, Springfield');
  await step('open an application', async () => {
    await page.click('button:has-text("Open the application")');
    await page.waitForSelector('#app-review');
  });
  check((await page.textContent('h1')).includes('Web Test Bakery LLC'), 'the application page opens');
  await page.selectOption('#app-kyc', 'passed');
  await page.fill('#app-documents', 'articles, owner ID, AR aging');
  await page.fill('#app-ucc-ref', 'DE-2026-0001234');
  await page.fill('#app-ucc-on', '2026-02-30');
  await page.fill('#app-routing', '011000015');
  await page.fill('#app-account', '123456789');
  await step('a review with a bad UCC date is said by its field', async () => {
    await page.click('button:has-text("Save the review")');
    await page.waitForSelector('#app-ucc-on-error');
  });
  check((await page.inputValue('#app-ucc-on')) === '2026-02-30', 'the typed UCC date stays');
  check((await page.inputValue('#app-documents')) === 'articles, owner ID, AR aging', 'the rest of the review stays');
  await page.fill('#app-ucc-on', env('BUSINESS_DATE'));
  await step('save the review', async () => {
    await page.click('button:has-text("Save the review")');
    await page.waitForSelector('#app-review [role=status]:has-text("saved")');
  });
  await page.fill('#app-limit', '50,000');
  await step('an approval with a bad limit is said by its field', async () => {
    await page.click('#app-approve button[type=submit]');
    await page.waitForSelector('#app-limit-error');
  });
  check((await page.inputValue('#app-limit')) === '50,000', 'the typed limit stays');
  check((await page.textContent('#app-approve')).length > 0 && (await page.locator('text=Approved into').count()) === 0, 'not approved');
  await page.fill('#app-limit', '50000.00');
  await step('approve the application into a client', async () => {
    await page.click('#app-approve button[type=submit]');
    await page.waitForSelector('text=Approved into');
  });
  await shot(page, '07p9-application-approved');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkFitsPhone('an application page');
  await page.setViewportSize({ width: 1280, height: 900 });
  const newClient = await page.getAttribute('.outcome a[href^="/clients/"]', 'href');
  await step('the new client has its page', async () => {
    await page.click('.outcome a[href^="/clients/"]');
    await page.waitForSelector('h1:has-text("Web Test Bakery LLC")');
  });
  check(newClient.startsWith('/clients/cli_'), 'the approval made a client: ' + newClient);

  await step('sign out', async () => {
    await page.click('button:has-text("Sign out")');
    await page.waitForSelector('#login-email');
  });

  // --- the collector's cash application: record the debtor's payment (a bad amount first), see the certain
  // match, split it by hand across the two funded invoices with one paid in part (a bad split amount first),
  // then the reserve's effect and the rebate released
  await step('sign in as the collector, the cash workbench', async () => {
    await signIn(collector);
    await page.waitForSelector('nav[aria-label="Main"] >> text=Cash');
    await page.click('nav[aria-label="Main"] >> text=Cash');
    await page.waitForSelector('#r-amount');
    await page.waitForSelector(`#r-debtor option[value="${debtor.id}"]`, { state: 'attached' });
  });
  const unappliedBefore = await page.locator('table.receipts tbody tr').count();
  await step('record a receipt with a bad amount', async () => {
    await page.selectOption('#r-debtor', debtor.id);
    await page.fill('#r-amount', '2.045,50');
    await page.fill('#r-payer', debtor.name);
    await page.fill('#r-reference', 'WEB-1001 WEB-1002');
    await page.click('button:has-text("Record the receipt")');
    await page.waitForSelector('#r-amount-error');
  });
  check((await page.inputValue('#r-amount')) === '2.045,50', 'the typed amount stays');
  check((await page.inputValue('#r-reference')) === 'WEB-1001 WEB-1002', 'the reference stays');
  check((await page.getAttribute('#r-amount', 'aria-invalid')) === 'true', 'the amount is marked invalid');
  check((await page.locator('table.receipts tbody tr').count()) === unappliedBefore, 'no receipt was recorded');
  await shot(page, '07a-cash-bad-amount');
  await step('record the receipt', async () => {
    await page.fill('#r-amount', '2045.50');
    await page.click('button:has-text("Record the receipt")');
    await page.waitForURL(/\/cash\?receipt=rcp_/);
    await page.waitForSelector('.suggestions li');
    await page.waitForSelector('table.open-invoices tbody tr');
  });
  check((await page.evaluate(() => document.activeElement?.id)) === 'work-title', 'the chosen receipt has the focus');
  const certain = await page.textContent('.suggestions');
  check(/WEB-1001/.test(certain) && /WEB-1002/.test(certain), 'the match names both invoices: ' + certain);
  const amountOf = (number) => `table.open-invoices tr:has(th:has-text("${number}")) input[inputmode=decimal]`;
  await step('apply with a bad split amount', async () => {
    await page.fill(amountOf('WEB-1001'), '1200.001');
    await page.fill(amountOf('WEB-1002'), '800.00');
    await page.click('button:has-text("Apply the receipt")');
    await page.waitForSelector('.apply-cell .field-error');
  });
  check((await page.inputValue(amountOf('WEB-1001'))) === '1200.001', 'the typed split stays');
  check((await page.locator(`table.open-invoices tr:has(th:has-text("WEB-1001")) .field-error`).count()) === 1, 'the error is beside its invoice');
  check((await page.textContent('[data-testid=receipt-unapplied]')).includes('2,045.50'), 'nothing was applied');
  await shot(page, '07b-cash-bad-split');
  await step('split the receipt over two invoices, one in part', async () => {
    await page.fill(amountOf('WEB-1001'), '1200.00');
    await page.click('button:has-text("Apply the receipt")');
    await page.waitForSelector('[data-testid=applied]');
  });
  check((await page.textContent('[data-testid=receipt-unapplied]')).includes('45.50'), 'the rest stays unapplied');
  const releasable = await page.textContent('[data-testid=releasable-now]');
  check(/\$[1-9][\d,]*\.\d\d/.test(releasable), 'the collection made reserve releasable: ' + releasable);
  await shot(page, '07c-cash-applied');
  await step('release the rebate', async () => {
    await page.click('button:has-text("Release the rebate")');
    await page.waitForSelector('[data-testid=rebate-released]');
  });
  const released = await page.textContent('[data-testid=rebate-released]');
  check(released.includes('Rebate released: pay_') && released.includes(releasable.trim()), 'the rebate is the releasable amount: ' + released);
  await shot(page, '07d-cash-rebate-released');
  await step('load a broken bank file', async () => {
    await page.setInputFiles('#b-file', path.join(testdata, 'bank', 'camt053.v2.wrong.xml'));
    await page.click('button:has-text("Load the file")');
    await page.waitForSelector('#b-file-error');
  });
  check((await page.$eval('#b-file', (input) => input.files.length)) === 1, 'the bank file stays chosen');
  await step('load a BAI2 bank file', async () => {
    await page.setInputFiles('#b-file', path.join(testdata, 'bank', 'bai2-sample1.txt'));
    await page.click('button:has-text("Load the file")');
    await page.waitForSelector('[data-testid=bank-result]');
  });
  check(/bai2: [1-9]\d* receipts recorded/.test(await page.textContent('[data-testid=bank-result]')), 'the bank file recorded receipts');
  await shot(page, '07d2-cash-bank-file');
  await step('run auto-apply over the unapplied cash', async () => {
    await page.click('button:has-text("Run auto-apply")');
    await page.waitForSelector('.workbench-side .outcome-box');
  });
  check(/receipts applied where certain/.test(await page.textContent('.workbench-side .outcome-box')), 'auto-apply says what it did');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkFitsPhone('the cash workbench');
  await shot(page, '07e-cash-phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  // --- money out: the rebate and the advance go in a NACHA file, downloaded
  await step('open the payouts', async () => {
    await page.click('nav[aria-label="Main"] >> text=Payouts');
    await page.waitForSelector('table.payouts tbody tr');
  });
  await step('write a NACHA payout file', async () => {
    await page.click('button:has-text("Write the file")');
    await page.waitForSelector('.outcome:has-text("Wrote")');
    await page.waitForSelector('table.payout-files tbody tr');
  });
  const [achFile] = await Promise.all([page.waitForEvent('download'), page.click('table.payout-files tbody tr:first-child button')]);
  check(achFile.suggestedFilename().endsWith('.ach'), 'a NACHA file downloads: ' + achFile.suggestedFilename());
  await shot(page, '07f-payout-files');
  await step("day's end: a bad journal period is said by its field", async () => {
    await page.click(`nav[aria-label="Main"] >> text=Day's end`);
    await page.fill('#j-from', '2026-02-30');
    await page.click('button:has-text("Download the journal")');
    await page.waitForSelector('#j-from-error');
  });
  check((await page.inputValue('#j-from')) === '2026-02-30', 'the typed date stays');
  await page.fill('#j-from', '');
  const [journal] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Download the journal")')]);
  check(/journal/.test(journal.suggestedFilename()), 'the journal downloads: ' + journal.suggestedFilename());
  await step("a debtor's page: limit, use and history", async () => {
    await page.goto(base + '/debtors/' + debtor.id);
    await page.waitForSelector('[data-testid=credit-limit]');
    await page.waitForSelector('#d-history ~ div table tbody tr');
  });
  await shot(page, '07g-debtor');
  await step('the settings: fee schedules, charges', async () => {
    await page.click('nav[aria-label="Main"] >> text=Settings');
    await page.waitForSelector('table.fee-schedules tbody tr');
  });
  await shot(page, '07h-settings');
  await step('sign out the collector', async () => {
    await page.click('button:has-text("Sign out")');
    await page.waitForSelector('#login-email');
  });

  // --- the admin closes the day (a bad date first: said by its field, nothing closed)
  const admin = { email: 'admin@demo.microfactor.test', password: 'demo-admin-2026' };
  await step("sign in as the admin, day's end", async () => {
    await signIn(admin);
    await page.waitForSelector(`nav[aria-label="Main"] >> text=Day's end`);
    await page.click(`nav[aria-label="Main"] >> text=Day's end`);
    await page.waitForSelector('[data-testid=business-date]');
  });
  const businessDate = await page.textContent('[data-testid=business-date]');
  await step('close the day with a bad date', async () => {
    await page.fill('#c-through', '2026-13-01');
    await page.click('form[aria-labelledby=close-title] button[type=submit]');
    await page.waitForSelector('#c-through-error');
  });
  check((await page.inputValue('#c-through')) === '2026-13-01', 'the typed date stays');
  check((await page.textContent('[data-testid=business-date]')) === businessDate, 'no day was closed');
  await step('close the day', async () => {
    await page.fill('#c-through', '');
    await page.click('form[aria-labelledby=close-title] button[type=submit]');
    await page.waitForSelector('[data-testid=close-result]');
    await page.waitForFunction((before) => document.querySelector('[data-testid=business-date]')?.textContent !== before, businessDate);
  });
  await shot(page, '07i-day-closed');
  await step('a bad fee schedule is said beside its client', async () => {
    await page.click('nav[aria-label="Main"] >> text=Settings');
    await page.waitForSelector('#fee-cli_1');
    await page.fill('#fee-cli_1', 'flat two percent');
    await page.click('table.fee-schedules tr:has(#fee-cli_1) button[type=submit]');
    await page.waitForSelector('#fee-cli_1-error');
  });
  check((await page.inputValue('#fee-cli_1')) === 'flat two percent', 'the typed fee schedule stays');
  check((await page.getAttribute('#fee-cli_1', 'aria-invalid')) === 'true', 'the fee schedule is marked invalid');
  let limitBefore = '';
  await step('a bad credit limit is said by its field', async () => {
    await page.goto(base + '/debtors/' + debtor.id);
    await page.waitForSelector('#d-limit');
    limitBefore = await page.textContent('[data-testid=credit-limit]');
    await page.fill('#d-limit', '7.5.0');
    await page.click('form[aria-labelledby=limit-title] button[type=submit]');
    await page.waitForSelector('#d-limit-error');
  });
  check((await page.inputValue('#d-limit')) === '7.5.0', 'the typed limit stays');
  check((await page.textContent('[data-testid=credit-limit]')) === limitBefore, 'the bad limit changed nothing');
  await step('the credit limit changed', async () => {
    await page.fill('#d-limit', '80000.00');
    await page.click('form[aria-labelledby=limit-title] button[type=submit]');
    await page.waitForSelector('[data-testid=credit-limit]:has-text("$80,000.00")');
  });
  await shot(page, '07j-debtor-limit');
  // --- a credit review on the debtor's page, with the score and its evidence (a bad expiry date first)
  check((await page.textContent('[data-testid=credit-score]')).length > 0, 'the debtor shows its credit score');
  check((await page.locator('details:has-text("evidence behind the score") dd').count()) > 5, 'the evidence behind the score is listed');
  const reviewsBefore = await page.locator('table.credit-reviews tbody tr').count();
  await page.fill('#cr-limit', '90000.00');
  await page.fill('#cr-expires', '2026-02-30');
  await page.fill('#cr-notes', 'Pays on time; bureau score on file');
  await step('a credit review with a bad expiry is said by its field', async () => {
    await page.click('#credit-review button[type=submit]');
    await page.waitForSelector('#cr-expires-error');
  });
  check((await page.inputValue('#cr-notes')) === 'Pays on time; bureau score on file', 'the typed notes stay');
  check((await page.locator('table.credit-reviews tbody tr').count()) === reviewsBefore, 'no review recorded');
  check((await page.textContent('[data-testid=credit-limit]')).includes('$80,000.00'), 'the limit is unchanged');
  await page.fill('#cr-expires', '');
  await step('record a credit review', async () => {
    await page.click('#credit-review button[type=submit]');
    await page.waitForSelector('#credit-review [role=status]:has-text("Review recorded")');
    await page.waitForSelector('[data-testid=credit-limit]:has-text("$90,000.00")');
  });
  await page.waitForFunction((before) => document.querySelectorAll('table.credit-reviews tbody tr').length === before + 1, reviewsBefore);
  // the older "change the credit limit" box follows the review's new limit without a reload
  check((await page.inputValue('#d-limit')) === '90000.00', 'the limit box shows the reviewed limit: ' + (await page.inputValue('#d-limit')));
  await shot(page, '07j2-debtor-credit-review');

  // --- bureau scores from a CSV file: one with bad rows is refused whole, each bad row named, the file kept
  // and nothing imported; then a good one, with the count imported
  const bureauCount = async () =>
    (await page.evaluate((id) => fetch(`/v1/debtors/${id}/credit-report`, { credentials: 'same-origin' }).then((r) => r.json()), debtor.id)).bureau_scores.length;
  const bureauBefore = await bureauCount();
  const badBureau = path.join(env('WORK_DIR'), 'bureau-bad.csv');
  writeFileSync(
    badBureau,
    'debtor_id,bureau,score,as_of,reference\n' +
      `${debtor.id},webtest,72,${env('BUSINESS_DATE')},R-1\n` +
      `${debtor.id},webtest2,140,${env('BUSINESS_DATE')},R-2\n` +
      `dbt_99999,webtest,60,${env('BUSINESS_DATE')},R-3\n`,
  );
  await step('open the debtors with the bureau import', async () => {
    await page.click('nav[aria-label="Main"] >> text=Debtors');
    await page.waitForSelector('#bureau-file');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=debtor-score]')].some((cell) => /^\d+ [A-D]$/.test(cell.textContent)));
  });
  await step('a bureau file with bad rows is refused row by row', async () => {
    await page.setInputFiles('#bureau-file', badBureau);
    await page.click('#bureau-import button[type=submit]');
    await page.waitForSelector('[data-testid=bureau-bad-rows] li');
  });
  const badRows = await page.locator('[data-testid=bureau-bad-rows] li').allTextContents();
  check(badRows.length === 2 && badRows[0].startsWith('line 3') && badRows[1].startsWith('line 4'), 'each bad row is named: ' + badRows.join(' | '));
  check(/score/.test(badRows[0]) && /dbt_99999|debtor/.test(badRows[1]), 'and why: ' + badRows.join(' | '));
  check((await page.textContent('#bureau-file-error')).includes('nothing imported'), 'the refusal is said beside the file');
  check((await page.$eval('#bureau-file', (input) => input.files.length)) === 1, 'the bureau file stays chosen');
  check((await bureauCount()) === bureauBefore, 'no bureau score imported');
  await shot(page, '07k1-bureau-refused');
  const goodBureau = path.join(env('WORK_DIR'), 'bureau-good.csv');
  writeFileSync(goodBureau, 'debtor_id,bureau,score,as_of\n' + `${debtor.id},webtest,72,${env('BUSINESS_DATE')}\n` + `${debtor.id},webtest2,64,${env('BUSINESS_DATE')}\n`);
  await step('import a bureau file', async () => {
    await page.setInputFiles('#bureau-file', goodBureau);
    await page.click('#bureau-import button[type=submit]');
    await page.waitForSelector('[data-testid=bureau-result]');
  });
  check((await page.textContent('[data-testid=bureau-result]')).includes('Imported 2 scores'), 'the count imported: ' + (await page.textContent('[data-testid=bureau-result]')));
  check((await bureauCount()) === bureauBefore + 2, 'the two scores are on file');
  await shot(page, '07k2-bureau-imported');

  // --- a new debtor (a bad credit limit first: said by its field, none added), then its page
  const debtorTotal = async () => (await page.evaluate(() => fetch('/v1/debtors?limit=500', { credentials: 'same-origin' }).then((r) => r.json()))).data.length;
  const debtorsBefore = await debtorTotal();
  await page.click('summary:has-text("Add a debtor")');
  await page.fill('#nd-name', 'Web Test Wholesale Inc.');
  await page.fill('#nd-limit', '50k');
  await page.fill('#nd-email', 'ap@web-test-wholesale.example');
  await step('a new debtor with a bad credit limit is said by its field', async () => {
    await page.click('#add-debtor button[type=submit]');
    await page.waitForSelector('#nd-limit-error');
  });
  check((await page.inputValue('#nd-name')) === 'Web Test Wholesale Inc.', 'the typed name stays');
  check((await debtorTotal()) === debtorsBefore, 'no debtor added');
  await page.fill('#nd-limit', '50000.00');
  await step('add a debtor', async () => {
    await page.click('#add-debtor button[type=submit]');
    await page.waitForSelector('h1:has-text("Web Test Wholesale Inc.")');
  });
  check((await debtorTotal()) === debtorsBefore + 1 && /\/debtors\/dbt_\d+$/.test(page.url()), 'the debtor is added and its page open: ' + page.url());

  // --- the remittance instructions: too long is said by the field, kept, nothing saved; then changed
  await step('open the settings as the admin', async () => {
    await page.click('nav[aria-label="Main"] >> text=Settings');
    await page.waitForSelector('#set-remittance');
  });
  const remittanceBefore = await page.textContent('[data-testid=remittance-instructions]');
  const tooLong = 'Pay to: microfactor demo. '.repeat(40);
  await page.fill('#set-remittance', tooLong);
  await step('remittance instructions too long are said by their field', async () => {
    await page.click('#remittance button[type=submit]');
    await page.waitForSelector('#set-remittance-error');
  });
  check((await page.textContent('#set-remittance-error')).includes('1,000'), 'the error says the limit');
  check((await page.inputValue('#set-remittance')) === tooLong, 'the typed instructions stay');
  check((await page.textContent('[data-testid=remittance-instructions]')) === remittanceBefore, 'the instructions are unchanged');
  const newRemittance = 'Pay to: microfactor demo\nFirst Demo Bank, ABA 021000021, account 99887766\nQuote the invoice number';
  await page.fill('#set-remittance', newRemittance);
  await step('change the remittance instructions', async () => {
    await page.click('#remittance button[type=submit]');
    await page.waitForSelector('[data-testid=remittance-instructions]:has-text("99887766")');
  });
  const settingsNow = await page.evaluate(() => fetch('/v1/settings', { credentials: 'same-origin' }).then((r) => r.json()));
  check(settingsNow.remittance_instructions === newRemittance, 'the book holds the new instructions');

  // --- the originator of payout files: a routing number with a wrong check digit is said by its field, kept,
  // nothing stored (read back through the API); then the company id and the ODFI routing number changed
  const originatorNow = () => page.evaluate(() => fetch('/v1/settings', { credentials: 'same-origin' }).then((r) => r.json()).then((s) => s.originator));
  const originatorBefore = await originatorNow();
  await page.click('summary:has-text("Change the originator")');
  check((await page.inputValue('#o-ach-odfi-routing')) === originatorBefore.ach_odfi_routing, 'the form shows the stored ODFI routing number');
  await page.fill('#o-ach-company-id', '4455667788');
  await page.fill('#o-ach-odfi-routing', '021000022');
  await step('an originator routing number with a wrong check digit is said by its field', async () => {
    await page.click('#originator button[type=submit]');
    await page.waitForSelector('#o-ach-odfi-routing-error');
  });
  check((await page.textContent('#o-ach-odfi-routing-error')).includes('check digit'), 'the error names the check digit: ' + (await page.textContent('#o-ach-odfi-routing-error')));
  check((await page.inputValue('#o-ach-odfi-routing')) === '021000022' && (await page.inputValue('#o-ach-company-id')) === '4455667788', 'what was typed stays');
  check(JSON.stringify(await originatorNow()) === JSON.stringify(originatorBefore), 'the originator is unchanged');
  await page.fill('#o-ach-odfi-routing', '011000015');
  await step('change the originator', async () => {
    await page.click('#originator button[type=submit]');
    await page.waitForSelector('#originator [role=status]:has-text("Saved 2 fields")');
  });
  const originatorAfter = await originatorNow();
  check(
    originatorAfter.ach_odfi_routing === '011000015' && originatorAfter.ach_company_id === '4455667788' && originatorAfter.ach_destination === originatorBefore.ach_destination,
    'the book holds the new originator, the rest kept: ' + JSON.stringify(originatorAfter),
  );
  await shot(page, '07l0-settings-originator');

  // --- capital in on the payouts page: a bad amount is said by its field, kept, nothing posted (the trial
  // balance read back); then recorded once
  const trialBalance = () => page.evaluate(() => fetch('/v1/reports/trial-balance', { credentials: 'same-origin' }).then((r) => r.json()));
  const capitalOf = (balance) => balance.rows.filter((row) => row.account.includes('capital') && row.currency === 'USD').reduce((sum, row) => sum + Number(row.credit_amount) - Number(row.debit_amount), 0);
  await step('open the payouts as the admin: capital in', async () => {
    await page.click('nav[aria-label="Main"] >> text=Payouts');
    await page.waitForSelector('#capital');
  });
  const balanceBefore = await trialBalance();
  await page.fill('#cap-amount', '-500');
  await page.fill('#cap-memo', 'Second Demo Lender, line 2');
  await step('a capital amount that is not positive is said by its field', async () => {
    await page.click('#capital button[type=submit]');
    await page.waitForSelector('#cap-amount-error');
  });
  check((await page.inputValue('#cap-amount')) === '-500' && (await page.inputValue('#cap-memo')) === 'Second Demo Lender, line 2', 'what was typed stays');
  check(JSON.stringify(await trialBalance()) === JSON.stringify(balanceBefore), 'nothing is posted');
  await page.fill('#cap-amount', '250000.00');
  await step('record capital in', async () => {
    await page.click('#capital button[type=submit]');
    await page.waitForSelector('#capital [role=status]:has-text("Recorded")');
  });
  const capitalAdded = capitalOf(await trialBalance()) - capitalOf(balanceBefore);
  check(Math.abs(capitalAdded - 250000) < 0.005, 'the funding capital grew by 250,000.00: ' + capitalAdded);
  await shot(page, '07l0-payouts-capital');
  await step('back to the settings', async () => {
    await page.click('nav[aria-label="Main"] >> text=Settings');
    await page.waitForSelector('#aa-book-invoice');
  });

  // --- the book's auto-approval rules: a bad threshold said by its field, nothing changed; then thresholds set
  // (the book's mode stays off, so the client portal's schedule later waits as before)
  const bookRules = () => page.evaluate(() => fetch('/v1/auto-approval', { credentials: 'same-origin' }).then((r) => r.json()));
  const rulesBefore = await bookRules();
  await page.fill('#aa-book-invoice', 'lots');
  await step('a bad auto-approval threshold is said by its field', async () => {
    await page.click('#aa-book button[type=submit]');
    await page.waitForSelector('#aa-book-invoice-error');
  });
  check((await page.inputValue('#aa-book-invoice')) === 'lots', 'the typed threshold stays');
  check(JSON.stringify(await bookRules()) === JSON.stringify(rulesBefore), 'the book\'s rules are unchanged');
  await page.fill('#aa-book-invoice', '5000.00');
  await page.fill('#aa-book-schedule', '20000.00');
  await step("set the book's auto-approval thresholds", async () => {
    await page.click('#aa-book button[type=submit]');
    await page.waitForSelector('#aa-book [role=status]:has-text("Saved")');
  });
  const rulesAfter = await bookRules();
  check(rulesAfter.book.invoice_max === '5000.00' && rulesAfter.book.schedule_max === '20000.00' && rulesAfter.book.mode === 'off', 'the thresholds are set: ' + JSON.stringify(rulesAfter));
  // an API key for the collector (no label first: said by its field), shown once, and it signs a request in
  await page.click('summary:has-text("Issue an API key")');
  const collectorUser = await page.$eval('#k-user', (select) => [...select.options].find((option) => option.textContent.includes('(collector)'))?.value ?? '');
  await page.selectOption('#k-user', collectorUser);
  await step('an API key without a label is said by its field', async () => {
    await page.click('#api-key button[type=submit]');
    await page.waitForSelector('#k-label-error');
  });
  await page.fill('#k-label', 'bank sync');
  await step('issue an API key', async () => {
    await page.click('#api-key button[type=submit]');
    await page.waitForSelector('#k-issued');
  });
  const apiKey = await page.inputValue('#k-issued');
  const keyMe = await fetch(base + '/v1/me', { headers: { Authorization: 'Bearer ' + apiKey } }).then((r) => r.json());
  check(apiKey.startsWith('mfk_') && keyMe.email === collector.email, 'the key signs in as the collector: ' + JSON.stringify(keyMe).slice(0, 120));
  await shot(page, '07l1-settings-remittance-auto-approval');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkFitsPhone('the settings');
  await page.setViewportSize({ width: 1280, height: 900 });

  // --- a client's override on its page (a bad threshold first), then the re-run on its waiting schedule with
  // every check and what it found
  const clientRules = () => page.evaluate(() => fetch('/v1/clients/cli_2/auto-approval', { credentials: 'same-origin' }).then((r) => r.json()));
  await step("open a client's auto-approval", async () => {
    await page.goto(base + '/clients/cli_2');
    await page.waitForSelector('#aa-client-mode');
  });
  const overrideBefore = await clientRules();
  await page.selectOption('#aa-client-mode', 'on');
  await page.fill('#aa-client-invoice', '5.000,00');
  await step("a bad client threshold is said by its field", async () => {
    await page.click('#aa-client button[type=submit]');
    await page.waitForSelector('#aa-client-invoice-error');
  });
  check((await page.inputValue('#aa-client-invoice')) === '5.000,00', 'the typed client threshold stays');
  check(JSON.stringify(await clientRules()) === JSON.stringify(overrideBefore), "the client's override is unchanged");
  await page.fill('#aa-client-invoice', '100000.00');
  await page.fill('#aa-client-schedule', '500000.00');
  await step("turn auto-approval on for the client", async () => {
    await page.click('#aa-client button[type=submit]');
    await page.waitForSelector('[data-testid=auto-effective]:has-text("on")');
  });
  check((await clientRules()).client.mode === 'on', 'the override is on');
  await shot(page, '07l2-client-auto-approval');
  // a charge from the catalog and a payment in, on the same client's page (a bad amount first each time: said
  // by its field, kept, the reserve unchanged)
  const reserveOf = async () =>
    (await page.evaluate(() => fetch('/v1/reports/reserve?client_id=cli_2', { credentials: 'same-origin' }).then((r) => r.json()))).rows[0].reserve_amount;
  const reserveBefore = await reserveOf();
  await page.waitForSelector('#cc-code option:nth-child(2)', { state: 'attached' });
  const chargeCode = await page.$eval('#cc-code option:nth-child(2)', (option) => option.value);
  await page.selectOption('#cc-code', chargeCode);
  await page.fill('#cc-amount', '12,50');
  await step('a charge with a bad amount is said by its field', async () => {
    await page.click('#charge-client button[type=submit]');
    await page.waitForSelector('#cc-amount-error');
  });
  check((await page.inputValue('#cc-amount')) === '12,50', 'the typed amount stays');
  check((await reserveOf()) === reserveBefore, 'nothing charged');
  await page.fill('#cc-amount', '');
  await step('charge the client from the catalog', async () => {
    await page.click('#charge-client button[type=submit]');
    await page.waitForSelector('#charge-client [role=status]:has-text("Charged: jrn_")');
  });
  const reserveCharged = await reserveOf();
  check(Number(reserveCharged) < Number(reserveBefore), `the charge came off the reserve: ${reserveBefore} -> ${reserveCharged}`);
  await page.fill('#pi-amount', 'two hundred');
  await step('a payment in with a bad amount is said by its field', async () => {
    await page.click('#client-pays-in button[type=submit]');
    await page.waitForSelector('#pi-amount-error');
  });
  check((await reserveOf()) === reserveCharged, 'nothing recorded');
  await page.fill('#pi-amount', '200.00');
  await step('record a payment in from the client', async () => {
    await page.click('#client-pays-in button[type=submit]');
    await page.waitForSelector('#client-pays-in [role=status]:has-text("Recorded: jrn_")');
  });
  check(Math.abs(Number(await reserveOf()) - Number(reserveCharged) - 200) < 0.001, 'the payment went to the reserve');
  await shot(page, '07l2b-client-charge-pay-in');
  // the client's verification policy (invoices above an amount; a bad amount first, the policy unchanged)
  const policyOf = () => page.evaluate(() => fetch('/v1/clients/cli_2/verification-policy', { credentials: 'same-origin' }).then((r) => r.json()));
  const policyBefore = await policyOf();
  await page.selectOption('#vp-policy', 'above');
  await page.fill('#vp-threshold', 'lots');
  await step('a verification policy with a bad amount is said by its field', async () => {
    await page.click('#verification-policy-form button[type=submit]');
    await page.waitForSelector('#vp-threshold-error');
  });
  check((await page.inputValue('#vp-threshold')) === 'lots', 'the typed amount stays');
  check(JSON.stringify(await policyOf()) === JSON.stringify(policyBefore), 'the policy is unchanged');
  await page.fill('#vp-threshold', '5000.00');
  await step('set the verification policy', async () => {
    await page.click('#verification-policy-form button[type=submit]');
    await page.waitForSelector('[data-testid=verification-policy]:has-text("above $5,000.00")');
  });
  check((await policyOf()).policy === 'above', 'the book holds the policy');
  await step('open the waiting schedule with its auto-approval', async () => {
    await page.goto(base + '/schedules/' + autoScheduleId);
    await page.waitForSelector('#auto-rerun button[type=submit]');
  });
  const decisionsBefore = await page.locator('[data-testid=auto-decision]').count();
  await step('run auto-approval again on the schedule', async () => {
    await page.click('#auto-rerun button[type=submit]');
    await page.waitForFunction((before) => document.querySelectorAll('[data-testid=auto-decision]').length === before + 1, decisionsBefore);
  });
  const newest = page.locator('[data-testid=auto-decision]').first();
  const heading = await newest.locator('h3').textContent();
  const checks = await newest.locator('table.auto-checks tbody tr').allTextContents();
  check(/^(Approved|Waiting) on /.test(heading) && heading.includes('rerun'), 'the decision is listed: ' + heading);
  check(checks.length >= 1 && checks.every((row) => /passed|failed/.test(row)), 'every check with its result: ' + checks.join(' | '));
  const api = await page.evaluate((id) => fetch(`/v1/schedules/${id}/auto-approvals`, { credentials: 'same-origin' }).then((r) => r.json()), autoScheduleId);
  const last = api.data[api.data.length - 1];
  check(checks.length === last.checks.length, 'the page lists every check the API recorded');
  for (const c of last.checks) check(checks.some((row) => row.includes(c.detail)), 'the check ' + c.rule + ' shows its detail: ' + c.detail);
  const rerunSaid = await page.textContent('[data-testid=auto-rerun-outcome]');
  if (last.outcome === 'approved') {
    await page.waitForSelector('[data-testid=schedule-state]:has-text("funded")');
    check(rerunSaid.includes('Approved and funded: payout ' + last.payout_id), 'the page says it was funded: ' + rerunSaid);
  } else check(rerunSaid.includes('Still waiting'), 'the page says the schedule still waits: ' + rerunSaid);
  console.log(`auto-approval re-run: ${last.outcome}${last.failed_rule ? ' (' + last.failed_rule + ')' : ''}, ${last.checks.length} checks`);
  await shot(page, '07l3-schedule-auto-approval');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkFitsPhone("a schedule's auto-approval checks");
  await page.setViewportSize({ width: 1280, height: 900 });

  // --- the e-mail outbox: a statement mail with a bad date said by its field, nothing queued; then queued;
  // a retry answered beside its row
  const outboxCount = async () => (await page.evaluate(() => fetch('/v1/outbox?limit=200', { credentials: 'same-origin' }).then((r) => r.json()))).data.length;
  await step('open the e-mail outbox', async () => {
    await page.click('nav[aria-label="Main"] >> text=Settings');
    await page.click('a:has-text("The e-mail outbox")');
    await page.waitForSelector('#statement-mail');
  });
  const mailsBefore = await outboxCount();
  await page.selectOption('#sm-client', 'cli_1');
  await page.fill('#sm-from', '2026-02-30');
  await step('a statement mail with a bad date is said by its field', async () => {
    await page.click('#statement-mail button[type=submit]');
    await page.waitForSelector('#sm-from-error');
  });
  check((await page.inputValue('#sm-from')) === '2026-02-30', 'the typed date stays');
  check((await outboxCount()) === mailsBefore, 'no mail queued');
  await page.fill('#sm-from', '');
  await step('queue the statement mail', async () => {
    await page.click('#statement-mail button[type=submit]');
    await page.waitForSelector('#statement-mail [role=status]:has-text("Queued eml_")');
  });
  check((await outboxCount()) === mailsBefore + 1, 'one mail queued');
  const queuedId = (await page.textContent('#statement-mail [role=status]')).match(/eml_\d+/)[0];
  // the list is read again after the mail is queued (oldest first, 50 a page: the demo's fit on one)
  const mailRow = `table.outbox tr[data-mail="${queuedId}"]`;
  await page.waitForSelector(mailRow);
  check(/queued|delivered|failed|unaddressed/.test(await page.textContent(mailRow + ' td')), 'the mail shows its state');
  if ((await page.locator(mailRow + ' button:has-text("Retry")').count()) === 1) {
    await step('retry a mail', async () => {
      await page.click(mailRow + ' button:has-text("Retry")');
      await page.waitForSelector(`${mailRow} [role=status], ${mailRow} .field-error`);
    });
    console.log('outbox retry: ' + (await page.textContent(`${mailRow} td:last-child`)).trim());
  }
  await shot(page, '07m-outbox');

  // --- an invoice's verification by call and the debtor's dispute, recorded on its page (each with bad input
  // first: said by its field, the typed text kept, the timeline unchanged), then the dispute resolved
  const disputeInvoice = (
    await page.evaluate(() => fetch('/v1/invoices?client_id=cli_3&state=funded&limit=50', { credentials: 'same-origin' }).then((r) => r.json()))
  ).data.find((invoice) => !invoice.disputed && !linkInvoices.includes(invoice.id));
  check(disputeInvoice, 'a funded invoice to dispute');
  const timelineCount = () => page.locator('ol.timeline li').count();
  await step('open an invoice to verify and dispute', async () => {
    await page.goto(base + '/invoices/' + disputeInvoice.id);
    await page.waitForSelector('#verify-form');
  });
  let eventsBefore = await timelineCount();
  await page.fill('#v-contact', 'J. Payables, AP +1 555 0100');
  await page.selectOption('#v-outcome', 'contested');
  await step('a contested verification without notes is said by its field', async () => {
    await page.click('#verify-form button[type=submit]');
    await page.waitForSelector('#v-notes-error');
  });
  check((await page.inputValue('#v-contact')) === 'J. Payables, AP +1 555 0100', 'the typed contact stays');
  check((await timelineCount()) === eventsBefore, 'nothing recorded on the timeline');
  await page.selectOption('#v-outcome', 'confirmed');
  await step('record a verification by call', async () => {
    await page.click('#verify-form button[type=submit]');
    await page.waitForSelector('[data-testid=invoice-action-outcome]:has-text("Recorded: confirmed")');
    await page.waitForFunction((before) => document.querySelectorAll('ol.timeline li').length > before, eventsBefore);
  });
  eventsBefore = await timelineCount();
  await step('a dispute without a reason is said by its field', async () => {
    await page.click('#dispute-form button[type=submit]');
    await page.waitForSelector('#dispute-reason-error');
  });
  check((await timelineCount()) === eventsBefore && (await page.locator('strong.flag:has-text("disputed")').count()) === 0, 'no dispute recorded');
  await page.fill('#dispute-reason', 'Two pallets damaged in transit; credit note asked');
  await step('record the debtor\'s dispute', async () => {
    await page.click('#dispute-form button[type=submit]');
    await page.waitForSelector('strong.flag:has-text("disputed")');
    await page.waitForSelector('#resolve-form');
  });
  check((await page.textContent('ol.timeline')).includes('Two pallets damaged'), 'the reason is on the timeline');
  await shot(page, '07n1-invoice-disputed');
  await page.fill('#resolve-reason', 'Client sent replacement pallets; debtor agrees to pay in full');
  await step('resolve the dispute for the client', async () => {
    await page.click('#resolve-form button[type=submit]');
    await page.waitForSelector('[data-testid=invoice-action-outcome]:has-text("Resolved for the client")');
    await page.waitForFunction(() => !document.querySelector('strong.flag'));
  });
  await shot(page, '07n2-invoice-dispute-resolved');
  // the debtor paid the client: a bad amount first (nothing recorded), then recorded
  eventsBefore = await timelineCount();
  await page.click('summary:has-text("misdirected payment")');
  await page.fill('#mp-amount', '1OO.00');
  await step('a misdirected payment with a bad amount is said by its field', async () => {
    await page.click('#misdirected-form button[type=submit]');
    await page.waitForSelector('#mp-amount-error');
  });
  check((await page.inputValue('#mp-amount')) === '1OO.00' && (await timelineCount()) === eventsBefore, 'the typed amount stays, nothing recorded');
  await page.fill('#mp-amount', '100.00');
  await step('record a misdirected payment', async () => {
    await page.click('#misdirected-form button[type=submit]');
    await page.waitForSelector('[data-testid=invoice-action-outcome]:has-text("misdirected payment is recorded")');
    await page.waitForFunction((before) => document.querySelectorAll('ol.timeline li').length > before, eventsBefore);
  });
  // one waiting invoice rejected on its own page (no reason first: said by the field, still waiting)
  await step('open a waiting invoice', async () => {
    await page.goto(base + '/invoices/' + decideInvoiceId);
    await page.waitForSelector('#decide-form');
  });
  await page.selectOption('#decide-kind', 'reject');
  await step('a rejection without a reason is said by its field', async () => {
    await page.click('#decide-form button[type=submit]');
    await page.waitForSelector('#decide-reason-error');
  });
  check((await page.textContent('.state')) === 'submitted', 'the invoice still waits');
  await page.fill('#decide-reason', 'Invoice dated before the goods shipped');
  await step('reject the invoice', async () => {
    await page.click('#decide-form button[type=submit]');
    await page.waitForSelector('.state:has-text("rejected")');
  });
  check((await page.textContent('[data-testid=invoice-action-outcome]')).includes('Rejected'), 'the page says it was rejected');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkFitsPhone("an invoice's page with its forms");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.setViewportSize({ width: 390, height: 844 });
  await checkFitsPhone('the outbox');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.setViewportSize({ width: 390, height: 844 });
  await checkFitsPhone("a debtor's page with its credit");
  await page.setViewportSize({ width: 1280, height: 900 });
  await step('sign out the admin', async () => {
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
  await page.waitForSelector('[data-testid=assignment-legend]');
  check((await page.textContent('[data-testid=assignment-legend]')).includes('99887766'), 'the client sees the legend with the remittance instructions the admin set');
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

  // --- the client uploads the PEPPOL sample: the server refuses it (its buyer is no debtor of this book), the
  // row says why beside the file, which stays chosen, and nothing is written; then a CSV with a good row and a
  // bad one, with "keep the good rows"
  const ubl = path.join(testdata, 'einvoice', 'ubl-peppol-factoring.xml');
  await step('the client uploads the PEPPOL invoice', async () => {
    await page.click('nav[aria-label="Main"] >> text=Upload a file');
    await page.setInputFiles('#u-file', ubl);
    await page.click('form.upload-form button[type=submit]');
    await page.waitForSelector('[data-testid=intake-result]');
  });
  const ublRows = await page.locator('table.intake-rows tbody tr').allTextContents();
  check(ublRows.length === 1 && /7023708/.test(ublRows[0]) && /rejected/.test(ublRows[0]), 'the row result: ' + ublRows.join(' | '));
  check(/Komponentlagret AB/.test(ublRows[0]), 'the reason names the buyer: ' + ublRows[0]);
  check((await page.textContent('#u-file-error')).includes('nothing was written'), 'the refusal is said beside the file');
  check((await page.$eval('#u-file', (input) => input.files.length)) === 1, 'the file stays chosen');
  await shot(page, '11a-client-upload-ubl');
  const csv = path.join(env('WORK_DIR'), 'june.csv');
  writeFileSync(
    csv,
    'invoice_number,debtor_name,invoice_date,due_date,amount,currency\n' +
      `CSV-1,"${debtor.name}",${env('BUSINESS_DATE')},${env('DUE_DATE')},990.00,USD\n` +
      `CSV-2,Unknown Buyer Oy,${env('BUSINESS_DATE')},${env('DUE_DATE')},99.00,USD\n`,
  );
  await step('the client uploads a CSV, keeping the good rows', async () => {
    await page.setInputFiles('#u-file', csv);
    await page.check('#u-partial');
    await page.click('form.upload-form button[type=submit]');
    await page.waitForSelector('[data-testid=intake-result] h2:has-text("Written")');
  });
  const csvRows = await page.locator('table.intake-rows tbody tr').allTextContents();
  check(csvRows.length === 2 && /accepted|held/.test(csvRows[0]) && /rejected/.test(csvRows[1]), 'the CSV rows: ' + csvRows.join(' | '));
  await shot(page, '11b-client-upload-csv');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkFitsPhone('the per-row results');
  await shot(page, '11b-client-upload-csv-phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  // --- the client's papers: a bad statement date beside its field, then the statement and a disclosure as PDF
  await step('the client asks for a statement with a bad date', async () => {
    await page.click('nav[aria-label="Main"] >> text=My account');
    await page.fill('#st-from', '2026-13-01');
    await page.click('form[aria-label="Statement period"] button[type=submit]');
    await page.waitForSelector('#st-from-error');
  });
  check((await page.inputValue('#st-from')) === '2026-13-01', 'the typed date stays');
  await page.fill('#st-from', '');
  const [statementPdf] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Download the statement (PDF)")')]);
  check(statementPdf.suggestedFilename().endsWith('.pdf'), 'the statement downloads: ' + statementPdf.suggestedFilename());
  const [disclosurePdf] = await Promise.all([page.waitForEvent('download'), page.click('#disclosures-title ~ div button:has-text("CA PDF")')]);
  check(/^disclosure-sch_\d+-CA\.pdf$/.test(disclosurePdf.suggestedFilename()), 'a disclosure downloads: ' + disclosurePdf.suggestedFilename());
  await shot(page, '11c-client-documents');

  // --- another client's pages: not found, and nothing of that client in any answer the page got
  await step("another client's page is not found", async () => {
    await page.goto(base + '/clients/' + other.id);
    await page.waitForSelector('h1:has-text("Not found")');
  });
  await step("another client's invoice is not found", async () => {
    await page.goto(base + '/invoices/' + other.invoice);
    await page.waitForSelector('h1:has-text("Not found")');
  });
  await step("a staff page is not found for the client", async () => {
    await page.goto(base + '/cash');
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
  await debtorBrowser?.close();
  const allKb = ([...scripts.values()].reduce((sum, script) => sum + script.bytes, 0) / 1024).toFixed(1);
  console.log(`all scripts loaded in the test: ${scripts.size}, ${allKb} KB over the wire`);
  console.log('interaction times measured in the page (ms, reported, not asserted):');
  for (const { name, ms } of timings) console.log(`  ${String(ms ?? '-').padStart(7)}  ${name}`);
  if (consoleErrors.length) console.log('browser console errors:\n  ' + consoleErrors.join('\n  '));
  writeFileSync(path.join(out, 'timings.json'), JSON.stringify({ timings, consoleErrors }, null, 2));
}
