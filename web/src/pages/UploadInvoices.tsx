// Submitting a schedule as a file (POST /v1/clients/{id}/invoice-files): CSV, QuickBooks or Xero JSON, UBL or
// CII, detected or named. The answer is a result per row: accepted, held (with the rules that hold it) or
// rejected (with why). A file with a rejected row is all or nothing unless "keep the good rows" (partial) is
// ticked: the server then writes nothing, answers 422 with the same per-row results, and the page shows them
// next to the file, which stays chosen so it can be sent again.
import { useState } from 'preact/hooks';
import { Link, useSearch } from 'wouter-preact';
import { ApiError, newIdempotencyKey, query, upload, type IntakeResult, type User } from '../api';
import { CheckboxField, FileField, SelectField } from '../components/Field';
import { PageTitle, ProblemNote } from '../components/Status';
import { Table } from '../components/Table';
import { money, words } from '../format';
import { useAction } from '../forms';
import { useClientNames } from '../hooks';

const kFormats: [string, string][] = [
  ['', 'detect from the file'],
  ['csv', 'CSV'],
  ['quickbooks', 'QuickBooks (JSON)'],
  ['xero', 'Xero (JSON)'],
  ['ubl', 'UBL / PEPPOL (XML)'],
  ['cii', 'CII / Factur-X (XML)'],
];

export function UploadInvoices({ user }: { user: User }) {
  const isClient = user.role === 'client';
  const names = useClientNames();
  const preset = new URLSearchParams(useSearch()).get('client_id');
  const [clientId, setClientId] = useState(user.client_id ?? preset ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('');
  const [partial, setPartial] = useState(false);
  const [result, setResult] = useState<IntakeResult | null>(null);
  const action = useAction();

  async function submit(event: Event) {
    event.preventDefault();
    if (!file) return;
    setResult(null);
    const path = `/v1/clients/${encodeURIComponent(clientId)}/invoice-files` + query({ format, partial: partial ? 'true' : undefined, name: file.name });
    const reply = await action.run(async () => {
      try {
        return await upload<IntakeResult>(path, file, { idempotencyKey: newIdempotencyKey() });
      } catch (error) {
        // a refused file still says how each row fared
        const refused = error instanceof ApiError ? (error.problem.body?.result as IntakeResult | undefined) : undefined;
        if (refused) setResult(refused);
        throw error;
      }
    });
    if (reply) setResult(reply);
  }

  // a refused file names the row or element at fault, or the file as a whole: all said beside the file
  const fileError = action.problem && action.problem.field !== 'id' ? action.problem.detail : null;
  return (
    <>
      <PageTitle>Upload an invoice file</PageTitle>
      <form class="action upload-form" onSubmit={submit} noValidate aria-labelledby="upload-title">
        <h2 id="upload-title" class="visually-hidden">
          The file
        </h2>
        {!isClient && (
          <SelectField id="u-client" label="Client" value={clientId} onValue={setClientId} error={action.at('id')} options={[['', 'choose a client'], ...names]} />
        )}
        <FileField
          id="u-file"
          label="Invoice file"
          hint="CSV, QuickBooks or Xero export (JSON), UBL/PEPPOL or CII/Factur-X e-invoice (XML); up to 50 MB."
          accept=".csv,.json,.xml,.txt"
          file={file}
          onFile={(chosen) => {
            setFile(chosen);
            setResult(null);
            action.clear();
          }}
          error={fileError}
        />
        <SelectField id="u-format" label="Format" value={format} onValue={setFormat} options={kFormats} />
        <CheckboxField
          id="u-partial"
          label="Keep the good rows when some are rejected"
          hint="Without it, one rejected row sends the whole file back and nothing is written."
          checked={partial}
          onChecked={setPartial}
        />
        <button type="submit" disabled={action.busy || !file || !clientId}>
          {action.busy ? 'Uploading…' : 'Upload'}
        </button>
        {action.problem && !fileError && <ProblemNote problem={action.problem} />}
      </form>
      {result && <IntakeRows result={result} />}
    </>
  );
}

export function IntakeRows({ result }: { result: IntakeResult }) {
  const schedule = result.schedule;
  return (
    <section aria-labelledby="rows-title" data-testid="intake-result">
      <h2 id="rows-title">
        {result.written ? 'Written' : 'Nothing written'}: {result.accepted} accepted, {result.held} held, {result.rejected} rejected ({words(result.format)})
      </h2>
      {schedule && (
        <p role="status">
          Schedule <Link href={'/schedules/' + schedule.id}>{schedule.id}</Link>: {schedule.invoice_count} invoices,{' '}
          {money(schedule.face_amount, schedule.currency)}, waiting for approval.
        </p>
      )}
      <Table class="intake-rows" columns={['Row', 'Invoice', 'Outcome', 'Why', 'Debtor~']}>
        {result.rows.map((row, index) => (
          <tr key={index} class={'outcome-' + row.outcome}>
            <th scope="row">{row.place}</th>
            <td>{row.invoice_id ? <Link href={'/invoices/' + row.invoice_id}>{row.number}</Link> : row.number ?? '—'}</td>
            <td>
              <span class={'state state-' + row.outcome}>{row.outcome}</span>
            </td>
            <td>
              {row.rules.length === 0 ? (
                '—'
              ) : (
                <ul class="plain reasons">
                  {row.rules.map((rule) => (
                    <li key={rule.code}>
                      <span class="code">{words(rule.code)}:</span> {rule.message}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td class="wide-only">{row.debtor_id ? `${row.debtor_id} (by ${words(row.debtor_match ?? 'id')})` : '—'}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
