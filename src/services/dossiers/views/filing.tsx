import type { ComponentChildren } from 'preact';
import { CitizenLayout } from '../../../accounts/citizen/views/citizen-layout.js';
import { formatVnDateTime } from '../../../platform/dates.js';
import type { FieldErrors } from '../../../platform/errors.js';
import { Button, Csrf, ErrorSummary, type FormState, SelectField, TextArea, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { EForm, formFieldLabels } from '../../forms/render-form.js';
import type { RequiredDocument } from '../../procedures/definition.js';
import { procedurePath } from '../../procedures/index-procedure.js';
import type { DossierView } from '../queries.js';

export const dossierPath = (id: string, rest = '') => `/dich-vu-cong/ho-so/${id}${rest}`;

export function Steps({ page, current }: { page: PageCtx; current: 1 | 2 }) {
  const { t } = page;
  return <p class="govuk-caption-m">{t('dossier.filing.step', { n: current, of: 2 })}</p>;
}

export function SummaryRow({ label, children, action }: { label: string; children: ComponentChildren; action?: { href: string; text: string } }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
      {action && (
        <dd class="govuk-summary-list__actions">
          <a class="govuk-link" href={action.href}>
            {action.text}
            <span class="govuk-visually-hidden"> {label}</span>
          </a>
        </dd>
      )}
    </div>
  );
}

type StartProps = { page: PageCtx; procedure: { code: string; name: string }; agencies: { id: string; name: string }[]; form: FormState };

/** Before the draft exists: which agency, when the procedure has several; otherwise one button. */
export function StartPage({ page, procedure, agencies, form }: StartProps) {
  const { t } = page;
  return (
    <CitizenLayout page={page} title={t('dossier.start.title', { name: procedure.name })}>
      <ErrorSummary t={t} form={form} labels={{ agencyId: t('dossier.start.agency') }} />
      <span class="govuk-caption-l">{procedure.code}</span>
      <h1 class="govuk-heading-l">{procedure.name}</h1>
      <p class="govuk-body">{t('dossier.start.intro')}</p>
      <form method="post" action={`/dich-vu-cong/nop/${encodeURIComponent(procedure.code)}`} novalidate>
        <Csrf token={page.csrf} />
        {agencies.length > 1 && (
          <SelectField name="agencyId" label={t('dossier.start.agency')} hint={t('dossier.start.agencyHint')} form={form} t={t} blank={t('dossier.start.agencyBlank')} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
        )}
        <Button>{t('dossier.start.button')}</Button>
      </form>
      <p class="govuk-body">
        <a class="govuk-link" href={procedurePath(procedure.code)}>
          {t('dossier.start.back')}
        </a>
      </p>
    </CitizenLayout>
  );
}

type DetailsProps = { page: PageCtx; view: DossierView; values: Record<string, unknown>; errors: FieldErrors };

/** Step 1: who applies and the e-form. Saving keeps the draft; nothing is required until submission. */
export function DetailsPage({ page, view, values, errors }: DetailsProps) {
  const { t, locale } = page;
  const d = view.definition;
  const form: FormState = { values: values as FormState['values'], errors };
  const a = applicantLabels(page);
  const labels = { ...formFieldLabels(d.form, locale), ...a };
  return (
    <CitizenLayout page={page} title={t('dossier.details.title')}>
      <ErrorSummary t={t} form={form} labels={labels} />
      <Steps page={page} current={1} />
      <h1 class="govuk-heading-l">{view.procedureName}</h1>
      <form method="post" action={dossierPath(view.dossier.id, '/thong-tin')} novalidate>
        <Csrf token={page.csrf} />
        <h2 class="govuk-heading-m">{t('dossier.applicant.heading')}</h2>
        <TextField name="applicantName" label={a.applicantName} form={form} t={t} autocomplete="name" spellcheck={false} />
        <TextField name="applicantIdNumber" label={a.applicantIdNumber} hint={t('dossier.applicant.idNumberHint')} form={form} t={t} width="20" inputmode="numeric" spellcheck={false} />
        {d.applicants.length > 1 && (
          <SelectField name="applicantKind" label={a.applicantKind} form={form} t={t} options={d.applicants.map((k) => ({ value: k, label: t(`dossier.applicantKind.${k}`) }))} />
        )}
        <TextField name="applicantEmail" type="email" label={a.applicantEmail} hint={t('dossier.applicant.contactHint')} form={form} t={t} autocomplete="email" spellcheck={false} />
        <TextField name="applicantPhone" type="tel" label={a.applicantPhone} form={form} t={t} autocomplete="tel" width="20" />
        <TextField name="applicantAddress" label={a.applicantAddress} form={form} t={t} autocomplete="street-address" />
        <EForm definition={d.form} values={values} errors={errors} t={t} locale={locale} />
        <TextArea name="summary" label={a.summary} hint={t('dossier.applicant.summaryHint')} form={form} t={t} rows={3} />
        <div class="govuk-button-group">
          <Button>{t('dossier.details.continue')}</Button>
        </div>
      </form>
    </CitizenLayout>
  );
}

export function applicantLabels(page: PageCtx) {
  const { t } = page;
  return {
    applicantName: t('dossier.applicant.name'),
    applicantIdNumber: t('dossier.applicant.idNumber'),
    applicantKind: t('dossier.applicant.kind'),
    applicantEmail: t('dossier.applicant.email'),
    applicantPhone: t('dossier.applicant.phone'),
    applicantAddress: t('dossier.applicant.address'),
    summary: t('dossier.applicant.summary'),
    delivery: t('dossier.delivery.label'),
  };
}

export const formatBytes = (n: number) => (n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

type DocumentsProps = { page: PageCtx; view: DossierView; errors: FieldErrors; submissionKey: string; maxUploadMb: number };

/**
 * Step 2: one upload form per required document (a file input cannot live inside the submission form without
 * JavaScript sending every file again), then how to receive the result, and the submission with its key.
 */
export function DocumentsPage({ page, view, errors, submissionKey, maxUploadMb }: DocumentsProps) {
  const { t, locale } = page;
  const d = view.definition;
  const a = applicantLabels(page);
  const labels: Record<string, string> = { ...formFieldLabels(d.form, locale), ...a, submissionKey: t('dossier.documents.title') };
  for (const doc of d.documents) labels[`doc_${doc.code}`] = doc.name;
  const detailsHref = dossierPath(view.dossier.id, '/thong-tin');
  const form: FormState = { values: { delivery: view.dossier.delivery }, errors };
  // Errors of step 1 (found only at submission) link back to it.
  const summaryErrors = Object.fromEntries(Object.entries(errors).filter(([k]) => !(k in applicantLabels(page)) || k === 'delivery'));
  return (
    <CitizenLayout page={page} title={t('dossier.documents.title')}>
      <ErrorSummary t={t} form={{ values: {}, errors: summaryErrors }} labels={labels} />
      <StepOneErrors page={page} errors={errors} labels={labels} href={detailsHref} />
      <Steps page={page} current={2} />
      <h1 class="govuk-heading-l">{t('dossier.documents.title')}</h1>
      <p class="govuk-body">{t('dossier.documents.intro', { max: maxUploadMb })}</p>
      {d.documents.map((doc) => (
        <DocumentBlock page={page} view={view} doc={doc} error={errors[`doc_${doc.code}`] ? t(errors[`doc_${doc.code}`]!.key, errors[`doc_${doc.code}`]!.params) : null} />
      ))}
      <h2 class="govuk-heading-m">{t('dossier.documents.check')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={a.applicantName} action={{ href: detailsHref, text: t('common.change') }}>
          {view.dossier.applicantName}
        </SummaryRow>
        <SummaryRow label={a.applicantIdNumber} action={{ href: detailsHref, text: t('common.change') }}>
          {view.dossier.applicantIdNumber ?? '—'}
        </SummaryRow>
        <SummaryRow label={t('dossier.applicant.contact')} action={{ href: detailsHref, text: t('common.change') }}>
          {[view.dossier.applicantEmail, view.dossier.applicantPhone].filter(Boolean).join(' · ') || '—'}
        </SummaryRow>
      </dl>
      <form method="post" action={dossierPath(view.dossier.id, '/nop')} novalidate>
        <Csrf token={page.csrf} />
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <div class={`govuk-form-group${errors.delivery ? ' govuk-form-group--error' : ''}`}>
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 class="govuk-fieldset__heading">{a.delivery}</h2>
            </legend>
            <div class="govuk-radios" data-module="govuk-radios">
              {d.deliveries.map((k) => (
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id={`f-delivery-${k}`} name="delivery" type="radio" value={k} checked={form.values.delivery === k} />
                  <label class="govuk-label govuk-radios__label" for={`f-delivery-${k}`}>
                    {t(`dossier.delivery.${k}`)}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <p class="govuk-body">{t('dossier.documents.declaration')}</p>
        <Button>{t('dossier.documents.submit')}</Button>
      </form>
    </CitizenLayout>
  );
}

function StepOneErrors({ page, errors, labels, href }: { page: PageCtx; errors: FieldErrors; labels: Record<string, string>; href: string }) {
  const stepOne = Object.entries(errors).filter(([k]) => k !== 'delivery' && (k in applicantLabels(page) || k.startsWith('f_')));
  if (stepOne.length === 0) return null;
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">{page.t('common.warning')}</span>
        {page.t('dossier.documents.stepOneErrors')}
        <ul class="govuk-list govuk-list--bullet">
          {stepOne.map(([k, e]) => (
            <li>
              <a class="govuk-link" href={`${href}#f-${k}`}>
                {labels[k] ?? k}: {page.t(e.key, e.params)}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function DocumentBlock({ page, view, doc, error }: { page: PageCtx; view: DossierView; doc: RequiredDocument; error: string | null }) {
  const { t, locale } = page;
  const mine = view.files.filter((f) => f.documentCode === doc.code);
  const id = `doc_${doc.code}`;
  const name = locale === 'en' && doc.nameEn ? doc.nameEn : doc.name;
  return (
    <section class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`} aria-labelledby={`${id}-heading`}>
      <h2 class="govuk-heading-s" id={`${id}-heading`}>
        {name}{' '}
        <strong class={`govuk-tag${doc.required ? '' : ' govuk-tag--grey'}`}>{t(doc.required ? 'dossier.documents.required' : 'dossier.documents.optional')}</strong>
      </h2>
      <p class="govuk-hint">
        {t('dossier.documents.copies', { originals: doc.originals, copies: doc.copies })}
        {!doc.electronicCopyAccepted && ` ${t('dossier.documents.paperOnly')}`}
        {doc.note ? ` ${doc.note}` : ''}
      </p>
      {mine.length > 0 && (
        <ul class="govuk-list">
          {mine.map((f) => (
            <li>
              <a class="govuk-link" href={dossierPath(view.dossier.id, `/tep/${f.id}`)}>
                {f.name}
              </a>{' '}
              ({formatBytes(f.size)}, {formatVnDateTime(f.createdAt)})
              <form method="post" action={dossierPath(view.dossier.id, `/giay-to/${f.id}/xoa`)} class="congso-inline-form">
                <Csrf token={page.csrf} />
                <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2" data-module="govuk-button">
                  {t('dossier.documents.remove')}
                  <span class="govuk-visually-hidden"> {f.name}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {doc.electronicCopyAccepted && (
        <form method="post" action={dossierPath(view.dossier.id, '/giay-to')} enctype="multipart/form-data">
          <Csrf token={page.csrf} />
          <input type="hidden" name="documentCode" value={doc.code} />
          {error && (
            <p id={`f-${id}-error`} class="govuk-error-message">
              <span class="govuk-visually-hidden">{t('common.error')}: </span>
              {error}
            </p>
          )}
          <label class="govuk-label" for={`f-${id}`}>
            {t('dossier.documents.choose')}
            <span class="govuk-visually-hidden"> – {name}</span>
          </label>
          <div class="govuk-hint" id={`f-${id}-hint`}>
            {t(`dossier.documents.accepts.${doc.accepts.includes('office') ? 'office' : 'pdfImage'}`)}
          </div>
          <input class={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`} id={`f-${id}`} name="file" type="file" aria-describedby={`f-${id}-hint${error ? ` f-${id}-error` : ''}`} />
          <div>
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
              {t('dossier.documents.upload')}
              <span class="govuk-visually-hidden"> – {name}</span>
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
