// What every form of the dashboard does with the server's answer: one request at a time (busy), the refusal
// kept as a Problem, each field's error found by the name the server gave it (problem+json errors[].field),
// and the rest said once for the whole form. What the user typed is never touched here.
import { useState } from 'preact/hooks';
import { fieldMessage, problemFrom, type Problem } from './api';

export interface Action {
  busy: boolean;
  problem: Problem | null;
  // Runs the request; a refusal is kept (and returned as null), success clears it.
  run: <T>(request: () => Promise<T>) => Promise<T | null>;
  // The message for a field the server named, else null.
  at: (field: string) => string | null;
  // The refusal when it names none of the form's fields.
  whole: (fields: string[]) => Problem | null;
  clear: () => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  return {
    busy,
    problem,
    async run<T>(request: () => Promise<T>) {
      setBusy(true);
      setProblem(null);
      try {
        return await request();
      } catch (error) {
        setProblem(problemFrom(error));
        return null;
      } finally {
        setBusy(false);
      }
    },
    at: (field: string) => (problem && problem.field === field ? fieldMessage(problem) : null),
    whole: (fields: string[]) => (problem && !fields.includes(problem.field ?? '') ? problem : null),
    clear: () => setProblem(null),
  };
}

// A form's typed values as one state: `set(name)` is the field's onValue.
export function useFields<T extends Record<string, string>>(initial: T) {
  const [form, setForm] = useState(initial);
  const set = (name: keyof T) => (value: string) => setForm((old) => ({ ...old, [name]: value }));
  return { form, set, setForm };
}
