import { html } from './html';

export interface InputField {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date';
  value?: string | null;
  /** Shown under the label and tied to the input with `aria-describedby`. */
  hint?: string;
  maxlength?: number;
  required?: boolean;
  autocomplete?: string;
}

/** A labelled input with its optional hint: the one shape of every text field of the dashboard. */
export function inputField(field: InputField) {
  const hintId = `${field.name}-hint`;
  return html`<div>
    <label for="${field.name}">${field.label}</label>
    ${field.hint ? html`<p class="hint" id="${hintId}">${field.hint}</p>` : ''}
    <input
      type="${field.type ?? 'text'}"
      id="${field.name}"
      name="${field.name}"
      value="${field.value ?? ''}"
      ${field.required ? html`required` : ''}
      ${field.maxlength ? html`maxlength="${field.maxlength}"` : ''}
      ${field.autocomplete ? html`autocomplete="${field.autocomplete}"` : ''}
      ${field.hint ? html`aria-describedby="${hintId}"` : ''}
    />
  </div>`;
}
