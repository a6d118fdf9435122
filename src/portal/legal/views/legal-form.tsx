import { formatVnDateTime } from '../../../platform/dates.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, CheckboxField, Csrf, type FormState, SelectField, TextArea, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { BackLink, Problems } from '../../../org/views/shared.js';
import { filePath, sitePath, siteBase, sitePaths } from '../../urls.js';
import { LEGAL_DOC_TYPES, LEGAL_STATUSES, type LegalDocument, type LegalStatus } from '../legal-rules.js';
import type { SiteOption } from '../queries.js';
import { LEGAL, PublicationTag, legalHref, legalLabels, legalStatusKey } from './parts.js';

export type LegalDetail = {
  doc: LegalDocument;
  site: SiteOption;
  pdf: { id: string; name: string; size: number } | null;
  /** What the dates give today, shown beside the status the person may override. */
  suggested: LegalStatus;
};

function LegalFields({ page, form, keepType, statusHint }: { page: PageCtx; form: FormState; keepType?: string; statusHint: string }) {
  const { t } = page;
  // A type outside the list (an imported document) stays selectable so saving does not change it.
  const types: string[] = [...LEGAL_DOC_TYPES];
  if (keepType && !types.includes(keepType)) types.push(keepType);
  return (
    <>
      <SelectField name="docType" label={t('legal.docType')} form={form} t={t} options={types.map((d) => ({ value: d, label: d }))} />
      <TextField name="number" label={t('legal.number')} hint={t('legal.numberHint')} form={form} t={t} width="20" spellcheck={false} />
      <TextArea name="title" label={t('legal.titleField')} form={form} t={t} rows={3} />
      <TextField name="issuingBody" label={t('legal.issuingBody')} form={form} t={t} required />
      <TextField name="signer" label={t('legal.signer')} form={form} t={t} width="30" />
      <TextField name="field" label={t('legal.field')} form={form} t={t} width="30" />
      <TextField name="issuedOn" label={t('legal.issuedOn')} hint={t('legal.dateHint')} form={form} t={t} width="10" inputmode="numeric" required />
      <TextField name="effectiveOn" label={t('legal.effectiveOn')} hint={t('legal.dateHint')} form={form} t={t} width="10" inputmode="numeric" />
      <TextField name="expiresOn" label={t('legal.expiresOn')} hint={t('legal.dateHint')} form={form} t={t} width="10" inputmode="numeric" />
      <SelectField name="status" label={t('legal.status')} hint={statusHint} form={form} t={t} blank={t('legal.statusAuto')} options={LEGAL_STATUSES.map((s) => ({ value: s, label: t(legalStatusKey(s)) }))} />
      <CheckboxField name="isDraft" label={t('legal.isDraft')} form={form} t={t} />
      <TextField name="commentUntil" label={t('legal.commentUntil')} hint={t('legal.dateHint')} form={form} t={t} width="10" inputmode="numeric" />
      <TextArea name="summary" label={t('legal.summary')} form={form} t={t} rows={5} />
    </>
  );
}

export function LegalNewPage({ page, form, sites }: { page: PageCtx; form: FormState; sites: SiteOption[] }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('legal.new')}>
      <BackLink href={LEGAL} page={page} />
      <h1 class="govuk-heading-l">{t('legal.new')}</h1>
      <Problems page={page} form={form} labels={legalLabels(page)} />
      <form method="post" action={`${LEGAL}/moi`} novalidate>
        <Csrf token={page.csrf} />
        <SelectField name="siteId" label={t('legal.site')} form={form} t={t} options={sites.map((s) => ({ value: s.id, label: s.name }))} />
        <LegalFields page={page} form={form} statusHint={t('legal.statusHintNew')} />
        <Button>{t('legal.save')}</Button>
      </form>
    </BackOfficeLayout>
  );
}

function Publication({ page, detail }: { page: PageCtx; detail: LegalDetail }) {
  const { t } = page;
  const d = detail.doc;
  return (
    <>
      <p class="govuk-body">
        <PublicationTag page={page} published={d.published} />
        {d.published && d.publishedAt && <span class="govuk-body-s"> {t('legal.publishedAt', { at: formatVnDateTime(d.publishedAt) })}</span>}
      </p>
      {d.published && (
        <p class="govuk-body">
          <a class="govuk-link" href={sitePath(siteBase(detail.site), sitePaths.legalDocument(d.id))}>
            {t('legal.viewPublic')}
          </a>
        </p>
      )}
      <form method="post" action={legalHref(d.id, d.published ? '/go' : '/dang')}>
        <Csrf token={page.csrf} />
        <input type="hidden" name="version" value={String(d.version)} />
        {d.published ? <Button warning>{t('legal.unpublish')}</Button> : <Button>{t('legal.publish')}</Button>}
      </form>
    </>
  );
}

function PdfUpload({ page, detail, form }: { page: PageCtx; detail: LegalDetail; form: FormState }) {
  const { t } = page;
  const d = detail.doc;
  const err = form.errors.pdf;
  return (
    <>
      <h2 class="govuk-heading-m">{t('legal.pdf')}</h2>
      {detail.pdf ? (
        <p class="govuk-body">
          <a class="govuk-link" href={filePath(detail.pdf.id, detail.pdf.name)} data-testid="legal-pdf">
            {detail.pdf.name}
          </a>{' '}
          <span class="govuk-body-s">({Math.max(1, Math.round(detail.pdf.size / 1024))} KB)</span>
        </p>
      ) : (
        <p class="govuk-body">{t('legal.noPdf')}</p>
      )}
      {/* The token comes first: the server checks it before it reads the file (see readMultipartForm). */}
      <form method="post" action={legalHref(d.id, '/tep')} enctype="multipart/form-data">
        <Csrf token={page.csrf} />
        <input type="hidden" name="version" value={String(d.version)} />
        <div class={`govuk-form-group${err ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="f-pdf">
            {t('legal.pdf')}
          </label>
          <div id="f-pdf-hint" class="govuk-hint">
            {t('legal.pdfHint')}
          </div>
          {err && (
            <p id="f-pdf-error" class="govuk-error-message">
              {t(err.key, err.params)}
            </p>
          )}
          <input class={`govuk-file-upload${err ? ' govuk-file-upload--error' : ''}`} id="f-pdf" name="pdf" type="file" accept="application/pdf" aria-describedby={err ? 'f-pdf-hint f-pdf-error' : 'f-pdf-hint'} />
        </div>
        <Button secondary>{detail.pdf ? t('legal.pdfReplace') : t('legal.pdfUpload')}</Button>
      </form>
    </>
  );
}

export function LegalEditPage({ page, form, detail }: { page: PageCtx; form: FormState; detail: LegalDetail }) {
  const { t } = page;
  const d = detail.doc;
  return (
    <BackOfficeLayout page={page} title={t('legal.edit')}>
      <BackLink href={LEGAL} page={page} />
      <span class="govuk-caption-l">{detail.site.name}</span>
      <h1 class="govuk-heading-l">{t('legal.edit')}</h1>
      <Problems page={page} form={form} labels={legalLabels(page)} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <form method="post" action={legalHref(d.id)} novalidate>
            <Csrf token={page.csrf} />
            <input type="hidden" name="version" value={form.values.version ?? String(d.version)} />
            <LegalFields page={page} form={form} keepType={d.docType} statusHint={t('legal.statusHint', { status: t(legalStatusKey(detail.suggested)) })} />
            <Button>{t('legal.save')}</Button>
          </form>
        </div>
        <div class="govuk-grid-column-one-third">
          <h2 class="govuk-heading-m">{t('legal.publication')}</h2>
          <Publication page={page} detail={detail} />
          <PdfUpload page={page} detail={detail} form={form} />
        </div>
      </div>
    </BackOfficeLayout>
  );
}
