// What staff record on one invoice's page, each a form of its own (docs/api.md, "Invoices" and
// "Verification"): a verification made by call or e-mail (POST /v1/invoices/{id}/verifications: admin,
// underwriter, collector); the debtor's dispute and its resolution (POST .../dispute, .../resolve-dispute:
// admin, underwriter, collector); and the ends of an unpaid invoice: close the rest short as dilution, charge a
// recourse invoice back, write a non-recourse one off (POST .../close-short, .../charge-back: admin,
// underwriter, collector; .../write-off: admin, underwriter). A role is offered only what its routes allow; a
// refusal is said beside the field it names (or once for the form), what was typed stays, and nothing is
// recorded. Each success reloads the invoice, its timeline and its postings.
import { useState } from 'preact/hooks';
import { api, type ApprovalOutcome, type Invoice } from '../api';
import { useAction, useFields } from '../forms';
import { words } from '../format';
import { SelectField, TextField } from './Field';
import { FormEnd } from './FormEnd';

const kCollecting = new Set(['admin', 'underwriter', 'collector']);
const kUnderwriting = new Set(['admin', 'underwriter']);

export function InvoiceActions({ invoice, role, onDone }: { invoice: Invoice; role: string; onDone: () => void }) {
  // What the last form recorded, said here: the form itself may go with the change (a dispute recorded
  // replaces its form by the resolution's).
  const [said, setSaid] = useState('');
  if (!kCollecting.has(role)) return null;
  const recorded = (message: string) => {
    setSaid(message);
    onDone();
  };
  const open = ['submitted', 'approved', 'funded'].includes(invoice.state);
  const funded = invoice.state === 'funded';
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">Record on this invoice</h2>
      <div class="action-grid">
        {invoice.state === 'submitted' && kUnderwriting.has(role) && <DecideForm invoice={invoice} onDone={recorded} />}
        {open && <VerificationForm invoice={invoice} onDone={recorded} />}
        {funded && !invoice.disputed && <DisputeForm invoice={invoice} onDone={recorded} />}
        {invoice.disputed && <ResolveForm invoice={invoice} onDone={recorded} />}
        {funded && <EndForm invoice={invoice} underwriter={kUnderwriting.has(role)} onDone={recorded} />}
        {funded && <MisdirectedForm invoice={invoice} onDone={recorded} />}
      </div>
      <p class="outcome" role="status" aria-live="polite" data-testid="invoice-action-outcome">
        {said}
      </p>
    </section>
  );
}

function path(invoice: Invoice, action: string) {
  return `/v1/invoices/${encodeURIComponent(invoice.id)}/${action}`;
}

function VerificationForm({ invoice, onDone }: { invoice: Invoice; onDone: (message: string) => void }) {
  const { form, set } = useFields({ channel: 'call', contact: '', outcome: 'confirmed', notes: '' });
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    const body = { channel: form.channel, contact: form.contact.trim(), outcome: form.outcome, notes: form.notes.trim() };
    const reply = await action.run(() => api<{ invoice: Invoice }>(path(invoice, 'verifications'), { method: 'POST', body }));
    if (!reply) return;
    onDone(`Recorded: ${words(form.outcome)}; the invoice's verification is ${words(reply.invoice.verification)}.`);
  }
  return (
    <form class="action" id="verify-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Record a verification</legend>
        <SelectField id="v-channel" label="How" value={form.channel} onValue={set('channel')} error={action.at('channel')} options={[['call', 'call'], ['email', 'e-mail']]} />
        <TextField id="v-contact" label="Who at the debtor" hint="name, role and number or address, e.g. J. Payables, AP +1 555 0100" value={form.contact} onValue={set('contact')} error={action.at('contact')} />
        <SelectField
          id="v-outcome"
          label="Outcome"
          value={form.outcome}
          onValue={set('outcome')}
          error={action.at('outcome')}
          options={[
            ['confirmed', 'confirmed: delivered, amount right, no offsets'],
            ['contested', 'contested (say why in the notes)'],
            ['no_answer', 'no answer'],
            ['left_message', 'left a message'],
          ]}
        />
        <TextField id="v-notes" label="Notes" hint="required for a contest" value={form.notes} onValue={set('notes')} error={action.at('notes')} />
        <FormEnd action={action} fields={['channel', 'contact', 'outcome', 'notes']} label="Record the verification" busyLabel="Recording…" />
      </fieldset>
    </form>
  );
}

// One waiting invoice decided on its own (a schedule's page approves all its waiting ones at once): approve,
// with an override reason for one a rule holds, or reject with a reason (admin, underwriter).
function DecideForm({ invoice, onDone }: { invoice: Invoice; onDone: (message: string) => void }) {
  const { form, set } = useFields({ decision: 'approve', reason: '' });
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    const reason = form.reason.trim();
    if (form.decision === 'approve') {
      const outcome = await action.run(() => api<ApprovalOutcome>(path(invoice, 'approve'), { method: 'POST', body: reason ? { override_reason: reason } : {} }));
      if (outcome) onDone(outcome.approved ? 'Approved.' : `Held for review: ${outcome.rules.map(words).join(', ')}${outcome.message ? ' (' + outcome.message + ')' : ''}.`);
    } else {
      const rejected = await action.run(() => api<Invoice>(path(invoice, 'reject'), { method: 'POST', body: { reason } }));
      if (rejected) onDone('Rejected.');
    }
  }
  const reasonError = action.at('reason') ?? action.at('override_reason');
  return (
    <form class="action" id="decide-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Approve or reject this invoice</legend>
        <SelectField
          id="decide-kind"
          label="Decision"
          value={form.decision}
          onValue={set('decision')}
          options={[
            ['approve', 'approve'],
            ['reject', 'reject'],
          ]}
        />
        <TextField
          id="decide-reason"
          label={form.decision === 'approve' ? 'Override reason (optional)' : 'Why it is rejected'}
          hint={form.decision === 'approve' ? 'approves it even where a limit or eligibility rule would hold it, and records why' : 'required'}
          value={form.reason}
          onValue={set('reason')}
          error={reasonError}
        />
        <FormEnd action={action} fields={['reason', 'override_reason']} label="Record the decision" busyLabel="Recording…" />
      </fieldset>
    </form>
  );
}

// Recording the debtor's dispute: a reason, required.
function DisputeForm({ invoice, onDone }: { invoice: Invoice; onDone: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    const changed = await action.run(() => api<Invoice>(path(invoice, 'dispute'), { method: 'POST', body: { reason: reason.trim() } }));
    if (!changed) return;
    onDone('The dispute is recorded: the invoice shows as disputed until it is resolved.');
  }
  return (
    <form class="action" id="dispute-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Record the debtor's dispute</legend>
        <TextField id="dispute-reason" label="What the debtor disputes" hint="e.g. two pallets damaged; credit note asked" value={reason} onValue={setReason} error={action.at('reason')} />
        <FormEnd action={action} fields={['reason']} label="Record the dispute" busyLabel="Recording…" />
      </fieldset>
    </form>
  );
}

function ResolveForm({ invoice, onDone }: { invoice: Invoice; onDone: (message: string) => void }) {
  const { form, set } = useFields({ outcome: 'upheld_for_client', reason: '' });
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    const changed = await action.run(() => api<Invoice>(path(invoice, 'resolve-dispute'), { method: 'POST', body: { outcome: form.outcome, reason: form.reason.trim() } }));
    if (!changed) return;
    onDone(form.outcome === 'upheld_for_client' ? 'Resolved for the client: the invoice is eligible again.' : 'Resolved as lost: the unpaid rest is closed as dilution.');
  }
  return (
    <form class="action" id="resolve-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Resolve the dispute</legend>
        <SelectField
          id="resolve-outcome"
          label="Outcome"
          value={form.outcome}
          onValue={set('outcome')}
          error={action.at('outcome')}
          options={[
            ['upheld_for_client', 'for the client: the debtor owes the invoice'],
            ['lost_as_dilution', 'lost: close the unpaid rest as dilution'],
          ]}
        />
        <TextField id="resolve-reason" label="Why" value={form.reason} onValue={set('reason')} error={action.at('reason')} />
        <FormEnd action={action} fields={['outcome', 'reason']} label="Resolve the dispute" busyLabel="Resolving…" />
      </fieldset>
    </form>
  );
}

// The ends of a funded invoice that will not be paid in full; write-off is for underwriters only.
function EndForm({ invoice, underwriter, onDone }: { invoice: Invoice; underwriter: boolean; onDone: (message: string) => void }) {
  const ends: [string, string][] = [
    ['close-short', 'close the unpaid rest short (dilution)'],
    ['charge-back', "charge back to the client's reserve (recourse)"],
    ...(underwriter ? ([['write-off', 'write off as a credit loss (non-recourse)']] as [string, string][]) : []),
  ];
  const { form, set } = useFields({ end: 'close-short', reason: '' });
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    const changed = await action.run(() => api<Invoice>(path(invoice, form.end), { method: 'POST', body: { reason: form.reason.trim() } }));
    if (!changed) return;
    onDone(`Done: the invoice is now ${words(changed.state)}.`);
  }
  return (
    <details>
      <summary>End the invoice unpaid (close short, charge back{underwriter ? ', write off' : ''})</summary>
      <form class="action" id="end-form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>End the invoice unpaid</legend>
          <SelectField id="end-kind" label="How" value={form.end} onValue={set('end')} options={ends} />
          <TextField id="end-reason" label="Why" value={form.reason} onValue={set('reason')} error={action.at('reason')} />
          <FormEnd action={action} fields={['reason']} label="Record it" busyLabel="Recording…" />
        </fieldset>
      </form>
    </details>
  );
}

// The debtor paid the client instead of the factor: the client now owes that amount to the factor (POST
// .../misdirected-payment: admin, underwriter, collector).
function MisdirectedForm({ invoice, onDone }: { invoice: Invoice; onDone: (message: string) => void }) {
  const { form, set } = useFields({ amount: '', paid_on: '', note: '' });
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    const body: Record<string, string> = { amount: form.amount.trim() };
    if (form.paid_on.trim()) body.paid_on = form.paid_on.trim();
    if (form.note.trim()) body.note = form.note.trim();
    const changed = await action.run(() => api<Invoice>(path(invoice, 'misdirected-payment'), { method: 'POST', body }));
    if (changed) onDone('The misdirected payment is recorded: the client owes it to the factor.');
  }
  return (
    <details>
      <summary>The debtor paid the client (a misdirected payment)</summary>
      <form class="action" id="misdirected-form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>A payment the debtor made to the client</legend>
          <TextField id="mp-amount" label={`Amount (${invoice.currency})`} inputMode="decimal" value={form.amount} onValue={set('amount')} error={action.at('amount')} />
          <TextField id="mp-paid-on" label="Paid on (optional)" hint="YYYY-MM-DD; empty: the business date" size={11} value={form.paid_on} onValue={set('paid_on')} error={action.at('paid_on')} />
          <TextField id="mp-note" label="Note (optional)" value={form.note} onValue={set('note')} error={action.at('note')} />
          <FormEnd action={action} fields={['amount', 'paid_on', 'note']} label="Record it" busyLabel="Recording…" />
        </fieldset>
      </form>
    </details>
  );
}
