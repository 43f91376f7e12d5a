// On an invoice's page (staff who verify: admin, underwriter, collector): issue a signed, single-use link
// for the debtor to confirm or contest the invoice (POST /v1/invoices/{id}/debtor-links). The answer's "path"
// is the debtor portal's page (/debtor#token=...); the full address is shown once, ready to copy into a
// message to the debtor. The token is not kept anywhere by the page.
import { useState } from 'preact/hooks';
import { api, type IssuedDebtorLink } from '../api';
import { useAction } from '../forms';
import { instant } from '../format';
import { TextField } from './Field';
import { ProblemNote } from './Status';

export function DebtorLinkIssuer({ invoiceId, onIssued }: { invoiceId: string; onIssued: () => void }) {
  const [days, setDays] = useState('14');
  const [issued, setIssued] = useState<IssuedDebtorLink | null>(null);
  const [copied, setCopied] = useState(false);
  const action = useAction();
  const address = issued ? window.location.origin + issued.path : '';

  async function submit(event: Event) {
    event.preventDefault();
    setCopied(false);
    const trimmed = days.trim();
    // a number the server checks (1..90); anything else goes as it is, so the server's message names it
    const body = trimmed === '' ? {} : { expires_in_days: /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed };
    const reply = await action.run(() =>
      api<IssuedDebtorLink>(`/v1/invoices/${encodeURIComponent(invoiceId)}/debtor-links`, { method: 'POST', body }),
    );
    if (reply) {
      setIssued(reply);
      onIssued();
    }
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(address);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard (an insecure origin): the address stays selectable
    }
  }

  return (
    <form class="action" onSubmit={submit} aria-labelledby="debtor-link-title" noValidate>
      <h2 id="debtor-link-title">Ask the debtor to confirm</h2>
      <p>A link the debtor opens without signing in, to confirm the invoice or contest it with a reason. It works once.</p>
      <TextField id="dl-days" label="Expires in (days)" hint="1 to 90" size={4} inputMode="numeric" value={days} onValue={setDays} error={action.at('expires_in_days')} />
      {action.whole(['expires_in_days']) && <ProblemNote problem={action.whole(['expires_in_days'])!} />}
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Creating…' : 'Create a debtor link'}
      </button>
      {issued && (
        <div role="status" class="outcome-box" data-testid="debtor-link">
          <label for="dl-address">Link to send to the debtor (shown this once; expires {instant(issued.link.expires_at)})</label>
          <input id="dl-address" type="text" readOnly value={address} size={60} onFocus={(event) => event.currentTarget.select()} />
          <button type="button" onClick={copy}>
            Copy the link
          </button>
          <span aria-live="polite">{copied ? ' Copied.' : ''}</span>
        </div>
      )}
    </form>
  );
}
