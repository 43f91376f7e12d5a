// On a debtor's page (staff): its credit (GET /v1/debtors/{id}/credit-report): the score and grade from the
// book's payment history and the bureau scores, the suggested limit, whether a fresh review is needed before
// new fundings, the evidence behind the score, the bureau scores on file with how each was used, and the
// credit reviews. Underwriters (admin, underwriter) record a review (POST /v1/debtors/{id}/credit-reviews:
// the decision, a limit, an expiry date, notes); a refusal is said next to the field it names, what was typed
// stays and nothing is recorded.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { useAction, useFields } from '../forms';
import { money, words } from '../format';
import { useApi } from '../hooks';
import { Facts } from './Facts';
import { SelectField, TextField } from './Field';
import { FormEnd } from './FormEnd';
import { Guard } from './Status';
import { Table } from './Table';

interface CreditReview {
  id: string;
  reviewer: string;
  reviewed_on: string;
  decision: string;
  limit: string;
  currency: string;
  notes: string;
  expires_on: string | null;
  score: number | null;
  suggested_limit: string | null;
}

interface CreditReport {
  currency: string;
  as_of: string;
  score: number | null;
  grade: string | null;
  history_score: number | null;
  bureau_score: number | null;
  suggested_limit: string | null;
  credit_limit: string;
  review_standing: string;
  reviews_required: boolean;
  evidence: Record<string, unknown>;
  bureau_scores: { id: string; bureau: string; score: number; as_of: string; source: string; use: string }[];
  reviews: CreditReview[];
}

// The evidence's plain figures as [label, text]; nested parts (the penalties) by "part: name".
function evidenceFacts(evidence: Record<string, unknown>, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(evidence)) {
    const label = prefix + words(key);
    if (value === null || value === undefined) out.push([label, '—']);
    else if (Array.isArray(value)) out.push([label, value.length ? value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join('; ') : 'none']);
    else if (typeof value === 'object') out.push(...evidenceFacts(value as Record<string, unknown>, label + ': '));
    else out.push([label, String(value)]);
  }
  return out;
}

export function DebtorCredit({ debtorId, canReview, onReviewed }: { debtorId: string; canReview: boolean; onReviewed: () => void }) {
  const path = `/v1/debtors/${encodeURIComponent(debtorId)}`;
  const report = useApi<CreditReport>(path + '/credit-report');
  return (
    <section aria-labelledby="credit-title">
      <h2 id="credit-title">Credit</h2>
      <Guard what="the credit report" data={report.data} problem={report.problem}>
        {(r) => {
          const c = r.currency;
          return (
            <>
              <Facts
                label="Credit score"
                items={[
                  ['Score', <span data-testid="credit-score">{r.score === null ? 'not scored' : `${r.score} (${r.grade})`}</span>],
                  ['From payment history', r.history_score === null ? 'no history' : String(r.history_score)],
                  ['From bureaus', r.bureau_score === null ? 'none' : String(r.bureau_score)],
                  ['Suggested limit', r.suggested_limit === null ? '—' : money(r.suggested_limit, c)],
                  ['Credit limit', money(r.credit_limit, c)],
                  ['Review', <span data-testid="review-standing">{words(r.review_standing)}</span>],
                ]}
              />
              <details>
                <summary>The evidence behind the score (as of {r.as_of})</summary>
                <Facts label="Evidence" class="facts evidence" items={evidenceFacts(r.evidence)} />
              </details>
              <h3>Bureau scores</h3>
              {r.bureau_scores.length === 0 ? (
                <p>No bureau scores on file.</p>
              ) : (
                <Table columns={['Bureau', 'Score#', 'As of', 'Source', 'Use']}>
                  {r.bureau_scores.map((score) => (
                    <tr key={score.id}>
                      <th scope="row">{score.bureau}</th>
                      <td class="number">{score.score}</td>
                      <td>{score.as_of}</td>
                      <td>{score.source}</td>
                      <td>{score.use}</td>
                    </tr>
                  ))}
                </Table>
              )}
              <h3>Credit reviews</h3>
              {r.reviews.length === 0 ? (
                <p>No credit review yet{r.reviews_required ? ': new fundings on this debtor need one.' : '.'}</p>
              ) : (
                <Table class="credit-reviews" columns={['Reviewed on', 'Decision', 'Limit#', 'Expires', 'Reviewer', 'Notes']}>
                  {r.reviews.map((review) => (
                    <tr key={review.id}>
                      <th scope="row">{review.reviewed_on}</th>
                      <td>{words(review.decision)}</td>
                      <td class="number">{money(review.limit, review.currency)}</td>
                      <td>{review.expires_on ?? '—'}</td>
                      <td>{review.reviewer}</td>
                      <td>{review.notes}</td>
                    </tr>
                  ))}
                </Table>
              )}
              {canReview && (
                <ReviewForm
                  path={path}
                  currency={c}
                  onDone={() => {
                    report.reload();
                    onReviewed(); // the review sets the debtor's credit limit
                  }}
                />
              )}
            </>
          );
        }}
      </Guard>
    </section>
  );
}

function ReviewForm({ path, currency, onDone }: { path: string; currency: string; onDone: () => void }) {
  const { form, set } = useFields({ decision: 'approved', limit: '', expires_on: '', notes: '' });
  const [done, setDone] = useState('');
  const action = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    setDone('');
    const body: Record<string, string> = { decision: form.decision, notes: form.notes.trim() };
    if (form.limit.trim()) body.limit = form.limit.trim();
    if (form.expires_on.trim()) body.expires_on = form.expires_on.trim();
    const review = await action.run(() => api<CreditReview>(path + '/credit-reviews', { method: 'POST', body }));
    if (review) {
      setDone(`Review recorded: ${words(review.decision)}, limit ${money(review.limit, review.currency)}${review.expires_on ? ', expires ' + review.expires_on : ''}.`);
      onDone();
    }
  }
  return (
    <form class="action" id="credit-review" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Record a credit review</legend>
        <SelectField id="cr-decision" label="Decision" value={form.decision} onValue={set('decision')} options={[['approved', 'Approved'], ['declined', 'Declined']]} error={action.at('decision')} />
        <TextField id="cr-limit" label={`Credit limit (${currency})`} hint="empty: the suggested limit (approved); a decline sets none" inputMode="decimal" value={form.limit} onValue={set('limit')} error={action.at('limit')} />
        <TextField id="cr-expires" label="Review expires on" hint="YYYY-MM-DD; empty: the book's review period" size={11} value={form.expires_on} onValue={set('expires_on')} error={action.at('expires_on')} />
        <TextField id="cr-notes" label="Notes" value={form.notes} onValue={set('notes')} error={action.at('notes')} />
        <FormEnd action={action} fields={['decision', 'limit', 'expires_on', 'notes']} label="Record the review" busyLabel="Recording…" done={done} />
      </fieldset>
    </form>
  );
}
