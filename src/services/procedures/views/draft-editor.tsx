import { BackLink, Problems } from '../../../org/views/shared.js';
import type { MessageKey } from '../../../platform/i18n/index.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, Csrf, type FormState, SelectField, TextArea, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { filePath } from '../../../portal/urls.js';
import { fieldTypes } from '../../forms/definition.js';
import { stepRoles, uploadKinds } from '../definition.js';
import { type RowGroup, applicantKinds, deliveryKinds, groupAnchor } from '../draft-form.js';
import { CellCheckbox, CellInput, CellSelect, CellTextArea, GroupError, procHref, versionHref } from './parts.js';
import type { VersionView } from './version.js';

type Props = { page: PageCtx; view: VersionView; form: FormState; rows: Record<RowGroup, number> };

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Labels for the error summary: every input of every row, named with its row. */
export function draftLabels(page: PageCtx, rows: Record<RowGroup, number>): Record<string, string> {
  const { t } = page;
  const out: Record<string, string> = {
    timeUnit: t('proc.timeUnit'),
    timeDays: t('proc.days'),
    timeOnlineDays: t('proc.onlineDays'),
    result: t('proc.result'),
    legalBasis: t('proc.legalBasis'),
    applicants: t('proc.applicants'),
    deliveries: t('proc.deliveries'),
    note: t('proc.note'),
    template: t('proc.templateFile'),
    document: t('proc.templateDocument'),
    documents: t('proc.documents'),
    fees: t('proc.fees'),
    steps: t('proc.steps'),
    formFields: t('proc.formFields'),
  };
  const cols: Record<RowGroup, [string, MessageKey][]> = {
    doc: [['code', 'proc.doc.code'], ['name', 'proc.doc.name'], ['originals', 'proc.doc.originals'], ['copies', 'proc.doc.copies'], ['note', 'proc.doc.note']],
    fee: [['code', 'proc.fee.code'], ['name', 'proc.fee.name'], ['amount', 'proc.fee.amount'], ['note', 'proc.fee.note']],
    step: [['code', 'proc.step.code'], ['name', 'proc.step.name'], ['role', 'proc.step.role'], ['share', 'proc.step.share']],
    ff: [['section', 'proc.ff.section'], ['name', 'proc.ff.name'], ['type', 'proc.ff.type'], ['label', 'proc.ff.label'], ['help', 'proc.ff.help'], ['min', 'proc.ff.min'], ['max', 'proc.ff.max'], ['options', 'proc.ff.options']],
  };
  const groups: Record<RowGroup, MessageKey> = { doc: 'proc.documents', fee: 'proc.fees', step: 'proc.steps', ff: 'proc.formFields' };
  for (const g of Object.keys(cols) as RowGroup[]) {
    for (const i of range(rows[g])) for (const [c, k] of cols[g]) out[`${g}.${i}.${c}`] = `${t(groups[g])}, ${t('proc.rowN', { n: i + 1 })}: ${t(k)}`;
  }
  return out;
}

function Head({ keys, t }: { keys: MessageKey[]; t: PageCtx['t'] }) {
  return (
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">
          #
        </th>
        {keys.map((k) => (
          <th scope="col" class="govuk-table__header">
            {t(k)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function Section({ page, form, group, title, hint, children }: { page: PageCtx; form: FormState; group: RowGroup; title: MessageKey; hint?: MessageKey; children: preact.ComponentChildren }) {
  const { t } = page;
  return (
    <section class="govuk-!-margin-bottom-6" aria-labelledby={`h-${group}`}>
      <h2 class="govuk-heading-m" id={`h-${group}`}>
        {t(title)}
      </h2>
      {hint && <p class="govuk-hint">{t(hint)}</p>}
      <GroupError name={groupAnchor[group]} form={form} t={t} />
      <TableWrap label={t(title)}>{children}</TableWrap>
      <Button secondary name="_add" value={group}>
        {t('proc.addRows')}
        <span class="govuk-visually-hidden"> — {t(title)}</span>
      </Button>
    </section>
  );
}

function Documents({ page, form, rows, view }: { page: PageCtx; form: FormState; rows: number; view: VersionView }) {
  const { t } = page;
  const row = (i: number, k: MessageKey) => `${t(k)} (${t('proc.rowN', { n: i + 1 })})`;
  return (
    <Section page={page} form={form} group="doc" title="proc.documents">
      <table class="govuk-table">
        <Head t={t} keys={['proc.doc.code', 'proc.doc.name', 'proc.doc.originals', 'proc.doc.copies', 'proc.doc.required', 'proc.doc.accepts', 'proc.doc.note', 'proc.doc.template']} />
        <tbody class="govuk-table__body">
          {range(rows).map((i) => {
            const fileId = form.values[`doc.${i}.templateFileId`];
            const file = fileId ? view.templates.get(fileId) : undefined;
            return (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{i + 1}</td>
                <td class="govuk-table__cell">
                  <CellInput name={`doc.${i}.code`} label={row(i, 'proc.doc.code')} form={form} t={t} width="4" spellcheck={false} />
                </td>
                <td class="govuk-table__cell">
                  <CellTextArea name={`doc.${i}.name`} label={row(i, 'proc.doc.name')} form={form} t={t} />
                </td>
                <td class="govuk-table__cell">
                  <CellInput name={`doc.${i}.originals`} label={row(i, 'proc.doc.originals')} form={form} t={t} width="2" inputmode="numeric" />
                </td>
                <td class="govuk-table__cell">
                  <CellInput name={`doc.${i}.copies`} label={row(i, 'proc.doc.copies')} form={form} t={t} width="2" inputmode="numeric" />
                </td>
                <td class="govuk-table__cell">
                  <CellCheckbox name={`doc.${i}.required`} label={t('proc.doc.required')} form={form} t={t} />
                  <CellCheckbox name={`doc.${i}.electronic`} label={t('proc.doc.electronic')} form={form} t={t} />
                </td>
                <td class="govuk-table__cell">
                  {uploadKinds.map((k) => (
                    <CellCheckbox name={`doc.${i}.accept.${k}`} label={t(`proc.accept.${k}` as MessageKey)} form={form} t={t} />
                  ))}
                </td>
                <td class="govuk-table__cell">
                  <CellTextArea name={`doc.${i}.note`} label={row(i, 'proc.doc.note')} form={form} t={t} />
                </td>
                <td class="govuk-table__cell">
                  <input type="hidden" name={`doc.${i}.templateFileId`} value={fileId ?? ''} />
                  {file && (
                    <a class="govuk-link" href={filePath(file.id, file.name)}>
                      {file.name}
                    </a>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

function Fees({ page, form, rows }: { page: PageCtx; form: FormState; rows: number }) {
  const { t } = page;
  const row = (i: number, k: MessageKey) => `${t(k)} (${t('proc.rowN', { n: i + 1 })})`;
  return (
    <Section page={page} form={form} group="fee" title="proc.fees">
      <table class="govuk-table">
        <Head t={t} keys={['proc.fee.code', 'proc.fee.name', 'proc.fee.amount', 'proc.fee.note']} />
        <tbody class="govuk-table__body">
          {range(rows).map((i) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{i + 1}</td>
              <td class="govuk-table__cell">
                <CellInput name={`fee.${i}.code`} label={row(i, 'proc.fee.code')} form={form} t={t} width="4" spellcheck={false} />
              </td>
              <td class="govuk-table__cell">
                <CellTextArea name={`fee.${i}.name`} label={row(i, 'proc.fee.name')} form={form} t={t} />
              </td>
              <td class="govuk-table__cell">
                <CellInput name={`fee.${i}.amount`} label={row(i, 'proc.fee.amount')} form={form} t={t} width="10" inputmode="numeric" />
              </td>
              <td class="govuk-table__cell">
                <CellTextArea name={`fee.${i}.note`} label={row(i, 'proc.fee.note')} form={form} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function Steps({ page, form, rows }: { page: PageCtx; form: FormState; rows: number }) {
  const { t } = page;
  const row = (i: number, k: MessageKey) => `${t(k)} (${t('proc.rowN', { n: i + 1 })})`;
  const roles = stepRoles.map((r) => ({ value: r, label: t(`proc.role.${r}` as MessageKey) }));
  return (
    <Section page={page} form={form} group="step" title="proc.steps" hint="proc.stepsHint">
      <table class="govuk-table">
        <Head t={t} keys={['proc.step.code', 'proc.step.name', 'proc.step.role', 'proc.step.share']} />
        <tbody class="govuk-table__body">
          {range(rows).map((i) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{i + 1}</td>
              <td class="govuk-table__cell">
                <CellInput name={`step.${i}.code`} label={row(i, 'proc.step.code')} form={form} t={t} width="4" spellcheck={false} />
              </td>
              <td class="govuk-table__cell">
                <CellTextArea name={`step.${i}.name`} label={row(i, 'proc.step.name')} form={form} t={t} />
              </td>
              <td class="govuk-table__cell">
                <CellSelect name={`step.${i}.role`} label={row(i, 'proc.step.role')} form={form} t={t} blank="" options={roles} />
              </td>
              <td class="govuk-table__cell">
                <CellInput name={`step.${i}.share`} label={row(i, 'proc.step.share')} form={form} t={t} width="3" inputmode="decimal" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function FormFields({ page, form, rows }: { page: PageCtx; form: FormState; rows: number }) {
  const { t } = page;
  const row = (i: number, k: MessageKey) => `${t(k)} (${t('proc.rowN', { n: i + 1 })})`;
  const types = fieldTypes.map((x) => ({ value: x, label: t(`proc.type.${x}` as MessageKey) }));
  const ranges = [
    { value: 'past', label: t('proc.dateRange.past') },
    { value: 'future', label: t('proc.dateRange.future') },
  ];
  return (
    <Section page={page} form={form} group="ff" title="proc.formFields" hint="proc.formFieldsHint">
      <table class="govuk-table">
        <Head t={t} keys={['proc.ff.section', 'proc.ff.name', 'proc.ff.type', 'proc.ff.label', 'proc.ff.help', 'proc.ff.required', 'proc.ff.min', 'proc.ff.max', 'proc.ff.dateRange', 'proc.ff.options']} />
        <tbody class="govuk-table__body">
          {range(rows).map((i) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{i + 1}</td>
              <td class="govuk-table__cell">
                <CellInput name={`ff.${i}.section`} label={row(i, 'proc.ff.section')} form={form} t={t} width="10" />
              </td>
              <td class="govuk-table__cell">
                <CellInput name={`ff.${i}.name`} label={row(i, 'proc.ff.name')} form={form} t={t} width="10" spellcheck={false} />
              </td>
              <td class="govuk-table__cell">
                <CellSelect name={`ff.${i}.type`} label={row(i, 'proc.ff.type')} form={form} t={t} blank="" options={types} />
              </td>
              <td class="govuk-table__cell">
                <CellTextArea name={`ff.${i}.label`} label={row(i, 'proc.ff.label')} form={form} t={t} />
              </td>
              <td class="govuk-table__cell">
                <CellTextArea name={`ff.${i}.help`} label={row(i, 'proc.ff.help')} form={form} t={t} />
              </td>
              <td class="govuk-table__cell">
                <CellCheckbox name={`ff.${i}.required`} label={t('proc.ff.required')} form={form} t={t} />
              </td>
              <td class="govuk-table__cell">
                <CellInput name={`ff.${i}.min`} label={row(i, 'proc.ff.min')} form={form} t={t} width="4" inputmode="decimal" />
              </td>
              <td class="govuk-table__cell">
                <CellInput name={`ff.${i}.max`} label={row(i, 'proc.ff.max')} form={form} t={t} width="4" inputmode="decimal" />
              </td>
              <td class="govuk-table__cell">
                <CellSelect name={`ff.${i}.dateRange`} label={row(i, 'proc.ff.dateRange')} form={form} t={t} blank={t('proc.ff.dateAny')} options={ranges} />
              </td>
              <td class="govuk-table__cell">
                <CellTextArea name={`ff.${i}.options`} label={`${row(i, 'proc.ff.options')} — ${t('proc.ff.optionsHint')}`} form={form} t={t} rows={3} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="govuk-hint">
        {t('proc.ff.boundsHint')} {t('proc.ff.optionsHint')}
      </p>
    </Section>
  );
}

function Choices({ page, form, name, prefix, legend, items }: { page: PageCtx; form: FormState; name: string; prefix: string; legend: MessageKey; items: readonly string[] }) {
  const { t } = page;
  const e = form.errors[name];
  return (
    <div class={`govuk-form-group${e ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" id={`f-${name}`}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(legend)}</legend>
        {e && <p class="govuk-error-message">{t(e.key, e.params)}</p>}
        {items.map((x) => (
          <CellCheckbox name={`${prefix}.${x}`} label={t(`proc.${prefix}.${x}` as MessageKey)} form={form} t={t} />
        ))}
      </fieldset>
    </div>
  );
}

/** The whole draft in one form that works without JavaScript, then the template upload and publishing. */
export function DraftEditorPage({ page, view, form, rows }: Props) {
  const { t } = page;
  const { procedure: p, version: v } = view;
  const title = `${t('proc.editDraft')} — ${t('proc.versionN', { n: v.number })}`;
  return (
    <BackOfficeLayout page={page} title={title}>
      <BackLink href={procHref(p.id)} page={page} />
      <Problems page={page} form={form} labels={draftLabels(page, rows)} />
      <span class="govuk-caption-l">
        {p.code} · {p.name}
      </span>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{t('proc.rowsHint')}</p>
      <form method="post" action={versionHref(p.id, v.id, '/sua')} novalidate>
        <Csrf token={page.csrf} />
        <input type="hidden" name="revision" value={form.values.revision ?? String(v.revision)} />
        {(Object.keys(rows) as RowGroup[]).map((g) => (
          <input type="hidden" name={`rows.${g}`} value={String(rows[g])} />
        ))}
        <h2 class="govuk-heading-m">{t('proc.timeLimit')}</h2>
        <SelectField name="timeUnit" label={t('proc.timeUnit')} form={form} t={t} options={(['working_days', 'calendar_days'] as const).map((u) => ({ value: u, label: t(`proc.unit.${u}`) }))} />
        <TextField name="timeDays" label={t('proc.days')} hint={t('proc.daysHint')} form={form} t={t} width="5" inputmode="decimal" />
        <TextField name="timeOnlineDays" label={t('proc.onlineDays')} hint={t('proc.onlineDaysHint')} form={form} t={t} width="5" inputmode="decimal" />
        <TextArea name="result" label={t('proc.result')} form={form} t={t} rows={2} />
        <TextArea name="legalBasis" label={t('proc.legalBasis')} form={form} t={t} rows={4} />
        <Choices page={page} form={form} name="applicants" prefix="applicant" legend="proc.applicants" items={applicantKinds} />
        <Choices page={page} form={form} name="deliveries" prefix="delivery" legend="proc.deliveries" items={deliveryKinds} />
        <Documents page={page} form={form} rows={rows.doc} view={view} />
        <Fees page={page} form={form} rows={rows.fee} />
        <Steps page={page} form={form} rows={rows.step} />
        <FormFields page={page} form={form} rows={rows.ff} />
        <TextArea name="note" label={t('proc.note')} hint={t('proc.noteHint')} form={form} t={t} rows={2} />
        <Button>{t('common.save')}</Button>
      </form>
      <TemplateUpload page={page} view={view} form={form} />
      <h2 class="govuk-heading-m">{t('proc.publish')}</h2>
      <p class="govuk-body">{t('proc.publishHint')}</p>
      <form method="post" action={versionHref(p.id, v.id, '/cong-bo')}>
        <Csrf token={page.csrf} />
        <input type="hidden" name="revision" value={String(v.revision)} />
        <Button>{t('proc.publish')}</Button>
      </form>
    </BackOfficeLayout>
  );
}

function TemplateUpload({ page, view, form }: { page: PageCtx; view: VersionView; form: FormState }) {
  const { t } = page;
  const { procedure: p, version: v } = view;
  const err = form.errors.template;
  if (v.definition.documents.length === 0) return null;
  return (
    <>
      <h2 class="govuk-heading-m">{t('proc.templateUpload')}</h2>
      {/* The token comes first: the server checks it before it reads the file (see readMultipartForm). */}
      <form method="post" action={versionHref(p.id, v.id, '/mau')} enctype="multipart/form-data">
        <Csrf token={page.csrf} />
        <input type="hidden" name="revision" value={String(v.revision)} />
        <SelectField name="document" label={t('proc.templateDocument')} form={{ values: {}, errors: form.errors.document ? { document: form.errors.document } : {} }} t={t} options={v.definition.documents.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))} />
        <div class={`govuk-form-group${err ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="f-template">
            {t('proc.templateFile')}
          </label>
          <div id="f-template-hint" class="govuk-hint">
            {t('proc.templateHint')}
          </div>
          {err && (
            <p id="f-template-error" class="govuk-error-message">
              {t(err.key, err.params)}
            </p>
          )}
          <input class={`govuk-file-upload${err ? ' govuk-file-upload--error' : ''}`} id="f-template" name="template" type="file" aria-describedby={err ? 'f-template-hint f-template-error' : 'f-template-hint'} />
        </div>
        <Button secondary>{t('proc.templateUpload')}</Button>
      </form>
    </>
  );
}
