// The debtors (GET /v1/debtors) with their credit limit and its use: the outstanding face of their funded
// invoices and how much of it is past due (GET /v1/reports/aging, by debtor). A debtor's page adds its share
// of each client's receivables against the concentration limit (GET /v1/reports/concentration), its invoices
// (GET /v1/invoices?debtor_id), and the credit limit changed by an underwriter (PATCH /v1/debtors/{id} with
// If-Match: a change made meanwhile by someone else is refused and said so).
import { useEffect, useState } from 'preact/hooks';
import { Link, useLocation } from 'wouter-preact';
import { api, type AgingReport, type AgingRow, type ConcentrationRow, type Debtor, type Invoice, type Page, type User } from '../api';
import { BureauImportForm } from '../components/BureauImport';
import { DebtorCredit } from '../components/DebtorCredit';
import { FormEnd } from '../components/FormEnd';
import { Facts } from '../components/Facts';
import { TextField } from '../components/Field';
import { Guard, PageTitle, ProblemNote } from '../components/Status';
import { Table } from '../components/Table';
import { money, percent, sumAmounts, words } from '../format';
import { useAction, useFields } from '../forms';
import { useApi, useClientNames } from '../hooks';

const kUnderwriters = new Set(['admin', 'underwriter']);

function pastDue(row: AgingRow | undefined): string | null {
  if (!row) return null;
  return sumAmounts(row.by_due_date.filter((bucket) => bucket.bucket !== 'current').map((bucket) => bucket.amount));
}

function LimitUse({ id, used, limit, currency }: { id: string; used: string; limit: string; currency: string }) {
  const max = Number(limit);
  return (
    <meter id={id} min={0} max={max || 1} value={Number(used)} high={max * 0.9} optimum={0} aria-label={`${money(used, currency)} of ${money(limit, currency)}`}>
      {money(used, currency)}
    </meter>
  );
}

export function Debtors({ user }: { user: User }) {
  const debtors = useApi<Page<Debtor>>('/v1/debtors?limit=500');
  const aging = useApi<AgingReport>('/v1/reports/aging');
  const rows = new Map((aging.data?.by_debtor ?? []).map((row) => [row.id, row]));
  // every debtor's score, grade and review standing in one request (GET /v1/debtor-scores)
  const scores = useApi<{ data: { debtor_id: string; score: number | null; grade: string | null; review_standing: string }[] }>('/v1/debtor-scores');
  const credit = new Map((scores.data?.data ?? []).map((row) => [row.debtor_id, row]));
  return (
    <>
      <PageTitle>Debtors</PageTitle>
      {kUnderwriters.has(user.role) && (
        <>
          <AddDebtor onAdded={debtors.reload} />
          <p>
            <a href="#bureau-import">Import bureau scores</a> from a CSV file (below the list).
          </p>
        </>
      )}
      <Guard what="debtors" data={debtors.data} problem={debtors.problem ?? aging.problem}>
        {(page) => (
          <Table class="debtors" caption={`Debtors, as of ${aging.data?.as_of ?? '…'}`} columns={['Debtor', 'Score', 'Credit limit#', 'Outstanding#', 'Use of the limit~', 'Past due#', 'Invoices#~', 'Review~']}>
            {page.data.map((debtor) => {
              const row = rows.get(debtor.id);
              const used = row?.total_amount ?? '0';
              return (
                <tr key={debtor.id}>
                  <th scope="row">
                    <Link href={'/debtors/' + debtor.id}>{debtor.name}</Link>
                  </th>
                  <td data-testid="debtor-score">{credit.get(debtor.id)?.score == null ? '—' : `${credit.get(debtor.id)!.score} ${credit.get(debtor.id)!.grade}`}</td>
                  <td class="number">{money(debtor.credit_limit, debtor.currency)}</td>
                  <td class="number">{money(used, debtor.currency)}</td>
                  <td class="wide-only">
                    <LimitUse id={'use-' + debtor.id} used={used} limit={debtor.credit_limit} currency={debtor.currency} />
                  </td>
                  <td class="number">{money(pastDue(row) ?? '0', debtor.currency)}</td>
                  <td class="number wide-only">{row?.invoices ?? 0}</td>
                  <td class="wide-only">{credit.has(debtor.id) ? words(credit.get(debtor.id)!.review_standing) : '—'}</td>
                </tr>
              );
            })}
          </Table>
        )}
      </Guard>
      {kUnderwriters.has(user.role) && <BureauImportForm />}
    </>
  );
}

export function DebtorPage({ id, user }: { id: string; user: User }) {
  const debtor = useApi<Debtor>('/v1/debtors/' + encodeURIComponent(id));
  return (
    <Guard what="the debtor" data={debtor.data} problem={debtor.problem}>
      {(data) => <DebtorView debtor={data} user={user} reload={debtor.reload} />}
    </Guard>
  );
}

function DebtorView({ debtor, user, reload }: { debtor: Debtor; user: User; reload: () => void }) {
  const scope = `debtor_id=${encodeURIComponent(debtor.id)}`;
  const aging = useApi<AgingReport>('/v1/reports/aging');
  const concentration = useApi<{ as_of: string; rows: ConcentrationRow[] }>('/v1/reports/concentration');
  const invoices = useApi<Page<Invoice>>(`/v1/invoices?${scope}&limit=500`);
  const names = useClientNames();
  const row = aging.data?.by_debtor.find((r) => r.id === debtor.id);
  const c = debtor.currency;
  const used = row?.total_amount ?? '0';
  const shares = (concentration.data?.rows ?? []).filter((r) => r.debtor_id === debtor.id && r.client_id !== null);
  const list = invoices.data?.data ?? [];
  const latest = list.slice(-15).reverse();

  return (
    <>
      <PageTitle>{debtor.name}</PageTitle>
      <Facts
        items={[
          ['Credit limit', <span data-testid="credit-limit">{money(debtor.credit_limit, c)}</span>],
          ['Outstanding (funded)', money(used, c)],
          ['Past due', money(pastDue(row) ?? '0', c)],
          ['Open invoices', String(row?.invoices ?? 0)],
          ['E-mail', debtor.email],
          ['Tax id', debtor.tax_id],
        ]}
      />
      <label for="debtor-use">
        {money(used, c)} of the credit limit {money(debtor.credit_limit, c)} in use
      </label>
      <LimitUse id="debtor-use" used={used} limit={debtor.credit_limit} currency={c} />
      {kUnderwriters.has(user.role) && <CreditLimit debtor={debtor} onChanged={reload} />}
      <DebtorCredit debtorId={debtor.id} canReview={kUnderwriters.has(user.role)} onReviewed={reload} />

      {row && (
        <section aria-labelledby="d-aging">
          <h2 id="d-aging">Outstanding by days past due</h2>
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
      )}

      <section aria-labelledby="d-share">
        <h2 id="d-share">Share of each client's receivables</h2>
        {shares.length === 0 ? (
          <p>No client has funded invoices on this debtor.</p>
        ) : (
          <Table columns={['Client', 'Outstanding#', 'Share#', 'Limit#']}>
            {shares.map((share) => (
              <tr key={share.client_id} class={share.breach ? 'breach' : undefined}>
                <th scope="row">
                  <Link href={'/clients/' + share.client_id}>{share.client_name}</Link>
                  {share.breach && <span class="flag"> over the limit</span>}
                </th>
                <td class="number">{money(share.outstanding_amount, share.currency)}</td>
                <td class="number">{percent(Number(share.share).toFixed(1))}</td>
                <td class="number">{percent(share.limit)}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <section aria-labelledby="d-history">
        <h2 id="d-history">History: the latest invoices</h2>
        <Guard what="invoices" data={invoices.data} problem={invoices.problem}>
          {() => (
            <>
              <Table columns={['Invoice', 'Client~', 'State', 'Due~', 'Paid on~', 'Face#', 'Outstanding#']}>
                {latest.map((invoice) => (
                  <tr key={invoice.id}>
                    <th scope="row">
                      <Link href={'/invoices/' + invoice.id}>{invoice.number}</Link>
                    </th>
                    <td class="wide-only">{names.get(invoice.client_id) ?? invoice.client_id}</td>
                    <td>
                      <span class={'state state-' + invoice.state}>{words(invoice.state)}</span>
                      {invoice.disputed && <span class="flag"> disputed</span>}
                    </td>
                    <td class="wide-only">{invoice.due_date}</td>
                    <td class="wide-only">{invoice.last_payment_on ?? '—'}</td>
                    <td class="number">{money(invoice.face_amount, invoice.currency)}</td>
                    <td class="number">{money(invoice.outstanding_amount, invoice.currency)}</td>
                  </tr>
                ))}
              </Table>
              <p>
                <Link href={'/invoices?' + scope}>All of {debtor.name}'s invoices</Link>
              </p>
            </>
          )}
        </Guard>
      </section>
    </>
  );
}

function CreditLimit({ debtor, onChanged }: { debtor: Debtor; onChanged: () => void }) {
  const [limit, setLimit] = useState(debtor.credit_limit);
  const [message, setMessage] = useState('');
  const action = useAction();
  // The debtor read again (after a credit review set its limit, or this form's own change): the field shows
  // the limit now in force, not the one read when the page opened.
  useEffect(() => {
    setLimit(debtor.credit_limit);
  }, [debtor.credit_limit, debtor.version]);
  async function submit(event: Event) {
    event.preventDefault();
    setMessage('');
    const updated = await action.run(() =>
      api<Debtor>('/v1/debtors/' + encodeURIComponent(debtor.id), {
        method: 'PATCH',
        body: { credit_limit: limit.trim() },
        ifMatch: String(debtor.version),
      }),
    );
    if (!updated) return;
    setMessage(`The credit limit is now ${money(updated.credit_limit, updated.currency)}.`);
    onChanged();
  }
  return (
    <form class="action" onSubmit={submit} noValidate aria-labelledby="limit-title">
      <h2 id="limit-title">Change the credit limit</h2>
      <TextField id="d-limit" label={`Credit limit (${debtor.currency})`} hint="e.g. 75000.00" inputMode="decimal" value={limit} onValue={setLimit} error={action.at('credit_limit')} />
      {action.whole(['credit_limit']) && <ProblemNote problem={action.whole(['credit_limit'])!} />}
      <button type="submit" disabled={action.busy}>
        Save the limit
      </button>
      <p class="outcome" role="status" aria-live="polite">
        {message}
      </p>
    </form>
  );
}

// A new debtor (POST /v1/debtors, admin and underwriter): a client's new customer, before its invoices are
// submitted. Its page opens once it is added; a refusal is said by its field and nothing is added.
function AddDebtor({ onAdded }: { onAdded: () => void }) {
  const { form, set } = useFields({ name: '', currency: 'USD', credit_limit: '', email: '', tax_id: '' });
  const action = useAction();
  const [, navigate] = useLocation();
  const fields = ['name', 'currency', 'credit_limit', 'email', 'tax_id'];
  async function submit(event: Event) {
    event.preventDefault();
    const body: Record<string, string> = { name: form.name.trim(), currency: form.currency.trim(), credit_limit: form.credit_limit.trim() };
    if (form.email.trim()) body.email = form.email.trim();
    if (form.tax_id.trim()) body.tax_id = form.tax_id.trim();
    const debtor = await action.run(() => api<Debtor>('/v1/debtors', { method: 'POST', body }));
    if (!debtor) return;
    onAdded();
    navigate('/debtors/' + debtor.id);
  }
  return (
    <details>
      <summary>Add a debtor</summary>
      <form class="action" id="add-debtor" onSubmit={submit} noValidate>
        <fieldset>
          <legend>A new debtor</legend>
          <TextField id="nd-name" label="Name" value={form.name} onValue={set('name')} error={action.at('name')} />
          <TextField id="nd-currency" label="Currency" hint="USD, EUR, ..." size={4} value={form.currency} onValue={set('currency')} error={action.at('currency')} />
          <TextField id="nd-limit" label="Credit limit" hint="e.g. 50000.00; a credit review may set it later" inputMode="decimal" value={form.credit_limit} onValue={set('credit_limit')} error={action.at('credit_limit')} />
          <TextField id="nd-email" label="E-mail for verification and notices (optional)" type="email" value={form.email} onValue={set('email')} error={action.at('email')} />
          <TextField id="nd-tax" label="Tax id (optional)" value={form.tax_id} onValue={set('tax_id')} error={action.at('tax_id')} />
          <FormEnd action={action} fields={fields} label="Add the debtor" busyLabel="Adding…" />
        </fieldset>
      </form>
    </details>
  );
}
