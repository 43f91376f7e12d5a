// Schedules, paged by the server (GET /v1/schedules?limit&cursor, ?client_id to narrow).
import { Link, useSearch } from 'wouter-preact';
import { query, type Page, type Schedule, type User } from '../api';
import { Guard, PageTitle } from '../components/Status';
import { Table } from '../components/Table';
import { words } from '../format';
import { useApi, useClientNames } from '../hooks';

export function Schedules({ user }: { user: User }) {
  const params = new URLSearchParams(useSearch());
  const filters = { client_id: params.get('client_id') ?? '', cursor: params.get('cursor') ?? '', limit: 50 };
  const list = useApi<Page<Schedule>>('/v1/schedules' + query(filters));
  const names = useClientNames();
  return (
    <>
      <PageTitle>Schedules</PageTitle>
      {(user.role === 'admin' || user.role === 'underwriter') && (
        <p>
          <Link href="/schedules/new">Submit a schedule for a client</Link>
        </p>
      )}
      <Guard what="schedules" data={list.data} problem={list.problem}>
        {(page) => (
          <>
            <Table columns={['Schedule', 'Client', 'Submitted', 'State', 'Payout']}>
                {page.data.map((schedule) => (
                  <tr key={schedule.id}>
                    <th scope="row">
                      <Link href={'/schedules/' + schedule.id}>{schedule.id}</Link>
                    </th>
                    <td>{names.get(schedule.client_id) ?? schedule.client_id}</td>
                    <td>{schedule.submitted_on}</td>
                    <td>{words(schedule.state)}</td>
                    <td>{schedule.payout_id ?? '—'}</td>
                  </tr>
                ))}
            </Table>
            <nav class="pager" aria-label="Pages">
              {filters.cursor && <Link href={'/schedules' + query({ ...filters, cursor: '', limit: '' })}>First page</Link>}
              {page.next_cursor && (
                <Link href={'/schedules' + query({ ...filters, cursor: page.next_cursor, limit: '' })}>Next page</Link>
              )}
            </nav>
          </>
        )}
      </Guard>
    </>
  );
}
