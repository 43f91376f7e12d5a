// The legend a client prints on each invoice it factors (GET /v1/clients/{id}/assignment-legend: staff and the
// client's own user): the assignment to the factor and the remittance instructions. A book without
// remittance instructions has no legend yet; the server says so in its place.
import { useApi } from '../hooks';
import { Guard } from './Status';

export function AssignmentLegend({ clientId }: { clientId: string }) {
  const legend = useApi<{ legend: string }>(`/v1/clients/${encodeURIComponent(clientId)}/assignment-legend`);
  return (
    <section aria-labelledby="legend-title">
      <h2 id="legend-title">The legend to print on invoices</h2>
      <Guard what="the legend" data={legend.data} problem={legend.problem}>
        {(l) => (
          <blockquote class="pre-line" data-testid="assignment-legend">
            {l.legend}
          </blockquote>
        )}
      </Guard>
    </section>
  );
}
