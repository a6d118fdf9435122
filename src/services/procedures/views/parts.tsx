import type { MessageKey } from '../../../platform/i18n/index.js';
import type { FormState } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import type { Procedure, ProcedureVersion } from '../rules.js';

export const SERVICES_ADMIN = '/quan-tri/dich-vu-cong';
export const FIELDS = `${SERVICES_ADMIN}/linh-vuc`;
export const PROCS = `${SERVICES_ADMIN}/thu-tuc`;
export const IMPORT = `${SERVICES_ADMIN}/nhap-thu-tuc`;

export const procHref = (id: string, rest = '') => `${PROCS}/${id}${rest}`;
export const versionHref = (procedureId: string, versionId: string, rest = '') => `${PROCS}/${procedureId}/phien-ban/${versionId}${rest}`;
export const fieldHref = (id: string, rest = '') => `${FIELDS}/${id}${rest}`;

export const levelKey = (l: Procedure['level']) => `proc.level.${l}` as MessageKey;
export const tierKey = (t: Procedure['tier']) => `proc.tier.${t}` as MessageKey;
export const statusKey = (s: ProcedureVersion['status']) => `proc.status.${s}` as MessageKey;

type CellProps = { name: string; label: string; form: FormState; t: PageCtx['t'] };

function cellError({ name, form, t }: CellProps): string | null {
  const e = form.errors[name];
  return e ? t(e.key, e.params) : null;
}

/**
 * An input inside a table row: the column header is not a label, so each input carries its own (hidden) one, and
 * its error sits right above it in the cell, linked from the summary by the input's id.
 */
export function CellInput(props: CellProps & { width?: '2' | '3' | '4' | '5' | '10' | '20'; inputmode?: string; spellcheck?: boolean }) {
  const { name, label, form, width, inputmode, spellcheck } = props;
  const error = cellError(props);
  return (
    <div class={`govuk-form-group govuk-!-margin-bottom-0${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label govuk-visually-hidden" for={`f-${name}`}>
        {label}
      </label>
      {error && (
        <p id={`f-${name}-error`} class="govuk-error-message">
          {error}
        </p>
      )}
      <input
        class={`govuk-input${width ? ` govuk-input--width-${width}` : ''}${error ? ' govuk-input--error' : ''}`}
        id={`f-${name}`}
        name={name}
        type="text"
        value={form.values[name] ?? ''}
        inputMode={inputmode as never}
        spellcheck={spellcheck}
        aria-describedby={error ? `f-${name}-error` : undefined}
      />
    </div>
  );
}

export function CellTextArea(props: CellProps & { rows?: number }) {
  const { name, label, form, rows = 2 } = props;
  const error = cellError(props);
  return (
    <div class={`govuk-form-group govuk-!-margin-bottom-0${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label govuk-visually-hidden" for={`f-${name}`}>
        {label}
      </label>
      {error && (
        <p id={`f-${name}-error`} class="govuk-error-message">
          {error}
        </p>
      )}
      <textarea class={`govuk-textarea govuk-!-margin-bottom-0${error ? ' govuk-textarea--error' : ''}`} id={`f-${name}`} name={name} rows={rows} aria-describedby={error ? `f-${name}-error` : undefined}>
        {form.values[name] ?? ''}
      </textarea>
    </div>
  );
}

export function CellSelect(props: CellProps & { options: { value: string; label: string }[]; blank?: string }) {
  const { name, label, form, options, blank } = props;
  const error = cellError(props);
  const current = form.values[name] ?? '';
  return (
    <div class={`govuk-form-group govuk-!-margin-bottom-0${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label govuk-visually-hidden" for={`f-${name}`}>
        {label}
      </label>
      {error && (
        <p id={`f-${name}-error`} class="govuk-error-message">
          {error}
        </p>
      )}
      <select class={`govuk-select${error ? ' govuk-select--error' : ''}`} id={`f-${name}`} name={name} aria-describedby={error ? `f-${name}-error` : undefined}>
        {blank !== undefined && <option value="">{blank}</option>}
        {options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CellCheckbox({ name, label, form }: CellProps) {
  const checked = ['on', 'true', '1'].includes(form.values[name] ?? '');
  return (
    <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
      <div class="govuk-checkboxes__item">
        <input class="govuk-checkboxes__input" id={`f-${name}`} name={name} type="checkbox" value="on" checked={checked} />
        <label class="govuk-label govuk-checkboxes__label" for={`f-${name}`}>
          {label}
        </label>
      </div>
    </div>
  );
}

/** An error about a whole list (shares that do not add up, two rows with one code), with the id the summary links to. */
export function GroupError({ name, form, t }: { name: string; form: FormState; t: PageCtx['t'] }) {
  const e = form.errors[name];
  if (!e) return <span id={`f-${name}`} />;
  return (
    <p id={`f-${name}`} class="govuk-error-message" tabindex={-1}>
      {t(e.key, e.params)}
    </p>
  );
}

/** "1.250.000 đ": đồng with dots between thousands. */
export function formatDong(n: number): string {
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}
