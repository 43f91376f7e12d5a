// The factor's clients with their factoring limit, funds employed, availability and reserve
// (GET /v1/clients, GET /v1/reports/reserve); each leads to the client's page. Underwriters also find the
// client applications (onboarding, pages/Applications.tsx) here.
import { Link } from 'wouter-preact';
import type { Client, Page, ReserveRow, User } from '../api';
import { Guard, PageTitle } from '../components/Status';
import { Table } from '../components/Table';
import { money, percent, words } from '../format';
import { useApi } from '../hooks';

export function Clients({ user }: { user: User }) {
  const clients = useApi<Page<Client>>('/v1/clients?limit=500');
  const reserve = useApi<{ as_of: string; rows: ReserveRow[] }>('/v1/reports/reserve');
  const rows = new Map((reserve.data?.rows ?? []).map((row) => [row.client_id, row]));
  return (
    <>
      <PageTitle>Clients</PageTitle>
      {(user.role === 'admin' || user.role === 'underwriter') && (
        <p>
          <Link href="/applications">Client applications</Link>: open, review and approve new clients.
        </p>
      )}
      <Guard what="clients" data={clients.data} problem={clients.problem ?? reserve.problem}>
        {(page) => (
          <Table
            caption={`Clients, as of ${reserve.data?.as_of ?? '…'}`}
            columns={['Client', 'Status~', 'Advance~', 'Factoring limit#', 'Funds employed#', 'Available#', 'Reserve#~']}
          >
            {page.data.map((client) => {
              const row = rows.get(client.id);
              const c = client.currency;
              return (
                <tr key={client.id}>
                  <th scope="row">
                    <Link href={'/clients/' + client.id}>{client.name}</Link>
                  </th>
                  <td class="wide-only">{words(client.status)}</td>
                  <td class="wide-only">{percent(client.terms.advance_rate)}</td>
                  <td class="number">{money(client.terms.factoring_limit, c)}</td>
                  <td class="number">{money(row?.funds_employed_amount, c)}</td>
                  <td class="number">{money(row?.availability_amount, c)}</td>
                  <td class="number wide-only">{money(row?.reserve_amount, c)}</td>
                </tr>
              );
            })}
          </Table>
        )}
      </Guard>
    </>
  );
}
