// The shell: who is signed in (GET /v1/me), the sign-in page when no one is or the session ran out, and the
// pages of a staff member or of a client user behind one header, navigation and main landmark.
import { useEffect, useState } from 'preact/hooks';
import { Link, Route, Switch, useLocation } from 'wouter-preact';
import { api, ApiError, setCsrfToken, whenUnauthenticated, type User } from './api';
import { Loading, NotFound } from './components/Status';
import { TopBar } from './components/TopBar';
import { Login } from './pages/Login';
import { Overview } from './pages/Overview';
import { Queues } from './pages/Queues';
import { Invoices } from './pages/Invoices';
import { InvoiceDetail } from './pages/InvoiceDetail';
import { Schedules } from './pages/Schedules';
import { ScheduleDetail } from './pages/ScheduleDetail';
import { ClientPage } from './pages/ClientPage';
import { Clients } from './pages/Clients';
import { NewSchedule } from './pages/NewSchedule';
import { lazyPage } from './lazy';

// The pages a day's work opens now and then are loaded when first opened (a script each).
const Cash = lazyPage(() => import('./pages/Cash').then((m) => m.Cash), 'cash application');
const UploadInvoices = lazyPage(() => import('./pages/UploadInvoices').then((m) => m.UploadInvoices), 'upload');
const Payouts = lazyPage(() => import('./pages/Payouts').then((m) => m.Payouts), 'payouts');
const DayEnd = lazyPage(() => import('./pages/DayEnd').then((m) => m.DayEnd), "day's end");
const Debtors = lazyPage(() => import('./pages/Debtors').then((m) => m.Debtors), 'debtors');
const DebtorPage = lazyPage(() => import('./pages/Debtors').then((m) => m.DebtorPage), 'debtor');
const SettingsPage = lazyPage(() => import('./pages/SettingsPage').then((m) => m.SettingsPage), 'settings');
const Reports = lazyPage(() => import('./pages/Reports').then((m) => m.Reports), 'reports');
const Applications = lazyPage(() => import('./pages/Applications').then((m) => m.Applications), 'applications');
const ApplicationPage = lazyPage(() => import('./pages/Applications').then((m) => m.ApplicationPage), 'application');
const Outbox = lazyPage(() => import('./pages/Outbox').then((m) => m.Outbox), 'e-mail outbox');
// The debtor's page from a signed link: no session, no staff script beyond the shell.
const DebtorPortal = lazyPage(() => import('./pages/DebtorPortal').then((m) => m.DebtorPortal), 'invoice confirmation');

// The address a debtor link points at (the API's "path": /debtor#token=...).
export const kDebtorPortalPath = '/debtor';

type Session = { state: 'checking' } | { state: 'signed-out'; notice: string | null } | { state: 'in'; user: User };

export function App() {
  // A debtor from a link signs in to nothing: the portal page only, whoever else may be signed in here.
  if (window.location.pathname === kDebtorPortalPath) return <DebtorPortal />;
  return <SignedInApp />;
}

function SignedInApp() {
  const [session, setSession] = useState<Session>({ state: 'checking' });

  useEffect(() => {
    whenUnauthenticated(() =>
      setSession({ state: 'signed-out', notice: 'Your session has ended: sign in again to go on.' }),
    );
    api<User>('/v1/me', { quietUnauthenticated: true })
      .then((user) => setSession({ state: 'in', user }))
      .catch((error: unknown) => {
        const notice = error instanceof ApiError && error.problem.status === 401 ? null : String(error);
        setSession({ state: 'signed-out', notice });
      });
  }, []);

  if (session.state === 'checking') return <Loading what="microfactor" />;
  if (session.state === 'signed-out')
    return <Login notice={session.notice} onSignedIn={(user) => setSession({ state: 'in', user })} />;
  return <Shell user={session.user} onSignedOut={() => setSession({ state: 'signed-out', notice: null })} />;
}

const staffLinks = [
  { href: '/', label: 'Overview' },
  { href: '/queues', label: 'Work queues' },
  { href: '/invoices', label: 'Invoices' },
  { href: '/schedules', label: 'Schedules' },
  { href: '/clients', label: 'Clients' },
  { href: '/debtors', label: 'Debtors' },
  { href: '/cash', label: 'Cash' },
  { href: '/payouts', label: 'Payouts' },
  { href: '/reports', label: 'Reports' },
  { href: '/day', label: "Day's end" },
  { href: '/settings', label: 'Settings' },
];

function Shell({ user, onSignedOut }: { user: User; onSignedOut: () => void }) {
  const [location, navigate] = useLocation();
  const isClient = user.role === 'client';
  const links = isClient
    ? [
        { href: '/', label: 'My account' },
        { href: '/invoices', label: 'My invoices' },
        { href: '/schedules/new', label: 'Submit a schedule' },
        { href: '/schedules/upload', label: 'Upload a file' },
      ]
    : staffLinks;

  async function signOut() {
    try {
      await api('/v1/auth/logout', { method: 'POST', quietUnauthenticated: true });
    } catch {
      // already gone: signed out all the same
    }
    setCsrfToken(null);
    navigate('/', { replace: true });
    onSignedOut();
  }

  return (
    <>
      <TopBar>
        <nav aria-label="Main">
          <ul>
            {links.map((link) => {
              // the longest link that starts the address is the current one (/schedules/upload, not /schedules)
              const matches = (href: string) => (href === '/' ? location === '/' : location === href || location.startsWith(href + '/'));
              const current = matches(link.href) && !links.some((other) => other.href.length > link.href.length && matches(other.href));
              return (
                <li key={link.href}>
                  <Link href={link.href} aria-current={current ? 'page' : undefined}>
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div class="who">
          <span>
            {user.name} <span class="role">({user.role})</span>
          </span>
          <button type="button" class="link-button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </TopBar>
      <main id="main" tabIndex={-1}>
        {isClient ? <ClientRoutes user={user} /> : <StaffRoutes user={user} />}
      </main>
    </>
  );
}

function StaffRoutes({ user }: { user: User }) {
  return (
    <Switch>
      <Route path="/" component={Overview} />
      <Route path="/queues" component={Queues} />
      <Route path="/invoices">{() => <Invoices user={user} />}</Route>
      <Route path="/invoices/:id">{(params) => <InvoiceDetail id={params.id} user={user} />}</Route>
      <Route path="/schedules">{() => <Schedules user={user} />}</Route>
      <Route path="/schedules/new">{() => <NewSchedule user={user} />}</Route>
      <Route path="/schedules/upload">{() => <UploadInvoices user={user} />}</Route>
      <Route path="/schedules/:id">{(params) => <ScheduleDetail id={params.id} user={user} />}</Route>
      <Route path="/clients">{() => <Clients user={user} />}</Route>
      <Route path="/clients/:id">{(params) => <ClientPage id={params.id} user={user} />}</Route>
      <Route path="/debtors">{() => <Debtors user={user} />}</Route>
      <Route path="/debtors/:id">{(params) => <DebtorPage id={params.id} user={user} />}</Route>
      <Route path="/cash">{() => <Cash user={user} />}</Route>
      <Route path="/payouts">{() => <Payouts user={user} />}</Route>
      <Route path="/reports">{() => <Reports user={user} />}</Route>
      <Route path="/day">{() => <DayEnd user={user} />}</Route>
      <Route path="/settings">{() => <SettingsPage user={user} />}</Route>
      <Route path="/applications">{() => <Applications user={user} />}</Route>
      <Route path="/applications/:id">{(params) => <ApplicationPage id={params.id} user={user} />}</Route>
      <Route path="/outbox">{() => <Outbox user={user} />}</Route>
      <Route component={NotFound} />
    </Switch>
  );
}

function ClientRoutes({ user }: { user: User }) {
  return (
    <Switch>
      <Route path="/">{() => <ClientPage id={user.client_id ?? ''} user={user} />}</Route>
      <Route path="/invoices">{() => <Invoices user={user} />}</Route>
      <Route path="/invoices/:id">{(params) => <InvoiceDetail id={params.id} user={user} />}</Route>
      <Route path="/schedules/new">{() => <NewSchedule user={user} />}</Route>
      <Route path="/schedules/upload">{() => <UploadInvoices user={user} />}</Route>
      <Route path="/schedules/:id">{(params) => <ScheduleDetail id={params.id} user={user} />}</Route>
      <Route path="/clients/:id">{(params) => <ClientPage id={params.id} user={user} />}</Route>
      <Route component={NotFound} />
    </Switch>
  );
}
