// One invoice with its timeline (the audit events) and its postings in the ledger
// (GET /v1/invoices/{id}/history). Another client's invoice is "not found" for a client user.
import { Link } from 'wouter-preact';
import type { Debtor, InvoiceHistory, User } from '../api';
import { DebtorLinkIssuer } from '../components/DebtorLinkIssuer';
import { InvoiceActions } from '../components/InvoiceActions';
import { Facts } from '../components/Facts';
import { Guard, PageTitle } from '../components/Status';
import { Table } from '../components/Table';
import { date, instant, money, percent, words } from '../format';
import { useApi } from '../hooks';

// Who may issue a debtor link (the API's rule), and the invoices a link may be issued for.
const kVerifiers = ['admin', 'underwriter', 'collector'];
const kVerifiable = ['submitted', 'approved', 'funded'];

export function InvoiceDetail({ id, user }: { id: string; user: User }) {
  const history = useApi<InvoiceHistory>(`/v1/invoices/${encodeURIComponent(id)}/history`);
  return (
    <Guard what="the invoice" data={history.data} problem={history.problem}>
      {(data) => <Detail history={data} staff={user.role !== 'client'} verifier={kVerifiers.includes(user.role)} role={user.role} reload={history.reload} />}
    </Guard>
  );
}

function Detail({ history, staff, verifier, role, reload }: { history: InvoiceHistory; staff: boolean; verifier: boolean; role: string; reload: () => void }) {
  const { invoice } = history;
  // A client user may not read debtors (the API's rule): it sees the debtor's id.
  const debtor = useApi<Debtor>(staff ? `/v1/debtors/${encodeURIComponent(invoice.debtor_id)}` : null);
  const c = invoice.currency;
  return (
    <>
      <PageTitle>
        Invoice {invoice.number} <span class="id">{invoice.id}</span>
      </PageTitle>
      <Facts
        items={[
          [
            'State',
            <>
              <span class={'state state-' + invoice.state}>{words(invoice.state)}</span>
              {invoice.disputed && <strong class="flag"> disputed</strong>}
            </>,
          ],
          ['Verification', invoice.verification === 'not_required' ? null : <span data-testid="verification">{words(invoice.verification)}</span>],
          ['Held for review', invoice.needs_review ? invoice.review_reasons.map(words).join(', ') : null],
          ['Client', <Link href={'/clients/' + invoice.client_id}>{invoice.client_id}</Link>],
          ['Debtor', debtor.data ? `${debtor.data.name} (${invoice.debtor_id})` : invoice.debtor_id],
          ['Schedule', invoice.schedule_id && <Link href={'/schedules/' + invoice.schedule_id}>{invoice.schedule_id}</Link>],
          ['Issued / due', `${invoice.issue_date} / ${invoice.due_date}`],
          ['Funded on', date(invoice.funded_on)],
          ['Face', money(invoice.face_amount, c)],
          [`Advance (${percent(invoice.advance_rate)})`, money(invoice.advance_amount, c)],
          ['Reserve', money(invoice.reserve_amount, c)],
          ['Collected', money(invoice.collected_amount, c)],
          ['Outstanding', money(invoice.outstanding_amount, c)],
          ['Fee to date', money(history.fee_to_date_amount, c)],
        ]}
      />

      {verifier && kVerifiable.includes(invoice.state) && <DebtorLinkIssuer invoiceId={invoice.id} onIssued={reload} />}
      <InvoiceActions invoice={invoice} role={role} onDone={reload} />

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        {history.events.length === 0 ? (
          <p>No event yet.</p>
        ) : (
          <ol class="timeline">
            {history.events.map((event) => (
              <li key={event.id}>
                <p class="when">
                  <time dateTime={event.at}>{instant(event.at)}</time>
                  {event.business_date && <> · business date {event.business_date}</>}
                </p>
                <p>
                  <strong>{words(event.action)}</strong> by {event.actor}
                  {event.detail && <> — {event.detail}</>}
                </p>
                {event.reason && <p class="reason">Reason: {event.reason}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="postings-title">
        <h2 id="postings-title">Postings</h2>
        {history.entries.length === 0 ? (
          <p>Nothing posted yet.</p>
        ) : (
          <Table columns={['Entry', 'Effective', 'Kind', 'Account', 'Amount#']}>
                {history.entries.flatMap((entry, index) =>
                  entry.postings.map((posting, line) => (
                    <tr key={`${entry.id ?? index}-${line}`} class={line === 0 ? 'entry-start' : undefined}>
                      <td>{line === 0 ? entry.id ?? '' : ''}</td>
                      <td>{line === 0 ? entry.effective_on : ''}</td>
                      <td>{line === 0 ? words(entry.kind) : ''}</td>
                      <td>{words(posting.account)}</td>
                      <td class="number">{money(posting.amount, entry.currency)}</td>
                    </tr>
                  )),
                )}
          </Table>
        )}
      </section>
    </>
  );
}
