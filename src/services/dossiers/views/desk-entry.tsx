import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, Csrf, ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { EForm, formFieldLabels } from '../../forms/render-form.js';
import type { VersionDefinition } from '../../procedures/definition.js';
import { applicantLabels } from './filing.js';
import { ENTRY } from './office-inbox.js';

type ProcedureOption = { code: string; name: string };

/** First the procedure: the form that follows is that procedure's e-form and documents. */
export function ChooseProcedurePage({ page, procedures, form }: { page: PageCtx; procedures: ProcedureOption[]; form: FormState }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('office.entry.title')}>
      <ErrorSummary t={t} form={form} labels={{ thu_tuc: t('office.entry.procedure') }} />
      <h1 class="govuk-heading-l">{t('office.entry.title')}</h1>
      {procedures.length === 0 ? (
        <p class="govuk-body">{t('office.entry.noProcedure')}</p>
      ) : (
        <form method="get" action={ENTRY} novalidate>
          <SelectField name="thu_tuc" label={t('office.entry.procedure')} form={form} t={t} blank={t('office.entry.procedureBlank')} options={procedures.map((p) => ({ value: p.code, label: `${p.code} – ${p.name}` }))} />
          <Button>{t('office.entry.continue')}</Button>
        </form>
      )}
    </BackOfficeLayout>
  );
}

type EntryProps = {
  page: PageCtx;
  procedure: ProcedureOption;
  definition: VersionDefinition;
  agencies: { id: string; name: string }[];
  values: Record<string, unknown>;
  errors: FormState['errors'];
  entryKey: string;
};

/** The applicant, the e-form and the documents handed in on paper, received in one go. */
export function EntryPage({ page, procedure, definition, agencies, values, errors, entryKey }: EntryProps) {
  const { t, locale } = page;
  const form: FormState = { values: Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string')) as FormState['values'], errors };
  const a = applicantLabels(page);
  const labels: Record<string, string> = { ...formFieldLabels(definition.form, locale), ...a, agencyId: t('dossier.start.agency'), key: t('office.entry.title') };
  for (const doc of definition.documents) labels[`doc_${doc.code}`] = doc.name;
  const docErrors = definition.documents.filter((doc) => errors[`doc_${doc.code}`]);
  return (
    <BackOfficeLayout page={page} title={t('office.entry.title')}>
      <ErrorSummary t={t} form={form} labels={labels} />
      <span class="govuk-caption-l">{procedure.code}</span>
      <h1 class="govuk-heading-l">{procedure.name}</h1>
      <p class="govuk-body">
        <a class="govuk-link" href={ENTRY}>
          {t('office.entry.change')}
        </a>
      </p>
      <form method="post" action={`${ENTRY}?thu_tuc=${encodeURIComponent(procedure.code)}`} novalidate>
        <Csrf token={page.csrf} />
        <input type="hidden" name="key" value={entryKey} />
        {agencies.length > 1 && <SelectField name="agencyId" label={labels.agencyId!} form={form} t={t} blank={t('dossier.start.agencyBlank')} options={agencies.map((x) => ({ value: x.id, label: x.name }))} />}
        <h2 class="govuk-heading-m">{t('dossier.applicant.heading')}</h2>
        <TextField name="applicantName" label={a.applicantName} form={form} t={t} spellcheck={false} />
        <TextField name="applicantIdNumber" label={a.applicantIdNumber} form={form} t={t} width="20" inputmode="numeric" spellcheck={false} />
        {definition.applicants.length > 1 && <SelectField name="applicantKind" label={a.applicantKind} form={form} t={t} options={definition.applicants.map((k) => ({ value: k, label: t(`dossier.applicantKind.${k}`) }))} />}
        <TextField name="applicantEmail" type="email" label={a.applicantEmail} form={form} t={t} spellcheck={false} />
        <TextField name="applicantPhone" type="tel" label={a.applicantPhone} form={form} t={t} width="20" />
        <TextField name="applicantAddress" label={a.applicantAddress} form={form} t={t} />
        <EForm definition={definition.form} values={values} errors={errors} t={t} locale={locale} />
        <div class={`govuk-form-group${docErrors.length ? ' govuk-form-group--error' : ''}`}>
          <fieldset class="govuk-fieldset" aria-describedby="f-documents-hint">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 class="govuk-fieldset__heading">{t('office.entry.documents')}</h2>
            </legend>
            <div class="govuk-hint" id="f-documents-hint">
              {t('office.entry.documentsHint')}
            </div>
            {docErrors.map((doc) => (
              <p class="govuk-error-message" id={`f-doc_${doc.code}-error`}>
                <span class="govuk-visually-hidden">{t('common.error')}: </span>
                {t(errors[`doc_${doc.code}`]!.key, errors[`doc_${doc.code}`]!.params)}
              </p>
            ))}
            <div class="govuk-checkboxes" data-module="govuk-checkboxes">
              {definition.documents.map((doc) => (
                <div class="govuk-checkboxes__item">
                  <input class="govuk-checkboxes__input" id={`f-doc_${doc.code}`} name={`doc_${doc.code}`} type="checkbox" value="on" checked={values[`doc_${doc.code}`] === 'on'} />
                  <label class="govuk-label govuk-checkboxes__label" for={`f-doc_${doc.code}`}>
                    {doc.name} ({t(doc.required ? 'dossier.documents.required' : 'dossier.documents.optional')})
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <SelectField name="delivery" label={a.delivery} form={{ ...form, values: { delivery: definition.deliveries[0], ...form.values } }} t={t} options={definition.deliveries.map((k) => ({ value: k, label: t(`dossier.delivery.${k}`) }))} />
        <TextArea name="summary" label={a.summary} form={form} t={t} rows={3} />
        <Button>{t('office.entry.submit')}</Button>
      </form>
    </BackOfficeLayout>
  );
}
