// The only way the dashboard talks to the server: the public API (/v1/...) on the same origin, with the
// session cookie the login sets and, on writes, the login's CSRF token (docs/api.md, "The browser").
// Every failure comes back as a Problem (problem+json: a stable code, a message and the field at fault).
import { requestStarted } from './timing';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail: string;
  field?: string; // the first field at fault (errors[0].field)
  errors: FieldError[];
  body?: Record<string, unknown>; // the whole answer, for routes that add to it (a file's per-row "result")
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

// The CSRF token is not a secret from our own page; it is kept for the tab's life so a reload keeps working
// (the cookie itself is HttpOnly and never visible here).
const kCsrfKey = 'mf.csrf';
export function setCsrfToken(token: string | null) {
  if (token) localStorage.setItem(kCsrfKey, token);
  else localStorage.removeItem(kCsrfKey);
}

// Called when any request finds the session gone (401): the app shows the sign-in page.
let onUnauthenticated: (problem: Problem) => void = () => {};
export function whenUnauthenticated(handler: (problem: Problem) => void) {
  onUnauthenticated = handler;
}

async function problemOf(response: Response): Promise<Problem> {
  let body: Record<string, unknown> = {};
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy's error page): the status says enough
  }
  const errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : [];
  return {
    status: response.status,
    code: typeof body.code === 'string' ? body.code : 'http_' + response.status,
    title: typeof body.title === 'string' ? body.title : undefined,
    detail: typeof body.detail === 'string' ? body.detail : response.statusText || 'the request failed',
    field: errors[0]?.field,
    errors,
    body,
  };
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  body?: unknown;
  idempotencyKey?: string;
  ifMatch?: string; // the version read, for PATCH (a change made since is 412)
  signal?: AbortSignal;
  // A 401 here is an answer for the caller (the login form), not a lost session.
  quietUnauthenticated?: boolean;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  return send<T>(path, method, headers, options.body === undefined ? undefined : JSON.stringify(options.body), options);
}

// A file sent as it is (the file routes take the bytes as the body, with the file's own content type), for
// example POST /v1/clients/cli_1/invoice-files?name=june.csv. A refusal may carry the per-row results in the
// problem's "result" (ApiError.body).
export async function upload<T>(path: string, file: File, options: RequestOptions = {}): Promise<T> {
  return send<T>(path, 'POST', { 'Content-Type': contentTypeOf(file) }, file, options);
}

// The file routes accept text/csv, application/xml, application/json, text/plain and application/octet-stream.
function contentTypeOf(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.xml')) return 'application/xml';
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.txt') || name.endsWith('.bai') || name.endsWith('.bai2')) return 'text/plain';
  return 'application/octet-stream';
}

async function send<T>(path: string, method: string, headers: Record<string, string>, body: BodyInit | undefined, options: RequestOptions): Promise<T> {
  headers.Accept = 'application/json';
  if (method !== 'GET') {
    const csrf = localStorage.getItem(kCsrfKey);
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  if (options.ifMatch) headers['If-Match'] = `"${options.ifMatch}"`;
  const done = requestStarted();
  try {
    const response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
    if (!response.ok) {
      const problem = await problemOf(response);
      if (problem.status === 401 && !options.quietUnauthenticated) onUnauthenticated(problem);
      throw new ApiError(problem);
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  } finally {
    done();
  }
}

// A file the server writes (a PDF, a payout file, the journal), fetched with the session and saved under the
// name the server gives it (Content-Disposition), or the fallback. A refusal is an ApiError like any other, so
// the page can say it next to the form that asked.
export async function download(path: string, fallbackName: string): Promise<string> {
  const done = requestStarted();
  try {
    const response = await fetch(path, { credentials: 'same-origin' });
    if (!response.ok) {
      const problem = await problemOf(response);
      if (problem.status === 401) onUnauthenticated(problem);
      throw new ApiError(problem);
    }
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return name;
  } finally {
    done();
  }
}

// The debtor portal's calls (web/src/pages/DebtorPortal.tsx): the link's token as a Bearer credential and
// never the cookie, so a staff session open in the same browser is neither used nor lost; a 401 here is a
// bad link, not an ended session.
export async function linkApi<T>(path: string, token: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: 'Bearer ' + token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const done = requestStarted();
  try {
    const response = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
    });
    if (!response.ok) throw new ApiError(await problemOf(response));
    return (await response.json()) as T;
  } finally {
    done();
  }
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

// ---- the records the pages read (src/wire/*.cpp writes them; amounts are decimal strings) ----

export type Role = 'admin' | 'underwriter' | 'collector' | 'viewer' | 'client' | 'investor';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  client_id: string | null;
}

export interface LoginReply {
  token: string;
  csrf_token: string;
  expires_at: string;
  user: User;
}

export interface Client {
  id: string;
  name: string;
  currency: string;
  status: string;
  terms: {
    advance_rate: string;
    factoring_limit: string;
    concentration_limit: string;
    recourse: string;
    fee_schedule: string;
  };
  version?: number;
}

export interface Debtor {
  id: string;
  name: string;
  currency: string;
  credit_limit: string;
  email: string | null;
  tax_id: string | null;
  version: number;
}

export interface Invoice {
  id: string;
  client_id: string;
  debtor_id: string;
  schedule_id: string | null;
  number: string;
  currency: string;
  state: string;
  verification: string;
  disputed: boolean;
  needs_review: boolean;
  review_reasons: string[];
  override_reason: string | null;
  issue_date: string;
  due_date: string;
  funded_on: string | null;
  face_amount: string;
  advance_amount: string;
  reserve_amount: string;
  outstanding_amount: string;
  collected_amount: string;
  advance_rate: string | null;
  last_payment_on: string | null;
  closed_on: string | null;
}

export interface Schedule {
  id: string;
  client_id: string;
  currency: string;
  submitted_on: string;
  state: string;
  payout_id: string | null;
}

export interface ScheduleView extends Schedule {
  invoice_count: number;
  face_amount: string;
  invoices: Invoice[];
}

export interface ApprovalOutcome {
  invoice: Invoice;
  approved: boolean;
  rules: string[];
  message: string | null;
}

export interface Payout {
  id: string;
  client_id: string;
  kind: string; // advance | rebate
  currency: string;
  amount: string;
  netted_amount: string;
  paid_on: string;
  schedule_id: string | null;
  status: string; // pending | sent
  payout_file_id: string | null;
}

export interface PayoutFile {
  id: string;
  format: string; // nacha | pain001
  currency: string;
  created_at: string;
  business_date: string;
  payout_count: number;
  total: string;
  sha256: string;
  file_name: string;
  content_type: string;
}

export interface AuditEvent {
  id: number;
  at: string;
  business_date: string | null;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  detail: string;
  reason: string | null;
}

export interface Posting {
  account: string;
  amount: string;
  client_id: string | null;
  debtor_id: string | null;
  invoice_id: string | null;
}

export interface JournalEntry {
  id: string | null;
  kind: string;
  effective_on: string;
  currency: string;
  memo: string;
  postings: Posting[];
}

export interface InvoiceHistory {
  invoice: Invoice;
  fee_to_date_amount: string;
  events: AuditEvent[];
  entries: JournalEntry[];
}

export interface Receipt {
  id: string;
  currency: string;
  amount: string;
  applied_amount: string;
  unapplied_amount: string;
  received_on: string;
  payer: string;
  reference: string;
  debtor_id: string | null;
  source: string;
}

export interface ReceiptView extends Receipt {
  entries: JournalEntry[];
}

export interface Application {
  invoice_id: string;
  amount: string;
  close_short: boolean;
  to_client: boolean;
}

export interface Suggestion {
  score: number;
  reason: string;
  applications: Application[];
}

export interface CashMatch {
  debtor_id: string | null;
  certain: { reason: string; applications: Application[] } | null;
  suggestions: Suggestion[];
}

export interface AutoApplyResult {
  applied: number;
  receipts: {
    receipt_id: string;
    applied: boolean;
    reason: string;
    applications: Application[];
    suggestions: Suggestion[];
    debtor_id: string | null;
  }[];
}

export interface BankImport {
  import: {
    format: string;
    recorded: ReceiptView[];
    duplicates: { place: string; receipt_id: string }[];
    debits_skipped: number;
    reversals_skipped: number;
    pending_skipped: number;
  };
  auto_apply: AutoApplyResult | null;
}

export interface IntakeRow {
  place: string;
  number: string | null;
  kind: string;
  outcome: 'accepted' | 'held' | 'rejected';
  rules: { code: string; message: string }[];
  debtor_id: string | null;
  debtor_match: string | null;
  invoice_id: string | null;
}

export interface IntakeResult {
  format: string;
  written: boolean;
  accepted: number;
  held: number;
  rejected: number;
  schedule: ScheduleView | null;
  rows: IntakeRow[];
}

export interface Settings {
  name: string;
  base_currency: string;
  calendar: string;
  business_date: string;
  last_closed_on: string | null;
  rebate_schedule: string;
  rebate_weekday: number;
  recourse_action: string;
  max_invoice_age_days: number;
  cross_age: string;
  cross_age_days: number;
  stale_future_days: number;
  originator: Record<string, string>;
  remittance_instructions: string;
  require_noa_before_funding: boolean;
  require_credit_review: boolean;
}

export interface Charge {
  id: string;
  code: string;
  name: string;
  currency: string;
  amount: string;
}

export interface UserRecord extends User {
  active: boolean;
  created_at: string;
  version: number;
}

export interface CloseDayResult {
  date: string;
  already_closed: boolean;
  invoices_accrued: number;
  fees: { amount: string; currency: string }[];
  overdue_invoices: number;
  cross_aged_debtors: number;
  charged_back: number;
  flagged_for_recourse: number;
  rebates: Payout[];
}

export interface AgingRow {
  id: string | null;
  name: string;
  currency: string;
  invoices: number;
  total_amount: string;
  by_due_date: { bucket: string; amount: string }[];
}

export interface AgingReport {
  as_of: string;
  due_date_buckets: string[];
  by_client: AgingRow[];
  by_debtor: AgingRow[];
  totals: AgingRow[];
}

export interface ConcentrationRow {
  client_id: string | null;
  client_name: string | null;
  debtor_id: string;
  debtor_name: string;
  currency: string;
  outstanding_amount: string;
  base_amount: string;
  share: string;
  limit: string;
  breach: boolean;
}

export interface ReserveRow {
  client_id: string;
  name: string;
  currency: string;
  reserve_amount: string;
  required_amount: string;
  releasable_amount: string;
  shortfall_amount: string;
  funds_employed_amount: string;
  outstanding_amount: string;
  availability_amount: string;
}

export interface PortfolioRow {
  currency: string;
  open_invoices: number;
  funded_volume_amount: string;
  outstanding_face_amount: string;
  overdue_face_amount: string;
  funds_employed_amount: string;
  fee_income_amount: string;
  annualized_yield: string;
  dso_days: number;
  dilution_rate: string;
  loss_rate: string;
  unapplied_cash_amount: string;
}

export interface PortfolioReport {
  from: string | null;
  as_of: string;
  clients: number;
  debtors: number;
  rows: PortfolioRow[];
}

export interface NoticeStatus {
  client_id: string;
  debtor_id: string;
  status: string; // not_sent | sent | acknowledged
  sent_on: string | null;
  method: string | null;
  acknowledged_on: string | null;
  in_place: boolean;
}

// What a debtor link opens (GET /v1/debtor-link): one invoice to confirm or contest, or one notice of
// assignment to acknowledge; never the client's terms.
export interface DebtorLinkView {
  purpose: 'verify_invoice' | 'acknowledge_noa';
  link_id: string;
  expires_at: string;
  factor: string;
  client: string;
  debtor: string;
  remittance_instructions: string;
  assignment_legend: string;
  notice: NoticeStatus;
  invoice: {
    id: string;
    number: string;
    currency: string;
    face_amount: string;
    issue_date: string;
    due_date: string;
    verification: string;
  } | null;
}

export interface DebtorAnswerReply {
  verification: { id: string; outcome: string; at: string };
  invoice_verification: string;
}

export interface IssuedDebtorLink {
  link: { id: string; purpose: string; expires_at: string };
  token: string;
  path: string; // the debtor portal's page: /debtor#token=...
  api_path: string;
}

// Any failure of a call as a Problem (a network failure has status 0).
export function problemFrom(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return { status: 0, code: 'network', detail: 'The server could not be reached: ' + String(error), errors: [] };
}

// A field error's message without the field's name in front ("amount: '12,00' is ..." beside the amount).
export function fieldMessage(problem: Problem): string {
  const prefix = (problem.field ?? '') + ': ';
  return problem.field && problem.detail.startsWith(prefix) ? problem.detail.slice(prefix.length) : problem.detail;
}
