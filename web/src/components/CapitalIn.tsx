// Capital paid in by the factor's owners or lenders (POST /v1/capital, admin): the cash the book funds advances
// with, debited to cash and credited to funding capital. It moves money, so it sends an Idempotency-Key kept
// until it succeeds (a retried click posts once). A refusal (an amount that is not positive or has too many
// decimals, a currency the book does not keep) is said beside its field, what was typed stays, and nothing
// is posted; success says the journal entry.
import { useRef, useState } from 'preact/hooks';
import { api, newIdempotencyKey, type JournalEntry } from '../api';
import { money } from '../format';
import { useAction, useFields } from '../forms';
import { SelectField, TextField } from './Field';
import { FormEnd } from './FormEnd';

export function CapitalIn({ baseCurrency }: { baseCurrency: string }) {
  const { form, set } = useFields({ amount: '', currency: baseCurrency, memo: '' });
  const [done, setDone] = useState('');
  const action = useAction();
  const key = useRef(newIdempotencyKey());
  const currencies = [...new Set([baseCurrency, 'USD', 'EUR'])];

  async function submit(event: Event) {
    event.preventDefault();
    setDone('');
    const body: Record<string, string> = { amount: form.amount.trim(), currency: form.currency };
    if (form.memo.trim()) body.memo = form.memo.trim();
    const entry = await action.run(() => api<JournalEntry>('/v1/capital', { method: 'POST', body, idempotencyKey: key.current }));
    if (!entry) return;
    key.current = newIdempotencyKey();
    setDone(`Recorded: ${entry.id ?? 'entry'} on ${entry.effective_on}, ${money(body.amount, entry.currency)}: ${entry.memo}.`);
  }

  return (
    <form class="action" id="capital" onSubmit={submit} noValidate aria-labelledby="capital-title">
      <h2 id="capital-title">Capital in</h2>
      <p>Money the owners or lenders put into the book to fund advances (cash against funding capital).</p>
      <TextField id="cap-amount" label={`Amount (${form.currency})`} hint="e.g. 250000.00" inputMode="decimal" value={form.amount} onValue={set('amount')} error={action.at('amount')} />
      <SelectField id="cap-currency" label="Currency" value={form.currency} onValue={set('currency')} error={action.at('currency')} options={currencies.map((code) => [code, code])} />
      <TextField id="cap-memo" label="Memo (optional)" hint="e.g. the lender and the agreement" value={form.memo} onValue={set('memo')} error={action.at('memo')} />
      <FormEnd action={action} fields={['amount', 'currency', 'memo']} label="Record the capital" busyLabel="Recording…" done={done} />
    </form>
  );
}
