// The e-mail outbox (docs/mail.md): the mails the book queued (debtor links, notices of assignment, statement
// notices) with their state, recipient, subject, attempts and last failure, filtered by state and paged by the
// server (GET /v1/outbox?state&limit&cursor). Admins, underwriters and collectors retry a mail that is queued,
// failed or unaddressed (POST /v1/outbox/{id}/retry) and tell a client its statement is ready (POST
// /v1/clients/{id}/statement/mail?from&to); viewers read only (the routes' roles). A refusal is said beside
// the row or field it concerns and nothing changes.
import { useState } from 'preact/hooks';
import { Link, useLocation, useSearch } from 'wouter-preact';
import { api, query, type Page, type User } from '../api';
import { SelectField, TextField } from '../components/Field';
import { FormEnd } from '../components/FormEnd';
import { Guard, PageTitle } from '../components/Status';
import { Table } from '../components/Table';
import { instant, words } from '../format';
import { useAction, useFields } from '../forms';
import { useApi, useClientNames } from '../hooks';

interface Mail {
  id: string;
  kind: string;
  event: string;
  entity_type: string;
  entity_id: number | string;
  recipient: string;
  recipients: string[];
  subject: string;
  body: string;
  state: 'queued' | 'delivered' | 'failed' | 'unaddressed';
  attempts: number;
  created_at: string;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
}

const kSenders = new Set(['admin', 'underwriter', 'collector']);
const kStates: [string, string][] = [
  ['', 'every state'],
  ['queued', 'queued'],
  ['delivered', 'delivered'],
  ['failed', 'failed'],
  ['unaddressed', 'unaddressed (no address)'],
];

export function Outbox({ user }: { user: User }) {
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const state = params.get('state') ?? '';
  const cursor = params.get('cursor') ?? '';
  const mails = useApi<Page<Mail>>('/v1/outbox' + query({ state, cursor, limit: 50 }));
  const mayAct = kSenders.has(user.role);
  return (
    <>
      <PageTitle>E-mail outbox</PageTitle>
      <p class="hint">
        Mails are delivered by <code>microfactor serve</code> as they fall due; a failed one is tried again later, and one with no address waits until the party has an e-mail
        address. A debtor link's address shows as <code>{'{{link}}'}</code>: the token never leaves the book.
      </p>
      <form class="filters" aria-label="Filter the outbox" onSubmit={(event) => event.preventDefault()}>
        <SelectField id="o-state" label="State" value={state} onValue={(value) => navigate('/outbox' + query({ state: value }))} options={kStates} />
      </form>
      <Guard what="the outbox" data={mails.data} problem={mails.problem}>
        {(page) =>
          page.data.length === 0 ? (
            <p>No mails{state ? ` ${words(state)}` : ''}.</p>
          ) : (
            <>
              <Table class="outbox" columns={['Mail', 'State', 'Recipient', 'Subject', 'Attempts#', 'Last failure~', mayAct ? 'Action' : '']}>
                {page.data.map((mail) => (
                  <MailRow key={mail.id} mail={mail} mayAct={mayAct} onChanged={mails.reload} />
                ))}
              </Table>
              {page.next_cursor && (
                <nav class="pager" aria-label="Pages">
                  <Link href={'/outbox' + query({ state, cursor: page.next_cursor })}>Next page</Link>
                </nav>
              )}
            </>
          )
        }
      </Guard>
      {mayAct && <StatementMail onSent={mails.reload} />}
    </>
  );
}

function MailRow({ mail, mayAct, onChanged }: { mail: Mail; mayAct: boolean; onChanged: () => void }) {
  const action = useAction();
  const [done, setDone] = useState('');
  async function retry() {
    setDone('');
    const again = await action.run(() => api<Mail>(`/v1/outbox/${encodeURIComponent(mail.id)}/retry`, { method: 'POST', body: {} }));
    if (!again) return;
    setDone('Due now.');
    onChanged();
  }
  const errorId = 'retry-' + mail.id + '-error';
  return (
    <tr data-mail={mail.id}>
      <th scope="row">
        {mail.id}
        <div class="id">{instant(mail.created_at)}</div>
      </th>
      <td>
        <span class={'state state-' + mail.state}>{words(mail.state)}</span>
        {mail.state === 'queued' && mail.next_attempt_at && <div class="id">next {instant(mail.next_attempt_at)}</div>}
        {mail.delivered_at && <div class="id">{instant(mail.delivered_at)}</div>}
      </td>
      <td>
        {mail.recipient}
        <div class="id">{mail.recipients.length ? mail.recipients.join(', ') : 'no address'}</div>
      </td>
      <td>
        <details>
          <summary>{mail.subject}</summary>
          <p class="pre-line">{mail.body}</p>
          <p class="id">
            {words(mail.kind)} · {mail.event} · {mail.entity_type} {mail.entity_id}
          </p>
        </details>
      </td>
      <td class="number">{mail.attempts}</td>
      <td class="wide-only">{mail.last_error ?? '—'}</td>
      {mayAct && (
        <td>
          {mail.state !== 'delivered' && (
            <button type="button" class="secondary" disabled={action.busy} aria-describedby={action.problem ? errorId : undefined} onClick={retry}>
              Retry<span class="visually-hidden"> {mail.id}</span>
            </button>
          )}
          {action.problem && (
            <p class="field-error" id={errorId} role="alert">
              {action.problem.detail} <span class="code">({action.problem.code})</span>
            </p>
          )}
          {done && <p class="outcome-line" role="status">{done}</p>}
        </td>
      )}
    </tr>
  );
}

// Telling a client its statement for a period is ready (the mail links to the client portal's statement).
function StatementMail({ onSent }: { onSent: () => void }) {
  const names = useClientNames();
  const { form, set } = useFields({ client: '', from: '', to: '' });
  const [done, setDone] = useState('');
  const [noClient, setNoClient] = useState(false);
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    setDone('');
    setNoClient(!form.client);
    if (!form.client) return;
    const path = `/v1/clients/${encodeURIComponent(form.client)}/statement/mail` + query({ from: form.from.trim(), to: form.to.trim() });
    const mail = await action.run(() => api<Mail>(path, { method: 'POST', body: {} }));
    if (!mail) return;
    setDone(`Queued ${mail.id} to ${mail.recipients.join(', ') || 'no address yet (unaddressed)'}.`);
    onSent();
  }
  const clientError = noClient ? 'Choose the client.' : action.problem && (action.problem.field === 'id' || action.problem.status === 404) ? action.problem.detail : null;
  return (
    <form class="action" id="statement-mail" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Tell a client its statement is ready</legend>
        <SelectField id="sm-client" label="Client" value={form.client} onValue={set('client')} options={[['', 'choose a client'], ...names]} error={clientError} />
        <TextField id="sm-from" label="From" hint="YYYY-MM-DD; empty: the first of the month" size={11} value={form.from} onValue={set('from')} error={action.at('from')} />
        <TextField id="sm-to" label="To" hint="YYYY-MM-DD; empty: the business date" size={11} value={form.to} onValue={set('to')} error={action.at('to')} />
        <FormEnd action={action} fields={['id', 'from', 'to']} label="Queue the mail" busyLabel="Queuing…" done={done} />
      </fieldset>
    </form>
  );
}
