// Importing credit bureau scores from a CSV file (POST /v1/bureau-files?name=FILE, admins and underwriters;
// docs/underwriting.md "Bureau files"): columns debtor_id or tax_id, bureau, score (0-100), as_of, reference.
// The file is all or nothing: one bad row refuses it (422 file_rejected) and the server's message lists every
// bad row by line and why; the page shows that list beside the file, which stays chosen, and nothing is
// written. An accepted file says how many scores it imported and lists them.
import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { query, upload } from '../api';
import { useAction } from '../forms';
import { FileField } from './Field';
import { FormEnd } from './FormEnd';
import { Table } from './Table';

interface ImportedScore {
  id: string;
  debtor_id: string;
  bureau: string;
  score: number;
  as_of: string;
  reference?: string;
}

interface BureauImport {
  source: string;
  imported: ImportedScore[];
}

// The refusal's message: its first line says how many rows, the lines after it name each bad row.
function splitProblem(detail: string): { summary: string; rows: string[] } {
  const [summary, ...rows] = detail.split('\n');
  return { summary, rows: rows.map((row) => row.trim()).filter(Boolean) };
}

// The fields a refusal of the file names (the file, or a row's column when the header is wrong).
const kFileFields = ['file', 'bureau', 'score', 'as_of', 'debtor_id', 'tax_id'];

export function BureauImportForm() {
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [result, setResult] = useState<BureauImport | null>(null);
  const action = useAction();

  async function submit(event: Event) {
    event.preventDefault();
    setResult(null);
    if (!file) {
      setMissing(true);
      return;
    }
    const reply = await action.run(() => upload<BureauImport>('/v1/bureau-files' + query({ name: file.name }), file));
    if (!reply) return;
    setResult(reply);
  }

  const refused = action.problem && kFileFields.includes(action.problem.field ?? '') ? splitProblem(action.problem.detail) : null;
  const fileError = missing ? 'Choose the bureau file (CSV) first.' : refused ? refused.summary : null;
  return (
    <form class="action" id="bureau-import" onSubmit={submit} noValidate aria-labelledby="bureau-title">
      <h2 id="bureau-title">Import bureau scores</h2>
      <p class="hint">
        A CSV file with a header row: <code>debtor_id</code> or <code>tax_id</code>, <code>bureau</code>, <code>score</code> (0 to 100, higher is better),{' '}
        <code>as_of</code> (YYYY-MM-DD, not after the business date) and optionally <code>reference</code>. One bad row refuses the whole file.
      </p>
      <FileField
        id="bureau-file"
        label="Bureau file (CSV)"
        accept=".csv,text/csv"
        file={file}
        onFile={(chosen) => {
          setFile(chosen);
          setMissing(false);
          setResult(null);
          action.clear();
        }}
        error={fileError}
      />
      {refused && refused.rows.length > 0 && (
        <ul class="bad-rows" aria-label="The rows refused" data-testid="bureau-bad-rows">
          {refused.rows.map((row) => (
            <li key={row}>{row}</li>
          ))}
        </ul>
      )}
      <FormEnd action={action} fields={kFileFields} label="Import the scores" busyLabel="Importing…" />
      {result && (
        <div class="outcome-box" role="status" data-testid="bureau-result">
          <p>
            Imported {result.imported.length} {result.imported.length === 1 ? 'score' : 'scores'} from {result.source}.
          </p>
          <Table columns={['Debtor', 'Bureau', 'Score#', 'As of']}>
            {result.imported.map((score) => (
              <tr key={score.id}>
                <th scope="row">
                  <Link href={'/debtors/' + score.debtor_id}>{score.debtor_id}</Link>
                </th>
                <td>{score.bureau}</td>
                <td class="number">{score.score}</td>
                <td>{score.as_of}</td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </form>
  );
}
