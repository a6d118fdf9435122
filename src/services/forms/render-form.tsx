import type { ComponentChildren } from 'preact';
import { showDate } from '../../platform/dates.js';
import type { FieldErrors } from '../../platform/errors.js';
import type { Locale, Translate } from '../../platform/i18n/index.js';
import type { FormAnswers, FormDefinition, FormField, FormOption } from './definition.js';
import { htmlName } from './validate-answers.js';

/**
 * What the form shows in its fields, keyed by HTML name (`f_…`): the posted body when the form comes back with
 * errors, or formValuesFromAnswers() for saved answers. Checkboxes may hold a list.
 */
export type EFormValues = Record<string, unknown>;

type Props = {
  definition: FormDefinition;
  values: EFormValues;
  /** Keyed by HTML name, as validateAnswers reports them. */
  errors: FieldErrors;
  t: Translate;
  locale: Locale;
  /** Level of the section headings, to fit the page around the form. */
  headingLevel?: 2 | 3;
};

const localised = (locale: Locale, vi: string, en: string | undefined) => (locale === 'en' && en ? en : vi);
export const fieldLabel = (f: FormField, locale: Locale) => localised(locale, f.label, f.labelEn);
const optionLabel = (o: FormOption, locale: Locale) => localised(locale, o.label, o.labelEn);

/** Labels by HTML name, for the page's error summary (platform/views/form.tsx ErrorSummary). */
export function formFieldLabels(definition: FormDefinition, locale: Locale): Record<string, string> {
  return Object.fromEntries(definition.sections.flatMap((s) => s.fields).map((f) => [htmlName(f), fieldLabel(f, locale)]));
}

/** Saved answers as the form shows them: dates back to dd/MM/yyyy, numbers to text, a ticked box to "on". */
export function formValuesFromAnswers(definition: FormDefinition, answers: FormAnswers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const f of definition.sections.flatMap((s) => s.fields)) {
    const v = answers[f.name];
    if (v === undefined || v === false) continue;
    if (Array.isArray(v)) out[htmlName(f)] = v;
    else if (v === true) out[htmlName(f)] = 'on';
    else if (f.type === 'date' && typeof v === 'string') out[htmlName(f)] = showDate(v);
    // A decimal comma, as people here write it; the validator reads both.
    else if (typeof v === 'number') out[htmlName(f)] = String(v).replace('.', ',');
    else out[htmlName(f)] = v;
  }
  return out;
}

/** The single text a field holds; a list sent for a single field shows its first item. */
function single(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return '';
}

function many(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

const formatNumber = (locale: Locale, n: number) => new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 4 }).format(n);

/** The hint under a label: the definition's help, then what the field accepts, so nobody learns it from an error. */
function hintFor(f: FormField, t: Translate, locale: Locale): string | undefined {
  const parts = [localised(locale, f.help ?? '', f.helpEn)];
  if (f.type === 'date') parts.push(t('eform.dateHint'));
  if (f.type === 'phone') parts.push(t('eform.phoneHint'));
  if (f.type === 'id_number') parts.push(t('eform.idNumberHint'));
  if (f.type === 'checkboxes') parts.push(t('eform.chooseAll'));
  if ((f.type === 'text' || f.type === 'textarea') && f.maxLength !== undefined) parts.push(t('eform.maxLengthHint', { max: f.maxLength }));
  if (f.type === 'number') {
    const [min, max] = [f.min, f.max].map((n) => (n === undefined ? undefined : formatNumber(locale, n)));
    if (min !== undefined && max !== undefined) parts.push(t('eform.rangeHint', { min, max }));
    else if (min !== undefined) parts.push(t('eform.minHint', { min }));
    else if (max !== undefined) parts.push(t('eform.maxHint', { max }));
  }
  const text = parts.filter((p) => p !== '').join(' ');
  return text === '' ? undefined : text;
}

type FieldProps = { f: FormField; value: unknown; error: string | null; t: Translate; locale: Locale };

const idOf = (f: FormField) => `f-${htmlName(f)}`;

function describedBy(f: FormField, hint: string | undefined, error: string | null): string | undefined {
  const ids = [hint ? `${idOf(f)}-hint` : null, error ? `${idOf(f)}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function LabelText({ f, t, locale }: { f: FormField; t: Translate; locale: Locale }) {
  return (
    <>
      {fieldLabel(f, locale)}
      {!f.required && f.type !== 'checkbox' && ` ${t('eform.optional')}`}
    </>
  );
}

function HintAndError({ f, hint, error, label }: { f: FormField; hint: string | undefined; error: string | null; label: string }) {
  return (
    <>
      {hint && (
        <div id={`${idOf(f)}-hint`} class="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${idOf(f)}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{label}: </span>
          {error}
        </p>
      )}
    </>
  );
}

function Group({ error, children }: { error: string | null; children: ComponentChildren }) {
  return <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>{children}</div>;
}

/** Input attributes per type: GOV.UK uses text inputs with an input mode rather than type=number. */
function inputAttributes(f: FormField): { type: string; inputMode?: string; autocomplete?: string; spellcheck?: boolean; width?: string } {
  const auto = f.autocomplete;
  switch (f.type) {
    case 'email':
      return { type: 'email', autocomplete: auto ?? 'email', spellcheck: false };
    case 'phone':
      return { type: 'tel', autocomplete: auto ?? 'tel', width: '20' };
    case 'id_number':
      return { type: 'text', inputMode: 'numeric', autocomplete: auto, spellcheck: false, width: '20' };
    case 'number':
      return { type: 'text', inputMode: 'decimal', autocomplete: auto, spellcheck: false, width: '10' };
    case 'date':
      return { type: 'text', autocomplete: auto, spellcheck: false, width: '10' };
    default:
      return { type: 'text', autocomplete: auto };
  }
}

function InputField({ f, value, error, t, locale }: FieldProps) {
  const hint = hintFor(f, t, locale);
  const a = inputAttributes(f);
  const cls = `govuk-input${a.width ? ` govuk-input--width-${a.width}` : ''}${error ? ' govuk-input--error' : ''}`;
  return (
    <Group error={error}>
      <label class="govuk-label govuk-label--s" for={idOf(f)}>
        <LabelText f={f} t={t} locale={locale} />
      </label>
      <HintAndError f={f} hint={hint} error={error} label={fieldLabel(f, locale)} />
      <input
        class={cls}
        id={idOf(f)}
        name={htmlName(f)}
        type={a.type as 'text'}
        value={single(value)}
        inputMode={a.inputMode as never}
        autocomplete={a.autocomplete}
        spellcheck={a.spellcheck}
        aria-describedby={describedBy(f, hint, error)}
      />
    </Group>
  );
}

function TextAreaField({ f, value, error, t, locale }: FieldProps) {
  const hint = hintFor(f, t, locale);
  return (
    <Group error={error}>
      <label class="govuk-label govuk-label--s" for={idOf(f)}>
        <LabelText f={f} t={t} locale={locale} />
      </label>
      <HintAndError f={f} hint={hint} error={error} label={fieldLabel(f, locale)} />
      <textarea
        class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={idOf(f)}
        name={htmlName(f)}
        rows={5}
        autocomplete={f.autocomplete}
        aria-describedby={describedBy(f, hint, error)}
      >
        {single(value)}
      </textarea>
    </Group>
  );
}

function SelectInput({ f, value, error, t, locale }: FieldProps) {
  const hint = hintFor(f, t, locale);
  const current = single(value);
  return (
    <Group error={error}>
      <label class="govuk-label govuk-label--s" for={idOf(f)}>
        <LabelText f={f} t={t} locale={locale} />
      </label>
      <HintAndError f={f} hint={hint} error={error} label={fieldLabel(f, locale)} />
      <select class={`govuk-select${error ? ' govuk-select--error' : ''}`} id={idOf(f)} name={htmlName(f)} autocomplete={f.autocomplete} aria-describedby={describedBy(f, hint, error)}>
        <option value="">{t('eform.choose')}</option>
        {(f.options ?? []).map((o) => (
          <option value={o.value} selected={o.value === current}>
            {optionLabel(o, locale)}
          </option>
        ))}
      </select>
    </Group>
  );
}

/**
 * Radios and checkboxes: a fieldset whose legend is the question. The first item carries the field's id, so the
 * error summary's link lands on it.
 */
function ChoiceField({ f, value, error, t, locale }: FieldProps) {
  const hint = hintFor(f, t, locale);
  const kind = f.type === 'radio' ? 'radios' : 'checkboxes';
  const chosen = new Set(f.type === 'radio' ? [single(value)] : many(value));
  return (
    <Group error={error}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(f, hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
          <LabelText f={f} t={t} locale={locale} />
        </legend>
        <HintAndError f={f} hint={hint} error={error} label={fieldLabel(f, locale)} />
        <div class={`govuk-${kind}`} data-module={`govuk-${kind}`}>
          {(f.options ?? []).map((o, i) => {
            const id = i === 0 ? idOf(f) : `${idOf(f)}-${i + 1}`;
            return (
              <div class={`govuk-${kind}__item`}>
                <input class={`govuk-${kind}__input`} id={id} name={htmlName(f)} type={f.type === 'radio' ? 'radio' : 'checkbox'} value={o.value} checked={chosen.has(o.value)} />
                <label class={`govuk-label govuk-${kind}__label`} for={id}>
                  {optionLabel(o, locale)}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </Group>
  );
}

/** One box to tick (a declaration, a consent): its label is the question itself. */
function SingleCheckbox({ f, value, error, t, locale }: FieldProps) {
  const hint = hintFor(f, t, locale);
  const checked = ['on', 'true', '1'].includes(single(value));
  return (
    <Group error={error}>
      <HintAndError f={f} hint={hint} error={error} label={fieldLabel(f, locale)} />
      <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
        <div class="govuk-checkboxes__item">
          <input class="govuk-checkboxes__input" id={idOf(f)} name={htmlName(f)} type="checkbox" value="on" checked={checked} aria-describedby={describedBy(f, hint, error)} />
          <label class="govuk-label govuk-checkboxes__label" for={idOf(f)}>
            {fieldLabel(f, locale)}
          </label>
        </div>
      </div>
    </Group>
  );
}

function Field(props: FieldProps) {
  switch (props.f.type) {
    case 'textarea':
      return <TextAreaField {...props} />;
    case 'select':
      return <SelectInput {...props} />;
    case 'radio':
    case 'checkboxes':
      return <ChoiceField {...props} />;
    case 'checkbox':
      return <SingleCheckbox {...props} />;
    default:
      return <InputField {...props} />;
  }
}

/**
 * An e-form as GOV.UK markup, without the <form> element and buttons: the page around it owns those (filing, a
 * draft, a preview). Works without JavaScript; every check happens on the server with the same definition.
 */
export function EForm({ definition, values, errors, t, locale, headingLevel = 2 }: Props) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div class="congso-eform">
      {definition.sections.map((s) => (
        <section>
          <H class={headingLevel === 2 ? 'govuk-heading-m' : 'govuk-heading-s'}>{localised(locale, s.title, s.titleEn)}</H>
          {s.fields.map((f) => {
            const e = errors[htmlName(f)];
            return <Field f={f} value={values[htmlName(f)]} error={e ? t(e.key, e.params) : null} t={t} locale={locale} />;
          })}
        </section>
      ))}
    </div>
  );
}
