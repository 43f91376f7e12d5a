// The cash application workbench: unapplied cash on one side (GET /v1/receipts?unapplied=true), the open
// invoices of the chosen receipt's debtor on the other (GET /v1/invoices?debtor_id&state=funded) with the
// matcher's ranked suggestions (GET /v1/receipts/{id}/suggestions); a receipt applied to one invoice or split
// across several, in part or in full (POST /v1/receipts/{id}/applications), and then what it did to each
// client's reserve (GET /v1/reports/reserve before and after) with the rebate now releasable paid out on the
// spot (POST /v1/clients/{id}/rebates). Also: recording a receipt (POST /v1/receipts), loading a bank file
// (POST /v1/bank-files, applied where certain) and auto-apply over all unapplied cash (POST
// /v1/receipts/auto-apply). The address holds the receipt being worked on (/cash?receipt=rcp_3).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Link, useLocation, useSearch } from 'wouter-preact';
import {
  api,
  fieldMessage,
  newIdempotencyKey,
  query,
  upload,
  type AutoApplyResult,
  type BankImport,
  type CashMatch,
  type Debtor,
  type Invoice,
  type Page,
  type Payout,
  type Receipt,
  type ReceiptView,
  type ReserveRow,
  type Settings,
  type User,
} from '../api';
import { CheckboxField, FileField, SelectField, TextField } from '../components/Field';
import { Facts } from '../components/Facts';
import { Guard, PageTitle, ProblemNote } from '../components/Status';
import { Table } from '../components/Table';
import { money, sumAmounts, words } from '../format';
import { useAction } from '../forms';
import { useApi, useClientNames } from '../hooks';

const kAppliers = new Set(['admin', 'collector']);

export function Cash({ user }: { user: User }) {
  const search = useSearch();
  const [, navigate] = useLocation();
  const selected = new URLSearchParams(search).get('receipt') ?? '';
  const receipts = useApi<Page<Receipt>>('/v1/receipts?unapplied=true&limit=500');
  const debtors = useApi<Page<Debtor>>('/v1/debtors?limit=500');
  const settings = useApi<Settings>('/v1/settings');
  const mayApply = kAppliers.has(user.role);
  const debtorNames = useMemo(() => new Map((debtors.data?.data ?? []).map((d) => [d.id, d.name])), [debtors.data]);
  const choose = (id: string) => navigate('/cash' + query({ receipt: id }));
  // a receipt chosen puts the keyboard (and a screen reader) on its heading; the page's first open keeps it on
  // the page title
  const workTitle = useRef<HTMLHeadingElement>(null);
  const firstSelected = useRef(selected);
  useEffect(() => {
    if (selected !== firstSelected.current) workTitle.current?.focus();
    firstSelected.current = '\u0000';
  }, [selected]);

  return (
    <>
      <PageTitle>Cash application</PageTitle>
      <div class="workbench">
        <section aria-labelledby="unapplied-title" class="workbench-side">
          <h2 id="unapplied-title">Unapplied cash</h2>
          <Guard what="receipts" data={receipts.data} problem={receipts.problem}>
            {(page) =>
              page.data.length === 0 ? (
                <p>No receipt has unapplied cash.</p>
              ) : (
                <Table class="receipts" caption="Receipts with unapplied cash" columns={['Receipt', 'Payer', 'Received~', 'Unapplied#']}>
                  {page.data.map((receipt) => (
                    <tr key={receipt.id} class={receipt.id === selected ? 'chosen' : undefined}>
                      <th scope="row">
                        <Link href={'/cash?receipt=' + receipt.id} aria-current={receipt.id === selected ? 'true' : undefined}>
                          {receipt.id}
                        </Link>
                        <span class="id"> {receipt.reference}</span>
                      </th>
                      <td>{receipt.payer || (receipt.debtor_id ? debtorNames.get(receipt.debtor_id) : '') || '—'}</td>
                      <td class="wide-only">{receipt.received_on}</td>
                      <td class="number">{money(receipt.unapplied_amount, receipt.currency)}</td>
                    </tr>
                  ))}
                </Table>
              )
            }
          </Guard>
          {mayApply && <AutoApply onDone={receipts.reload} />}
        </section>
        <section aria-labelledby="work-title" class="workbench-main">
          <h2 id="work-title" tabIndex={-1} ref={workTitle}>
            {selected ? `Receipt ${selected}` : 'Choose a receipt'}
          </h2>
          {selected ? (
            <ReceiptWork key={selected} id={selected} mayApply={mayApply} debtors={debtors.data?.data ?? []} onApplied={receipts.reload} />
          ) : (
            <p>Pick a receipt from the unapplied cash to see its debtor's open invoices and the suggested matches.</p>
          )}
        </section>
      </div>
      {mayApply && (
        <div class="workbench-tools">
          <RecordReceipt
            debtors={debtors.data?.data ?? []}
            businessDate={settings.data?.business_date ?? ''}
            baseCurrency={settings.data?.base_currency ?? 'USD'}
            onRecorded={(receipt) => {
              receipts.reload();
              choose(receipt.id);
            }}
          />
          <BankFile onLoaded={receipts.reload} />
        </div>
      )}
    </>
  );
}

// ---- one receipt: its open invoices, the suggestions, the split, and what applying it did

interface Effect {
  client_id: string;
  before: ReserveRow | null;
  after: ReserveRow | null;
}

function ReceiptWork({ id, mayApply, debtors, onApplied }: { id: string; mayApply: boolean; debtors: Debtor[]; onApplied: () => void }) {
  const receipt = useApi<ReceiptView>('/v1/receipts/' + encodeURIComponent(id));
  const match = useApi<CashMatch>(`/v1/receipts/${encodeURIComponent(id)}/suggestions`);
  const [debtorId, setDebtorId] = useState('');
  const debtor = receipt.data?.debtor_id ?? match.data?.debtor_id ?? debtorId;
  const invoices = useApi<Page<Invoice>>(debtor ? `/v1/invoices?debtor_id=${encodeURIComponent(debtor)}&state=funded&limit=500` : null);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [closeShort, setCloseShort] = useState<Record<string, boolean>>({});
  const [effects, setEffects] = useState<Effect[] | null>(null);
  const [applied, setApplied] = useState<ReceiptView | null>(null);
  const action = useAction();
  const key = useRef(newIdempotencyKey());
  const names = useClientNames();

  if (receipt.problem || !receipt.data) return <Guard what="the receipt" data={null} problem={receipt.problem}>{() => null}</Guard>;
  const r = applied ?? receipt.data;
  const c = r.currency;
  const open = invoices.data?.data ?? [];
  const chosen = open.filter((invoice) => (amounts[invoice.id] ?? '').trim() !== '');
  const total = sumAmounts(chosen.map((invoice) => amounts[invoice.id]));
  const rowOf = new Map(chosen.map((invoice, index) => [invoice.id, index]));
  // "applications[1].amount" is the second chosen invoice's amount
  const errorFor = (invoiceId: string) => {
    const place = /^applications\[(\d+)\]/.exec(action.problem?.field ?? '');
    return place && Number(place[1]) === rowOf.get(invoiceId) ? fieldMessage(action.problem!) : null;
  };
  const rowProblem = /^applications\[\d+\]/.test(action.problem?.field ?? '');

  function takeSuggestion(list: { invoice_id: string; amount: string; close_short: boolean }[]) {
    setAmounts(Object.fromEntries(list.map((a) => [a.invoice_id, a.amount])));
    setCloseShort(Object.fromEntries(list.map((a) => [a.invoice_id, a.close_short])));
    key.current = newIdempotencyKey();
  }

  async function reserveOf(clientIds: string[]): Promise<Map<string, ReserveRow>> {
    const rows = await Promise.all(
      clientIds.map((clientId) => api<{ rows: ReserveRow[] }>('/v1/reports/reserve' + query({ client_id: clientId }))),
    );
    return new Map(rows.flatMap((report) => report.rows).map((row) => [row.client_id, row]));
  }

  async function apply(event: Event) {
    event.preventDefault();
    const clients = [...new Set(chosen.map((invoice) => invoice.client_id))];
    const result = await action.run(async () => {
      const before = await reserveOf(clients);
      const view = await api<ReceiptView>(`/v1/receipts/${encodeURIComponent(r.id)}/applications`, {
        method: 'POST',
        idempotencyKey: key.current,
        body: {
          applications: chosen.map((invoice) => ({
            invoice_id: invoice.id,
            amount: amounts[invoice.id].trim(),
            ...(closeShort[invoice.id] ? { close_short: true } : {}),
          })),
        },
      });
      const after = await reserveOf(clients);
      return { view, effects: clients.map((clientId) => ({ client_id: clientId, before: before.get(clientId) ?? null, after: after.get(clientId) ?? null })) };
    });
    if (!result) return;
    key.current = newIdempotencyKey();
    setApplied(result.view);
    setEffects(result.effects);
    setAmounts({});
    setCloseShort({});
    invoices.reload();
    match.reload();
    onApplied();
  }

  return (
    <>
      <Facts
        label="The receipt"
        items={[
          ['Amount', money(r.amount, c)],
          ['Unapplied', <span data-testid="receipt-unapplied">{money(r.unapplied_amount, c)}</span>],
          ['Received on', r.received_on],
          ['Payer', r.payer || null],
          ['Reference', r.reference || null],
          ['Debtor', debtor ? <Link href={'/debtors/' + debtor}>{debtors.find((d) => d.id === debtor)?.name ?? debtor}</Link> : 'not known'],
        ]}
      />
      {!receipt.data.debtor_id && !match.data?.debtor_id && (
        <SelectField
          id="w-debtor"
          label="Whose invoices to look at"
          hint="The receipt names no debtor the book knows: choose the payer."
          value={debtorId}
          onValue={setDebtorId}
          options={[['', 'choose a debtor'], ...debtors.filter((d) => d.currency === c).map((d): [string, string] => [d.id, d.name])]}
        />
      )}

      <section aria-labelledby="suggest-title">
        <h3 id="suggest-title">Suggested matches</h3>
        <Guard what="suggestions" data={match.data} problem={match.problem}>
          {(m) =>
            !m.certain && m.suggestions.length === 0 ? (
              <p>The matcher has no suggestion: split the cash by hand below.</p>
            ) : (
              <ol class="suggestions">
                {m.certain && (
                  <li class="certain">
                    <strong>Certain:</strong> {m.certain.reason} — {describe(m.certain.applications, open, c)}{' '}
                    {mayApply && (
                      <button type="button" class="secondary" onClick={() => takeSuggestion(m.certain!.applications)}>
                        Use the certain match
                      </button>
                    )}
                  </li>
                )}
                {m.suggestions.map((s, index) => (
                  <li key={index}>
                    <span class="score">score {s.score}</span> {s.reason} — {describe(s.applications, open, c)}{' '}
                    {mayApply && (
                      <button type="button" class="secondary" onClick={() => takeSuggestion(s.applications)} aria-label={`Use suggestion ${index + 1}`}>
                        Use it
                      </button>
                    )}
                  </li>
                ))}
              </ol>
            )
          }
        </Guard>
      </section>

      <form onSubmit={apply} noValidate aria-labelledby="open-title">
        <h3 id="open-title">Open invoices of the debtor</h3>
        {!debtor ? (
          <p>No debtor chosen.</p>
        ) : (
          <Guard what="open invoices" data={invoices.data} problem={invoices.problem}>
            {(page) =>
              page.data.length === 0 ? (
                <p>The debtor has no open funded invoice.</p>
              ) : (
                <Table class="open-invoices" columns={['Invoice', 'Client~', 'Due~', 'Outstanding#', 'Apply#']}>
                  {page.data.map((invoice) => {
                    const error = errorFor(invoice.id);
                    const field = 'w-amount-' + invoice.id;
                    return (
                      <tr key={invoice.id}>
                        <th scope="row">
                          <Link href={'/invoices/' + invoice.id}>{invoice.number}</Link>
                          {invoice.disputed && <span class="flag"> disputed</span>}
                        </th>
                        <td class="wide-only">{names.get(invoice.client_id) ?? invoice.client_id}</td>
                        <td class="wide-only">{invoice.due_date}</td>
                        <td class="number">{money(invoice.outstanding_amount, invoice.currency)}</td>
                        <td class="number apply-cell">
                          <label class="visually-hidden" for={field}>
                            Amount to apply to {invoice.number}
                          </label>
                          <input
                            id={field}
                            name={field}
                            inputMode="decimal"
                            size={10}
                            value={amounts[invoice.id] ?? ''}
                            aria-invalid={Boolean(error)}
                            aria-describedby={error ? field + '-error' : undefined}
                            onInput={(e) => {
                              setAmounts({ ...amounts, [invoice.id]: e.currentTarget.value });
                              key.current = newIdempotencyKey();
                            }}
                          />
                          {mayApply && (
                            <button
                              type="button"
                              class="link-button"
                              onClick={() => setAmounts({ ...amounts, [invoice.id]: invoice.outstanding_amount })}
                              aria-label={`Apply the whole ${money(invoice.outstanding_amount, invoice.currency)} to ${invoice.number}`}
                            >
                              all
                            </button>
                          )}
                          <label class="close-short">
                            <input
                              type="checkbox"
                              checked={closeShort[invoice.id] ?? false}
                              onChange={(e) => setCloseShort({ ...closeShort, [invoice.id]: e.currentTarget.checked })}
                            />{' '}
                            close the rest short<span class="visually-hidden"> on {invoice.number}</span>
                          </label>
                          {error && (
                            <p class="field-error" id={field + '-error'} role="alert">
                              {error}
                            </p>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </Table>
              )
            }
          </Guard>
        )}
        {mayApply && debtor && (
          <div class="apply-bar">
            <p aria-live="polite">
              To apply: <strong data-testid="apply-total">{total === null ? '—' : money(total, c)}</strong> of{' '}
              {money(r.unapplied_amount, c)} unapplied, over {chosen.length} invoice{chosen.length === 1 ? '' : 's'}.
            </p>
            <button type="submit" disabled={action.busy || chosen.length === 0}>
              {action.busy ? 'Applying…' : 'Apply the receipt'}
            </button>
          </div>
        )}
        {action.problem && !rowProblem && <ProblemNote problem={action.problem} />}
      </form>

      {applied && effects && <Applied receipt={applied} effects={effects} names={names} />}
    </>
  );
}

function describe(list: { invoice_id: string; amount: string }[], open: Invoice[], currency: string): string {
  return list
    .map((a) => `${open.find((invoice) => invoice.id === a.invoice_id)?.number ?? a.invoice_id} ${money(a.amount, currency)}`)
    .join(' + ');
}

// What applying did: the entries posted, and each client's reserve before and after, with the rebate that is
// now releasable paid on request.
function Applied({ receipt, effects, names }: { receipt: ReceiptView; effects: Effect[]; names: Map<string, string> }) {
  const c = receipt.currency;
  return (
    <section aria-labelledby="applied-title" class="applied" data-testid="applied">
      <h3 id="applied-title">Applied: {money(receipt.applied_amount, c)} of {money(receipt.amount, c)}</h3>
      <p role="status">
        {receipt.id} has {money(receipt.unapplied_amount, c)} left unapplied.
      </p>
      <Table class="reserve-effects" caption="The reserve before and after" columns={['Client', 'Reserve held#', 'Required#', 'Releasable before#', 'Releasable now#', 'Rebate']}>
        {effects.map((effect) => (
          <ReserveEffect key={effect.client_id} effect={effect} name={names.get(effect.client_id) ?? effect.client_id} />
        ))}
      </Table>
      <details>
        <summary>The journal entries posted ({receipt.entries.length})</summary>
        <Table columns={['Entry', 'Kind', 'Account', 'Invoice', 'Amount#']}>
          {receipt.entries.flatMap((entry) =>
            entry.postings.map((posting, index) => (
              <tr key={`${entry.id}-${index}`}>
                <td>{index === 0 ? entry.id : ''}</td>
                <td>{index === 0 ? words(entry.kind) : ''}</td>
                <td>{words(posting.account)}</td>
                <td>{posting.invoice_id ?? ''}</td>
                <td class="number">{money(posting.amount, entry.currency)}</td>
              </tr>
            )),
          )}
        </Table>
      </details>
    </section>
  );
}

function ReserveEffect({ effect, name }: { effect: Effect; name: string }) {
  const { before, after } = effect;
  const c = after?.currency ?? before?.currency ?? 'USD';
  const [payout, setPayout] = useState<Payout | null>(null);
  const [message, setMessage] = useState('');
  const action = useAction();
  const key = useRef(newIdempotencyKey());
  const releasable = after ? Number(after.releasable_amount) > 0 : false;

  async function release() {
    const reply = await action.run(() =>
      api<{ payout: Payout | null; message?: string }>(`/v1/clients/${encodeURIComponent(effect.client_id)}/rebates`, {
        method: 'POST',
        body: {},
        idempotencyKey: key.current,
      }),
    );
    if (!reply) return;
    setPayout(reply.payout);
    setMessage(reply.payout ? '' : reply.message ?? 'nothing to release');
  }

  return (
    <tr>
      <th scope="row">
        <Link href={'/clients/' + effect.client_id}>{name}</Link>
      </th>
      <td class="number">{money(after?.reserve_amount, c)}</td>
      <td class="number">{money(after?.required_amount, c)}</td>
      <td class="number">{money(before?.releasable_amount, c)}</td>
      <td class="number" data-testid="releasable-now">
        {money(after?.releasable_amount, c)}
      </td>
      <td>
        {payout ? (
          <span class="ok" data-testid="rebate-released" role="status">
            Rebate released: <Link href="/payouts">{payout.id}</Link> {money(payout.amount, payout.currency)}
          </span>
        ) : releasable ? (
          <button type="button" onClick={release} disabled={action.busy}>
            Release the rebate
          </button>
        ) : (
          message || 'nothing releasable'
        )}
        {action.problem && <ProblemNote problem={action.problem} />}
      </td>
    </tr>
  );
}

// ---- auto-apply, a new receipt, a bank file

function AutoApplyOutcome({ result }: { result: AutoApplyResult }) {
  return (
    <div role="status" class="outcome-box">
      <p>
        <strong>{result.applied}</strong> of {result.receipts.length} receipts applied where certain.
      </p>
      {result.receipts.length > 0 && (
        <ul class="plain">
          {result.receipts.map((outcome) => (
            <li key={outcome.receipt_id}>
              <Link href={'/cash?receipt=' + outcome.receipt_id}>{outcome.receipt_id}</Link>:{' '}
              {outcome.applied ? 'applied' : 'left for you'} — {outcome.reason}
              {!outcome.applied && outcome.suggestions.length > 0 && ` (${outcome.suggestions.length} suggestions)`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AutoApply({ onDone }: { onDone: () => void }) {
  const action = useAction();
  const [result, setResult] = useState<AutoApplyResult | null>(null);
  async function run() {
    const reply = await action.run(() => api<AutoApplyResult>('/v1/receipts/auto-apply', { method: 'POST', idempotencyKey: newIdempotencyKey() }));
    if (reply) {
      setResult(reply);
      onDone();
    }
  }
  return (
    <div class="action">
      <h3>Auto-apply</h3>
      <p class="hint">Applies every receipt whose match is certain; the rest stay here with their suggestions.</p>
      <button type="button" onClick={run} disabled={action.busy}>
        {action.busy ? 'Applying…' : 'Run auto-apply'}
      </button>
      {action.problem && <ProblemNote problem={action.problem} />}
      {result && <AutoApplyOutcome result={result} />}
    </div>
  );
}

const kReceiptFields = ['currency', 'amount', 'received_on', 'payer', 'reference', 'debtor_id'];

function RecordReceipt(props: { debtors: Debtor[]; businessDate: string; baseCurrency: string; onRecorded: (receipt: ReceiptView) => void }) {
  const [form, setForm] = useState({ debtor_id: '', currency: '', amount: '', received_on: '', payer: '', reference: '' });
  const [key, setKey] = useState(newIdempotencyKey);
  const action = useAction();
  useEffect(() => {
    if (!form.received_on && props.businessDate) setForm((f) => ({ ...f, received_on: props.businessDate }));
  }, [props.businessDate]);
  const currencies = [...new Set([props.baseCurrency, ...props.debtors.map((d) => d.currency)])];
  const currency = form.currency || props.debtors.find((d) => d.id === form.debtor_id)?.currency || props.baseCurrency;
  const set = (name: keyof typeof form) => (value: string) => {
    setForm({ ...form, [name]: value });
    setKey(newIdempotencyKey());
  };

  async function submit(event: Event) {
    event.preventDefault();
    const body = { ...form, currency, debtor_id: form.debtor_id || undefined };
    const view = await action.run(() => api<ReceiptView>('/v1/receipts', { method: 'POST', body, idempotencyKey: key }));
    if (!view) return;
    setForm({ ...form, amount: '', payer: '', reference: '' });
    setKey(newIdempotencyKey());
    props.onRecorded(view);
  }

  return (
    <form class="action" onSubmit={submit} noValidate aria-labelledby="record-title">
      <h2 id="record-title">Record a receipt</h2>
      <SelectField
        id="r-debtor"
        label="Debtor (payer)"
        value={form.debtor_id}
        onValue={set('debtor_id')}
        error={action.at('debtor_id')}
        options={[['', 'not known'], ...props.debtors.map((d): [string, string] => [d.id, d.name])]}
      />
      <SelectField id="r-currency" label="Currency" value={currency} onValue={set('currency')} error={action.at('currency')} options={currencies.map((code) => [code, code])} />
      <TextField id="r-amount" label="Amount" hint="e.g. 2045.50" inputMode="decimal" value={form.amount} onValue={set('amount')} error={action.at('amount')} />
      <TextField id="r-received_on" label="Received on" hint="YYYY-MM-DD" value={form.received_on} onValue={set('received_on')} error={action.at('received_on')} />
      <TextField id="r-payer" label="Payer as the bank shows it" value={form.payer} onValue={set('payer')} error={action.at('payer')} />
      <TextField id="r-reference" label="Remittance reference" hint="the invoice numbers it pays, as sent" value={form.reference} onValue={set('reference')} error={action.at('reference')} />
      {action.whole(kReceiptFields) && <ProblemNote problem={action.whole(kReceiptFields)!} />}
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Recording…' : 'Record the receipt'}
      </button>
    </form>
  );
}

function BankFile({ onLoaded }: { onLoaded: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [autoApply, setAutoApply] = useState(true);
  const [result, setResult] = useState<BankImport | null>(null);
  const action = useAction();

  async function submit(event: Event) {
    event.preventDefault();
    if (!file) return;
    const path = '/v1/bank-files' + query({ auto_apply: autoApply ? 'true' : undefined, name: file.name });
    const reply = await action.run(() => upload<BankImport>(path, file, { idempotencyKey: newIdempotencyKey() }));
    if (!reply) return;
    setResult(reply);
    onLoaded();
  }

  const imported = result?.import;
  // a refused file names the place in the file at fault (BkToCstmrStmt, a BAI2 record): said beside the file
  const fileError = action.problem ? action.problem.detail : null;
  return (
    <form class="action" onSubmit={submit} noValidate aria-labelledby="bank-title">
      <h2 id="bank-title">Load a bank file</h2>
      <FileField
        id="b-file"
        label="Bank statement (camt.053/054, BAI2, lockbox CSV)"
        accept=".xml,.txt,.bai,.bai2,.csv"
        file={file}
        onFile={setFile}
        error={fileError}
      />
      <CheckboxField id="b-auto" label="Apply the certain matches at once" checked={autoApply} onChecked={setAutoApply} />
      <button type="submit" disabled={action.busy || !file}>
        {action.busy ? 'Loading…' : 'Load the file'}
      </button>
      {imported && (
        <div role="status" class="outcome-box" data-testid="bank-result">
          <p>
            {words(imported.format)}: {imported.recorded.length} receipts recorded, {imported.duplicates.length} lines loaded before
            (skipped), {imported.debits_skipped} debits, {imported.reversals_skipped} reversals and {imported.pending_skipped} pending
            entries skipped.
          </p>
          {imported.recorded.length > 0 && (
            <ul class="plain">
              {imported.recorded.map((receipt) => (
                <li key={receipt.id}>
                  <Link href={'/cash?receipt=' + receipt.id}>{receipt.id}</Link> {money(receipt.amount, receipt.currency)} from{' '}
                  {receipt.payer || 'an unnamed payer'} {receipt.reference && `(${receipt.reference})`}
                </li>
              ))}
            </ul>
          )}
          {result.auto_apply && <AutoApplyOutcome result={result.auto_apply} />}
        </div>
      )}
    </form>
  );
}
