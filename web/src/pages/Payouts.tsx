// Money out: the payouts waiting to be sent (advances and rebates, GET /v1/payouts), a payout file written
// over them (POST /v1/payout-files: NACHA for USD, pain.001 for EUR; the payouts become sent), and the files
// written, each to download (GET /v1/payout-files/{id}/content) with its SHA-256 to compare with the bank's.
// An admin records capital paid in here too (POST /v1/capital): the cash the payouts are paid from.
import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api, download, newIdempotencyKey, type Page, type Payout, type PayoutFile, type Settings, type User } from '../api';
import { CapitalIn } from '../components/CapitalIn';
import { SelectField } from '../components/Field';
import { Guard, PageTitle, ProblemNote } from '../components/Status';
import { Table } from '../components/Table';
import { money, words } from '../format';
import { useAction } from '../forms';
import { useApi, useClientNames } from '../hooks';

const kSenders = new Set(['admin', 'collector']);
const kFormats: [string, string][] = [
  ['nacha', 'NACHA (USD payouts)'],
  ['pain001', 'pain.001 (EUR payouts)'],
];

export function Payouts({ user }: { user: User }) {
  const payouts = useApi<Page<Payout>>('/v1/payouts?limit=500');
  const files = useApi<Page<PayoutFile>>('/v1/payout-files?limit=500');
  const names = useClientNames();
  const [format, setFormat] = useState('nacha');
  const [written, setWritten] = useState<PayoutFile | null>(null);
  const make = useAction();
  const get = useAction();
  const mayWrite = kSenders.has(user.role);
  const admin = user.role === 'admin';
  const settings = useApi<Settings>(admin ? '/v1/settings' : null);
  const pending = (payouts.data?.data ?? []).filter((payout) => payout.status === 'pending');

  async function write(event: Event) {
    event.preventDefault();
    const file = await make.run(() => api<PayoutFile>('/v1/payout-files', { method: 'POST', body: { format }, idempotencyKey: newIdempotencyKey() }));
    if (!file) return;
    setWritten(file);
    payouts.reload();
    files.reload();
  }

  return (
    <>
      <PageTitle>Payouts</PageTitle>
      <section aria-labelledby="pending-title">
        <h2 id="pending-title">Waiting to be sent ({pending.length})</h2>
        <Guard what="payouts" data={payouts.data} problem={payouts.problem}>
          {() =>
            pending.length === 0 ? (
              <p>Every payout has been sent.</p>
            ) : (
              <Table class="payouts" columns={['Payout', 'Client', 'Kind', 'Paid on~', 'Schedule~', 'Amount#']}>
                {pending.map((payout) => (
                  <tr key={payout.id}>
                    <th scope="row">{payout.id}</th>
                    <td>
                      <Link href={'/clients/' + payout.client_id}>{names.get(payout.client_id) ?? payout.client_id}</Link>
                    </td>
                    <td>{words(payout.kind)}</td>
                    <td class="wide-only">{payout.paid_on}</td>
                    <td class="wide-only">{payout.schedule_id ? <Link href={'/schedules/' + payout.schedule_id}>{payout.schedule_id}</Link> : '—'}</td>
                    <td class="number">{money(payout.amount, payout.currency)}</td>
                  </tr>
                ))}
              </Table>
            )
          }
        </Guard>
      </section>

      {mayWrite && (
        <form class="action" onSubmit={write} aria-labelledby="write-title">
          <h2 id="write-title">Write a payout file</h2>
          <SelectField id="p-format" label="Format" hint="Every pending payout in the format's currency goes in the file." value={format} onValue={setFormat} error={make.at('format')} options={kFormats} />
          <button type="submit" disabled={make.busy}>
            {make.busy ? 'Writing…' : 'Write the file'}
          </button>
          {make.whole(['format']) && <ProblemNote problem={make.whole(['format'])!} />}
          {written && (
            <p class="outcome" role="status">
              Wrote {written.file_name}: {written.payout_count} payouts, {money(written.total, written.currency)}.
            </p>
          )}
        </form>
      )}

      {admin && settings.data && <CapitalIn baseCurrency={settings.data.base_currency} />}

      <section aria-labelledby="files-title">
        <h2 id="files-title">Payout files</h2>
        {get.problem && <ProblemNote problem={get.problem} />}
        <Guard what="payout files" data={files.data} problem={files.problem}>
          {(page) =>
            page.data.length === 0 ? (
              <p>No payout file written yet.</p>
            ) : (
              <Table class="payout-files" columns={['File', 'Format', 'Written~', 'Payouts#', 'Total#', 'SHA-256~', 'Download']}>
                {[...page.data].reverse().map((file) => (
                  <tr key={file.id}>
                    <th scope="row">{file.id}</th>
                    <td>{file.format === 'pain001' ? 'pain.001' : 'NACHA'}</td>
                    <td class="wide-only">{file.business_date}</td>
                    <td class="number">{file.payout_count}</td>
                    <td class="number">{money(file.total, file.currency)}</td>
                    <td class="wide-only">
                      <code class="digest" title={file.sha256}>
                        {file.sha256.slice(0, 12)}…
                      </code>
                    </td>
                    <td>
                      <button
                        type="button"
                        class="secondary"
                        disabled={get.busy}
                        onClick={() => get.run(() => download(`/v1/payout-files/${file.id}/content`, file.file_name))}
                        aria-label={`Download ${file.file_name}`}
                      >
                        {file.file_name}
                      </button>
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
