import { CitizenLayout } from '../../../accounts/citizen/views/citizen-layout.js';
import { formatVnDateTime } from '../../../platform/dates.js';
import { type MessageKey, isMessageKey } from '../../../platform/i18n/index.js';
import { Button, Csrf, ErrorSummary, type FormState, TextField, emptyForm } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import type { DossierAction } from '../append-action.js';
import type { DossierFileView, DossierView } from '../queries.js';
import type { PaymentPanel } from '../../payments/queries.js';
import { FeeSection, ObligationSection, RatingSection, resultsVisible } from '../../payments/views/sections.js';
import { type DossierState, nationalStatus } from '../status.js';
import { SummaryRow, dossierPath, formatBytes } from './filing.js';

export function StateTag({ page, state }: { page: PageCtx; state: DossierState }) {
  const colour: Partial<Record<DossierState, string>> = {
    draft: 'grey',
    submitted: 'blue',
    supplement: 'yellow',
    financial: 'yellow',
    refused: 'red',
    withdrawn: 'grey',
    stopped: 'red',
    processed: 'turquoise',
    returned: 'green',
  };
  return <strong class={`govuk-tag${colour[state] ? ` govuk-tag--${colour[state]}` : ''}`}>{page.t(`dossier.state.${state}`)}</strong>;
}

/** Steps of the agency's own work that the applicant is not shown: who holds it, a letter not yet approved. */
/** Work between officials and agencies: the applicant sees its effects, not the exchanges. */
const INTERNAL_ACTIONS = new Set(['assign', 'draft_apology', 'consult', 'answer_consultation', 'close_consultation']);

/** The log as the applicant reads it: what happened and when, without officials' names. */
export function History({ page, actions, showActors }: { page: PageCtx; actions: DossierAction[]; showActors: boolean }) {
  const { t } = page;
  if (actions.length === 0) return null;
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{t('dossier.history.title')}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            {t('dossier.history.at')}
          </th>
          <th scope="col" class="govuk-table__header">
            {t('dossier.history.what')}
          </th>
          {showActors && (
            <th scope="col" class="govuk-table__header">
              {t('dossier.history.who')}
            </th>
          )}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {[...actions].reverse().filter((a) => showActors || !INTERNAL_ACTIONS.has(a.type)).map((a) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell">{formatVnDateTime(a.at)}</td>
            <td class="govuk-table__cell">
              {isMessageKey(`dossier.action.${a.type}`) ? t(`dossier.action.${a.type}` as MessageKey) : a.type}
              {a.note ? <div class="govuk-body-s govuk-!-margin-bottom-0">{a.note}</div> : null}
            </td>
            {showActors && <td class="govuk-table__cell">{a.actorName}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The applicant's view of a filed dossier: where it stands, when it is due, what was sent, fees, result, rating. */
export function DossierPage({ page, view, panel, payKey, ratingForm = emptyForm }: { page: PageCtx; view: DossierView; panel: PaymentPanel; payKey: string; ratingForm?: FormState }) {
  const { t } = page;
  const d = view.dossier;
  const status = nationalStatus(d.state);
  const sent = view.files.filter((f) => f.purpose !== 'result');
  const results = resultsVisible(d) ? view.files.filter((f) => f.purpose === 'result') : [];
  return (
    <CitizenLayout page={page} title={t('dossier.page.title', { code: d.code ?? '' })}>
      <ErrorSummary t={t} form={ratingForm} labels={{ level: t('rating.title'), comment: t('rating.comment') }} />
      <span class="govuk-caption-l">{view.procedureName}</span>
      <h1 class="govuk-heading-l">{t('dossier.page.title', { code: d.code ?? '' })}</h1>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('dossier.page.status')}>
          <StateTag page={page} state={d.state} /> {status !== null && <span class="govuk-body-s">({t('dossier.page.nationalStatus', { n: status })})</span>}
        </SummaryRow>
        <SummaryRow label={t('dossier.page.procedure')}>
          {view.procedureCode} – {view.procedureName}
        </SummaryRow>
        <SummaryRow label={t('dossier.page.agency')}>{view.agencyName}</SummaryRow>
        <SummaryRow label={t('dossier.page.desk')}>{view.deskName}</SummaryRow>
        {d.submittedAt && <SummaryRow label={t('dossier.page.submittedAt')}>{formatVnDateTime(d.submittedAt)}</SummaryRow>}
        {d.receivedAt && <SummaryRow label={t('dossier.page.receivedAt')}>{formatVnDateTime(d.receivedAt)}</SummaryRow>}
        {d.dueAt && <SummaryRow label={t('dossier.page.dueAt')}>{formatVnDateTime(d.dueAt)}</SummaryRow>}
        {d.pausedSince && <SummaryRow label={t('dossier.page.pausedSince')}>{formatVnDateTime(d.pausedSince)}</SummaryRow>}
        {d.returnedAt && <SummaryRow label={t('dossier.page.returnedAt')}>{formatVnDateTime(d.returnedAt)}</SummaryRow>}
        <SummaryRow label={t('dossier.delivery.label')}>{t(`dossier.delivery.${d.delivery}`)}</SummaryRow>
      </dl>
      {d.state === 'supplement' && (
        <a class="govuk-button" href={dossierPath(d.id, '/bo-sung')} data-testid="answer-supplement">
          {t('dossier.supplement.title')}
        </a>
      )}
      {results.length > 0 && (
        <section aria-labelledby="results-heading">
          <h2 class="govuk-heading-m" id="results-heading">
            {t('result.title')}
          </h2>
          <FileList page={page} dossierId={d.id} files={results} />
        </section>
      )}
      <ObligationSection page={page} dossier={d} panel={panel} payKey={payKey} reason={[...view.actions].reverse().find((a) => a.type === 'request_financial')?.note ?? ''} />
      <FeeSection page={page} dossier={d} panel={panel} payKey={payKey} />
      <RatingSection page={page} dossier={d} panel={panel} form={ratingForm} rateKey={payKey} />
      {sent.length > 0 && (
        <>
          <h2 class="govuk-heading-m">{t('dossier.page.files')}</h2>
          <FileList page={page} dossierId={d.id} files={sent} />
        </>
      )}
      <History page={page} actions={view.actions} showActors={false} />
      <p class="govuk-body">
        <a class="govuk-link" href="/dich-vu-cong/ho-so-cua-toi">
          {t('dossier.mine.title')}
        </a>
      </p>
    </CitizenLayout>
  );
}

function FileList({ page, dossierId, files }: { page: PageCtx; dossierId: string; files: DossierFileView[] }) {
  const { t } = page;
  return (
    <ul class="govuk-list">
      {files.map((f) => (
        <li>
          <a class="govuk-link" href={dossierPath(dossierId, `/tep/${f.id}`)}>
            {f.name}
          </a>{' '}
          <span class="govuk-body-s">
            ({t(`dossier.filePurpose.${f.purpose}`)}, {formatBytes(f.size)})
          </span>
        </li>
      ))}
    </ul>
  );
}

type MineRow = { id: string; code: string | null; state: DossierState; createdAt: Date; submittedAt: Date | null; dueAt: Date | null; procedureName: string };

export function MyDossiersPage({ page, rows }: { page: PageCtx; rows: MineRow[] }) {
  const { t } = page;
  return (
    <CitizenLayout page={page} title={t('dossier.mine.title')}>
      <h1 class="govuk-heading-l">{t('dossier.mine.title')}</h1>
      {rows.length === 0 ? (
        <p class="govuk-body">
          {t('dossier.mine.none')}{' '}
          <a class="govuk-link" href="/dich-vu-cong/thu-tuc">
            {t('dossier.mine.find')}
          </a>
        </p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t('dossier.mine.title')}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t('dossier.mine.code')}
              </th>
              <th scope="col" class="govuk-table__header">
                {t('dossier.page.procedure')}
              </th>
              <th scope="col" class="govuk-table__header">
                {t('dossier.page.status')}
              </th>
              <th scope="col" class="govuk-table__header">
                {t('dossier.page.dueAt')}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {rows.map((r) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={r.state === 'draft' ? dossierPath(r.id, '/thong-tin') : dossierPath(r.id)}>
                    {r.code ?? t('dossier.mine.draft', { date: formatVnDateTime(r.createdAt) })}
                  </a>
                </td>
                <td class="govuk-table__cell">{r.procedureName}</td>
                <td class="govuk-table__cell">
                  <StateTag page={page} state={r.state} />
                </td>
                <td class="govuk-table__cell">{r.dueAt ? formatVnDateTime(r.dueAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </CitizenLayout>
  );
}

/** Anyone with the code and the ID number sees the state and the dates; never the documents or the answers. */
export function LookupPage({ page, form, found }: { page: PageCtx; form: FormState; found: DossierView | null }) {
  const { t } = page;
  const labels = { ma: t('dossier.lookup.code'), so: t('dossier.lookup.idNumber') };
  return (
    <CitizenLayout page={page} title={t('dossier.lookup.title')}>
      <ErrorSummary t={t} form={form} labels={labels} />
      <h1 class="govuk-heading-l">{t('dossier.lookup.title')}</h1>
      <form method="post" action="/dich-vu-cong/tra-cuu" novalidate>
        <Csrf token={page.csrf} />
        <TextField name="ma" label={labels.ma} hint={t('dossier.lookup.codeHint')} form={form} t={t} spellcheck={false} />
        <TextField name="so" label={labels.so} hint={t('dossier.lookup.idNumberHint')} form={form} t={t} width="20" inputmode="numeric" spellcheck={false} autocomplete="off" />
        <Button>{t('dossier.lookup.button')}</Button>
      </form>
      {found && (
        <section aria-labelledby="lookup-result">
          <h2 class="govuk-heading-m" id="lookup-result">
            {t('dossier.page.title', { code: found.dossier.code ?? '' })}
          </h2>
          <dl class="govuk-summary-list">
            <SummaryRow label={t('dossier.page.status')}>
              <StateTag page={page} state={found.dossier.state} />
            </SummaryRow>
            <SummaryRow label={t('dossier.page.procedure')}>{found.procedureName}</SummaryRow>
            <SummaryRow label={t('dossier.page.agency')}>{found.agencyName}</SummaryRow>
            {found.dossier.receivedAt && <SummaryRow label={t('dossier.page.receivedAt')}>{formatVnDateTime(found.dossier.receivedAt)}</SummaryRow>}
            {found.dossier.dueAt && <SummaryRow label={t('dossier.page.dueAt')}>{formatVnDateTime(found.dossier.dueAt)}</SummaryRow>}
            {found.dossier.returnedAt && <SummaryRow label={t('dossier.page.returnedAt')}>{formatVnDateTime(found.dossier.returnedAt)}</SummaryRow>}
          </dl>
          <History page={page} actions={found.actions} showActors={false} />
        </section>
      )}
    </CitizenLayout>
  );
}
