import { randomUUID } from 'node:crypto';
import type { ComponentChildren } from 'preact';
import { formatVnDateTime } from '../../../platform/dates.js';
import type { FieldErrors } from '../../../platform/errors.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Csrf, ErrorSummary } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import type { FormDefinition } from '../../forms/definition.js';
import { fieldLabel, formValuesFromAnswers } from '../../forms/render-form.js';
import { htmlName } from '../../forms/validate-answers.js';
import { type HandOver, type Party, handOvers } from '../../slips/hand-overs.js';
import type { ConsultationView } from '../consultations.js';
import type { Officer } from '../inbox-queries.js';
import type { DossierView } from '../queries.js';
import type { OfficialActions } from '../read-dossier.js';
import { money } from '../../payments/views/sections.js';
import { SummaryRow, formatBytes } from './filing.js';
import { DESK_INBOX, PROCESSING_INBOX, officeHref } from './office-inbox.js';
import { ConsultationsSection } from './consultation.js';
import { History, StateTag } from './tracking.js';

/** The action forms of the page, by the path segment they post to. */
export const ACTION_FORMS = ['tiep-nhan', 'yeu-cau-bo-sung', 'tu-choi', 'chuyen-buoc', 'tra-lai-buoc', 'phan-cong', 'tra-ket-qua', 'xin-loi', 'duyet-xin-loi', 'nghia-vu-tai-chinh', 'ghi-nhan-nop', 'dung-xu-ly'] as const;
export type ActionForm = (typeof ACTION_FORMS)[number];

/** A refused action coming back: which form, what was typed, and what was wrong (`_form` for a conflict). */
export type Failed = { form: ActionForm | 'ket-qua' | 'xin-y-kien' | 'dong-xin-y-kien'; values: Record<string, string>; errors: FieldErrors };

export type SlipKind = 'tiep-nhan' | 'bo-sung' | 'tu-choi' | 'kiem-soat' | 'xin-loi' | 'dung';

type Props = { page: PageCtx; view: DossierView; actions: OfficialActions; officers: Officer[]; failed: Failed | null };
/** What the consultation section shows: the dossier's consultations and the agencies one may ask. */
export type ConsultationProps = { consultations: ConsultationView[]; agencies: { id: string; name: string }[] };

/** Which printed slips the dossier has reached. */
export function availableSlips(view: DossierView): SlipKind[] {
  const d = view.dossier;
  const out: SlipKind[] = [];
  if (d.code && d.receivedAt && d.dueAt) out.push('tiep-nhan');
  if (view.actions.some((a) => a.type === 'request_supplement')) out.push('bo-sung');
  if (d.state === 'refused') out.push('tu-choi');
  if (d.receivedAt) out.push('kiem-soat');
  if (view.actions.some((a) => a.type === 'apology')) out.push('xin-loi');
  if (d.state === 'stopped') out.push('dung');
  return out;
}

const SLIP_LABELS = { 'tiep-nhan': 'office.slip.receipt', 'bo-sung': 'office.slip.supplement', 'tu-choi': 'office.slip.refusal', 'kiem-soat': 'office.slip.control', 'xin-loi': 'office.slip.apology', dung: 'office.slip.stop' } as const;

export function OfficeDossierPage({ page, view, actions, officers, failed, consultations }: Props & { consultations: ConsultationProps }) {
  const { t } = page;
  const d = view.dossier;
  const step = view.definition.steps.find((s) => s.code === d.stepCode);
  const assignee = officers.find((o) => o.id === d.assigneeId);
  const summaryErrors = failed ? Object.fromEntries(Object.entries(failed.errors).map(([k, v]) => [k === '_form' ? k : `${failed.form}-${k}`, v])) : {};
  const slips = availableSlips(view);
  return (
    <BackOfficeLayout page={page} title={t('dossier.page.title', { code: d.code ?? '' })}>
      <ErrorSummary t={t} form={{ values: {}, errors: summaryErrors }} labels={{}} />
      <span class="govuk-caption-l">
        {view.procedureCode} – {view.procedureName}
      </span>
      {/* A dossier code is one long word: it may break rather than push a phone's screen sideways. */}
      <h1 class="govuk-heading-l congso-prewrap">{t('dossier.page.title', { code: d.code ?? '' })}</h1>
      <dl class="govuk-summary-list" data-testid="dossier-summary">
        <SummaryRow label={t('dossier.page.status')}>
          <StateTag page={page} state={d.state} /> <span class="govuk-body-s">({t(`office.channel.${d.channel}`)})</span>
        </SummaryRow>
        <SummaryRow label={t('dossier.page.agency')}>{view.agencyName}</SummaryRow>
        <SummaryRow label={t('dossier.page.desk')}>{view.deskName}</SummaryRow>
        {d.submittedAt && <SummaryRow label={t('dossier.page.submittedAt')}>{formatVnDateTime(d.submittedAt)}</SummaryRow>}
        {d.receivedAt && <SummaryRow label={t('dossier.page.receivedAt')}>{formatVnDateTime(d.receivedAt)}</SummaryRow>}
        {d.dueAt && (
          <SummaryRow label={t('dossier.page.dueAt')}>
            <span data-testid="due-at">{formatVnDateTime(d.dueAt)}</span>
          </SummaryRow>
        )}
        {d.pausedSince && <SummaryRow label={t('dossier.page.pausedSince')}>{formatVnDateTime(d.pausedSince)}</SummaryRow>}
        {step && <SummaryRow label={t('office.dossier.step')}>{`${step.name} (${t(`role.${step.role}`)})`}</SummaryRow>}
        {d.stepDueAt && step && <SummaryRow label={t('office.dossier.stepDue')}>{formatVnDateTime(d.stepDueAt)}</SummaryRow>}
        {assignee && <SummaryRow label={t('office.dossier.assignee')}>{assignee.fullName}</SummaryRow>}
        {d.returnedAt && <SummaryRow label={t('dossier.page.returnedAt')}>{formatVnDateTime(d.returnedAt)}</SummaryRow>}
      </dl>

      <h2 class="govuk-heading-m">{t('office.dossier.actions')}</h2>
      <Actions page={page} view={view} actions={actions} officers={officers} failed={failed} />
      <ConsultationsSection page={page} view={view} consultations={consultations.consultations} agencies={consultations.agencies} mayAsk={actions.consult} failed={failed} />

      {slips.length > 0 && (
        <>
          <h2 class="govuk-heading-m">{t('office.dossier.slips')}</h2>
          <ul class="govuk-list" data-testid="slips">
            {slips.map((k) => (
              <li>
                <a class="govuk-link" href={officeHref(d.id, `/phieu/${k}`)}>
                  {t(SLIP_LABELS[k])}
                </a>{' '}
                {t('office.slip.pdf')}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2 class="govuk-heading-m">{t('office.dossier.applicant')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('dossier.applicant.name')}>{d.applicantName}</SummaryRow>
        <SummaryRow label={t('dossier.applicant.idNumber')}>{d.applicantIdNumber ?? '—'}</SummaryRow>
        <SummaryRow label={t('dossier.applicant.kind')}>{t(`dossier.applicantKind.${d.applicantKind}`)}</SummaryRow>
        <SummaryRow label={t('dossier.applicant.email')}>{d.applicantEmail ?? '—'}</SummaryRow>
        <SummaryRow label={t('dossier.applicant.phone')}>{d.applicantPhone ?? '—'}</SummaryRow>
        <SummaryRow label={t('dossier.applicant.address')}>{d.applicantAddress ?? '—'}</SummaryRow>
        <SummaryRow label={t('dossier.delivery.label')}>{t(`dossier.delivery.${d.delivery}`)}</SummaryRow>
        {d.summary && <SummaryRow label={t('dossier.applicant.summary')}>{d.summary}</SummaryRow>}
      </dl>

      <h2 class="govuk-heading-m">{t('office.dossier.answers')}</h2>
      <Answers page={page} form={view.definition.form} answers={d.answers} />

      <h2 class="govuk-heading-m">{t('office.dossier.documents')}</h2>
      <Documents page={page} view={view} />

      <TableWrap label={t('dossier.history.title')}>
        <History page={page} actions={view.actions} showActors={true} />
      </TableWrap>
      <ControlTable page={page} view={view} />

      <p class="govuk-body">
        <a class="govuk-link" href={d.state === 'submitted' || d.state === 'processed' ? DESK_INBOX : PROCESSING_INBOX}>
          {t('office.dossier.back')}
        </a>
      </p>
    </BackOfficeLayout>
  );
}

function Answers({ page, form, answers }: { page: PageCtx; form: FormDefinition; answers: DossierView['dossier']['answers'] }) {
  const values = formValuesFromAnswers(form, answers);
  const fields = form.sections.flatMap((s) => s.fields).filter((f) => values[htmlName(f)] !== undefined);
  if (fields.length === 0) return <p class="govuk-body">{page.t('office.dossier.noAnswers')}</p>;
  const shown = (f: (typeof fields)[number]) => {
    const v = values[htmlName(f)]!;
    const list = Array.isArray(v) ? v : [v];
    if (f.type === 'checkbox') return '✓';
    return list.map((x) => f.options?.find((o) => o.value === x)?.label ?? x).join(', ');
  };
  return (
    <dl class="govuk-summary-list" data-testid="answers">
      {fields.map((f) => (
        <SummaryRow label={fieldLabel(f, page.locale)}>{shown(f)}</SummaryRow>
      ))}
    </dl>
  );
}

function Documents({ page, view }: { page: PageCtx; view: DossierView }) {
  const { t } = page;
  const d = view.dossier;
  const docName = (code: string | null) => view.definition.documents.find((x) => x.code === code)?.name ?? '';
  const submit = view.actions.find((a) => a.type === 'submit');
  const paper = Array.isArray(submit?.data.paperDocuments) ? (submit.data.paperDocuments as string[]).map(docName).filter(Boolean) : [];
  return (
    <>
      {view.files.length === 0 ? (
        <p class="govuk-body">{t('office.dossier.noFiles')}</p>
      ) : (
        <ul class="govuk-list" data-testid="files">
          {view.files.map((f) => (
            <li>
              <a class="govuk-link" href={officeHref(d.id, `/tep/${f.id}`)}>
                {f.name}
              </a>{' '}
              <span class="govuk-body-s">
                ({[docName(f.documentCode), t(`dossier.filePurpose.${f.purpose}`), formatBytes(f.size), formatVnDateTime(f.createdAt)].filter(Boolean).join(', ')})
              </span>
            </li>
          ))}
        </ul>
      )}
      {paper.length > 0 && <p class="govuk-body">{t('office.dossier.paper', { names: paper.join('; ') })}</p>}
    </>
  );
}

function ControlTable({ page, view }: { page: PageCtx; view: DossierView }) {
  const { t } = page;
  const rows = handOvers(view);
  if (rows.length === 0) return null;
  const party = (p: Party, person: string | null) => {
    const name = p.kind === 'desk' ? t('office.control.desk') : p.kind === 'applicant' ? t('office.control.applicant') : p.name;
    return person ? `${name} – ${person}` : name;
  };
  const result = (r: HandOver) => (r.result ? <strong class={`govuk-tag govuk-tag--${r.result === 'late' ? 'red' : r.result === 'early' ? 'green' : 'blue'}`}>{t(`office.control.${r.result}`)}</strong> : '—');
  return (
    <TableWrap label={t('office.control.title')}>
      <table class="govuk-table" data-testid="control">
        <caption class="govuk-table__caption govuk-table__caption--m">{t('office.control.title')}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">{t('office.control.giver')}</th>
            <th scope="col" class="govuk-table__header">{t('office.control.receiver')}</th>
            <th scope="col" class="govuk-table__header">{t('office.control.at')}</th>
            <th scope="col" class="govuk-table__header">{t('office.control.due')}</th>
            <th scope="col" class="govuk-table__header">{t('office.control.result')}</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((r) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{party(r.giver, r.giverPerson)}</td>
              <td class="govuk-table__cell">{party(r.receiver, r.receiverPerson)}</td>
              <td class="govuk-table__cell">{formatVnDateTime(r.at)}</td>
              <td class="govuk-table__cell">{r.dueAt ? formatVnDateTime(r.dueAt) : '—'}</td>
              <td class="govuk-table__cell">{result(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

type FieldSpec = { name: string; label: string; hint?: string; rows?: number; input?: boolean };

/** One action: its own form with a fresh idempotency key and the log head the page shows. */
function ActionBox(props: { page: PageCtx; view: DossierView; form: ActionForm; title: string; hint?: string; fields: FieldSpec[]; button: string; warning?: boolean; failed: Failed | null; children?: ComponentChildren }) {
  const { page, view, form, title, hint, fields, button, warning, failed, children } = props;
  const { t } = page;
  const mine = failed?.form === form ? failed : null;
  return (
    <section class="govuk-!-margin-bottom-6" aria-labelledby={`a-${form}`}>
      <h3 class="govuk-heading-s" id={`a-${form}`}>
        {title}
      </h3>
      {hint && <p class="govuk-body">{hint}</p>}
      <form method="post" action={officeHref(view.dossier.id, `/${form}`)} novalidate>
        <Csrf token={page.csrf} />
        <input type="hidden" name="key" value={randomUUID()} />
        <input type="hidden" name="seq" value={String(view.dossier.lastSeq)} />
        {children}
        {fields.map((f) => {
          const id = `f-${form}-${f.name}`;
          const e = mine?.errors[f.name];
          const described = [f.hint ? `${id}-hint` : null, e ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
          return (
            <div class={`govuk-form-group${e ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label" for={id}>
                {f.label}
              </label>
              {f.hint && (
                <div class="govuk-hint" id={`${id}-hint`}>
                  {f.hint}
                </div>
              )}
              {e && (
                <p class="govuk-error-message" id={`${id}-error`}>
                  <span class="govuk-visually-hidden">{t('common.error')}: </span>
                  {t(e.key, e.params)}
                </p>
              )}
              {f.input ? (
                <input class={`govuk-input govuk-input--width-20${e ? ' govuk-input--error' : ''}`} id={id} name={f.name} type="text" value={mine?.values[f.name] ?? ''} aria-describedby={described} />
              ) : (
                <textarea class={`govuk-textarea${e ? ' govuk-textarea--error' : ''}`} id={id} name={f.name} rows={f.rows ?? 3} aria-describedby={described}>
                  {mine?.values[f.name] ?? ''}
                </textarea>
              )}
            </div>
          );
        })}
        <button type="submit" class={`govuk-button${warning ? ' govuk-button--warning' : ''}`} data-module="govuk-button">
          {button}
        </button>
      </form>
    </section>
  );
}

/** The result file, as an upload: the form token comes before the file so a forged upload is refused unread. */
function ResultBox({ page, view, failed }: { page: PageCtx; view: DossierView; failed: Failed | null }) {
  const { t } = page;
  const e = failed?.form === 'ket-qua' ? failed.errors.file : undefined;
  return (
    <section class="govuk-!-margin-bottom-6" aria-labelledby="a-ket-qua">
      <h3 class="govuk-heading-s" id="a-ket-qua">
        {t('office.action.attachResult')}
      </h3>
      <form method="post" action={officeHref(view.dossier.id, '/ket-qua')} enctype="multipart/form-data">
        <Csrf token={page.csrf} />
        <input type="hidden" name="key" value={randomUUID()} />
        <input type="hidden" name="seq" value={String(view.dossier.lastSeq)} />
        <div class={`govuk-form-group${e ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="f-ket-qua-file">
            {t('office.action.resultFile')}
          </label>
          {e && (
            <p class="govuk-error-message" id="f-ket-qua-file-error">
              <span class="govuk-visually-hidden">{t('common.error')}: </span>
              {t(e.key, e.params)}
            </p>
          )}
          <input class={`govuk-file-upload${e ? ' govuk-file-upload--error' : ''}`} id="f-ket-qua-file" name="file" type="file" accept="application/pdf" aria-describedby={e ? 'f-ket-qua-file-error' : undefined} />
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          {t('office.action.attachResult')}
        </button>
      </form>
    </section>
  );
}

function Actions({ page, view, actions, officers, failed }: Props) {
  const { t } = page;
  const d = view.dossier;
  const box = { page, view, failed };
  const note = (label = t('office.action.note')): FieldSpec => ({ name: 'note', label });
  const items: FieldSpec = { name: 'items', label: t('office.action.items'), hint: t('office.action.itemsHint'), rows: 5 };
  const eligible = officers.filter((o) => o.agencyId === d.agencyId && o.role === d.stepRole);
  const { consult: _consult, ...others } = actions;
  const any = Object.values(others).some(Boolean);
  if (!any) return <p class="govuk-body">{t('office.dossier.noActions')}</p>;
  const assignError = failed?.form === 'phan-cong' ? failed.errors.assigneeId : undefined;
  return (
    <>
      {actions.attachResult && <ResultBox page={page} view={view} failed={failed} />}
      {actions.draftApology && (
        <ActionBox
          {...box}
          form="xin-loi"
          title={t('office.action.draftApology')}
          hint={t('office.action.draftApologyHint')}
          fields={[
            { name: 'reason', label: t('office.action.reason') },
            { name: 'newDueAt', label: t('office.action.newDueAt'), hint: t('office.action.newDueAtHint'), input: true },
          ]}
          button={t('office.action.draftApology')}
        />
      )}
      {actions.approveApology && <ActionBox {...box} form="duyet-xin-loi" title={t('office.action.approveApology')} hint={t('office.action.approveApologyHint')} fields={[]} button={t('office.action.approveApology')} />}
      {actions.receive && <ActionBox {...box} form="tiep-nhan" title={t('office.action.receive')} hint={t('office.action.receiveHint')} fields={[note()]} button={t('office.action.receive')} />}
      {actions.complete && (
        <ActionBox {...box} form="chuyen-buoc" title={t(actions.complete === 'approve' ? 'office.action.approve' : 'office.action.complete')} fields={[note()]} button={t(actions.complete === 'approve' ? 'office.action.approve' : 'office.action.complete')} />
      )}
      {actions.returnResult && <ActionBox {...box} form="tra-ket-qua" title={t('office.action.returnResult')} fields={[note(t('office.action.returnNoteLabel'))]} button={t('office.action.returnResult')} />}
      {actions.assign && eligible.length > 0 && (
        <ActionBox {...box} form="phan-cong" title={t('office.action.assign')} fields={[]} button={t('office.assign.button')}>
          <div class={`govuk-form-group${assignError ? ' govuk-form-group--error' : ''}`}>
            <label class="govuk-label" for="f-phan-cong-assigneeId">
              {t('office.assign.officer')}
            </label>
            {assignError && (
              <p class="govuk-error-message" id="f-phan-cong-assigneeId-error">
                <span class="govuk-visually-hidden">{t('common.error')}: </span>
                {t(assignError.key, assignError.params)}
              </p>
            )}
            <select class="govuk-select" id="f-phan-cong-assigneeId" name="assigneeId" aria-describedby={assignError ? 'f-phan-cong-assigneeId-error' : undefined}>
              <option value="">{t('office.assign.blank')}</option>
              {eligible.map((o) => (
                <option value={o.id} selected={o.id === d.assigneeId}>
                  {o.fullName}
                </option>
              ))}
            </select>
          </div>
        </ActionBox>
      )}
      {(actions.deskSupplement || actions.stepSupplement) && <ActionBox {...box} form="yeu-cau-bo-sung" title={t('office.action.supplement')} fields={[items]} button={t('office.action.supplement')} />}
      {actions.returnStep && <ActionBox {...box} form="tra-lai-buoc" title={t('office.action.returnStep')} fields={[note(t('office.action.returnNote'))]} button={t('office.action.returnStep')} />}
      {actions.requestFinancial && (
        <ActionBox
          {...box}
          form="nghia-vu-tai-chinh"
          title={t('obligation.action.request')}
          hint={t('obligation.action.requestHint')}
          fields={[
            { name: 'items', label: t('obligation.action.items'), hint: t('obligation.action.itemsHint'), rows: 4 },
            { name: 'reason', label: t('obligation.action.reason') },
          ]}
          button={t('obligation.action.request')}
        />
      )}
      {actions.recordPayment && (
        <ActionBox
          {...box}
          form="ghi-nhan-nop"
          title={t('obligation.action.record')}
          hint={t('obligation.action.recordHint', { amount: money(d.obligationAmount) })}
          fields={[
            { name: 'receiptNumber', label: t('obligation.action.receiptNumber'), input: true },
            { name: 'amount', label: t('obligation.action.amount'), input: true },
          ]}
          button={t('obligation.action.record')}
        />
      )}
      {actions.stop && <ActionBox {...box} form="dung-xu-ly" title={t('stop.action.title')} hint={t('stop.action.hint')} fields={[{ name: 'reason', label: t('stop.action.reason') }]} button={t('stop.action.title')} warning />}
      {actions.refuse && <ActionBox {...box} form="tu-choi" title={t('office.action.refuse')} fields={[{ name: 'reason', label: t('office.action.reason') }]} button={t('office.action.refuse')} warning />}
    </>
  );
}
