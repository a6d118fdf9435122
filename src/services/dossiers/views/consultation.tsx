import { randomUUID } from 'node:crypto';
import { formatVnDateTime } from '../../../platform/dates.js';
import type { FieldErrors } from '../../../platform/errors.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Csrf, ErrorSummary } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import type { ConsultationInboxRow, ConsultationView } from '../consultations.js';
import type { DossierView } from '../queries.js';
import type { ConsultationRead } from '../read-consultation.js';
import { SummaryRow } from './filing.js';
import { type Clock, DueCell, OFFICE, PrevNext, officeHref } from './office-inbox.js';

export const CONSULT_INBOX = `${OFFICE}/xin-y-kien`;
export const consultationHref = (id: string, rest = '') => `${CONSULT_INBOX}/${id}${rest}`;

/** A refused consultation form coming back with what was typed and what was wrong. */
export type ConsultFailed = { form: string; values: Record<string, string>; errors: FieldErrors };

function FieldError({ page, id, error }: { page: PageCtx; id: string; error: FieldErrors[string] | undefined }) {
  if (!error) return null;
  return (
    <p class="govuk-error-message" id={`${id}-error`}>
      <span class="govuk-visually-hidden">{page.t('common.error')}: </span>
      {page.t(error.key, error.params)}
    </p>
  );
}

function TextBox({ page, form, name, label, failed, rows = 4 }: { page: PageCtx; form: string; name: string; label: string; failed: ConsultFailed | null; rows?: number }) {
  const id = `f-${form}-${name}`;
  const e = failed?.form === form ? failed.errors[name] : undefined;
  return (
    <div class={`govuk-form-group${e ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        {label}
      </label>
      <FieldError page={page} id={id} error={e} />
      <textarea class={`govuk-textarea${e ? ' govuk-textarea--error' : ''}`} id={id} name={name} rows={rows} aria-describedby={e ? `${id}-error` : undefined}>
        {failed?.form === form ? (failed.values[name] ?? '') : ''}
      </textarea>
    </div>
  );
}

function FileBox({ page, form, label, failed }: { page: PageCtx; form: string; label: string; failed: ConsultFailed | null }) {
  const id = `f-${form}-file`;
  const e = failed?.form === form ? failed.errors.file : undefined;
  return (
    <div class={`govuk-form-group${e ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        {label}
      </label>
      <FieldError page={page} id={id} error={e} />
      <input class={`govuk-file-upload${e ? ' govuk-file-upload--error' : ''}`} id={id} name="file" type="file" aria-describedby={e ? `${id}-error` : undefined} />
    </div>
  );
}

/** The answers of one consultation, as both sides read them. */
function Answers({ page, c, fileHref }: { page: PageCtx; c: ConsultationView; fileHref: (fileId: string) => string }) {
  const { t } = page;
  return (
    <dl class="govuk-summary-list" data-testid="consultation-answers">
      {c.answers.map((a) => (
        <SummaryRow label={a.agencyName}>
          {a.answeredAt ? (
            <>
              <strong class="govuk-tag govuk-tag--green">{t('consultation.page.answered')}</strong> <span class="govuk-body-s">{`${formatVnDateTime(a.answeredAt)} – ${a.answeredByName ?? ''}`}</span>
              <p class="govuk-body congso-prewrap">{a.answer}</p>
              {a.fileId && (
                <a class="govuk-link" href={fileHref(a.fileId)}>
                  {a.fileName}
                </a>
              )}
            </>
          ) : (
            <strong class="govuk-tag govuk-tag--grey">{t(c.closedAt ? 'consultation.page.closed' : 'consultation.page.waiting')}</strong>
          )}
        </SummaryRow>
      ))}
    </dl>
  );
}

function Question({ page, c, fileHref }: { page: PageCtx; c: ConsultationView; fileHref: (fileId: string) => string }) {
  const { t } = page;
  return (
    <dl class="govuk-summary-list">
      <SummaryRow label={t('consultation.page.question')}>
        <span class="congso-prewrap">{c.question}</span>
        {c.fileId && (
          <>
            <br />
            <a class="govuk-link" href={fileHref(c.fileId)}>
              {c.fileName}
            </a>
          </>
        )}
      </SummaryRow>
      <SummaryRow label={t('consultation.page.askedBy')}>{`${c.askedByName}, ${formatVnDateTime(c.askedAt)}`}</SummaryRow>
      <SummaryRow label={t('consultation.col.answerBy')}>{formatVnDateTime(c.answerBy)}</SummaryRow>
    </dl>
  );
}

type SectionProps = { page: PageCtx; view: DossierView; consultations: ConsultationView[]; agencies: { id: string; name: string }[]; mayAsk: boolean; failed: ConsultFailed | null };

/** On the dossier page: the consultations with their answers, the form to ask, and one to stop waiting per open one. */
export function ConsultationsSection({ page, view, consultations, agencies, mayAsk, failed }: SectionProps) {
  const { t } = page;
  const d = view.dossier;
  if (consultations.length === 0 && !mayAsk) return null;
  const agencyError = failed?.form === 'xin-y-kien' ? failed.errors.agencyIds : undefined;
  const daysError = failed?.form === 'xin-y-kien' ? failed.errors.answerDays : undefined;
  return (
    <section aria-labelledby="consultations" data-testid="consultations">
      <h2 class="govuk-heading-m" id="consultations">
        {t('consultation.section.title')}
      </h2>
      {consultations.map((c) => (
        <div class="govuk-inset-text">
          {!c.closedAt && <strong class="govuk-tag govuk-tag--yellow">{t('consultation.section.waiting')}</strong>}
          <Question page={page} c={c} fileHref={(f) => consultationHref(c.id, `/tep/${f}`)} />
          <Answers page={page} c={c} fileHref={(f) => consultationHref(c.id, `/tep/${f}`)} />
          {mayAsk && !c.closedAt && (
            <form method="post" action={officeHref(d.id, '/dong-xin-y-kien')} novalidate>
              <Csrf token={page.csrf} />
              <input type="hidden" name="key" value={randomUUID()} />
              <input type="hidden" name="seq" value={String(d.lastSeq)} />
              <input type="hidden" name="consultationId" value={c.id} />
              <TextBox page={page} form="dong-xin-y-kien" name="note" label={t('consultation.close.note')} failed={failed} rows={2} />
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                {t('consultation.close.title')}
              </button>
            </form>
          )}
        </div>
      ))}
      {mayAsk && (
        <form method="post" action={officeHref(d.id, '/xin-y-kien')} enctype="multipart/form-data" novalidate>
          <h3 class="govuk-heading-s">{t('consultation.ask.title')}</h3>
          <p class="govuk-body">{t('consultation.ask.hint')}</p>
          <Csrf token={page.csrf} />
          <input type="hidden" name="key" value={randomUUID()} />
          <input type="hidden" name="seq" value={String(d.lastSeq)} />
          <div class={`govuk-form-group${agencyError ? ' govuk-form-group--error' : ''}`}>
            <fieldset class="govuk-fieldset" aria-describedby={agencyError ? 'f-xin-y-kien-agencyIds-error' : undefined}>
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('consultation.ask.agencies')}</legend>
              <FieldError page={page} id="f-xin-y-kien-agencyIds" error={agencyError} />
              <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                {agencies.map((a, i) => (
                  <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id={i === 0 ? 'f-xin-y-kien-agencyIds' : `f-xin-y-kien-agency-${a.id}`} name={`agency_${a.id}`} type="checkbox" value="on" checked={failed?.form === 'xin-y-kien' && failed.values[`agency_${a.id}`] === 'on'} />
                    <label class="govuk-label govuk-checkboxes__label" for={i === 0 ? 'f-xin-y-kien-agencyIds' : `f-xin-y-kien-agency-${a.id}`}>
                      {a.name}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <TextBox page={page} form="xin-y-kien" name="question" label={t('consultation.ask.question')} failed={failed} />
          <div class={`govuk-form-group${daysError ? ' govuk-form-group--error' : ''}`}>
            <label class="govuk-label" for="f-xin-y-kien-answerDays">
              {t('consultation.ask.days')}
            </label>
            <FieldError page={page} id="f-xin-y-kien-answerDays" error={daysError} />
            <input class={`govuk-input govuk-input--width-3${daysError ? ' govuk-input--error' : ''}`} id="f-xin-y-kien-answerDays" name="answerDays" type="text" inputmode="numeric" value={failed?.form === 'xin-y-kien' ? (failed.values.answerDays ?? '') : '3'} aria-describedby={daysError ? 'f-xin-y-kien-answerDays-error' : undefined} />
          </div>
          <FileBox page={page} form="xin-y-kien" label={t('consultation.ask.file')} failed={failed} />
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
            {t('consultation.ask.button')}
          </button>
        </form>
      )}
    </section>
  );
}

/** The consulted agencies' inbox. */
export function ConsultationInboxPage({ page, inbox, clock }: { page: PageCtx; inbox: { rows: ConsultationInboxRow[]; page: number; hasNext: boolean }; clock: Clock }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('consultation.inbox.title')}>
      <h1 class="govuk-heading-l">{t('consultation.inbox.title')}</h1>
      {inbox.rows.length === 0 ? (
        <p class="govuk-body">{t('consultation.inbox.none')}</p>
      ) : (
        <TableWrap label={t('consultation.inbox.title')}>
          <table class="govuk-table" data-testid="inbox">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                {['office.col.code', 'office.col.procedure', 'consultation.col.agency', 'consultation.col.askedAt', 'consultation.col.answerBy'].map((k) => (
                  <th scope="col" class="govuk-table__header">
                    {t(k as 'office.col.code')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {inbox.rows.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={consultationHref(r.consultationId)}>
                      {r.code}
                    </a>
                  </td>
                  <td class="govuk-table__cell">{r.procedureName}</td>
                  <td class="govuk-table__cell">{r.agencyName}</td>
                  <td class="govuk-table__cell">{formatVnDateTime(r.askedAt)}</td>
                  <td class="govuk-table__cell">
                    <DueCell page={page} due={r.answerBy} clock={clock} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <PrevNext page={page} inbox={{ ...inbox, rows: [] }} href={(n) => `${CONSULT_INBOX}${n > 1 ? `?trang=${n}` : ''}`} />
    </BackOfficeLayout>
  );
}

/** The consultation as the consulted agency reads it: the question, the dossier as far as needed, the answer form. */
export function ConsultationPage({ page, read, failed }: { page: PageCtx; read: ConsultationRead; failed: ConsultFailed | null }) {
  const { t } = page;
  const { consultation: c, view } = read;
  const d = view.dossier;
  const fileHref = (f: string) => consultationHref(c.id, `/tep/${f}`);
  return (
    <BackOfficeLayout page={page} title={t('consultation.page.title', { code: d.code ?? '' })}>
      <ErrorSummary t={t} form={{ values: {}, errors: failed ? Object.fromEntries(Object.entries(failed.errors).map(([k, v]) => [k === '_form' ? k : `${failed.form}-${k}`, v])) : {} }} labels={{}} />
      <span class="govuk-caption-l">
        {view.procedureCode} – {view.procedureName}
      </span>
      <h1 class="govuk-heading-l congso-prewrap">{t('consultation.page.title', { code: d.code ?? '' })}</h1>
      <p class="govuk-body">{t('consultation.page.scope')}</p>
      <Question page={page} c={c} fileHref={fileHref} />
      <dl class="govuk-summary-list">
        <SummaryRow label={t('dossier.page.agency')}>{view.agencyName}</SummaryRow>
        <SummaryRow label={t('dossier.applicant.name')}>{d.applicantName}</SummaryRow>
        {d.summary && <SummaryRow label={t('dossier.applicant.summary')}>{d.summary}</SummaryRow>}
        {view.files.map((f) => (
          <SummaryRow label={t(`dossier.filePurpose.${f.purpose}`)}>
            <a class="govuk-link" href={consultationHref(c.id, `/tep/${f.id}`)}>
              {f.name}
            </a>
          </SummaryRow>
        ))}
      </dl>
      <Answers page={page} c={c} fileHref={fileHref} />
      {read.answerable.map((a) => (
        <form method="post" action={consultationHref(c.id, '/tra-loi')} enctype="multipart/form-data" novalidate>
          <h2 class="govuk-heading-m">{`${t('consultation.page.answer')} – ${a.agencyName}`}</h2>
          <Csrf token={page.csrf} />
          <input type="hidden" name="key" value={randomUUID()} />
          <input type="hidden" name="agencyId" value={a.agencyId} />
          <TextBox page={page} form="tra-loi" name="answer" label={t('consultation.page.answer')} failed={failed} rows={6} />
          <FileBox page={page} form="tra-loi" label={t('consultation.page.answerFile')} failed={failed} />
          <button type="submit" class="govuk-button" data-module="govuk-button">
            {t('consultation.page.send')}
          </button>
        </form>
      ))}
    </BackOfficeLayout>
  );
}
