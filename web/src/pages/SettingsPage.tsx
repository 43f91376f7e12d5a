// The book's settings as far as the API offers them: the settings themselves (GET/PATCH /v1/settings, admin),
// each client's fee schedule and advance terms (GET /v1/clients, PATCH /v1/clients/{id} terms with If-Match,
// underwriter), the charge catalog (GET/POST /v1/charges, admin), and users with their roles (GET/POST
// /v1/users, PATCH /v1/users/{id}, admin). What the caller's role may not read is left out.
import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api, type Charge, type Client, type Page, type Settings, type User, type UserRecord } from '../api';
import { Facts } from '../components/Facts';
import { SelectField, TextAreaField, TextField } from '../components/Field';
import { FormEnd } from '../components/FormEnd';
import { BookAutoApproval } from '../components/AutoApproval';
import { Originator } from '../components/Originator';
import { Guard, PageTitle, ProblemNote } from '../components/Status';
import { Table } from '../components/Table';
import { money, percent, words } from '../format';
import { useAction } from '../forms';
import { useApi, useClientNames } from '../hooks';

const kRoles = ['admin', 'underwriter', 'collector', 'viewer', 'client', 'investor'];

export function SettingsPage({ user }: { user: User }) {
  const admin = user.role === 'admin';
  const underwriter = admin || user.role === 'underwriter';
  return (
    <>
      <PageTitle>Settings</PageTitle>
      <BookSettings admin={admin} />
      <BookAutoApproval role={user.role} />
      <FeeSchedules mayChange={underwriter} />
      <Charges admin={admin} />
      {admin && <Users self={user} />}
      <p>
        <Link href="/outbox">The e-mail outbox</Link>: the mails the book sends (debtor links, notices, statements) and their delivery.
      </p>
    </>
  );
}

function BookSettings({ admin }: { admin: boolean }) {
  const settings = useApi<Settings>('/v1/settings');
  return (
    <section aria-labelledby="book-title">
      <h2 id="book-title">The book</h2>
      <Guard what="the settings" data={settings.data} problem={settings.problem}>
        {(s) => (
          <>
            <Facts
              items={[
                ['Name', s.name],
                ['Base currency', s.base_currency],
                ['Business date', s.business_date],
                ['Calendar', words(s.calendar)],
                ['Rebates', s.rebate_schedule === 'weekly' ? `weekly (day ${s.rebate_weekday})` : 'on collection'],
                ['Recourse', words(s.recourse_action)],
                ['Oldest invoice bought', `${s.max_invoice_age_days} days`],
                ['Cross-aging', `${percent(s.cross_age)} past ${s.cross_age_days} days`],
                ['Originator', s.originator.name || 'not set'],
                ['Funding needs a credit review', s.require_credit_review ? 'yes' : 'no'],
                ['Funding needs a notice of assignment', s.require_noa_before_funding ? 'yes' : 'no'],
              ]}
            />
            {admin && <ChangeSettings settings={s} onChanged={settings.reload} />}
            <Remittance settings={s} admin={admin} onChanged={settings.reload} />
            <Originator settings={s} admin={admin} onChanged={settings.reload} />
          </>
        )}
      </Guard>
    </section>
  );
}

const kSettingFields = ['name', 'rebate_schedule', 'rebate_weekday', 'recourse_action', 'max_invoice_age_days', 'cross_age', 'require_credit_review', 'require_noa_before_funding'];
const kYesNo: [string, string][] = [
  ['yes', 'yes'],
  ['no', 'no'],
];

function ChangeSettings({ settings, onChanged }: { settings: Settings; onChanged: () => void }) {
  const [form, setForm] = useState({
    name: settings.name,
    rebate_schedule: settings.rebate_schedule,
    rebate_weekday: String(settings.rebate_weekday),
    recourse_action: settings.recourse_action,
    max_invoice_age_days: String(settings.max_invoice_age_days),
    cross_age: settings.cross_age,
    require_credit_review: settings.require_credit_review ? 'yes' : 'no',
    require_noa_before_funding: settings.require_noa_before_funding ? 'yes' : 'no',
  });
  const [message, setMessage] = useState('');
  const action = useAction();
  const set = (name: keyof typeof form) => (value: string) => setForm({ ...form, [name]: value });
  // whole numbers go as numbers; anything else as typed, so the server names what is wrong with it
  const integer = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text);

  async function submit(event: Event) {
    event.preventDefault();
    setMessage('');
    const body = {
      ...form,
      rebate_weekday: integer(form.rebate_weekday),
      max_invoice_age_days: integer(form.max_invoice_age_days),
      require_credit_review: form.require_credit_review === 'yes',
      require_noa_before_funding: form.require_noa_before_funding === 'yes',
    };
    const saved = await action.run(() => api<Settings>('/v1/settings', { method: 'PATCH', body }));
    if (!saved) return;
    setMessage('Saved.');
    onChanged();
  }

  return (
    <details>
      <summary>Change the settings</summary>
      <form class="action" onSubmit={submit} noValidate aria-label="Change the settings">
        <TextField id="set-name" label="Name" value={form.name} onValue={set('name')} error={action.at('name')} />
        <SelectField
          id="set-rebate"
          label="Rebates paid"
          value={form.rebate_schedule}
          onValue={set('rebate_schedule')}
          error={action.at('rebate_schedule')}
          options={[
            ['on_collection', 'on collection, at close-day'],
            ['weekly', 'weekly'],
          ]}
        />
        <TextField id="set-weekday" label="Weekday of weekly rebates (1 Monday to 5 Friday)" inputMode="numeric" value={form.rebate_weekday} onValue={set('rebate_weekday')} error={action.at('rebate_weekday')} />
        <SelectField
          id="set-recourse"
          label="Recourse action"
          value={form.recourse_action}
          onValue={set('recourse_action')}
          error={action.at('recourse_action')}
          options={[
            ['charge_back', 'charge back'],
            ['flag', 'flag only'],
          ]}
        />
        <TextField id="set-age" label="Oldest invoice bought (days)" inputMode="numeric" value={form.max_invoice_age_days} onValue={set('max_invoice_age_days')} error={action.at('max_invoice_age_days')} />
        <TextField id="set-cross" label="Cross-aging threshold (%)" inputMode="decimal" value={form.cross_age} onValue={set('cross_age')} error={action.at('cross_age')} />
        <SelectField id="set-credit-review" label="Funding needs a current credit review of each debtor" value={form.require_credit_review} onValue={set('require_credit_review')} error={action.at('require_credit_review')} options={kYesNo} />
        <SelectField id="set-noa" label="Funding needs a notice of assignment sent (notification factoring)" value={form.require_noa_before_funding} onValue={set('require_noa_before_funding')} error={action.at('require_noa_before_funding')} options={kYesNo} />
        {action.whole(kSettingFields) && <ProblemNote problem={action.whole(kSettingFields)!} />}
        <button type="submit" disabled={action.busy}>
          Save the settings
        </button>
        <p class="outcome" role="status" aria-live="polite">
          {message}
        </p>
      </form>
    </details>
  );
}

function FeeSchedules({ mayChange }: { mayChange: boolean }) {
  const clients = useApi<Page<Client>>('/v1/clients?limit=500');
  return (
    <section aria-labelledby="fees-title">
      <h2 id="fees-title">Fee schedules</h2>
      <p class="hint">
        Each client's fee schedule, written as in docs/cli.md: <code>flat 2%/30d +1%/15d</code>, <code>daily 0.05%</code>, with options such as{' '}
        <code>basis=advance</code> or <code>min_fee=5.00</code>.
      </p>
      <Guard what="clients" data={clients.data} problem={clients.problem}>
        {(page) => (
          <Table class="fee-schedules" columns={['Client', 'Advance#', 'Fee schedule']}>
            {page.data.map((client) => (
              <FeeRow key={client.id} client={client} mayChange={mayChange} onChanged={clients.reload} />
            ))}
          </Table>
        )}
      </Guard>
    </section>
  );
}

function FeeRow({ client, mayChange, onChanged }: { client: Client; mayChange: boolean; onChanged: () => void }) {
  const [fee, setFee] = useState(client.terms.fee_schedule);
  const action = useAction();
  const field = 'fee-' + client.id;
  const error = action.problem ? action.at('terms.fee_schedule') ?? action.problem.detail : null;
  async function save(event: Event) {
    event.preventDefault();
    const updated = await action.run(() =>
      api<Client>('/v1/clients/' + client.id, {
        method: 'PATCH',
        body: { terms: { fee_schedule: fee.trim() } },
        ifMatch: client.version === undefined ? undefined : String(client.version),
      }),
    );
    if (updated) onChanged();
  }
  return (
    <tr>
      <th scope="row">
        <Link href={'/clients/' + client.id}>{client.name}</Link>
      </th>
      <td class="number">{percent(client.terms.advance_rate)}</td>
      <td>
        {mayChange ? (
          <form class="inline-form" onSubmit={save} noValidate>
            <label class="visually-hidden" for={field}>
              Fee schedule of {client.name}
            </label>
            <input id={field} value={fee} size={28} aria-invalid={Boolean(error)} aria-describedby={error ? field + '-error' : undefined} onInput={(e) => setFee(e.currentTarget.value)} />
            <button type="submit" class="secondary" disabled={action.busy || fee === client.terms.fee_schedule}>
              Save<span class="visually-hidden"> the fee schedule of {client.name}</span>
            </button>
            {error && (
              <p class="field-error" id={field + '-error'} role="alert">
                {error}
              </p>
            )}
          </form>
        ) : (
          <code>{client.terms.fee_schedule}</code>
        )}
      </td>
    </tr>
  );
}

function Charges({ admin }: { admin: boolean }) {
  const charges = useApi<Page<Charge>>('/v1/charges');
  const [form, setForm] = useState({ code: '', name: '', currency: 'USD', amount: '' });
  const action = useAction();
  const set = (name: keyof typeof form) => (value: string) => setForm({ ...form, [name]: value });
  async function submit(event: Event) {
    event.preventDefault();
    const charge = await action.run(() => api<Charge>('/v1/charges', { method: 'POST', body: form }));
    if (!charge) return;
    setForm({ code: '', name: '', currency: form.currency, amount: '' });
    charges.reload();
  }
  const fields = ['code', 'name', 'currency', 'amount'];
  return (
    <section aria-labelledby="charges-title">
      <h2 id="charges-title">Charges</h2>
      <Guard what="charges" data={charges.data} problem={charges.problem}>
        {(page) => (
          <Table columns={['Code', 'Name', 'Amount#']}>
            {page.data.map((charge) => (
              <tr key={charge.id}>
                <th scope="row">
                  <code>{charge.code}</code>
                </th>
                <td>{charge.name}</td>
                <td class="number">{money(charge.amount, charge.currency)}</td>
              </tr>
            ))}
          </Table>
        )}
      </Guard>
      {admin && (
        <details>
          <summary>Define a charge</summary>
          <form class="action" onSubmit={submit} noValidate aria-label="Define a charge">
            <TextField id="ch-code" label="Code" hint="e.g. courier_fee" value={form.code} onValue={set('code')} error={action.at('code')} />
            <TextField id="ch-name" label="Name" value={form.name} onValue={set('name')} error={action.at('name')} />
            <TextField id="ch-currency" label="Currency" value={form.currency} onValue={set('currency')} error={action.at('currency')} />
            <TextField id="ch-amount" label="Amount" inputMode="decimal" value={form.amount} onValue={set('amount')} error={action.at('amount')} />
            {action.whole(fields) && <ProblemNote problem={action.whole(fields)!} />}
            <button type="submit" disabled={action.busy}>
              Define the charge
            </button>
          </form>
        </details>
      )}
    </section>
  );
}

function Users({ self }: { self: User }) {
  const users = useApi<Page<UserRecord>>('/v1/users?limit=500');
  const names = useClientNames();
  const [form, setForm] = useState({ email: '', name: '', role: 'viewer', client_id: '', password: '' });
  const add = useAction();
  const change = useAction();
  const set = (name: keyof typeof form) => (value: string) => setForm({ ...form, [name]: value });
  const fields = ['email', 'name', 'role', 'client_id', 'password'];

  async function submit(event: Event) {
    event.preventDefault();
    const body = { ...form, client_id: form.role === 'client' ? form.client_id || undefined : undefined };
    const user = await add.run(() => api<UserRecord>('/v1/users', { method: 'POST', body }));
    if (!user) return;
    setForm({ email: '', name: '', role: form.role, client_id: '', password: '' });
    users.reload();
  }
  async function patch(user: UserRecord, body: Record<string, unknown>) {
    if (await change.run(() => api<UserRecord>('/v1/users/' + user.id, { method: 'PATCH', body }))) users.reload();
  }

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users and roles</h2>
      {change.problem && <ProblemNote problem={change.problem} />}
      <Guard what="users" data={users.data} problem={users.problem}>
        {(page) => (
          <Table class="users" columns={['User', 'E-mail~', 'Role', 'Client~', 'Active']}>
            {page.data.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.name}</th>
                <td class="wide-only">{user.email}</td>
                <td>
                  <label class="visually-hidden" for={'role-' + user.id}>
                    Role of {user.name}
                  </label>
                  <select id={'role-' + user.id} value={user.role} disabled={user.id === self.id || change.busy} onChange={(e) => patch(user, { role: e.currentTarget.value })}>
                    {kRoles.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                </td>
                <td class="wide-only">{user.client_id ? names.get(user.client_id) ?? user.client_id : '—'}</td>
                <td>
                  <button type="button" class="link-button" disabled={user.id === self.id || change.busy} onClick={() => patch(user, { active: !user.active })}>
                    {user.active ? 'active: deactivate' : 'inactive: activate'}
                    <span class="visually-hidden"> {user.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Guard>
      {users.data && <ApiKeyForm users={users.data.data.filter((user) => user.active)} />}
      <details>
        <summary>Add a user</summary>
        <form class="action" onSubmit={submit} noValidate aria-label="Add a user">
          <TextField id="u-email" label="E-mail" type="email" value={form.email} onValue={set('email')} error={add.at('email')} />
          <TextField id="u-name" label="Name" value={form.name} onValue={set('name')} error={add.at('name')} />
          <SelectField id="u-role" label="Role" value={form.role} onValue={set('role')} error={add.at('role')} options={kRoles.map((role) => [role, role])} />
          {form.role === 'client' && (
            <SelectField id="u-client" label="Client" value={form.client_id} onValue={set('client_id')} error={add.at('client_id')} options={[['', 'choose a client'], ...names]} />
          )}
          <TextField id="u-password" label="First password" type="password" autocomplete="new-password" value={form.password} onValue={set('password')} error={add.at('password')} />
          {add.whole(fields) && <ProblemNote problem={add.whole(fields)!} />}
          <button type="submit" disabled={add.busy}>
            Add the user
          </button>
        </form>
      </details>
    </section>
  );
}

// The factor's remittance instructions: where debtors pay, printed in the notice of assignment letter and the
// legend on the client's invoices, and shown in the debtor portal (PATCH /v1/settings remittance_instructions,
// admin). Empty clears them; the notice letter is then refused until they are set again.
function Remittance({ settings, admin, onChanged }: { settings: Settings; admin: boolean; onChanged: () => void }) {
  const [text, setText] = useState(settings.remittance_instructions);
  const [done, setDone] = useState('');
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    setDone('');
    const saved = await action.run(() => api<Settings>('/v1/settings', { method: 'PATCH', body: { remittance_instructions: text.trim() } }));
    if (!saved) return;
    setDone(saved.remittance_instructions ? 'Saved: notices and debtor links now carry these instructions.' : 'Cleared: notice letters are refused until instructions are set.');
    onChanged();
  }
  return (
    <div aria-labelledby="remit-title" role="group">
      <h3 id="remit-title">Remittance instructions</h3>
      <p class="pre-line" data-testid="remittance-instructions">
        {settings.remittance_instructions || 'Not set: notice of assignment letters are refused until they are.'}
      </p>
      {admin && (
        <form class="action" id="remittance" onSubmit={submit} noValidate>
          <fieldset>
            <legend>Change the remittance instructions</legend>
            <TextAreaField
              id="set-remittance"
              label="Where debtors pay"
              hint="the payee, bank, routing and account numbers or IBAN, and what to quote; one item a line; at most 1,000 characters"
              value={text}
              onValue={setText}
              error={action.at('remittance_instructions')}
            />
            <FormEnd action={action} fields={['remittance_instructions']} label="Save the instructions" busyLabel="Saving…" done={done} />
          </fieldset>
        </form>
      )}
    </div>
  );
}

// An API key for a user (POST /v1/users/{id}/api-keys, admin): for a program acting as that user (a bank
// sync, an accounting export). The key is shown this once; the book keeps only its hash.
function ApiKeyForm({ users }: { users: UserRecord[] }) {
  const [form, setForm] = useState({ user: '', label: '' });
  const [key, setKey] = useState<{ key: string; label: string } | null>(null);
  const [noUser, setNoUser] = useState(false);
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    setKey(null);
    setNoUser(!form.user);
    if (!form.user) return;
    const issued = await action.run(() =>
      api<{ key: string; label: string }>(`/v1/users/${encodeURIComponent(form.user)}/api-keys`, { method: 'POST', body: { label: form.label.trim() } }),
    );
    if (issued) setKey(issued);
  }
  return (
    <details>
      <summary>Issue an API key</summary>
      <form class="action" id="api-key" onSubmit={submit} noValidate>
        <fieldset>
          <legend>An API key for a program acting as a user</legend>
          <SelectField
            id="k-user"
            label="User"
            value={form.user}
            onValue={(user) => setForm({ ...form, user })}
            error={noUser ? 'Choose the user.' : null}
            options={[['', 'choose a user'], ...users.map((user): [string, string] => [user.id, `${user.name} (${user.role})`])]}
          />
          <TextField id="k-label" label="Label" hint="what the key is for, e.g. bank sync" value={form.label} onValue={(label) => setForm({ ...form, label })} error={action.at('label')} />
          <FormEnd action={action} fields={['label']} label="Issue the key" busyLabel="Issuing…" />
          {key && (
            <div class="outcome-box" role="status">
              <p>
                The key for "{key.label}", shown this once: send it as <code>Authorization: Bearer …</code>.
              </p>
              <label for="k-issued">API key</label>
              <input id="k-issued" readOnly value={key.key} size={48} />
            </div>
          )}
        </fieldset>
      </form>
    </details>
  );
}
