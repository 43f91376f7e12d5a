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
  inputMode?: 'decimal' | 'numeric' | 'text';
  placeholder?: string;
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
        inputMode={props.inputMode}
        placeholder={props.placeholder}
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

// A file to send: the chosen File is the caller's state (a failed upload keeps it chosen, so the user can send
// it again with other options).
interface FileFieldProps extends FieldProps {
  accept?: string;
  file: File | null;
  onFile: (file: File | null) => void;
}

export function FileField(props: FileFieldProps) {
  return (
    <Field {...props}>
      <input
        {...described(props)}
        name={props.id}
        type="file"
        accept={props.accept}
        onChange={(event) => props.onFile(event.currentTarget.files?.[0] ?? null)}
      />
      {props.file && (
        <p class="hint" aria-live="polite">
          Chosen: {props.file.name} ({Math.max(1, Math.round(props.file.size / 1024))} KB)
        </p>
      )}
    </Field>
  );
}

interface CheckboxProps {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
}

export function CheckboxField({ id, label, hint, checked, onChecked }: CheckboxProps) {
  return (
    <div class="field field-check">
      <label for={id}>
        <input
          id={id}
          name={id}
          type="checkbox"
          checked={checked}
          aria-describedby={hint ? id + '-hint' : undefined}
          onChange={(event) => onChecked(event.currentTarget.checked)}
        />{' '}
        {label}
      </label>
      {hint && (
        <p class="hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
    </div>
  );
}

// Text of several lines (remittance instructions, a postal address): the same label, hint and error beside it.
export function TextAreaField(props: FieldProps & { value: string; onValue: (value: string) => void; rows?: number }) {
  return (
    <Field {...props}>
      <textarea {...described(props)} name={props.id} rows={props.rows ?? 4} value={props.value} onInput={(event) => props.onValue(event.currentTarget.value)} />
    </Field>
  );
}
