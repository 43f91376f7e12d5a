// The invoices list, paged and filtered by the server (GET /v1/invoices with ?state, ?client_id,
// ?debtor_id, ?schedule_id, ?limit and ?cursor): the filters live in the page's address, so a filtered page
// can be bookmarked and the browser's Back goes to the page before. A client user sees its own invoices.
import { useEffect, useState } from 'preact/hooks';
import { Link, useLocation, useSearch } from 'wouter-preact';
import { fieldMessage, query, type Debtor, type Invoice, type Page, type User } from '../api';
import { SelectField, TextField } from '../components/Field';
import { Table } from '../components/Table';
import { Guard, PageTitle } from '../components/Status';
import { money, words } from '../format';
import { useApi, useClientNames } from '../hooks';

const kStates = ['submitted', 'approved', 'funded', 'closed', 'rejected', 'charged_back', 'written_off'];
const kStateOptions: [string, string][] = [['', 'any'], ...kStates.map((state): [string, string] => [state, words(state)])];
const kLimits = ['25', '50', '100', '200'];

type Filters = {
  state: string;
  client_id: string;
  debtor_id: string;
  schedule_id: string;
  limit: string;
};

function filtersOf(search: string): Filters & { cursor: string } {
  const params = new URLSearchParams(search);
  return {
    state: params.get('state') ?? '',
    client_id: params.get('client_id') ?? '',
    debtor_id: params.get('debtor_id') ?? '',
    schedule_id: params.get('schedule_id') ?? '',
    limit: params.get('limit') ?? '50',
    cursor: params.get('cursor') ?? '',
  };
}

export function Invoices({ user }: { user: User }) {
  const search = useSearch();
  const [, navigate] = useLocation();
  const applied = filtersOf(search);
  const [draft, setDraft] = useState<Filters>(applied);
  useEffect(() => setDraft(filtersOf(search)), [search]);
  const list = useApi<Page<Invoice>>('/v1/invoices' + query(applied));
  const isClient = user.role === 'client';
  const names = useClientNames();
  const debtors = useApi<Page<Debtor>>(isClient ? null : '/v1/debtors?limit=500');
  // A book with more debtors than one page of them: the debtor is given by its id (the debtor's own page
  // links here with it), not picked from a list that would lack most of them.
  const manyDebtors = Boolean(debtors.data?.next_cursor);
  const fieldError = (name: string) => (list.problem?.field === name ? fieldMessage(list.problem) : null);
  const wholeProblem = list.problem && !['state', 'client_id', 'debtor_id', 'schedule_id', 'limit', 'cursor'].includes(list.problem.field ?? '') ? list.problem : null;

  function apply(event: Event) {
    event.preventDefault();
    navigate('/invoices' + query({ ...draft, limit: draft.limit === '50' ? '' : draft.limit }));
  }
  const set = (name: keyof Filters) => (value: string) => setDraft({ ...draft, [name]: value });

  return (
    <>
      <PageTitle>{isClient ? 'My invoices' : 'Invoices'}</PageTitle>
      <form class="filters" onSubmit={apply} aria-label="Filter invoices">
        <SelectField id="f-state" label="State" value={draft.state} onValue={set('state')} error={fieldError('state')} options={kStateOptions} />
        {!isClient && (
          <SelectField
            id="f-client"
            label="Client"
            value={draft.client_id}
            onValue={set('client_id')}
            error={fieldError('client_id')}
            options={[['', 'any'], ...names]}
          />
        )}
        {!isClient && !manyDebtors && (
          <SelectField
            id="f-debtor"
            label="Debtor"
            value={draft.debtor_id}
            onValue={set('debtor_id')}
            error={fieldError('debtor_id')}
            options={[['', 'any'], ...(debtors.data?.data ?? []).map((debtor): [string, string] => [debtor.id, debtor.name])]}
          />
        )}
        {!isClient && manyDebtors && (
          <TextField id="f-debtor" label="Debtor" hint="e.g. dbt_12" size={10} value={draft.debtor_id} onValue={set('debtor_id')} error={fieldError('debtor_id')} />
        )}
        <TextField
          id="f-schedule"
          label="Schedule"
          hint="e.g. sch_12"
          size={10}
          value={draft.schedule_id}
          onValue={set('schedule_id')}
          error={fieldError('schedule_id')}
        />
        <SelectField id="f-limit" label="Per page" value={draft.limit} onValue={set('limit')} error={fieldError('limit')} options={kLimits.map((limit) => [limit, limit])} />
        <button type="submit">Apply filters</button>
      </form>
      {list.problem && !wholeProblem ? null : (
        <Guard what="invoices" data={list.data} problem={wholeProblem}>
          {(page) => (
            <InvoiceTable
              page={page}
              names={names}
              ownOnly={isClient}
              busy={list.loading}
              firstHref={applied.cursor ? '/invoices' + query({ ...applied, cursor: '' }) : null}
              nextHref={page.next_cursor ? '/invoices' + query({ ...applied, cursor: page.next_cursor }) : null}
            />
          )}
        </Guard>
      )}
    </>
  );
}

function InvoiceTable(props: {
  page: Page<Invoice>;
  names: Map<string, string>;
  ownOnly: boolean; // a client user's own invoices: no client column
  busy: boolean;
  firstHref: string | null;
  nextHref: string | null;
}) {
  const { page, names } = props;
  return (
    <section aria-labelledby="invoice-results" aria-busy={props.busy}>
      <h2 id="invoice-results" class="visually-hidden">
        Results
      </h2>
      <p role="status">{page.data.length === 0 ? 'No invoice matches.' : `${page.data.length} invoices on this page.`}</p>
      {page.data.length > 0 && (
        <Table
          class="invoices"
          columns={[
            'Invoice',
            ...(props.ownOnly ? [] : ['Client']),
            'State',
            'Issued~',
            'Due',
            'Face#',
            'Outstanding#~',
          ]}
        >
              {page.data.map((invoice) => (
                <tr key={invoice.id}>
                  <th scope="row">
                    <Link href={'/invoices/' + invoice.id}>{invoice.number}</Link> <span class="id">{invoice.id}</span>
                  </th>
                  {!props.ownOnly && <td>{names.get(invoice.client_id) ?? invoice.client_id}</td>}
                  <td>
                    <span class={'state state-' + invoice.state}>{words(invoice.state)}</span>
                    {invoice.disputed && <span class="flag"> disputed</span>}
                    {invoice.needs_review && <span class="flag"> held</span>}
                  </td>
                  <td class="wide-only">{invoice.issue_date}</td>
                  <td>{invoice.due_date}</td>
                  <td class="number">{money(invoice.face_amount, invoice.currency)}</td>
                  <td class="number wide-only">{money(invoice.outstanding_amount, invoice.currency)}</td>
                </tr>
              ))}
        </Table>
      )}
      <nav class="pager" aria-label="Pages">
        {props.firstHref && <Link href={props.firstHref}>First page</Link>}
        {props.nextHref && <Link href={props.nextHref}>Next page</Link>}
      </nav>
    </section>
  );
}
