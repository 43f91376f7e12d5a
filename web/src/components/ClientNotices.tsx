// On a client's page (staff): the notice of assignment to each of the client's debtors (GET
// /v1/clients/{id}/notices: not sent, sent, acknowledged) and what staff who verify do with them: record a
// notice sent (POST .../notices/sent with the date and how), record the debtor's acknowledgement (POST
// .../notices/acknowledged), or give the debtor a signed link to read and acknowledge the notice (POST
// .../notices/links; the address is shown once); anyone who sees the page downloads the letter (GET
// /v1/clients/{id}/notice.pdf). A refusal is said next to the field it names; what was typed stays and nothing
// changes.
import { useState } from 'preact/hooks';
import { api, download, query, type IssuedDebtorLink, type NoticeStatus, type Page } from '../api';
import { useAction } from '../forms';
import { instant, words } from '../format';
import { useApi } from '../hooks';
import { SelectField, TextField } from './Field';
import { FormEnd } from './FormEnd';
import { Guard } from './Status';
import { Table } from './Table';

const kMethods: [string, string][] = [
  ['mail', 'Mail'],
  ['email', 'E-mail'],
  ['fax', 'Fax'],
  ['hand', 'By hand'],
  ['portal', 'Portal'],
];

export function ClientNotices({ clientId, canAct }: { clientId: string; canAct: boolean }) {
  const path = `/v1/clients/${encodeURIComponent(clientId)}/notices`;
  const notices = useApi<{ data: NoticeStatus[] }>(path);
  const debtors = useApi<Page<{ id: string; name: string }>>('/v1/debtors?limit=500');
  const names = new Map((debtors.data?.data ?? []).map((debtor) => [debtor.id, debtor.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  return (
    <section aria-labelledby="notices-title">
      <h2 id="notices-title">Notices of assignment</h2>
      <Guard what="notices" data={notices.data} problem={notices.problem}>
        {(list) =>
          list.data.length === 0 ? (
            <p>No debtors with invoices yet: nothing to notify.</p>
          ) : (
            <>
              <Table class="notices" caption="Notice to each debtor of this client" columns={['Debtor', 'Status', 'Sent on', 'How', 'Acknowledged on', 'Letter']}>
                {list.data.map((notice) => (
                  <tr key={notice.debtor_id} data-debtor={notice.debtor_id}>
                    <th scope="row">{nameOf(notice.debtor_id)}</th>
                    <td class={'state state-' + notice.status}>{words(notice.status)}</td>
                    <td>{notice.sent_on ?? '—'}</td>
                    <td>{notice.method ? words(notice.method) : '—'}</td>
                    <td>{notice.acknowledged_on ?? '—'}</td>
                    <td>
                      <LetterButton clientId={clientId} debtorId={notice.debtor_id} debtorName={nameOf(notice.debtor_id)} />
                    </td>
                  </tr>
                ))}
              </Table>
              {canAct && (
                <div class="notice-actions">
                  <MarkSent path={path} debtors={list.data.map((n) => [n.debtor_id, nameOf(n.debtor_id)])} onDone={notices.reload} />
                  <MarkAcknowledged path={path} debtors={list.data.filter((n) => n.sent_on).map((n) => [n.debtor_id, nameOf(n.debtor_id)])} onDone={notices.reload} />
                  <NoticeLink path={path} debtors={list.data.map((n) => [n.debtor_id, nameOf(n.debtor_id)])} />
                </div>
              )}
            </>
          )
        }
      </Guard>
    </section>
  );
}

// The notice of assignment letter as PDF (GET /v1/clients/{id}/notice.pdf?debtor_id), saved under the server's
// file name; a refusal (the book has no remittance instructions) is said beside the button.
function LetterButton({ clientId, debtorId, debtorName }: { clientId: string; debtorId: string; debtorName: string }) {
  const action = useAction();
  const [saved, setSaved] = useState('');
  async function fetchLetter() {
    setSaved('');
    const path = `/v1/clients/${encodeURIComponent(clientId)}/notice.pdf` + query({ debtor_id: debtorId });
    const name = await action.run(() => download(path, `notice-of-assignment-${clientId}-${debtorId}.pdf`));
    if (name) setSaved('Saved.');
  }
  return (
    <>
      <button type="button" class="link-button" data-letter={debtorId} aria-label={`Download the notice of assignment to ${debtorName} (PDF)`} disabled={action.busy} onClick={fetchLetter}>
        PDF
      </button>
      <span role="status" aria-live="polite">
        {saved}
      </span>
      {action.problem && (
        <span class="field-error" role="alert">
          {' '}
          {action.problem.detail}
        </span>
      )}
    </>
  );
}

interface FormProps {
  path: string;
  debtors: [string, string][];
  onDone?: () => void;
}

function MarkSent({ path, debtors, onDone }: FormProps) {
  const [debtor, setDebtor] = useState(debtors[0]?.[0] ?? '');
  const [on, setOn] = useState('');
  const [method, setMethod] = useState('mail');
  const [done, setDone] = useState('');
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    setDone('');
    const body: Record<string, string> = { debtor_id: debtor, method };
    if (on.trim()) body.sent_on = on.trim();
    const reply = await action.run(() => api<NoticeStatus>(path + '/sent', { method: 'POST', body }));
    if (reply) {
      setDone(`Recorded: notice to ${debtors.find(([id]) => id === debtor)?.[1] ?? debtor} sent on ${reply.sent_on}.`);
      onDone?.();
    }
  }
  return (
    <form class="action" id="noa-sent" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Record a notice sent</legend>
        <SelectField id="noa-sent-debtor" label="Debtor" value={debtor} onValue={setDebtor} options={debtors} error={action.at('debtor_id')} />
        <TextField id="noa-sent-on" label="Sent on" hint="YYYY-MM-DD; empty: the business date" size={11} value={on} onValue={setOn} error={action.at('sent_on')} />
        <SelectField id="noa-sent-method" label="How it was sent" value={method} onValue={setMethod} options={kMethods} error={action.at('method')} />
        <FormEnd action={action} fields={['debtor_id', 'sent_on', 'method']} label="Record as sent" busyLabel="Recording…" done={done} />
      </fieldset>
    </form>
  );
}

function MarkAcknowledged({ path, debtors, onDone }: FormProps) {
  const [debtor, setDebtor] = useState(debtors[0]?.[0] ?? '');
  const [on, setOn] = useState('');
  const [done, setDone] = useState('');
  const action = useAction();
  const chosen = debtors.some(([id]) => id === debtor) ? debtor : (debtors[0]?.[0] ?? '');
  if (debtors.length === 0) return null;
  async function submit(event: Event) {
    event.preventDefault();
    setDone('');
    const body: Record<string, string> = { debtor_id: chosen };
    if (on.trim()) body.acknowledged_on = on.trim();
    const reply = await action.run(() => api<NoticeStatus>(path + '/acknowledged', { method: 'POST', body }));
    if (reply) {
      setDone(`Recorded: acknowledged on ${reply.acknowledged_on}.`);
      onDone?.();
    }
  }
  return (
    <form class="action" id="noa-ack" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Record the debtor's acknowledgement</legend>
        <SelectField id="noa-ack-debtor" label="Debtor" value={chosen} onValue={setDebtor} options={debtors} error={action.at('debtor_id')} />
        <TextField id="noa-ack-on" label="Acknowledged on" hint="YYYY-MM-DD; empty: the business date" size={11} value={on} onValue={setOn} error={action.at('acknowledged_on')} />
        <FormEnd action={action} fields={['debtor_id', 'acknowledged_on']} label="Record the acknowledgement" busyLabel="Recording…" done={done} />
      </fieldset>
    </form>
  );
}

function NoticeLink({ path, debtors }: FormProps) {
  const [debtor, setDebtor] = useState(debtors[0]?.[0] ?? '');
  const [days, setDays] = useState('14');
  const [issued, setIssued] = useState<IssuedDebtorLink | null>(null);
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    setIssued(null);
    const trimmed = days.trim();
    const body: Record<string, unknown> = { debtor_id: debtor };
    // a whole number goes as a number for the server to check (1..90); anything else as typed, so its message names it
    if (trimmed !== '') body.expires_in_days = /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
    const reply = await action.run(() => api<IssuedDebtorLink>(path + '/links', { method: 'POST', body }));
    if (reply) setIssued(reply);
  }
  return (
    <form class="action" id="noa-link" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Send the debtor a link to the notice</legend>
        <p class="hint">The debtor reads the notice and the remittance instructions without signing in, and acknowledges it. The link works once.</p>
        <SelectField id="noa-link-debtor" label="Debtor" value={debtor} onValue={setDebtor} options={debtors} error={action.at('debtor_id')} />
        <TextField id="noa-link-days" label="Expires in (days)" hint="1 to 90" size={4} inputMode="numeric" value={days} onValue={setDays} error={action.at('expires_in_days')} />
        <FormEnd action={action} fields={['debtor_id', 'expires_in_days']} label="Create the link" busyLabel="Creating…" />
        {issued && (
          <div role="status" class="outcome-box" data-testid="noa-link">
            <label for="noa-link-address">Link to send to the debtor (shown this once; expires {instant(issued.link.expires_at)})</label>
            <input id="noa-link-address" type="text" readOnly value={window.location.origin + issued.path} size={60} onFocus={(event) => event.currentTarget.select()} />
          </div>
        )}
      </fieldset>
    </form>
  );
}
