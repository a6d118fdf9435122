import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../errors.js';
import type { Translate } from '../i18n/index.js';

/** A form as the person left it: what they typed and what was wrong with it. */
export type FormState = { values: Record<string, string | undefined>; errors: FieldErrors };

export const emptyForm: FormState = { values: {}, errors: {} };

type FieldBase = { name: string; label: string; hint?: string; form: FormState; t: Translate };

function fieldError(form: FormState, name: string, t: Translate): string | null {
  const e = form.errors[name];
  return e ? t(e.key, e.params) : null;
}

export function ErrorSummary({ form, t, labels }: { form: FormState; t: Translate; labels: Record<string, string> }) {
  const entries = Object.entries(form.errors);
  if (entries.length === 0) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">{t('error.summary')}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {entries.map(([name, e]) =>
              // A whole-form error (wrong password, locked account) has no field to link to.
              name === '_form' ? (
                <li data-testid="form-error">{t(e.key, e.params)}</li>
              ) : (
                <li>
                  <a href={`#f-${name}`}>
                    {labels[name] ? `${labels[name]}: ` : ''}
                    {t(e.key, e.params)}
                  </a>
                </li>
              ),
            )}
          </ul>
        </div>
      </div>
    </div>
  );
}

function Group({ name, label, hint, error, children, labelFor = true }: { name: string; label: string; hint?: string; error: string | null; children: ComponentChildren; labelFor?: boolean }) {
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      {labelFor && (
        <label class="govuk-label" for={`f-${name}`}>
          {label}
        </label>
      )}
      {hint && (
        <div id={`f-${name}-hint`} class="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`f-${name}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{label}: </span>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

function describedBy(name: string, hint: string | undefined, error: string | null): string | undefined {
  const ids = [hint ? `f-${name}-hint` : null, error ? `f-${name}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function TextField(
  props: FieldBase & { type?: string; autocomplete?: string; width?: '5' | '10' | '20' | '30'; inputmode?: string; spellcheck?: boolean; required?: boolean },
) {
  const { name, label, hint, form, t, type = 'text', autocomplete, width, inputmode, spellcheck, required } = props;
  const error = fieldError(form, name, t);
  const cls = `govuk-input${width ? ` govuk-input--width-${width}` : ''}${error ? ' govuk-input--error' : ''}`;
  return (
    <Group name={name} label={label} hint={hint} error={error}>
      <input
        class={cls}
        id={`f-${name}`}
        name={name}
        type={type as 'text'}
        value={type === 'password' ? '' : (form.values[name] ?? '')}
        autocomplete={autocomplete}
        inputMode={inputmode as never}
        spellcheck={spellcheck}
        aria-describedby={describedBy(name, hint, error)}
        aria-required={required ? 'true' : undefined}
      />
    </Group>
  );
}

export function TextArea(props: FieldBase & { rows?: number }) {
  const { name, label, hint, form, t, rows = 4 } = props;
  const error = fieldError(form, name, t);
  return (
    <Group name={name} label={label} hint={hint} error={error}>
      <textarea class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`} id={`f-${name}`} name={name} rows={rows} aria-describedby={describedBy(name, hint, error)}>
        {form.values[name] ?? ''}
      </textarea>
    </Group>
  );
}

export function SelectField(props: FieldBase & { options: { value: string; label: string }[]; blank?: string }) {
  const { name, label, hint, form, t, options, blank } = props;
  const error = fieldError(form, name, t);
  const current = form.values[name] ?? '';
  return (
    <Group name={name} label={label} hint={hint} error={error}>
      <select class={`govuk-select${error ? ' govuk-select--error' : ''}`} id={`f-${name}`} name={name} aria-describedby={describedBy(name, hint, error)}>
        {blank !== undefined && <option value="">{blank}</option>}
        {options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </Group>
  );
}

export function CheckboxField(props: FieldBase) {
  const { name, label, hint, form, t } = props;
  const error = fieldError(form, name, t);
  const checked = ['on', 'true', '1'].includes(form.values[name] ?? '');
  return (
    <Group name={name} label={label} hint={hint} error={error} labelFor={false}>
      <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
        <div class="govuk-checkboxes__item">
          <input class="govuk-checkboxes__input" id={`f-${name}`} name={name} type="checkbox" value="on" checked={checked} aria-describedby={describedBy(name, hint, error)} />
          <label class="govuk-label govuk-checkboxes__label" for={`f-${name}`}>
            {label}
          </label>
        </div>
      </div>
    </Group>
  );
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function Button({ children, secondary, warning, name, value }: { children: ComponentChildren; secondary?: boolean; warning?: boolean; name?: string; value?: string }) {
  const cls = `govuk-button${secondary ? ' govuk-button--secondary' : ''}${warning ? ' govuk-button--warning' : ''}`;
  return (
    <button type="submit" class={cls} data-module="govuk-button" name={name} value={value}>
      {children}
    </button>
  );
}
