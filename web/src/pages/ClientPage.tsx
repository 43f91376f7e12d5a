// A client's page: its availability against the factoring limit, reserve (GET /v1/reports/reserve), aging
// (GET /v1/reports/aging) and latest invoices. It is the client portal's start page for a client user, who
// gets the not-found page for any other client (the API answers 404 for it). Staff also see the notices of
// assignment to the client's debtors and, when they verify, record them (components/ClientNotices.tsx).
import { Link } from 'wouter-preact';
import type { AgingReport, Client, Invoice, Page, ReserveRow, User } from '../api';
import { Facts } from '../components/Facts';
import { Guard, PageTitle } from '../components/Status';
import { Table } from '../components/Table';
import { money, percent, words } from '../format';
import { useApi } from '../hooks';
import { ClientNotices } from '../components/ClientNotices';
import { ClientDocuments } from './ClientDocuments';
import { ClientAutoApproval, kStaffReaders } from '../components/AutoApproval';
import { ClientMoney } from '../components/ClientMoney';
import { AssignmentLegend } from '../components/AssignmentLegend';
import { VerificationPolicyPanel } from '../components/VerificationPolicy';

export function ClientPage({ id, user }: { id: string; user: User }) {
  const client = useApi<Client>(`/v1/clients/${encodeURIComponent(id)}`);
  return (
    <Guard what="the client" data={client.data} problem={client.problem}>
      {(data) => <Account client={data} own={user.client_id === data.id} role={user.role} />}
    </Guard>
  );
}

const kVerifiers = new Set(['admin', 'underwriter', 'collector']);

function Account({ client, own, role }: { client: Client; own: boolean; role: string }) {
  const scope = `?client_id=${encodeURIComponent(client.id)}`;
  const reserve = useApi<{ as_of: string; rows: ReserveRow[] }>('/v1/reports/reserve' + scope);
  const aging = useApi<AgingReport>('/v1/reports/aging' + scope);
  const invoices = useApi<Page<Invoice>>('/v1/invoices' + scope + '&limit=10&state=submitted,approved,funded');
  const c = client.currency;
  return (
    <>
      <PageTitle>{own ? `${client.name}: my account` : client.name}</PageTitle>
      <Guard what="availability" data={reserve.data} problem={reserve.problem}>
        {(report) => {
          const row = report.rows.find((r) => r.client_id === client.id);
          return <Availability client={client} row={row ?? null} asOf={report.as_of} />;
        }}
      </Guard>
      <section aria-labelledby="terms-title">
        <h2 id="terms-title">Terms</h2>
        <Facts
          items={[
            ['Advance rate', percent(client.terms.advance_rate)],
            ['Fee', client.terms.fee_schedule],
            ['Recourse', words(client.terms.recourse)],
            ['Concentration limit', percent(client.terms.concentration_limit)],
            ['Status', words(client.status)],
          ]}
        />
      </section>
      <Guard what="aging" data={aging.data} problem={aging.problem}>
        {(report) => {
          const row = report.by_client.find((r) => r.id === client.id);
          if (!row) return <p>No open invoices to age.</p>;
          return (
            <section aria-labelledby="aging-title">
              <h2 id="aging-title">Open invoices by days past due</h2>
              <Table columns={[...row.by_due_date.map((bucket) => bucket.bucket + '#'), 'Total#']}>
                <tr>
                  {row.by_due_date.map((bucket) => (
                    <td class="number" key={bucket.bucket}>
                      {money(bucket.amount, c)}
                    </td>
                  ))}
                  <td class="number">{money(row.total_amount, c)}</td>
                </tr>
              </Table>
            </section>
          );
        }}
      </Guard>
      <section aria-labelledby="latest-title">
        <h2 id="latest-title">Open invoices</h2>
        <Guard what="invoices" data={invoices.data} problem={invoices.problem}>
          {(page) => (
            <>
              <ul class="plain">
                {page.data.map((invoice) => (
                  <li key={invoice.id}>
                    <Link href={'/invoices/' + invoice.id}>{invoice.number}</Link> · {words(invoice.state)} ·{' '}
                    {money(invoice.face_amount, invoice.currency)} · due {invoice.due_date}
                  </li>
                ))}
              </ul>
              <p>
                <Link href={'/invoices' + (own ? '' : scope)}>All invoices</Link> ·{' '}
                <Link href={'/schedules/upload' + (own ? '' : scope)}>Upload an invoice file</Link>
              </p>
            </>
          )}
        </Guard>
      </section>
      <ClientDocuments clientId={client.id} />
      {(own || kStaffReaders.has(role)) && <AssignmentLegend clientId={client.id} />}
      {!own && <ClientNotices clientId={client.id} canAct={kVerifiers.has(role)} />}
      {kStaffReaders.has(role) && <VerificationPolicyPanel clientId={client.id} mayChange={role === 'admin' || role === 'underwriter'} />}
      {!own && <ClientMoney client={client} role={role} onPosted={reserve.reload} />}
      {kStaffReaders.has(role) && <ClientAutoApproval clientId={client.id} role={role} />}
    </>
  );
}

function Availability({ client, row, asOf }: { client: Client; row: ReserveRow | null; asOf: string }) {
  const c = client.currency;
  const limit = Number(client.terms.factoring_limit);
  const employed = row ? Number(row.funds_employed_amount) : 0;
  return (
    <section aria-labelledby="availability-title" class="availability">
      <h2 id="availability-title">Availability as of {asOf}</h2>
      <p class="big" data-testid="availability">
        {money(row?.availability_amount ?? '0', c)} <span>available to advance</span>
      </p>
      <label for="limit-use">
        Funds employed {money(String(employed), c)} of the factoring limit {money(client.terms.factoring_limit, c)}
      </label>
      <meter id="limit-use" min={0} max={limit || 1} value={employed} high={limit * 0.9} optimum={0}>
        {money(String(employed), c)}
      </meter>
      {row && (
        <Facts
          items={[
            ['Reserve held', money(row.reserve_amount, c)],
            ['Required reserve', money(row.required_amount, c)],
            ['Releasable as rebate', money(row.releasable_amount, c)],
            ['Shortfall', money(row.shortfall_amount, c)],
            ['Outstanding face', money(row.outstanding_amount, c)],
          ]}
        />
      )}
    </section>
  );
}
