// What a page shows while it loads, when the API refused it, and when what it asked for does not exist (or
// is not the caller's to see: the API answers both with 404, and so does the page).
import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { Link } from 'wouter-preact';
import type { Problem } from '../api';

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ProblemNote({ problem }: { problem: Problem }) {
  return (
    <p class="problem" role="alert">
      {problem.detail} <span class="code">({problem.code})</span>
    </p>
  );
}

// A form's refusal that names none of its fields, said once for the whole form (nothing when there is none).
export function FormProblem({ problem }: { problem: Problem | null }) {
  return problem ? <ProblemNote problem={problem} /> : null;
}

// The page's heading, focused when the page opens so a screen reader starts there.
export function PageTitle({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

export function NotFound() {
  return (
    <section class="not-found" aria-labelledby="not-found-title">
      <PageTitle>
        <span id="not-found-title">Not found</span>
      </PageTitle>
      <p>There is nothing here, or it is not yours to see.</p>
      <p>
        <Link href="/">Back to the start page</Link>
      </p>
    </section>
  );
}

// The usual frame of a loaded page: loading, a refusal (404 as the not-found page), or the page itself.
export function Guard<T>(props: {
  what: string;
  data: T | null;
  problem: Problem | null;
  children: (data: T) => ComponentChildren;
}) {
  if (props.problem?.status === 404) return <NotFound />;
  if (props.problem) return <ProblemNote problem={props.problem} />;
  if (props.data === null) return <Loading what={props.what} />;
  return <>{props.children(props.data)}</>;
}
