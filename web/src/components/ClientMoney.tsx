// Money between the factor and a client outside advances and rebates, on the client's page (staff): a charge
// from the catalog (or another amount) taken from the client's reserve (POST /v1/clients/{id}/charges: admin,
// underwriter, collector) and money the client paid in to its reserve (POST /v1/clients/{id}/payments-in:
// admin, collector). Both move money, so each sends an Idempotency-Key (a retried click posts once). A
// refusal is said by its field, what was typed stays, and nothing is posted; success says the journal entry
// and reloads the availability above.
import { useRef, useState } from 'preact/hooks';
import { api, newIdempotencyKey, type Charge, type Client, type JournalEntry, type Page } from '../api';
import { useAction, useFields } from '../forms';
import { money } from '../format';
import { useApi } from '../hooks';
import { SelectField, TextField } from './Field';
import { FormEnd } from './FormEnd';

const kChargers = new Set(['admin', 'underwriter', 'collector']);
const kCash = new Set(['admin', 'collector']);

export function ClientMoney({ client, role, onPosted }: { client: Client; role: string; onPosted: () => void }) {
  if (!kChargers.has(role)) return null;
  return (
    <section aria-labelledby="client-money-title">
      <h2 id="client-money-title">Charges and payments in</h2>
      <div class="action-grid">
        <ChargeForm client={client} onPosted={onPosted} />
        {kCash.has(role) && <PayInForm client={client} onPosted={onPosted} />}
      </div>
    </section>
  );
}

// Posting to one of the client's money routes with an Idempotency-Key kept until it succeeds (a retried click
// posts once), then saying the journal entry ("Charged: jrn_7 on 2026-07-01: ...").
function useMoneyPost(route: string, said: string, onPosted: () => void) {
  const [done, setDone] = useState('');
  const action = useAction();
  const key = useRef(newIdempotencyKey());
  async function post(body: Record<string, string>) {
    setDone('');
    const entry = await action.run(() => api<JournalEntry>(route, { method: 'POST', body, idempotencyKey: key.current }));
    if (!entry) return;
    key.current = newIdempotencyKey();
    setDone(`${said}: ${entry.id ?? 'entry'} on ${entry.effective_on}: ${entry.memo}.`);
    onPosted();
  }
  return { action, done, post };
}

function ChargeForm({ client, onPosted }: { client: Client; onPosted: () => void }) {
  const charges = useApi<Page<Charge>>('/v1/charges');
  const catalog = (charges.data?.data ?? []).filter((charge) => charge.currency === client.currency);
  const { form, set } = useFields({ code: '', amount: '', invoice_id: '', memo: '' });
  const { action, done, post } = useMoneyPost(`/v1/clients/${encodeURIComponent(client.id)}/charges`, 'Charged', onPosted);
  async function submit(event: Event) {
    event.preventDefault();
    const body: Record<string, string> = { code: form.code };
    for (const name of ['amount', 'invoice_id', 'memo'] as const) if (form[name].trim()) body[name] = form[name].trim();
    await post(body);
  }
  return (
    <form class="action" id="charge-client" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Charge the client</legend>
        <SelectField
          id="cc-code"
          label="Charge"
          value={form.code}
          onValue={set('code')}
          error={action.at('code')}
          options={[['', 'choose a charge'], ...catalog.map((charge): [string, string] => [charge.code, `${charge.name} (${money(charge.amount, charge.currency)})`])]}
        />
        <TextField id="cc-amount" label={`Amount (${client.currency}, optional)`} hint="empty: the catalog's amount" inputMode="decimal" value={form.amount} onValue={set('amount')} error={action.at('amount')} />
        <TextField id="cc-invoice" label="For invoice (optional)" hint="e.g. inv_7" value={form.invoice_id} onValue={set('invoice_id')} error={action.at('invoice_id')} />
        <TextField id="cc-memo" label="Memo (optional)" value={form.memo} onValue={set('memo')} error={action.at('memo')} />
        <FormEnd action={action} fields={['code', 'amount', 'invoice_id', 'memo']} label="Charge it" busyLabel="Charging…" done={done} />
      </fieldset>
    </form>
  );
}

function PayInForm({ client, onPosted }: { client: Client; onPosted: () => void }) {
  const { form, set } = useFields({ amount: '', memo: '' });
  const { action, done, post } = useMoneyPost(`/v1/clients/${encodeURIComponent(client.id)}/payments-in`, 'Recorded', onPosted);
  async function submit(event: Event) {
    event.preventDefault();
    const body: Record<string, string> = { amount: form.amount.trim() };
    if (form.memo.trim()) body.memo = form.memo.trim();
    await post(body);
  }
  return (
    <form class="action" id="client-pays-in" onSubmit={submit} noValidate>
      <fieldset>
        <legend>The client paid in</legend>
        <TextField id="pi-amount" label={`Amount received (${client.currency})`} hint="e.g. 250.00" inputMode="decimal" value={form.amount} onValue={set('amount')} error={action.at('amount')} />
        <TextField id="pi-memo" label="Memo (optional)" hint="e.g. repays the charge-back of inv_12" value={form.memo} onValue={set('memo')} error={action.at('memo')} />
        <FormEnd action={action} fields={['amount', 'memo']} label="Record the payment" busyLabel="Recording…" done={done} />
      </fieldset>
    </form>
  );
}
