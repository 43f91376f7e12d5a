// Labelled inputs and selects with their error beside them (the problem+json field the server named, or a
// check of the page), tied together for screen readers with aria-invalid and aria-describedby. What the user
// typed stays: the value is the caller's state, never cleared here.
import type { ComponentChildren } from 'preact';

interface FieldProps {
  id: string;
  label: string;
  error?: string | null;
  hint?: string;
}

function Field({ id, label, error, hint, children }: FieldProps & { children: ComponentChildren }) {
  return (
    <div class={'field' + (error ? ' field-invalid' : '')}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={id + '-error'} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function described({ id, error, hint }: FieldProps) {
  const ids = [hint ? id + '-hint' : '', error ? id + '-error' : ''].filter(Boolean).join(' ');
  return { id, 'aria-describedby': ids || undefined, 'aria-invalid': Boolean(error) };
}

interface TextFieldProps extends FieldProps {
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  autocomplete?: string;
  size?: number;
}

export function TextField(props: TextFieldProps) {
  return (
    <Field {...props}>
      <input
        {...described(props)}
        name={props.id}
        type={props.type ?? 'text'}
        autocomplete={props.autocomplete}
        size={props.size}
        value={props.value}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
    </Field>
  );
}

interface SelectFieldProps extends FieldProps {
  value: string;
  onValue: (value: string) => void;
  options: [value: string, label: string][];
}

export function SelectField(props: SelectFieldProps) {
  return (
    <Field {...props}>
      <select {...described(props)} name={props.id} value={props.value} onChange={(event) => props.onValue(event.currentTarget.value)}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </Field>
  );
}
