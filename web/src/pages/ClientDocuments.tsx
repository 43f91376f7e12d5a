// A client's money and papers: the statement for a period (GET /v1/clients/{id}/statement, and as PDF from
// .../statement.pdf), the reserve's movements and the rebates paid, the payouts (advances and rebates, GET
// /v1/payouts?client_id) and each schedule's cost disclosure as PDF in the CA or NY layout (GET
// /v1/schedules/{id}/disclosure.pdf?state=). Downloads go through fetch, so a refusal (a bad date) is said next
// to its field and the page stays as it was.
import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { download, fieldMessage, query, type Page, type Payout, type Schedule } from '../api';
import { Facts } from '../components/Facts';
import { TextField } from '../components/Field';
import { Guard, ProblemNote } from '../components/Status';
import { Table } from '../components/Table';
import { money, words } from '../format';
import { useAction } from '../forms';
import { useApi } from '../hooks';

interface Statement {
  from: string;
  to: string;
  currency: string;
  opening_reserve_amount: string;
  funded_face_amount: string;
  advances_paid_amount: string;
  fees_amount: string;
  charges_amount: string;
  collections_amount: string;
  rebates_paid_amount: string;
  closing_reserve_amount: string;
}

const kRecent = 10;

export function ClientDocuments({ clientId }: { clientId: string }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [asked, setAsked] = useState({ from: '', to: '' });
  const id = encodeURIComponent(clientId);
  const statement = useApi<Statement>(`/v1/clients/${id}/statement` + query(asked));
  const payouts = useApi<Page<Payout>>(`/v1/payouts?client_id=${id}&limit=500`);
  const schedules = useApi<Page<Schedule>>(`/v1/schedules?client_id=${id}&limit=500`);
  const pdf = useAction();
  const disclosure = useAction();
  const [saved, setSaved] = useState('');
  // a bad period is the statement's own refusal, shown by its field; the PDF's likewise
  const problem = pdf.problem ?? statement.problem;
  const at = (field: string) => (problem?.field === field ? fieldMessage(problem) : null);

  function show(event: Event) {
    event.preventDefault();
    pdf.clear();
    setAsked({ from: from.trim(), to: to.trim() });
  }
  async function statementPdf() {
    const name = await pdf.run(() => download(`/v1/clients/${id}/statement.pdf` + query({ from: from.trim(), to: to.trim() }), 'statement.pdf'));
    if (!name) return;
    setSaved(name);
    setAsked({ from: from.trim(), to: to.trim() }); // the figures shown are the period downloaded
  }
  async function disclosurePdf(scheduleId: string, state: string) {
    const name = await disclosure.run(() => download(`/v1/schedules/${encodeURIComponent(scheduleId)}/disclosure.pdf?state=${state}`, 'disclosure.pdf'));
    if (name) setSaved(name);
  }

  return (
    <>
      <section aria-labelledby="statement-title">
        <h2 id="statement-title">Statement</h2>
        <form class="filters" onSubmit={show} noValidate aria-label="Statement period">
          <TextField id="st-from" label="From" hint="YYYY-MM-DD; empty: the month's start" value={from} onValue={setFrom} error={at('from')} />
          <TextField id="st-to" label="To" hint="YYYY-MM-DD; empty: the business date" value={to} onValue={setTo} error={at('to')} />
          <button type="submit">Show</button>
          <button type="button" class="secondary" onClick={statementPdf} disabled={pdf.busy}>
            Download the statement (PDF)
          </button>
        </form>
        {problem && !['from', 'to'].includes(problem.field ?? '') && <ProblemNote problem={problem} />}
        <p class="outcome" role="status" aria-live="polite">
          {saved && `Saved ${saved}.`}
        </p>
        {statement.data && ( // a refused period keeps the last statement shown
          <Facts
            label="Reserve and rebates"
            items={[
              ['Period', `${statement.data.from} to ${statement.data.to}`],
              ['Reserve at the start', money(statement.data.opening_reserve_amount, statement.data.currency)],
              ['Funded face', money(statement.data.funded_face_amount, statement.data.currency)],
              ['Advances paid', money(statement.data.advances_paid_amount, statement.data.currency)],
              ['Fees', money(statement.data.fees_amount, statement.data.currency)],
              ['Charges', money(statement.data.charges_amount, statement.data.currency)],
              ['Collections', money(statement.data.collections_amount, statement.data.currency)],
              ['Rebates paid', <span data-testid="rebates-paid">{money(statement.data.rebates_paid_amount, statement.data.currency)}</span>],
              ['Reserve at the end', money(statement.data.closing_reserve_amount, statement.data.currency)],
            ]}
          />
        )}
      </section>

      <section aria-labelledby="payouts-title">
        <h2 id="payouts-title">Payouts: advances and rebates</h2>
        <Guard what="payouts" data={payouts.data} problem={payouts.problem}>
          {(page) =>
            page.data.length === 0 ? (
              <p>No payout yet.</p>
            ) : (
              <Table caption={`The latest ${kRecent} payouts`} columns={['Payout', 'Kind', 'Paid on', 'Status~', 'Amount#']}>
                {page.data
                  .slice(-kRecent)
                  .reverse()
                  .map((payout) => (
                    <tr key={payout.id}>
                      <th scope="row">{payout.id}</th>
                      <td>{words(payout.kind)}</td>
                      <td>{payout.paid_on}</td>
                      <td class="wide-only">{words(payout.status)}</td>
                      <td class="number">{money(payout.amount, payout.currency)}</td>
                    </tr>
                  ))}
              </Table>
            )
          }
        </Guard>
      </section>

      <section aria-labelledby="disclosures-title">
        <h2 id="disclosures-title">Cost disclosures</h2>
        <p class="hint">Each schedule's cost disclosure, in the California (10 CCR 913) or New York (23 NYCRR 600.12) layout.</p>
        {disclosure.problem && <ProblemNote problem={disclosure.problem} />}
        <Guard what="schedules" data={schedules.data} problem={schedules.problem}>
          {(page) =>
            page.data.length === 0 ? (
              <p>No schedule yet.</p>
            ) : (
              <Table caption={`The latest ${kRecent} schedules`} columns={['Schedule', 'Submitted', 'State~', 'Disclosure']}>
                {page.data
                  .slice(-kRecent)
                  .reverse()
                  .map((schedule) => (
                    <tr key={schedule.id}>
                      <th scope="row">
                        <Link href={'/schedules/' + schedule.id}>{schedule.id}</Link>
                      </th>
                      <td>{schedule.submitted_on}</td>
                      <td class="wide-only">{words(schedule.state)}</td>
                      <td class="buttons">
                        {['CA', 'NY'].map((state) => (
                          <button
                            type="button"
                            class="secondary"
                            key={state}
                            disabled={disclosure.busy}
                            onClick={() => disclosurePdf(schedule.id, state)}
                            aria-label={`Download the ${state} disclosure of ${schedule.id}`}
                          >
                            {state} PDF
                          </button>
                        ))}
                      </td>
                    </tr>
                  ))}
              </Table>
            )
          }
        </Guard>
      </section>
    </>
  );
}
