// The staff's work queues, from what the API can list today: schedules waiting for approval or funding and the
// invoices held for review with their reasons (GET /v1/invoices?state=submitted,approved), unapplied cash
// (GET /v1/receipts?unapplied=true), and disputed or overdue funded invoices (GET /v1/invoices?state=funded,
// checked against the business date of GET /v1/settings).
import { Link } from 'wouter-preact';
import type { Invoice, Page, Receipt } from '../api';
import { Guard, PageTitle } from '../components/Status';
import { Table } from '../components/Table';
import { money, words } from '../format';
import { useApi, useClientNames } from '../hooks';

const kListMax = 500;

interface WaitingSchedule {
  id: string;
  client_id: string;
  currency: string;
  submitted: number;
  approved: number;
}

function waitingSchedules(invoices: Invoice[]): WaitingSchedule[] {
  const byId = new Map<string, WaitingSchedule>();
  for (const invoice of invoices) {
    if (!invoice.schedule_id) continue;
    let row = byId.get(invoice.schedule_id);
    if (!row) {
      row = { id: invoice.schedule_id, client_id: invoice.client_id, currency: invoice.currency, submitted: 0, approved: 0 };
      byId.set(invoice.schedule_id, row);
    }
    if (invoice.state === 'submitted') row.submitted += 1;
    else row.approved += 1;
  }
  return [...byId.values()];
}

export function Queues() {
  const open = useApi<Page<Invoice>>(`/v1/invoices?state=submitted,approved&limit=${kListMax}`);
  const receipts = useApi<Page<Receipt>>(`/v1/receipts?unapplied=true&limit=${kListMax}`);
  const funded = useApi<Page<Invoice>>(`/v1/invoices?state=funded&limit=${kListMax}`);
  const settings = useApi<{ business_date: string }>('/v1/settings');
  const names = useClientNames();
  return (
    <>
      <PageTitle>Work queues</PageTitle>
      <section aria-labelledby="q-schedules">
        <h2 id="q-schedules">Schedules to approve or fund</h2>
        <Guard what="schedules" data={open.data} problem={open.problem}>
          {(page) => <ScheduleQueue rows={waitingSchedules(page.data)} names={names} />}
        </Guard>
      </section>
      <section aria-labelledby="q-review">
        <h2 id="q-review">Held for review</h2>
        <Guard what="held invoices" data={open.data} problem={open.problem}>
          {(page) => (
            <InvoiceQueue
              invoices={page.data.filter((invoice) => invoice.needs_review)}
              names={names}
              empty="No invoice is held for review."
              note={(invoice) => invoice.review_reasons.map(words).join(', ')}
              noteTitle="Reasons"
            />
          )}
        </Guard>
      </section>
      <section aria-labelledby="q-cash">
        <h2 id="q-cash">Unapplied cash</h2>
        <Guard what="receipts" data={receipts.data} problem={receipts.problem}>
          {(page) => <ReceiptQueue receipts={page.data} />}
        </Guard>
      </section>
      <section aria-labelledby="q-overdue">
        <h2 id="q-overdue">Disputed and overdue</h2>
        <Guard what="funded invoices" data={funded.data && settings.data ? { funded: funded.data, today: settings.data.business_date } : null} problem={funded.problem ?? settings.problem}>
          {({ funded: page, today }) => (
            <>
              <InvoiceQueue
                invoices={page.data.filter((invoice) => invoice.disputed || invoice.due_date < today)}
                names={names}
                empty="No funded invoice is disputed or past due."
                note={(invoice) => (invoice.disputed ? 'disputed' : '') + (invoice.due_date < today ? (invoice.disputed ? ', ' : '') + 'due ' + invoice.due_date : '')}
                noteTitle="Why"
              />
              {page.next_cursor && (
                <p class="hint">
                  Of the first {kListMax} funded invoices (the API has no overdue filter yet);{' '}
                  <Link href="/invoices?state=funded">all funded invoices</Link>.
                </p>
              )}
            </>
          )}
        </Guard>
      </section>
    </>
  );
}

function ScheduleQueue({ rows, names }: { rows: WaitingSchedule[]; names: Map<string, string> }) {
  if (rows.length === 0) return <p>No schedule waits for a decision or for funding.</p>;
  return (
    <Table caption="Schedules waiting" columns={['Schedule', 'Client', 'To approve#', 'Approved, to fund#']}>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row">
              <Link href={'/schedules/' + row.id}>{row.id}</Link>
            </th>
            <td>{names.get(row.client_id) ?? row.client_id}</td>
            <td class="number">{row.submitted}</td>
            <td class="number">{row.approved}</td>
          </tr>
        ))}
    </Table>
  );
}

function InvoiceQueue(props: {
  invoices: Invoice[];
  names: Map<string, string>;
  empty: string;
  note: (invoice: Invoice) => string;
  noteTitle: string;
}) {
  if (props.invoices.length === 0) return <p>{props.empty}</p>;
  return (
    <Table columns={['Invoice', 'Client', 'Face#', props.noteTitle]}>
        {props.invoices.map((invoice) => (
          <tr key={invoice.id}>
            <th scope="row">
              <Link href={'/invoices/' + invoice.id}>
                {invoice.number} ({invoice.id})
              </Link>
            </th>
            <td>{props.names.get(invoice.client_id) ?? invoice.client_id}</td>
            <td class="number">{money(invoice.face_amount, invoice.currency)}</td>
            <td>{props.note(invoice)}</td>
          </tr>
        ))}
    </Table>
  );
}

function ReceiptQueue({ receipts }: { receipts: Receipt[] }) {
  if (receipts.length === 0) return <p>All cash received is applied.</p>;
  return (
    <Table columns={['Receipt', 'Received', 'Payer', 'Reference', 'Amount#', 'Unapplied#']}>
        {receipts.map((receipt) => (
          <tr key={receipt.id}>
            <th scope="row">
              <Link href={'/cash?receipt=' + receipt.id}>{receipt.id}</Link>
            </th>
            <td>{receipt.received_on}</td>
            <td>{receipt.payer}</td>
            <td>{receipt.reference}</td>
            <td class="number">{money(receipt.amount, receipt.currency)}</td>
            <td class="number">{money(receipt.unapplied_amount, receipt.currency)}</td>
          </tr>
        ))}
    </Table>
  );
}
