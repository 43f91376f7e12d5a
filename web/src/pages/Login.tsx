// Sign-in: e-mail and password for the session cookie and the CSRF token (docs/api.md, "The browser").
// What went wrong (a wrong password, too many attempts, an expired session) is said next to the field, and
// what the user typed stays.
import { useState } from 'preact/hooks';
import { api, ApiError, fieldMessage, setCsrfToken, type LoginReply, type User } from '../api';
import { TextField } from '../components/Field';
import { PageTitle } from '../components/Status';

interface Props {
  notice: string | null; // why the user is here again (an expired session)
  onSignedIn: (user: User) => void;
}

type Errors = { email?: string; password?: string; form?: string };

function errorsOf(error: unknown): Errors {
  if (!(error instanceof ApiError)) return { form: 'The server could not be reached. Try again.' };
  const { code, detail, field } = error.problem;
  if (code === 'invalid_credentials') return { password: 'Wrong e-mail or password.' };
  if (code === 'too_many_attempts')
    return { password: 'Too many failed sign-ins: wait 15 minutes before trying again.' };
  if (field === 'email' || field === 'password') return { [field]: fieldMessage(error.problem) };
  return { form: detail };
}

export function Login({ notice, onSignedIn }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const missing: Errors = {};
    if (!email.trim()) missing.email = 'Enter your e-mail address.';
    if (!password) missing.password = 'Enter your password.';
    if (missing.email || missing.password) {
      setErrors(missing);
      return;
    }
    setBusy(true);
    try {
      const reply = await api<LoginReply>('/v1/auth/login', {
        method: 'POST',
        body: { email: email.trim(), password },
        quietUnauthenticated: true,
      });
      setCsrfToken(reply.csrf_token);
      setErrors({});
      onSignedIn(reply.user);
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" class="login">
      <PageTitle>Sign in to microfactor</PageTitle>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} noValidate aria-describedby={errors.form ? 'login-form-error' : undefined}>
        <TextField id="login-email" label="E-mail" type="email" autocomplete="username" value={email} onValue={setEmail} error={errors.email} />
        <TextField
          id="login-password"
          label="Password"
          type="password"
          autocomplete="current-password"
          value={password}
          onValue={setPassword}
          error={errors.password}
        />
        {errors.form && (
          <p class="problem" id="login-form-error" role="alert">
            {errors.form}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
