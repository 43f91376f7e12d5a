// The staff's start page: the portfolio in figures (GET /v1/reports/portfolio), outstanding face by aging
// bucket (/v1/reports/aging), the largest debtor concentrations against their limits
// (/v1/reports/concentration, per client: the book-wide rows have no limit) and debtors' outstanding against their credit limits (/v1/debtors).
import { useMemo } from 'preact/hooks';
import { Link } from 'wouter-preact';
import type { AgingReport, ConcentrationRow, Debtor, Page, PortfolioReport } from '../api';
import { BarChart } from '../components/BarChart';
import { Facts } from '../components/Facts';
import { Guard, PageTitle } from '../components/Status';
import { Table } from '../components/Table';
import { money, percent } from '../format';
import { useApi } from '../hooks';

const kTopDebtors = 10;

export function Overview() {
  const portfolio = useApi<PortfolioReport>('/v1/reports/portfolio');
  const aging = useApi<AgingReport>('/v1/reports/aging');
  const concentration = useApi<{ as_of: string; rows: ConcentrationRow[] }>('/v1/reports/concentration');
  const debtors = useApi<Page<Debtor>>('/v1/debtors?limit=500');
  return (
    <>
      <PageTitle>Portfolio overview</PageTitle>
      <Guard what="the portfolio" data={portfolio.data} problem={portfolio.problem}>
        {(report) => <Figures report={report} />}
      </Guard>
      <div class="charts">
        <Guard what="the aging report" data={aging.data} problem={aging.problem}>
          {(report) => <AgingCharts report={report} />}
        </Guard>
        <Guard what="concentrations" data={concentration.data} problem={concentration.problem}>
          {(report) => <ConcentrationChart rows={report.rows} debtors={debtors.data?.data ?? []} />}
        </Guard>
      </div>
    </>
  );
}

function Figures({ report }: { report: PortfolioReport }) {
  return (
    <section aria-labelledby="figures-title">
      <h2 id="figures-title">
        As of {report.as_of}: {report.clients} clients, {report.debtors} debtors
      </h2>
      {report.rows.map((row) => (
        <Facts
          key={row.currency}
          class="figures"
          label={'Portfolio in ' + row.currency}
          items={[
            [`Outstanding face (${row.currency})`, money(row.outstanding_face_amount, row.currency)],
            ['Overdue face', money(row.overdue_face_amount, row.currency)],
            ['Funds employed', money(row.funds_employed_amount, row.currency)],
            ['Funded volume', money(row.funded_volume_amount, row.currency)],
            ['Fee income', money(row.fee_income_amount, row.currency)],
            ['Annualized yield', percent(row.annualized_yield)],
            ['DSO', row.dso_days + ' days'],
            ['Dilution', percent(row.dilution_rate)],
            ['Open invoices', String(row.open_invoices)],
            ['Unapplied cash', money(row.unapplied_cash_amount, row.currency)],
          ]}
        />
      ))}
    </section>
  );
}

function AgingCharts({ report }: { report: AgingReport }) {
  return (
    <>
      {report.totals.map((row) => {
        const labels = row.by_due_date.map((bucket) => bucket.bucket);
        const values = row.by_due_date.map((bucket) => Number(bucket.amount));
        const format = (value: number) => money(String(value), row.currency);
        const summary =
          `Outstanding face in ${row.currency} by days past due: ` +
          labels.map((label, index) => `${label}: ${format(values[index] ?? 0)}`).join('; ');
        return (
          <BarChart
            key={row.currency}
            id={'aging-' + row.currency}
            title={`Outstanding face by days past due (${row.currency}, as of ${report.as_of})`}
            summary={summary}
            labels={labels}
            series={[{ name: 'Outstanding face', values }]}
            format={format}
          />
        );
      })}
    </>
  );
}

function ConcentrationChart({ rows, debtors }: { rows: ConcentrationRow[]; debtors: Debtor[] }) {
  const top = useMemo(
    () => rows.filter((row) => row.client_id !== null).sort((a, b) => Number(b.share) - Number(a.share)).slice(0, kTopDebtors),
    [rows],
  );
  const labels = useMemo(() => top.map((row) => row.debtor_name + (row.client_name ? ` · ${row.client_name}` : '')), [top]);
  const series = useMemo(
    () => [
      { name: 'Share of the client’s book', values: top.map((row) => Number(row.share)) },
      { name: 'Concentration limit', values: top.map((row) => Number(row.limit)) },
    ],
    [top],
  );
  const creditLimits = new Map(debtors.map((debtor) => [debtor.id, debtor]));
  const breaches = top.filter((row) => row.breach).length;
  return (
    <section aria-labelledby="concentration-title">
      <h2 id="concentration-title">Top {top.length} debtor concentrations</h2>
      <BarChart
        id="concentration"
        title="Share of each client's outstanding face against the concentration limit (%)"
        summary={`${top.length} largest debtor concentrations; ${breaches} over their limit.`}
        labels={labels}
        series={series}
        format={(value) => value.toFixed(1) + ' %'}
        horizontal
      />
      <h3>Outstanding against the debtor's credit limit</h3>
      <Table columns={['Debtor', 'Client', 'Outstanding#', 'Credit limit#', 'Share / limit#']}>
          {top.map((row) => {
            const debtor = creditLimits.get(row.debtor_id);
            return (
              <tr key={row.debtor_id + (row.client_id ?? '')} class={row.breach ? 'breach' : undefined}>
                <th scope="row">{row.debtor_name}</th>
                <td>{row.client_id ? <Link href={'/clients/' + row.client_id}>{row.client_name}</Link> : '—'}</td>
                <td class="number">{money(row.outstanding_amount, row.currency)}</td>
                <td class="number">{debtor ? money(debtor.credit_limit, debtor.currency) : '—'}</td>
                <td class="number">
                  {percent(row.share)} / {percent(row.limit)}
                  {row.breach && <strong class="flag"> over limit</strong>}
                </td>
              </tr>
            );
          })}
      </Table>
    </section>
  );
}
