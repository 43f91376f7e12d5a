// Onboarding (underwriters: admin, underwriter): the client applications (GET /v1/applications) and a new one
// (POST /v1/applications); an application's page shows what it holds and what approval still needs, records
// the review (PATCH /v1/applications/{id} with the version seen: KYC, documents received, UCC filing, owners,
// addresses, payout account), approves it into a client with its terms and factoring limit (POST .../approve)
// or declines it with a reason (POST .../decline), and lists its history (GET .../history). A refusal is said
// next to the field it names; what was typed stays and nothing changes.
import { useState } from 'preact/hooks';
import { Link, useLocation } from 'wouter-preact';
import { api, type AuditEvent, type Client, type Page, type User } from '../api';
import { Facts } from '../components/Facts';
import { SelectField, TextField } from '../components/Field';
import { FormEnd } from '../components/FormEnd';
import { Guard, PageTitle } from '../components/Status';
import { Table } from '../components/Table';
import { useAction, useFields } from '../forms';
import { instant, words } from '../format';
import { useApi } from '../hooks';

export interface ClientApplication {
  id: string;
  legal_name: string;
  registration_id: string | null;
  tax_id: string | null;
  currency: string;
  email: string | null;
  owners: string;
  addresses: string;
  payout_account: { routing_number?: string | null; account_number?: string | null; iban?: string | null; bic?: string | null } | null;
  documents: string | null;
  ucc_filing_ref: string | null;
  ucc_filed_on: string | null;
  kyc_status: string;
  status: string;
  decision_reason: string | null;
  decided_by: string | null;
  decided_on: string | null;
  client_id: string | null;
  created_at: string;
  version: number;
}

export function Applications(_props: { user: User }) {
  const list = useApi<Page<ClientApplication>>('/v1/applications?limit=200');
  return (
    <>
      <PageTitle>Client applications</PageTitle>
      <Guard what="applications" data={list.data} problem={list.problem}>
        {(page) =>
          page.data.length === 0 ? (
            <p>No applications yet.</p>
          ) : (
            <Table class="applications" caption="Applications, newest last" columns={['Applicant', 'Status', 'KYC', 'Currency', 'Received', 'Client']}>
              {page.data.map((application) => (
                <tr key={application.id}>
                  <th scope="row">
                    <Link href={'/applications/' + application.id}>{application.legal_name}</Link>
                  </th>
                  <td class={'state state-' + application.status}>{words(application.status)}</td>
                  <td>{words(application.kyc_status)}</td>
                  <td>{application.currency}</td>
                  <td>{instant(application.created_at)}</td>
                  <td>{application.client_id ? <Link href={'/clients/' + application.client_id}>{application.client_id}</Link> : '—'}</td>
                </tr>
              ))}
            </Table>
          )
        }
      </Guard>
      <NewApplication />
    </>
  );
}

function NewApplication() {
  const { form, set } = useFields({ legal_name: '', tax_id: '', owners: '', addresses: '', email: '', currency: 'USD' });
  const action = useAction();
  const [, navigate] = useLocation();
  async function submit(event: Event) {
    event.preventDefault();
    // empty fields are left out: the server names the first one missing
    const body: Record<string, string> = {};
    for (const name of ['legal_name', 'tax_id', 'owners', 'addresses', 'email', 'currency'] as const) {
      if (form[name].trim()) body[name] = form[name].trim();
    }
    const made = await action.run(() => api<ClientApplication>('/v1/applications', { method: 'POST', body }));
    if (made) navigate('/applications/' + made.id);
  }
  const fields = ['legal_name', 'tax_id', 'owners', 'addresses', 'email', 'currency'];
  return (
    <form class="action" id="new-application" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Open an application</legend>
        <TextField id="app-legal-name" label="Legal name" value={form.legal_name} onValue={set('legal_name')} error={action.at('legal_name')} />
        <TextField id="app-tax-id" label="Tax id" hint="EIN or VAT number" value={form.tax_id} onValue={set('tax_id')} error={action.at('tax_id')} />
        <TextField id="app-new-owners" label="Owners" hint="';'-separated, with their shares" value={form.owners} onValue={set('owners')} error={action.at('owners')} />
        <TextField id="app-new-addresses" label="Address" value={form.addresses} onValue={set('addresses')} error={action.at('addresses')} />
        <TextField id="app-email" label="E-mail" type="email" value={form.email} onValue={set('email')} error={action.at('email')} />
        <TextField id="app-currency" label="Currency" hint="ISO code" size={5} value={form.currency} onValue={set('currency')} error={action.at('currency')} />
        <FormEnd action={action} fields={fields} label="Open the application" busyLabel="Opening…" />
      </fieldset>
    </form>
  );
}

export function ApplicationPage({ id }: { id: string; user: User }) {
  const path = '/v1/applications/' + encodeURIComponent(id);
  const application = useApi<ClientApplication>(path);
  const history = useApi<{ data: AuditEvent[] }>(path + '/history');
  const reload = () => {
    application.reload();
    history.reload();
  };
  return (
    <Guard what="the application" data={application.data} problem={application.problem}>
      {(a) => (
        <>
          <PageTitle>Application: {a.legal_name}</PageTitle>
          <Facts
            items={[
              ['Status', words(a.status)],
              ['KYC', words(a.kyc_status)],
              ['Currency', a.currency],
              ['Tax id', a.tax_id ?? '—'],
              ['Documents received', a.documents ?? '—'],
              ['UCC filing', a.ucc_filing_ref ? `${a.ucc_filing_ref} on ${a.ucc_filed_on ?? '?'}` : '—'],
              ['Payout account', accountText(a)],
              ['Client', a.client_id ?? '—'],
            ]}
          />
          {a.client_id && (
            <p class="outcome">
              Approved into <Link href={'/clients/' + a.client_id}>client {a.client_id}</Link>.
            </p>
          )}
          {a.status === 'declined' && <p class="notice">Declined: {a.decision_reason}</p>}
          {a.status === 'open' && (
            <>
              <Review application={a} path={path} onDone={reload} />
              <Approve application={a} path={path} onDone={reload} />
              <Decline path={path} onDone={reload} />
            </>
          )}
          <section aria-labelledby="app-history-title">
            <h2 id="app-history-title">History</h2>
            <Guard what="history" data={history.data} problem={history.problem}>
              {(events) => (
                <ol class="timeline">
                  {events.data.map((event) => (
                    <li key={event.id}>
                      <span class="when">{instant(event.at)}</span> {event.actor}: {event.detail}
                    </li>
                  ))}
                </ol>
              )}
            </Guard>
          </section>
        </>
      )}
    </Guard>
  );
}

function accountText(a: ClientApplication): string {
  const account = a.payout_account;
  if (!account) return 'none';
  if (account.iban) return 'IBAN ' + account.iban;
  if (account.account_number) return `ACH ${account.routing_number ?? '?'} / …${account.account_number.slice(-4)}`;
  return 'none';
}

function Review({ application: a, path, onDone }: { application: ClientApplication; path: string; onDone: () => void }) {
  const { form, set, setForm } = useFields({
    kyc_status: a.kyc_status,
    documents: a.documents ?? '',
    ucc_filing_ref: a.ucc_filing_ref ?? '',
    ucc_filed_on: a.ucc_filed_on ?? '',
    owners: a.owners,
    addresses: a.addresses,
    routing_number: a.payout_account?.routing_number ?? '',
    account_number: '',
  });
  const [done, setDone] = useState('');
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    setDone('');
    const body: Record<string, unknown> = {
      version: a.version,
      kyc_status: form.kyc_status,
      documents: form.documents.trim() || null,
      ucc_filing_ref: form.ucc_filing_ref.trim() || null,
      ucc_filed_on: form.ucc_filed_on.trim() || null,
      owners: form.owners.trim(),
      addresses: form.addresses.trim(),
    };
    if (form.account_number.trim()) body.payout_account = { routing_number: form.routing_number.trim(), account_number: form.account_number.trim() };
    const saved = await action.run(() => api<ClientApplication>(path, { method: 'PATCH', body }));
    if (saved) {
      setDone('Review saved.');
      setForm({ ...form, account_number: '' });
      onDone();
    }
  }
  const fields = ['kyc_status', 'documents', 'ucc_filing_ref', 'ucc_filed_on', 'owners', 'addresses', 'payout_account.routing_number', 'payout_account.account_number'];
  return (
    <form class="action" id="app-review" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Review</legend>
        <SelectField id="app-kyc" label="KYC" value={form.kyc_status} onValue={set('kyc_status')} options={[['pending', 'Pending'], ['passed', 'Passed'], ['failed', 'Failed']]} error={action.at('kyc_status')} />
        <TextField id="app-documents" label="Documents received" hint="e.g. articles, ID of owners, AR aging" value={form.documents} onValue={set('documents')} error={action.at('documents')} />
        <TextField id="app-ucc-ref" label="UCC filing reference" value={form.ucc_filing_ref} onValue={set('ucc_filing_ref')} error={action.at('ucc_filing_ref')} />
        <TextField id="app-ucc-on" label="UCC filed on" hint="YYYY-MM-DD" size={11} value={form.ucc_filed_on} onValue={set('ucc_filed_on')} error={action.at('ucc_filed_on')} />
        <TextField id="app-owners" label="Owners" value={form.owners} onValue={set('owners')} error={action.at('owners')} />
        <TextField id="app-addresses" label="Addresses" value={form.addresses} onValue={set('addresses')} error={action.at('addresses')} />
        <TextField id="app-routing" label="Payout routing number" hint="9 digits (ACH)" size={11} inputMode="numeric" value={form.routing_number} onValue={set('routing_number')} error={action.at('payout_account.routing_number')} />
        <TextField id="app-account" label="Payout account number" hint="empty: keep the account on file" inputMode="numeric" value={form.account_number} onValue={set('account_number')} error={action.at('payout_account.account_number')} />
        <FormEnd action={action} fields={fields} label="Save the review" busyLabel="Saving…" done={done} />
      </fieldset>
    </form>
  );
}

function Approve({ application: a, path, onDone }: { application: ClientApplication; path: string; onDone: () => void }) {
  const { form, set } = useFields({ fee_schedule: 'flat 2%/30d +1%/15d', factoring_limit: '', advance_rate: '80', concentration_limit: '' });
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    const body: Record<string, string> = { fee_schedule: form.fee_schedule.trim(), factoring_limit: form.factoring_limit.trim() };
    if (form.advance_rate.trim()) body.advance_rate = form.advance_rate.trim();
    if (form.concentration_limit.trim()) body.concentration_limit = form.concentration_limit.trim();
    const decided = await action.run(() => api<ClientApplication & { client: Client | null }>(path + '/approve', { method: 'POST', body }));
    if (decided) onDone();
  }
  const fields = ['fee_schedule', 'factoring_limit', 'advance_rate', 'concentration_limit'];
  return (
    <form class="action" id="app-approve" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Approve into a client</legend>
        <TextField id="app-fee" label="Fee schedule" hint='e.g. "flat 2%/30d +1%/15d"' value={form.fee_schedule} onValue={set('fee_schedule')} error={action.at('fee_schedule')} />
        <TextField id="app-limit" label={`Factoring limit (${a.currency})`} inputMode="decimal" value={form.factoring_limit} onValue={set('factoring_limit')} error={action.at('factoring_limit')} />
        <TextField id="app-advance" label="Advance rate (%)" size={6} inputMode="decimal" value={form.advance_rate} onValue={set('advance_rate')} error={action.at('advance_rate')} />
        <TextField id="app-concentration" label="Concentration limit (%)" hint="empty: the default" size={6} inputMode="decimal" value={form.concentration_limit} onValue={set('concentration_limit')} error={action.at('concentration_limit')} />
        <FormEnd action={action} fields={fields} label="Approve" busyLabel="Approving…" />
      </fieldset>
    </form>
  );
}

function Decline({ path, onDone }: { path: string; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    const decided = await action.run(() => api<ClientApplication>(path + '/decline', { method: 'POST', body: { reason: reason.trim() } }));
    if (decided) onDone();
  }
  return (
    <form class="action" id="app-decline" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Decline</legend>
        <TextField id="app-reason" label="Reason" value={reason} onValue={setReason} error={action.at('reason')} />
        <FormEnd action={action} fields={['reason']} label="Decline" busyLabel="Declining…" />
      </fieldset>
    </form>
  );
}
