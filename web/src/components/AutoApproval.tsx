// Auto-approval (docs/auto-approval.md) as the pages show it: the book's rules on the settings page (GET/POST
// /v1/auto-approval), a client's override with the rules in effect on its page (GET/POST
// /v1/clients/{id}/auto-approval), and a schedule's decisions with every check on its page (GET
// /v1/schedules/{id}/auto-approvals) with the re-run (POST /v1/schedules/{id}/auto-approve). Staff read them;
// admins and underwriters change the rules and re-run (the routes' roles), so the forms and the button are
// shown to those only. A refusal is said beside the field the server names, what was typed stays, and nothing
// is changed (the rules shown are re-read only after a change is accepted).
import { useRef, useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api, newIdempotencyKey } from '../api';
import { useAction, useFields } from '../forms';
import { money, instant, words } from '../format';
import { useApi } from '../hooks';
import { Facts } from './Facts';
import { SelectField, TextField } from './Field';
import { FormEnd } from './FormEnd';
import { Guard } from './Status';
import { Table } from './Table';

export const kRuleSetters = new Set(['admin', 'underwriter']);
// Who may read the rules and decisions (the routes' kStaffRead): not client users, not investors.
export const kStaffReaders = new Set(['admin', 'underwriter', 'collector', 'viewer']);

interface Rules {
  mode: string; // on | off (book); inherit | on | off (client)
  currency: string;
  invoice_max: string | null;
  schedule_max: string | null;
  updated_at: string | null;
  updated_by: string | null;
}

interface AutoApprovalSettings {
  book: Rules;
  client?: Rules & { client_id: string };
  effective?: {
    enabled: boolean;
    enabled_by: string;
    currency: string;
    invoice_max: string | null;
    schedule_max: string | null;
    thresholds_by: string | null;
  };
}

export interface AutoApprovalDecision {
  id: number;
  schedule_id: string;
  client_id: string;
  at: string;
  business_date: string;
  requested_by: string;
  trigger: string; // submission | rerun
  outcome: 'approved' | 'waiting';
  failed_rule: string | null;
  payout_id: string | null;
  checks: { rule: string; passed: boolean; detail: string }[];
}

const threshold = (amount: string | null, currency: string) => (amount === null ? 'none (never auto-approves)' : money(amount, currency));
const kRuleFields = ['mode', 'invoice_max', 'schedule_max'];
// The two thresholds: the field, its id's end, what it limits, the hint.
const kThresholds: ['invoice_max' | 'schedule_max', string, string, string][] = [
  ['invoice_max', '-invoice', 'invoice', 'e.g. 5000.00; empty: none, and nothing auto-approves'],
  ['schedule_max', '-schedule', 'schedule', "the schedule's face total; empty: none"],
];

// The form of the book's or a client's rules: mode and the two thresholds ("none" clears one). Only the
// fields changed are sent, so a threshold left as read is not re-sent.
function RulesForm(props: { id: string; legend: string; path: string; rules: Rules; modes: [string, string][]; onSaved: () => void }) {
  const { rules } = props;
  const { form, set } = useFields({ mode: rules.mode, invoice_max: rules.invoice_max ?? '', schedule_max: rules.schedule_max ?? '' });
  const [done, setDone] = useState('');
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    setDone('');
    const body: Record<string, string> = {};
    if (form.mode !== rules.mode) body.mode = form.mode;
    for (const [name] of kThresholds) {
      const typed = form[name].trim();
      if (typed !== (rules[name] ?? '')) body[name] = typed === '' ? 'none' : typed;
    }
    if (Object.keys(body).length === 0) {
      setDone('Nothing to change.');
      return;
    }
    const saved = await action.run(() => api<AutoApprovalSettings>(props.path, { method: 'POST', body }));
    if (!saved) return;
    setDone('Saved.');
    props.onSaved();
  }
  return (
    <form class="action" id={props.id} onSubmit={submit} noValidate>
      <fieldset>
        <legend>{props.legend}</legend>
        <SelectField id={props.id + '-mode'} label="Auto-approval" value={form.mode} onValue={set('mode')} options={props.modes} error={action.at('mode')} />
        {kThresholds.map(([name, suffix, what, hint]) => (
          <TextField
            key={name}
            id={props.id + suffix}
            label={`Largest ${what} auto-approved (${rules.currency})`}
            hint={hint}
            inputMode="decimal"
            value={form[name]}
            onValue={set(name)}
            error={action.at(name)}
          />
        ))}
        <FormEnd action={action} fields={kRuleFields} label="Save the rules" busyLabel="Saving…" done={done} />
      </fieldset>
    </form>
  );
}

function rulesFacts(rules: Rules, modeText: string): [string, string][] {
  return [
    ['Mode', modeText],
    ['Largest invoice', threshold(rules.invoice_max, rules.currency)],
    ['Largest schedule', threshold(rules.schedule_max, rules.currency)],
    ['Last changed', rules.updated_at ? `${instant(rules.updated_at)} by ${rules.updated_by ?? '—'}` : 'never'],
  ];
}

// The settings page's section: the book's rules, and the form for admins and underwriters.
export function BookAutoApproval({ role }: { role: string }) {
  const settings = useApi<AutoApprovalSettings>('/v1/auto-approval');
  return (
    <section aria-labelledby="auto-title">
      <h2 id="auto-title">Auto-approval</h2>
      <p class="hint">
        A submitted schedule is approved and funded with no person when every rule passes (the client's override wins over the book's mode; the book's thresholds
        apply to schedules in the base currency). Each client's override is on its page.
      </p>
      <Guard what="the auto-approval rules" data={settings.data} problem={settings.problem}>
        {(s) => (
          <>
            <Facts label="The book's auto-approval rules" items={rulesFacts(s.book, s.book.mode)} />
            {kRuleSetters.has(role) && (
              <RulesForm
                id="aa-book"
                legend="Change the book's rules"
                path="/v1/auto-approval"
                rules={s.book}
                modes={[
                  ['off', 'off'],
                  ['on', 'on'],
                ]}
                onSaved={settings.reload}
              />
            )}
          </>
        )}
      </Guard>
    </section>
  );
}

// A client's page (staff): its override, the rules in effect for its schedules, and the form.
export function ClientAutoApproval({ clientId, role }: { clientId: string; role: string }) {
  const path = `/v1/clients/${encodeURIComponent(clientId)}/auto-approval`;
  const settings = useApi<AutoApprovalSettings>(path);
  return (
    <section aria-labelledby="client-auto-title">
      <h2 id="client-auto-title">Auto-approval</h2>
      <Guard what="the auto-approval rules" data={settings.data} problem={settings.problem}>
        {(s) => {
          const effective = s.effective;
          const client = s.client;
          if (!client) return <p>No override.</p>;
          return (
            <>
              {effective && (
                <p data-testid="auto-effective">
                  In effect for this client's schedules: <strong>{effective.enabled ? 'on' : 'off'}</strong> (by {words(effective.enabled_by)}); largest invoice{' '}
                  {threshold(effective.invoice_max, effective.currency)}, largest schedule {threshold(effective.schedule_max, effective.currency)}
                  {effective.thresholds_by ? ` (thresholds of the ${words(effective.thresholds_by)})` : ''}.
                </p>
              )}
              <Facts label="The client's override" items={rulesFacts(client, client.mode === 'inherit' ? `inherit (the book's: ${s.book.mode})` : client.mode)} />
              {kRuleSetters.has(role) && (
                <RulesForm
                  id="aa-client"
                  legend="Change this client's override"
                  path={path}
                  rules={client}
                  modes={[
                    ['inherit', "inherit (follow the book's mode)"],
                    ['on', 'on'],
                    ['off', 'off'],
                  ]}
                  onSaved={settings.reload}
                />
              )}
            </>
          );
        }}
      </Guard>
    </section>
  );
}

// A schedule's page (staff): every decision with each check and what it found, and the re-run for a
// schedule still open (admins and underwriters).
export function ScheduleAutoApprovals({ scheduleId, role, open, onDecided }: { scheduleId: string; role: string; open: boolean; onDecided: () => void }) {
  const path = `/v1/schedules/${encodeURIComponent(scheduleId)}`;
  const decisions = useApi<{ data: AutoApprovalDecision[] }>(path + '/auto-approvals');
  const action = useAction();
  const [done, setDone] = useState('');
  const key = useRef(newIdempotencyKey());
  async function rerun(event: Event) {
    event.preventDefault();
    setDone('');
    const decision = await action.run(() => api<AutoApprovalDecision>(path + '/auto-approve', { method: 'POST', body: {}, idempotencyKey: key.current }));
    if (!decision) return;
    key.current = newIdempotencyKey();
    setDone(decision.outcome === 'approved' ? `Approved and funded: payout ${decision.payout_id ?? '—'}.` : `Still waiting: ${words(decision.failed_rule ?? 'a rule')} did not pass.`);
    decisions.reload();
    onDecided();
  }
  return (
    <section aria-labelledby="auto-decisions-title">
      <h2 id="auto-decisions-title">Auto-approval</h2>
      <Guard what="the auto-approval decisions" data={decisions.data} problem={decisions.problem}>
        {(page) =>
          page.data.length === 0 ? (
            <p>No auto-approval decision yet (auto-approval was off for the client when it was submitted).</p>
          ) : (
            <ol class="plain decisions">
              {page.data
                .slice()
                .reverse()
                .map((decision) => (
                  <li key={decision.id} data-testid="auto-decision">
                    <h3>
                      {decision.outcome === 'approved' ? 'Approved' : 'Waiting'} on {decision.business_date} ({words(decision.trigger)} by {decision.requested_by})
                      {decision.payout_id && (
                        <>
                          {' '}
                          · payout {decision.payout_id}
                        </>
                      )}
                    </h3>
                    <Table class="auto-checks" caption={`The checks of decision ${decision.id}`} columns={['Rule', 'Result', 'What it found']}>
                      {decision.checks.map((check) => (
                        <tr key={check.rule} class={check.passed ? undefined : 'check-failed'}>
                          <th scope="row">{words(check.rule)}</th>
                          <td>{check.passed ? 'passed' : 'failed'}</td>
                          <td>{check.detail}</td>
                        </tr>
                      ))}
                    </Table>
                  </li>
                ))}
            </ol>
          )
        }
      </Guard>
      {open && kRuleSetters.has(role) && (
        <form class="action" id="auto-rerun" onSubmit={rerun} noValidate>
          <p class="hint">Runs every rule again now (after a credit review, a notice sent or a payout account set); when all pass, the schedule is approved and funded.</p>
          <FormEnd action={action} fields={[]} label="Run auto-approval again" busyLabel="Running…" />
        </form>
      )}
      {/* outside the form: an approval funds the schedule and the form goes, the outcome stays said */}
      <p class="outcome" role="status" aria-live="polite" data-testid="auto-rerun-outcome">
        {done}
      </p>
      <p class="hint">
        The rules: <Link href="/settings">settings</Link> (the book's) and the client's page (its override).
      </p>
    </section>
  );
}
