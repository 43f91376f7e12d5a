// The debtor portal: the page a debtor opens from the signed link the factor sent (/debtor#token=TOKEN), with
// no login. It shows the one invoice the link is for (client, amount, dates) with the notice of assignment and
// the factor's remittance instructions, and takes the debtor's answer: confirm (delivered, amount right, no
// offsets) or contest with a reason; a notice link instead asks to acknowledge the notice. An expired, forged
// or already used link gets a page of its own saying so. Only the public debtor-link API is used
// (GET /v1/debtor-link, POST /v1/debtor-link/confirm, /contest, /acknowledge), with the token as a Bearer
// credential: the fragment that carries it is never sent to the server by the browser.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { linkApi, problemFrom, type DebtorAnswerReply, type DebtorLinkView, type NoticeStatus, type Problem } from '../api';
import { CheckboxField } from '../components/Field';
import { Facts } from '../components/Facts';
import { Loading, PageTitle } from '../components/Status';
import { TopBar } from '../components/TopBar';
import { instant, money, words } from '../format';
import { useAction } from '../forms';

// The token from the address: #token=... (what the server's links carry), or ?token=... (typed by hand or an
// older link), which is moved into the fragment so a reload no longer sends it to the server.
function tokenOf(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) return fromHash;
  const fromQuery = new URLSearchParams(window.location.search).get('token');
  if (fromQuery) {
    history.replaceState(null, '', window.location.pathname + '#token=' + encodeURIComponent(fromQuery));
    return fromQuery;
  }
  return '';
}

type State = { state: 'loading' } | { state: 'refused'; problem: Problem } | { state: 'open'; view: DebtorLinkView };

export function DebtorPortal() {
  const [token, setToken] = useState(tokenOf);
  const [state, setState] = useState<State>({ state: 'loading' });
  // Another link pasted into the same tab changes only the fragment: the page opens that one.
  useEffect(() => {
    const follow = () => setToken(tokenOf());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  useEffect(() => {
    if (!token) {
      setState({ state: 'refused', problem: { status: 401, code: 'invalid_link', detail: 'this address has no link token in it', errors: [] } });
      return;
    }
    let gone = false;
    setState({ state: 'loading' });
    linkApi<DebtorLinkView>('/v1/debtor-link', token)
      .then((view) => !gone && setState({ state: 'open', view }))
      .catch((error: unknown) => !gone && setState({ state: 'refused', problem: problemFrom(error) }));
    return () => {
      gone = true;
    };
  }, [token]);

  return (
    <>
      <TopBar>
        <span class="portal-name">Invoice confirmation for debtors</span>
      </TopBar>
      <main id="main" tabIndex={-1} class="portal">
        {state.state === 'loading' && <Loading what="the invoice" />}
        {state.state === 'refused' && <LinkRefused problem={state.problem} />}
        {state.state === 'open' && <LinkOpen key={token} view={state.view} token={token} />}
      </main>
    </>
  );
}

// Why the link does not open, in words a debtor can act on (the API's codes: 401 invalid_link, 403
// wrong_link_purpose, 410 link_expired or link_used).
function refusalOf(problem: Problem): { title: string; advice: string } {
  switch (problem.code) {
    case 'invalid_link':
      return {
        title: 'This link is not valid',
        advice: 'Check that the whole link was copied from the message you received. If it was, ask the sender for a new link.',
      };
    case 'link_expired':
      return { title: 'This link has expired', advice: 'Links work for a limited time. Ask the sender for a new link.' };
    case 'link_used':
      return {
        title: 'This link was used already',
        advice: 'Each link takes one answer and your answer was recorded. If you need to change it, ask the sender for a new link.',
      };
    case 'wrong_link_purpose':
      return { title: 'This link is for something else', advice: 'Ask the sender for a new link.' };
    default:
      return { title: 'The invoice could not be opened', advice: 'Try again in a moment; if it keeps failing, contact the sender.' };
  }
}

function LinkRefused({ problem }: { problem: Problem }) {
  const { title, advice } = refusalOf(problem);
  return (
    <section class="link-refused" aria-labelledby="refused-title">
      <PageTitle>
        <span id="refused-title">{title}</span>
      </PageTitle>
      <p class="problem" role="alert">
        {problem.detail ? problem.detail.charAt(0).toUpperCase() + problem.detail.slice(1) + '.' : null}{' '}
        <span class="code">({problem.code})</span>
      </p>
      <p>{advice}</p>
      <p class="hint">Nothing was recorded by opening this page.</p>
    </section>
  );
}

function LinkOpen({ view, token }: { view: DebtorLinkView; token: string }) {
  // the notice's standing, as the link opened it or as the debtor's acknowledgement left it
  const [notice, setNotice] = useState<NoticeStatus>(view.notice);
  return (
    <>
      {view.invoice ? (
        <InvoiceAnswer view={view} invoice={view.invoice} token={token} />
      ) : (
        <NoticeAcknowledgement view={view} token={token} onDone={setNotice} />
      )}
      <Assignment view={view} notice={notice} />
      <p class="hint">
        This link is for {view.debtor} only, works once and expires on <time dateTime={view.expires_at}>{instant(view.expires_at)}</time>.
      </p>
    </>
  );
}

// The notice of assignment and where to pay: the text the client prints on its invoices, and the factor's
// remittance instructions.
function Assignment({ view, notice }: { view: DebtorLinkView; notice: NoticeStatus }) {
  return (
    <section aria-labelledby="noa-title" class="assignment">
      <h2 id="noa-title">Notice of assignment and where to pay</h2>
      <p>
        {view.client} has assigned its invoices to {view.factor}. Pay them to {view.factor} only; a payment to {view.client} does
        not settle them.
      </p>
      <blockquote class="legend">{view.assignment_legend}</blockquote>
      <h3 id="remit-title">Remittance instructions</h3>
      {view.remittance_instructions ? (
        <p class="remittance" aria-labelledby="remit-title">
          {view.remittance_instructions}
        </p>
      ) : (
        <p>{view.factor} has not set remittance instructions: ask the sender where to pay.</p>
      )}
      <p>
        Notice to {view.debtor}: <strong data-testid="notice-status">{noticeWords(notice)}</strong>
      </p>
    </section>
  );
}

function noticeWords(notice: NoticeStatus): string {
  if (notice.status === 'acknowledged') return 'acknowledged' + (notice.acknowledged_on ? ' on ' + notice.acknowledged_on : '');
  if (notice.status === 'sent') return 'sent' + (notice.sent_on ? ' on ' + notice.sent_on : '') + (notice.method ? ' by ' + notice.method : '');
  return 'not yet sent';
}

// The recorded answer, announced and focused so a screen reader reads it at once.
function Answered({ title, children }: { title: string; children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section class="answered outcome-box" role="status" aria-labelledby="answered-title">
      <h2 id="answered-title" tabIndex={-1} ref={ref}>
        {title}
      </h2>
      {children}
    </section>
  );
}

type Invoice = NonNullable<DebtorLinkView['invoice']>;

function InvoiceAnswer({ view, invoice, token }: { view: DebtorLinkView; invoice: Invoice; token: string }) {
  const [answer, setAnswer] = useState<{ kind: 'confirmed' | 'contested'; reply: DebtorAnswerReply } | null>(null);
  return (
    <>
      <PageTitle>
        Invoice {invoice.number} from {view.client}
      </PageTitle>
      <p>
        {view.factor} asks {view.debtor} to confirm this invoice, or to tell why it is not right.
      </p>
      <Facts
        label="The invoice"
        items={[
          ['From', view.client],
          ['To', view.debtor],
          ['Invoice number', invoice.number],
          ['Amount', <span data-testid="invoice-amount">{money(invoice.face_amount, invoice.currency)}</span>],
          ['Issued', invoice.issue_date],
          ['Due', <span data-testid="invoice-due">{invoice.due_date}</span>],
        ]}
      />
      {answer ? (
        <Answered title={answer.kind === 'confirmed' ? 'Thank you: the invoice is confirmed' : 'Thank you: your objection is recorded'}>
          <p>
            {answer.kind === 'confirmed'
              ? `${view.factor} has your confirmation of invoice ${invoice.number}.`
              : `${view.factor} has your reason and will contact you about invoice ${invoice.number}.`}{' '}
            Reference {answer.reply.verification.id}, <time dateTime={answer.reply.verification.at}>{instant(answer.reply.verification.at)}</time>.
          </p>
        </Answered>
      ) : (
        <div class="answers">
          <ConfirmForm token={token} onDone={(reply) => setAnswer({ kind: 'confirmed', reply })} />
          <ContestForm token={token} onDone={(reply) => setAnswer({ kind: 'contested', reply })} />
        </div>
      )}
    </>
  );
}

// A refusal that is about the link itself (used up or expired while the page was open) rather than the form.
function LinkProblem({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  return (
    <p class="problem" role="alert">
      {problem.detail} <span class="code">({problem.code})</span>
    </p>
  );
}

function ConfirmForm({ token, onDone }: { token: string; onDone: (reply: DebtorAnswerReply) => void }) {
  const [delivered, setDelivered] = useState(false);
  const [amountCorrect, setAmountCorrect] = useState(false);
  const [noOffsets, setNoOffsets] = useState(false);
  const action = useAction();
  const [missing, setMissing] = useState(false);
  const error = missing
    ? 'Tick all three statements to confirm; if one of them is not true, contest the invoice instead.'
    : action.at('confirm');

  async function submit(event: Event) {
    event.preventDefault();
    // the server says the same (invalid_confirmation); said here without a request
    setMissing(!(delivered && amountCorrect && noOffsets));
    if (!(delivered && amountCorrect && noOffsets)) return;
    const reply = await action.run(() =>
      linkApi<DebtorAnswerReply>('/v1/debtor-link/confirm', token, { delivered, amount_correct: amountCorrect, no_offsets: noOffsets }),
    );
    if (reply) onDone(reply);
  }

  return (
    <form class="action" onSubmit={submit} aria-labelledby="confirm-title" noValidate>
      <h2 id="confirm-title">Confirm the invoice</h2>
      <fieldset aria-describedby={error ? 'confirm-error' : undefined}>
        <legend>We confirm that:</legend>
        <CheckboxField id="confirm-delivered" label="the goods or services were delivered" checked={delivered} onChecked={setDelivered} />
        <CheckboxField id="confirm-amount" label="the amount is right" checked={amountCorrect} onChecked={setAmountCorrect} />
        <CheckboxField id="confirm-offsets" label="we hold no offset, credit or counterclaim against it" checked={noOffsets} onChecked={setNoOffsets} />
        {error && (
          <p class="field-error" id="confirm-error" role="alert">
            {error}
          </p>
        )}
      </fieldset>
      <LinkProblem problem={action.whole(['confirm'])} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Confirming…' : 'Confirm the invoice'}
      </button>
    </form>
  );
}

function ContestForm({ token, onDone }: { token: string; onDone: (reply: DebtorAnswerReply) => void }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const [empty, setEmpty] = useState(false);
  const error = empty ? 'Say why the invoice is not right.' : action.at('reason');

  async function submit(event: Event) {
    event.preventDefault();
    setEmpty(reason.trim() === '');
    if (reason.trim() === '') return;
    const reply = await action.run(() => linkApi<DebtorAnswerReply>('/v1/debtor-link/contest', token, { reason: reason.trim() }));
    if (reply) onDone(reply);
  }

  return (
    <form class="action" onSubmit={submit} aria-labelledby="contest-title" noValidate>
      <h2 id="contest-title">Contest the invoice</h2>
      <div class={'field' + (error ? ' field-invalid' : '')}>
        <label for="contest-reason">Why is the invoice not right?</label>
        <textarea
          id="contest-reason"
          name="contest-reason"
          rows={4}
          maxLength={2000}
          value={reason}
          aria-describedby={'contest-reason-hint' + (error ? ' contest-reason-error' : '')}
          aria-invalid={Boolean(error)}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
        <p class="hint" id="contest-reason-hint">
          For example: goods not received, wrong quantity or price, already paid, a credit note due. At most 2,000 characters.
        </p>
        {error && (
          <p class="field-error" id="contest-reason-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <LinkProblem problem={action.whole(['reason'])} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Sending…' : 'Contest the invoice'}
      </button>
    </form>
  );
}

function NoticeAcknowledgement({ view, token, onDone }: { view: DebtorLinkView; token: string; onDone: (notice: NoticeStatus) => void }) {
  const action = useAction();
  const [notice, setNotice] = useState<NoticeStatus | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const reply = await action.run(() => linkApi<NoticeStatus>('/v1/debtor-link/acknowledge', token, {}));
    if (reply) {
      setNotice(reply);
      onDone(reply);
    }
  }

  return (
    <>
      <PageTitle>
        Notice of assignment: {view.client} to {view.factor}
      </PageTitle>
      <p>
        {view.factor} asks {view.debtor} to acknowledge that invoices of {view.client} are to be paid to {view.factor}, as set out below.
      </p>
      {notice ? (
        <Answered title="Thank you: the notice is acknowledged">
          <p>
            Recorded as {words(notice.status)}
            {notice.acknowledged_on ? ' on ' + notice.acknowledged_on : ''}.
          </p>
        </Answered>
      ) : (
        <form class="action" onSubmit={submit} aria-labelledby="ack-title">
          <h2 id="ack-title">Acknowledge the notice</h2>
          <p>By acknowledging, you confirm you have read the notice and will pay {view.factor} as instructed.</p>
          <LinkProblem problem={action.problem} />
          <button type="submit" disabled={action.busy}>
            {action.busy ? 'Sending…' : 'Acknowledge the notice'}
          </button>
        </form>
      )}
    </>
  );
}
