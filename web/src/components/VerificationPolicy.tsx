// A client's verification policy on its page (staff read it; admins and underwriters change it): none, every
// invoice, invoices above an amount, or a sample share (GET/POST /v1/clients/{id}/verification-policy). It
// applies to invoices submitted from then on, which wait with verification "pending" until a call, an e-mail
// or the debtor's link confirms them. A refusal is said by its field and the policy is unchanged.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { useAction, useFields } from '../forms';
import { instant, money, percent } from '../format';
import { useApi } from '../hooks';
import { SelectField, TextField } from './Field';
import { FormEnd } from './FormEnd';
import { Guard } from './Status';

interface Policy {
  policy: 'none' | 'every' | 'above' | 'sample';
  currency: string;
  threshold_amount: string | null;
  sample: string | null;
  updated_at: string | null;
  updated_by: string | null;
}

function describe(p: Policy): string {
  if (p.policy === 'every') return 'every invoice is verified';
  if (p.policy === 'above') return `invoices above ${money(p.threshold_amount, p.currency)} are verified`;
  if (p.policy === 'sample') return `a sample of ${percent(p.sample)} of the invoices is verified`;
  return 'no invoice needs verification';
}

export function VerificationPolicyPanel({ clientId, mayChange }: { clientId: string; mayChange: boolean }) {
  const path = `/v1/clients/${encodeURIComponent(clientId)}/verification-policy`;
  const policy = useApi<Policy>(path);
  return (
    <section aria-labelledby="vpolicy-title">
      <h2 id="vpolicy-title">Verification policy</h2>
      <Guard what="the verification policy" data={policy.data} problem={policy.problem}>
        {(p) => (
          <>
            <p data-testid="verification-policy">
              Now: {describe(p)}
              {p.updated_at ? ` (set ${instant(p.updated_at)} by ${p.updated_by ?? '—'})` : ''}.
            </p>
            {mayChange && <PolicyForm path={path} policy={p} onSaved={policy.reload} />}
          </>
        )}
      </Guard>
    </section>
  );
}

function PolicyForm({ path, policy, onSaved }: { path: string; policy: Policy; onSaved: () => void }) {
  const { form, set } = useFields({ policy: policy.policy as string, threshold_amount: policy.threshold_amount ?? '', sample: policy.sample ?? '' });
  const [done, setDone] = useState('');
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    setDone('');
    const body: Record<string, string> = { policy: form.policy };
    if (form.policy === 'above') body.threshold_amount = form.threshold_amount.trim();
    if (form.policy === 'sample') body.sample = form.sample.trim();
    const saved = await action.run(() => api<Policy>(path, { method: 'POST', body }));
    if (!saved) return;
    setDone('Saved: invoices submitted from now on follow it.');
    onSaved();
  }
  return (
    <form class="action" id="verification-policy-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Change the verification policy</legend>
        <SelectField
          id="vp-policy"
          label="Verify"
          value={form.policy}
          onValue={set('policy')}
          error={action.at('policy')}
          options={[
            ['none', 'none'],
            ['every', 'every invoice'],
            ['above', 'invoices above an amount'],
            ['sample', 'a sample share'],
          ]}
        />
        {form.policy === 'above' && (
          <TextField id="vp-threshold" label={`Above (${policy.currency})`} hint="e.g. 500.00" inputMode="decimal" value={form.threshold_amount} onValue={set('threshold_amount')} error={action.at('threshold_amount')} />
        )}
        {form.policy === 'sample' && <TextField id="vp-sample" label="Share (%)" hint="e.g. 10" inputMode="decimal" value={form.sample} onValue={set('sample')} error={action.at('sample')} />}
        <FormEnd action={action} fields={['policy', 'threshold_amount', 'sample']} label="Save the policy" busyLabel="Saving…" done={done} />
      </fieldset>
    </form>
  );
}
