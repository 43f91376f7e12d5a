// One schedule with its invoices (GET /v1/schedules/{id}) and the underwriter's two actions on it: approve the
// invoices still waiting (POST .../approve, with an override reason for the ones a rule would hold) and fund
// the approved ones as one payout (POST .../fund, with an Idempotency-Key so a retried click pays once).
import { useRef, useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api, fieldMessage, newIdempotencyKey, problemFrom, type ApprovalOutcome, type Problem, type ScheduleView, type User } from '../api';
import { TextField } from '../components/Field';
import { Table } from '../components/Table';
import { Facts } from '../components/Facts';
import { Guard, PageTitle } from '../components/Status';
import { money, words } from '../format';
import { useApi } from '../hooks';
import { kStaffReaders, ScheduleAutoApprovals } from '../components/AutoApproval';

const kUnderwriters = new Set(['admin', 'underwriter']);

export function ScheduleDetail({ id, user }: { id: string; user: User }) {
  const view = useApi<ScheduleView>(`/v1/schedules/${encodeURIComponent(id)}`);
  return (
    <Guard what="the schedule" data={view.data} problem={view.problem}>
      {(schedule) => <Detail schedule={schedule} user={user} reload={view.reload} />}
    </Guard>
  );
}

function Detail({ schedule, user, reload }: { schedule: ScheduleView; user: User; reload: () => void }) {
  const waiting = schedule.invoices.filter((invoice) => invoice.state === 'submitted').length;
  const approved = schedule.invoices.filter((invoice) => invoice.state === 'approved').length;
  const mayAct = kUnderwriters.has(user.role) && schedule.state === 'open';
  const [overrideReason, setOverrideReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [outcomes, setOutcomes] = useState<ApprovalOutcome[] | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const fundKey = useRef(newIdempotencyKey());

  async function approve(event: Event) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const body = overrideReason.trim() ? { override_reason: overrideReason.trim() } : {};
      const reply = await api<{ data: ApprovalOutcome[] }>(`/v1/schedules/${schedule.id}/approve`, { method: 'POST', body });
      setOutcomes(reply.data);
      const held = reply.data.filter((outcome) => !outcome.approved).length;
      setMessage(`${reply.data.length - held} approved, ${held} held for review.`);
      reload();
    } catch (error) {
      setProblem(problemFrom(error));
    } finally {
      setBusy(false);
    }
  }

  async function fund() {
    setBusy(true);
    setProblem(null);
    try {
      const payout = await api<{ id: string; amount?: string; advance_amount?: string }>(`/v1/schedules/${schedule.id}/fund`, {
        method: 'POST',
        body: {},
        idempotencyKey: fundKey.current,
      });
      setMessage(`Funded: payout ${payout.id}.`);
      fundKey.current = newIdempotencyKey();
      reload();
    } catch (error) {
      setProblem(problemFrom(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>
        Schedule {schedule.id}
      </PageTitle>
      <Facts
        items={[
          [
            'State',
            <span class={'state state-' + schedule.state} data-testid="schedule-state">
              {words(schedule.state)}
            </span>,
          ],
          ['Client', <Link href={'/clients/' + schedule.client_id}>{schedule.client_id}</Link>],
          ['Submitted on', schedule.submitted_on],
          ['Invoices', `${schedule.invoice_count} · ${money(schedule.face_amount, schedule.currency)}`],
          ['Payout', schedule.payout_id],
        ]}
      />

      <p class="outcome" role="status" aria-live="polite">
        {message}
      </p>

      {mayAct && waiting > 0 && (
        <form class="action" onSubmit={approve} aria-labelledby="approve-title">
          <h2 id="approve-title">Approve {waiting} waiting invoices</h2>
          <TextField
            id="override-reason"
            label="Override reason (optional)"
            hint="Approves the invoices a limit or eligibility rule would hold, and records why."
            value={overrideReason}
            onValue={setOverrideReason}
            error={problem && problem.field === 'override_reason' ? fieldMessage(problem) : null}
          />
          <button type="submit" disabled={busy}>
            Approve
          </button>
        </form>
      )}
      {mayAct && waiting === 0 && approved > 0 && (
        <div class="action">
          <h2>Fund {approved} approved invoices</h2>
          <button type="button" onClick={fund} disabled={busy}>
            Fund schedule
          </button>
        </div>
      )}
      {problem && problem.field !== 'override_reason' && (
        <p class="problem" role="alert">
          {problem.detail} <span class="code">({problem.code})</span>
        </p>
      )}

      {outcomes && outcomes.some((outcome) => !outcome.approved) && (
        <section aria-labelledby="held-title">
          <h2 id="held-title">Held for review</h2>
          <ul>
            {outcomes
              .filter((outcome) => !outcome.approved)
              .map((outcome) => (
                <li key={outcome.invoice.id}>
                  {outcome.invoice.number}: {outcome.rules.map(words).join(', ')}
                  {outcome.message && <> — {outcome.message}</>}
                </li>
              ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="schedule-invoices">
        <h2 id="schedule-invoices">Invoices</h2>
        <Table columns={['Invoice', 'Debtor', 'State', 'Due', 'Face#']}>
              {schedule.invoices.map((invoice) => (
                <tr key={invoice.id}>
                  <th scope="row">
                    <Link href={'/invoices/' + invoice.id}>{invoice.number}</Link>
                  </th>
                  <td>{invoice.debtor_id}</td>
                  <td>
                    <span class={'state state-' + invoice.state}>{words(invoice.state)}</span>
                    {invoice.needs_review && <span class="flag"> held: {invoice.review_reasons.map(words).join(', ')}</span>}
                  </td>
                  <td>{invoice.due_date}</td>
                  <td class="number">{money(invoice.face_amount, invoice.currency)}</td>
                </tr>
              ))}
        </Table>
      </section>
      {kStaffReaders.has(user.role) && <ScheduleAutoApprovals scheduleId={schedule.id} role={user.role} open={schedule.state === 'open'} onDecided={reload} />}
    </>
  );
}
