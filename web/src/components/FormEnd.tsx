// The end of a form: its refusal when it names none of the form's fields, the submit button (its label while
// the request runs) and, when the form says what it did, a polite status line.
import type { Action } from '../forms';
import { FormProblem } from './Status';

export function FormEnd(props: { action: Action; fields: string[]; label: string; busyLabel: string; done?: string }) {
  return (
    <>
      <FormProblem problem={props.action.whole(props.fields)} />
      <button type="submit" disabled={props.action.busy}>
        {props.action.busy ? props.busyLabel : props.label}
      </button>
      {props.done !== undefined && (
        <p class="outcome-line" role="status" aria-live="polite">
          {props.done}
        </p>
      )}
    </>
  );
}
