import { CitizenLayout } from '../../../accounts/citizen/views/citizen-layout.js';
import { formatVnDateTime } from '../../../platform/dates.js';
import type { FieldErrors } from '../../../platform/errors.js';
import { Button, Csrf, ErrorSummary, TextArea } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import type { DossierView } from '../queries.js';
import { dossierPath, formatBytes } from './filing.js';

type Props = { page: PageCtx; view: DossierView; items: string[]; requestSeq: number; errors: FieldErrors; note: string; answerKey: string; maxUploadMb: number };

/**
 * The applicant answers a supplement request: what was asked, the files sent for it so far, one upload form (a
 * file input cannot share the sending form without scripts re-sending every file), and the answer that restarts
 * the clock.
 */
export function SupplementPage({ page, view, items, requestSeq, errors, note, answerKey, maxUploadMb }: Props) {
  const { t, locale } = page;
  const d = view.dossier;
  const askedAt = view.actions.find((a) => a.seq === requestSeq)?.at;
  const sent = askedAt ? view.files.filter((f) => f.purpose === 'supplement' && f.createdAt >= askedAt) : [];
  const docs = view.definition.documents.filter((doc) => doc.electronicCopyAccepted);
  const fileError = errors.file;
  return (
    <CitizenLayout page={page} title={t('dossier.supplement.title')}>
      <ErrorSummary t={t} form={{ values: {}, errors }} labels={{ file: t('dossier.documents.choose'), note: t('dossier.supplement.note') }} />
      <span class="govuk-caption-l">{t('dossier.page.title', { code: d.code ?? '' })}</span>
      <h1 class="govuk-heading-l">{t('dossier.supplement.title')}</h1>
      <p class="govuk-body">{t('dossier.supplement.asked')}</p>
      <ul class="govuk-list govuk-list--bullet" data-testid="supplement-items">
        {items.map((i) => (
          <li>{i}</li>
        ))}
      </ul>
      {sent.length > 0 && (
        <>
          <h2 class="govuk-heading-m">{t('dossier.supplement.sent')}</h2>
          <ul class="govuk-list">
            {sent.map((f) => (
              <li>
                <a class="govuk-link" href={dossierPath(d.id, `/tep/${f.id}`)}>
                  {f.name}
                </a>{' '}
                ({formatBytes(f.size)}, {formatVnDateTime(f.createdAt)})
              </li>
            ))}
          </ul>
        </>
      )}
      <form method="post" action={dossierPath(d.id, '/bo-sung/tep')} enctype="multipart/form-data">
        <Csrf token={page.csrf} />
        <div class={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="f-documentCode">
            {t('dossier.supplement.document')}
          </label>
          <select class="govuk-select" id="f-documentCode" name="documentCode">
            {docs.map((doc) => (
              <option value={doc.code}>{locale === 'en' && doc.nameEn ? doc.nameEn : doc.name}</option>
            ))}
          </select>
        </div>
        <div class={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="f-file">
            {t('dossier.documents.choose')}
          </label>
          <div class="govuk-hint" id="f-file-hint">
            {t('dossier.documents.intro', { max: maxUploadMb })}
          </div>
          {fileError && (
            <p class="govuk-error-message" id="f-file-error">
              <span class="govuk-visually-hidden">{t('common.error')}: </span>
              {t(fileError.key, fileError.params)}
            </p>
          )}
          <input class={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`} id="f-file" name="file" type="file" aria-describedby={`f-file-hint${fileError ? ' f-file-error' : ''}`} />
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          {t('dossier.documents.upload')}
        </button>
      </form>
      <form method="post" action={dossierPath(d.id, '/bo-sung')} novalidate>
        <Csrf token={page.csrf} />
        <input type="hidden" name="key" value={answerKey} />
        <input type="hidden" name="seq" value={String(d.lastSeq)} />
        <TextArea name="note" label={t('dossier.supplement.note')} form={{ values: { note }, errors }} t={t} rows={3} />
        <Button>{t('dossier.supplement.send')}</Button>
      </form>
      <p class="govuk-body">
        <a class="govuk-link" href={dossierPath(d.id)}>
          {t('dossier.page.title', { code: d.code ?? '' })}
        </a>
      </p>
    </CitizenLayout>
  );
}
