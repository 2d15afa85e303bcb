/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { vi } from '../../../core/messages/vi.js';

/** A refused form of an admin page: which form, what was typed, the reason for each field. */
export interface FailedForm {
  form: string;
  values: Record<string, string>;
  errors: Partial<Record<string, string>>;
}

/** The values a form shows: what was typed when it was refused, otherwise the stored ones. */
export function valuesFor(failed: FailedForm | undefined, form: string, stored: Record<string, string>): Record<string, string> {
  return failed?.form === form ? { ...stored, ...failed.values } : stored;
}

/** The errors of one form (none when another form was refused). */
export function errorsFor(failed: FailedForm | undefined, form: string): Partial<Record<string, string>> {
  return failed?.form === form ? failed.errors : {};
}

/** A labelled input, with its reason beside it when refused (aria-invalid, aria-describedby). */
export function Field(props: {
  form: string;
  name: string;
  label: string;
  value?: string;
  error?: string | undefined;
  type?: string;
  maxlength?: number;
  required?: boolean;
  class?: string;
  children?: Child;
  inputmode?: 'tel' | 'text' | 'numeric';
}) {
  const id = `${props.form}-${props.name}`;
  const errorId = `${id}-loi`;
  const common = { id, name: props.name, 'aria-invalid': props.error ? 'true' : undefined, 'aria-describedby': props.error ? errorId : undefined };
  return (
    <label for={id} class={props.class}>
      {props.label}
      {props.children ? (
        <select {...common}>{props.children}</select>
      ) : (
        <input {...common} type={props.type ?? 'text'} value={props.value ?? ''} maxlength={props.maxlength} required={props.required} inputmode={props.inputmode} />
      )}
      {props.error ? (
        <span class="field-error" id={errorId}>
          {props.error}
        </span>
      ) : null}
    </label>
  );
}

/** The options of a select, the chosen one selected. */
export function Options(props: { choices: Record<string, string>; chosen: string; blank?: string }) {
  return (
    <>
      {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
      {Object.entries(props.choices).map(([value, label]) => (
        <option value={value} selected={value === props.chosen}>
          {label}
        </option>
      ))}
    </>
  );
}

/** The hidden fields every admin form carries: the session's token and, for an edit, the row's version. */
export function Hidden(props: { csrf: string; version?: Date }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.version ? <input type="hidden" name="phien-ban" value={props.version.toISOString()} /> : null}
    </>
  );
}

/** The line above a form: why it was not saved (its own reason, or «xem các ô»). */
export function FormProblem(props: { errors: Partial<Record<string, string>> }) {
  const general = props.errors._form;
  if (general) return <p class="form-error" role="alert">{general}</p>;
  if (Object.keys(props.errors).length > 0) return <p class="form-error" role="alert">{vi.admin.formHasErrors}</p>;
  return null;
}

/** The line after a redirect that says what was done (PRG). */
export function DoneLine(props: { text: string | undefined }) {
  return props.text ? (
    <p class="form-ok" role="status">
      {props.text}
    </p>
  ) : null;
}
