// The reports as files (staff): the aging, concentration, reserve, portfolio, verification log, NOA queue and
// trial balance as CSV or PDF, downloaded through the API (GET /v1/reports/...?format=csv|pdf with the report's
// own filters) under the server's file name. A refused filter (a bad date, an unknown currency) is said next to
// its field and what was typed stays. A client's statement and a schedule's cost disclosures are PDFs on the
// client's page.
import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { download, query, type User } from '../api';
import { SelectField, TextField } from '../components/Field';
import { PageTitle, ProblemNote } from '../components/Status';
import { Table } from '../components/Table';
import { useAction } from '../forms';
import { useClientNames } from '../hooks';

interface ReportKind {
  id: string;
  route: string;
  name: string;
  what: string;
  filters: ('as_of' | 'client_id' | 'currency' | 'from')[];
}

const kReports: ReportKind[] = [
  { id: 'aging', route: '/v1/reports/aging', name: 'Aging', what: 'Outstanding face by client, by debtor and in total, in due-date and invoice-date buckets', filters: ['as_of', 'client_id', 'currency'] },
  { id: 'concentration', route: '/v1/reports/concentration', name: 'Concentration', what: "Each debtor's share of a client's receivables against the limit", filters: ['as_of', 'client_id', 'currency'] },
  { id: 'reserve', route: '/v1/reports/reserve', name: 'Reserve', what: "Each client's reserve, required reserve, releasable amount and availability", filters: ['as_of', 'client_id', 'currency'] },
  { id: 'portfolio', route: '/v1/reports/portfolio', name: 'Portfolio', what: 'Funded volume, outstanding, fee income, yield, DSO, dilution per currency', filters: ['as_of', 'from', 'client_id', 'currency'] },
  { id: 'verifications', route: '/v1/reports/verifications', name: 'Verification log', what: 'Every verification of an invoice: who, when, how, the outcome, the three statements and notes', filters: ['from', 'client_id'] },
  { id: 'noa-queue', route: '/v1/reports/noa-queue', name: 'NOA queue', what: 'Client and debtor pairs with funded invoices and no notice of assignment sent', filters: [] },
  { id: 'trial-balance', route: '/v1/reports/trial-balance', name: 'Trial balance', what: "Every account's debits and credits per currency, the whole book now", filters: [] },
];

const kFields = ['as_of', 'from', 'client_id', 'currency', 'format'];

export function Reports(_props: { user: User }) {
  const names = useClientNames();
  const [form, setForm] = useState({ as_of: '', from: '', client_id: '', currency: '' });
  const [saved, setSaved] = useState('');
  const [asked, setAsked] = useState('');
  const action = useAction();
  const set = (name: keyof typeof form) => (value: string) => setForm({ ...form, [name]: value });

  async function exportFile(report: ReportKind, format: 'csv' | 'pdf') {
    setAsked(report.id + format);
    setSaved('');
    const params: Record<string, string> = { format };
    for (const filter of report.filters) params[filter] = form[filter].trim();
    const name = await action.run(() => download(report.route + query(params), `microfactor-${report.id}.${format}`));
    if (name) setSaved(name);
  }

  return (
    <>
      <PageTitle>Reports</PageTitle>
      <form class="filters" aria-label="Report filters" onSubmit={(event) => event.preventDefault()} noValidate>
        <TextField id="r-as-of" label="As of" hint="YYYY-MM-DD; empty: the business date" value={form.as_of} onValue={set('as_of')} error={action.at('as_of')} />
        <TextField id="r-from" label="From (portfolio, log)" hint="YYYY-MM-DD; empty: the month's start, the first record" value={form.from} onValue={set('from')} error={action.at('from')} />
        <SelectField id="r-client" label="Client" value={form.client_id} onValue={set('client_id')} error={action.at('client_id')} options={[['', 'all'], ...names]} />
        <TextField id="r-currency" label="Currency" hint="ISO code; empty: all" size={5} value={form.currency} onValue={set('currency')} error={action.at('currency')} />
      </form>
      {action.whole(kFields) && <ProblemNote problem={action.whole(kFields)!} />}
      <section aria-labelledby="exports-title">
        <h2 id="exports-title">Download as CSV or PDF</h2>
        <Table columns={['Report', 'What it holds', 'Filters', 'Export']}>
          {kReports.map((report) => (
            <tr key={report.id}>
              <th scope="row">{report.name}</th>
              <td>{report.what}</td>
              <td>{report.filters.length ? report.filters.map((filter) => filter.replace('_id', '').replace('_', ' ')).join(', ') : 'none'}</td>
              <td class="apply-cell">
                {(['csv', 'pdf'] as const).map((format) => (
                  <button
                    key={format}
                    type="button"
                    data-report={report.id}
                    data-format={format}
                    aria-label={`Download the ${report.name.toLowerCase()} report as ${format.toUpperCase()}`}
                    disabled={action.busy && asked === report.id + format}
                    onClick={() => exportFile(report, format)}
                  >
                    {format.toUpperCase()}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </Table>
        <p class="outcome" role="status" aria-live="polite">
          {saved && `Saved ${saved}.`}
        </p>
        <p class="hint">
          A CSV has one row per row of the report, the report's date on every row, and the aging buckets as columns. A PDF holds the same
          figures for printing: a table per part of the report, its headers on every page, pages numbered. A client's statement and a
          schedule's cost disclosures are on the client's page (<Link href="/clients">Clients</Link>). The journal is exported on{' '}
          <Link href="/day">Day's end</Link>.
        </p>
      </section>
    </>
  );
}
