// The end of the day: close business days (POST /v1/close-day, admin: fees accrued, overdue and cross-aged
// flagged, recourse charged back, rebates paid per the book's rebate schedule) and the journal exported for the
// accountant (GET /v1/exports/journal as ledger, hledger, beancount or CSV, for a period).
import { useState } from 'preact/hooks';
import { api, download, query, type CloseDayResult, type Settings, type User } from '../api';
import { SelectField, TextField } from '../components/Field';
import { Facts } from '../components/Facts';
import { Guard, PageTitle, ProblemNote } from '../components/Status';
import { Table } from '../components/Table';
import { money, words } from '../format';
import { useAction } from '../forms';
import { useApi } from '../hooks';

const kJournalFormats: [string, string][] = [
  ['ledger', 'Ledger'],
  ['hledger', 'hledger'],
  ['beancount', 'Beancount'],
  ['csv', 'CSV'],
];

export function DayEnd({ user }: { user: User }) {
  const settings = useApi<Settings>('/v1/settings');
  return (
    <>
      <PageTitle>Day's end</PageTitle>
      <Guard what="the settings" data={settings.data} problem={settings.problem}>
        {(s) => (
          <Facts
            items={[
              ['Business date', <span data-testid="business-date">{s.business_date}</span>],
              ['Last day closed', s.last_closed_on ?? 'none'],
              ['Rebates paid', s.rebate_schedule === 'weekly' ? `weekly (day ${s.rebate_weekday})` : 'on collection, at close'],
              ['Calendar', words(s.calendar)],
            ]}
          />
        )}
      </Guard>
      {user.role === 'admin' && <CloseDay onClosed={settings.reload} />}
      <JournalExport />
    </>
  );
}

function CloseDay({ onClosed }: { onClosed: () => void }) {
  const [through, setThrough] = useState('');
  const [results, setResults] = useState<CloseDayResult[] | null>(null);
  const action = useAction();

  async function submit(event: Event) {
    event.preventDefault();
    const body = through.trim() ? { through: through.trim() } : {};
    const reply = await action.run(() => api<{ data: CloseDayResult[] }>('/v1/close-day', { method: 'POST', body }));
    if (!reply) return;
    setResults(reply.data);
    onClosed();
  }

  return (
    <form class="action" onSubmit={submit} noValidate aria-labelledby="close-title">
      <h2 id="close-title">Close the day</h2>
      <TextField id="c-through" label="Close through" hint="YYYY-MM-DD; empty: the business date" value={through} onValue={setThrough} error={action.at('through')} />
      {action.whole(['through']) && <ProblemNote problem={action.whole(['through'])!} />}
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Closing…' : 'Close'}
      </button>
      {results && (
        <div role="status" data-testid="close-result">
          <Table caption="Days closed" columns={['Day', 'Accrued#', 'Fees#', 'Overdue#', 'Cross-aged#', 'Charged back#', 'Rebates paid']}>
            {results.map((day) => (
              <tr key={day.date}>
                <th scope="row">
                  {day.date}
                  {day.already_closed && <span class="id"> (closed before)</span>}
                </th>
                <td class="number">{day.invoices_accrued}</td>
                <td class="number">{day.fees.map((fee) => money(fee.amount, fee.currency)).join(', ') || '—'}</td>
                <td class="number">{day.overdue_invoices}</td>
                <td class="number">{day.cross_aged_debtors}</td>
                <td class="number">{day.charged_back}</td>
                <td>{day.rebates.length === 0 ? '—' : day.rebates.map((payout) => `${payout.id} ${money(payout.amount, payout.currency)}`).join(', ')}</td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </form>
  );
}

function JournalExport() {
  const [form, setForm] = useState({ format: 'ledger', from: '', to: '' });
  const [saved, setSaved] = useState('');
  const action = useAction();
  const set = (name: keyof typeof form) => (value: string) => setForm({ ...form, [name]: value });

  async function submit(event: Event) {
    event.preventDefault();
    const name = await action.run(() => download('/v1/exports/journal' + query({ format: form.format, from: form.from.trim(), to: form.to.trim() }), 'journal'));
    if (name) setSaved(name);
  }

  return (
    <form class="action" onSubmit={submit} noValidate aria-labelledby="export-title">
      <h2 id="export-title">Export the journal</h2>
      <SelectField id="j-format" label="Format" value={form.format} onValue={set('format')} error={action.at('format')} options={kJournalFormats} />
      <TextField id="j-from" label="From" hint="YYYY-MM-DD; empty: the first entry" value={form.from} onValue={set('from')} error={action.at('from')} />
      <TextField id="j-to" label="To" hint="YYYY-MM-DD; empty: the last entry" value={form.to} onValue={set('to')} error={action.at('to')} />
      {action.whole(['format', 'from', 'to']) && <ProblemNote problem={action.whole(['format', 'from', 'to'])!} />}
      <button type="submit" disabled={action.busy}>
        Download the journal
      </button>
      <p class="outcome" role="status" aria-live="polite">
        {saved && `Saved ${saved}.`}
      </p>
    </form>
  );
}
