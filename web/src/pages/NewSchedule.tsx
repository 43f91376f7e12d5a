// Submitting a schedule of invoices by form (POST /v1/schedules), for a client user (its own client) or an
// underwriter (any client). The server checks everything; what it refuses is said next to the field it names
// ("invoices[1].amount" is row 2's amount), what was typed stays, and nothing is submitted until it all passes.
import { useState } from 'preact/hooks';
import { useLocation } from 'wouter-preact';
import { api, fieldMessage, newIdempotencyKey, problemFrom, type Debtor, type Invoice, type Page, type Problem, type ScheduleView, type User } from '../api';
import { SelectField, TextField } from '../components/Field';
import { PageTitle } from '../components/Status';
import { useApi, useClientNames } from '../hooks';

interface Row {
  debtor_id: string;
  number: string;
  amount: string;
  issue_date: string;
  due_date: string;
}

const kRowFields: [keyof Row, string][] = [
  ['number', 'Invoice number'],
  ['amount', 'Amount'],
  ['issue_date', 'Issue date'],
  ['due_date', 'Due date'],
];
const emptyRow = (): Row => ({ debtor_id: '', number: '', amount: '', issue_date: '', due_date: '' });

// The row and field a problem names ("invoices[1].amount"), or null for the form as a whole.
function placeOf(problem: Problem | null): { row: number; field: string } | null {
  const match = /^invoices\[(\d+)\]\.(\w+)$/.exec(problem?.field ?? '');
  return match ? { row: Number(match[1]), field: match[2] } : null;
}

// The debtors a user may pick: all of them for staff; for a client user, whose role may not list debtors,
// the ones its invoices name.
function useDebtorChoices(isClient: boolean, clientId: string): [string, string][] {
  const debtors = useApi<Page<Debtor>>(isClient ? null : '/v1/debtors?limit=500');
  const invoices = useApi<Page<Invoice>>(isClient ? `/v1/invoices?client_id=${encodeURIComponent(clientId)}&limit=500` : null);
  if (!isClient) return (debtors.data?.data ?? []).map((debtor) => [debtor.id, debtor.name]);
  const ids = [...new Set((invoices.data?.data ?? []).map((invoice) => invoice.debtor_id))].sort();
  return ids.map((id) => [id, id]);
}

export function NewSchedule({ user }: { user: User }) {
  const isClient = user.role === 'client';
  const [clientId, setClientId] = useState(user.client_id ?? '');
  const [rows, setRows] = useState<Row[]>([emptyRow()]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const [, navigate] = useLocation();
  const names = useClientNames();
  const debtorChoices = useDebtorChoices(isClient, clientId);
  const place = placeOf(problem);
  const errorAt = (row: number, field: string) =>
    place && place.row === row && (place.field === field || (field === 'debtor_id' && place.field === 'invoice')) ? fieldMessage(problem!) : null;

  const setCell = (index: number, field: keyof Row) => (value: string) => {
    setRows(rows.map((row, at) => (at === index ? { ...row, [field]: value } : row)));
    setKey(newIdempotencyKey()); // a changed form is a new request
  };

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const view = await api<ScheduleView>('/v1/schedules', {
        method: 'POST',
        body: { client_id: clientId, invoices: rows },
        idempotencyKey: key,
      });
      navigate('/schedules/' + view.id);
    } catch (error) {
      setProblem(problemFrom(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>Submit a schedule</PageTitle>
      <form class="schedule-form" onSubmit={submit} noValidate>
        {!isClient && (
          <SelectField
            id="s-client"
            label="Client"
            value={clientId}
            onValue={setClientId}
            error={problem?.field === 'client_id' ? fieldMessage(problem) : null}
            options={[['', 'choose a client'], ...names]}
          />
        )}
        {rows.map((row, index) => (
          <fieldset key={index} class="schedule-row">
            <legend>Invoice {index + 1}</legend>
            <SelectField
              id={`s-${index}-debtor_id`}
              label="Debtor"
              value={row.debtor_id}
              onValue={setCell(index, 'debtor_id')}
              error={errorAt(index, 'debtor_id')}
              options={[['', 'choose a debtor'], ...debtorChoices]}
            />
            {kRowFields.map(([field, label]) => (
              <TextField
                key={field}
                id={`s-${index}-${field}`}
                label={label}
                hint={field.endsWith('date') ? 'YYYY-MM-DD' : field === 'amount' ? 'e.g. 1250.00' : undefined}
                value={row[field]}
                onValue={setCell(index, field)}
                error={errorAt(index, field)}
              />
            ))}
            {rows.length > 1 && (
              <button type="button" class="link-button" onClick={() => setRows(rows.filter((_, at) => at !== index))}>
                Remove invoice {index + 1}
              </button>
            )}
          </fieldset>
        ))}
        <p>
          <button type="button" class="secondary" onClick={() => setRows([...rows, emptyRow()])}>
            Add an invoice
          </button>
        </p>
        {problem && !place && problem.field !== 'client_id' && (
          <p class="problem" role="alert">
            {problem.detail}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Submitting…' : 'Submit the schedule'}
        </button>
        {!isClient && clientId && <p class="hint">For {names.get(clientId) ?? clientId}.</p>}
      </form>
    </>
  );
}
