import { randomUUID } from 'node:crypto';
import type { ComponentChildren } from 'preact';
import { formatVnDateTime } from '../../../platform/dates.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Csrf } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { type DeskTab, type InboxPage, type InboxRow, type Officer, dueFlag } from '../inbox-queries.js';
import { StateTag } from './tracking.js';

export const OFFICE = '/quan-tri/ho-so';
export const DESK_INBOX = `${OFFICE}/mot-cua`;
export const PROCESSING_INBOX = `${OFFICE}/xu-ly`;
export const ASSIGN_INBOX = `${OFFICE}/phan-cong`;
export const ENTRY = `${OFFICE}/nhap`;
export const officeHref = (id: string, rest = '') => `${OFFICE}/${id}${rest}`;

/** Times the inbox judges due dates against: now, and one working day from now. */
export type Clock = { now: Date; soon: Date };

export function DueCell({ page, due, clock }: { page: PageCtx; due: Date | null; clock: Clock }) {
  if (!due) return <>—</>;
  const flag = dueFlag(due, clock.now, clock.soon);
  return (
    <>
      {formatVnDateTime(due)}
      {flag && (
        <>
          {' '}
          <strong class={`govuk-tag govuk-tag--${flag === 'late' ? 'red' : 'yellow'}`}>{page.t(`office.flag.${flag}`)}</strong>
        </>
      )}
    </>
  );
}

export function stepName(row: Pick<InboxRow, 'steps' | 'stepCode'>): string {
  return row.steps?.find((s) => s.code === row.stepCode)?.name ?? row.stepCode ?? '—';
}

function Tabs({ tabs }: { tabs: { href: string; label: string; current: boolean }[] }) {
  return (
    <nav class="govuk-!-margin-bottom-4" aria-label={tabs.map((t) => t.label).join(' / ')}>
      <ul class="govuk-list congso-actions-inline">
        {tabs.map((t) => (
          <li>
            {t.current ? (
              <strong aria-current="page">{t.label}</strong>
            ) : (
              <a class="govuk-link" href={t.href}>
                {t.label}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Previous and next only: the inbox never counts the whole table, so there is no "page n of m". */
export function PrevNext({ page, inbox, href }: { page: PageCtx; inbox: InboxPage; href: (n: number) => string }) {
  if (inbox.page <= 1 && !inbox.hasNext) return null;
  return (
    <nav class="govuk-pagination" aria-label={page.t('common.next')}>
      {inbox.page > 1 && (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={href(inbox.page - 1)} rel="prev">
            <span class="govuk-pagination__link-title">{page.t('common.previous')}</span>
          </a>
        </div>
      )}
      {inbox.hasNext && (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={href(inbox.page + 1)} rel="next">
            <span class="govuk-pagination__link-title">{page.t('common.next')}</span>
          </a>
        </div>
      )}
    </nav>
  );
}

type Column = { title: string; cell: (r: InboxRow) => ComponentChildren };

function InboxTable({ page, label, rows, columns }: { page: PageCtx; label: string; rows: InboxRow[]; columns: Column[] }) {
  const { t } = page;
  return (
    <TableWrap label={label}>
      <table class="govuk-table" data-testid="inbox">
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {t('office.col.code')}
            </th>
            {columns.map((c) => (
              <th scope="col" class="govuk-table__header">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((r) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={officeHref(r.id)}>
                  {r.code}
                </a>
              </td>
              {columns.map((c) => (
                <td class="govuk-table__cell">{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

const common = (page: PageCtx): Column[] => [
  { title: page.t('office.col.procedure'), cell: (r) => r.procedureName },
  { title: page.t('office.col.applicant'), cell: (r) => r.applicantName },
];

type DeskProps = { page: PageCtx; tab: DeskTab; inbox: InboxPage; clock: Clock };

const DESK_TAB_QUERY: Record<DeskTab, string> = { new: '', return: 'muc=tra-ket-qua', financial: 'muc=nghia-vu-tai-chinh' };

export function DeskInboxPage({ page, tab, inbox, clock }: DeskProps) {
  const { t } = page;
  const query = DESK_TAB_QUERY[tab] ? [DESK_TAB_QUERY[tab]] : [];
  const href = (n: number) => {
    const parts = [...query, ...(n > 1 ? [`trang=${n}`] : [])];
    return parts.length > 0 ? `${DESK_INBOX}?${parts.join('&')}` : DESK_INBOX;
  };
  const columns: Column[] = [
    ...common(page),
    {
      title: t('office.col.submitted'),
      cell: (r) => (
        <>
          {r.submittedAt ? formatVnDateTime(r.submittedAt) : '—'} <span class="govuk-body-s">({t(`office.channel.${r.channel}`)})</span>
          {r.state === 'submitted' && r.lastSeq > 1 && (
            <>
              {' '}
              <strong class="govuk-tag govuk-tag--yellow">{t('office.desk.answered')}</strong>
            </>
          )}
        </>
      ),
    },
    { title: t('office.col.due'), cell: (r) => <DueCell page={page} due={r.dueAt} clock={clock} /> },
  ];
  return (
    <BackOfficeLayout page={page} title={t('office.desk.title')}>
      <h1 class="govuk-heading-l">{t('office.desk.title')}</h1>
      <a class="govuk-button" href={ENTRY}>
        {t('office.desk.enter')}
      </a>
      <Tabs
        tabs={[
          { href: DESK_INBOX, label: t('office.desk.tabNew'), current: tab === 'new' },
          { href: `${DESK_INBOX}?muc=tra-ket-qua`, label: t('office.desk.tabReturn'), current: tab === 'return' },
          { href: `${DESK_INBOX}?muc=nghia-vu-tai-chinh`, label: t('office.desk.tabFinancial'), current: tab === 'financial' },
        ]}
      />
      {inbox.rows.length === 0 ? <p class="govuk-body">{t('office.desk.none')}</p> : <InboxTable page={page} label={t('office.desk.title')} rows={inbox.rows} columns={columns} />}
      <PrevNext page={page} inbox={inbox} href={href} />
    </BackOfficeLayout>
  );
}

const stepColumns = (page: PageCtx, clock: Clock): Column[] => [
  ...common(page),
  { title: page.t('office.col.step'), cell: (r) => stepName(r) },
  { title: page.t('office.col.stepDue'), cell: (r) => <DueCell page={page} due={r.stepDueAt} clock={clock} /> },
  { title: page.t('office.col.due'), cell: (r) => (r.dueAt ? formatVnDateTime(r.dueAt) : '—') },
];

export function ProcessingInboxPage({ page, view, inbox, clock }: { page: PageCtx; view: 'role' | 'mine'; inbox: InboxPage; clock: Clock }) {
  const { t } = page;
  const base = view === 'mine' ? `${PROCESSING_INBOX}?xem=cua-toi` : PROCESSING_INBOX;
  const href = (n: number) => (n > 1 ? `${base}${view === 'mine' ? '&' : '?'}trang=${n}` : base);
  return (
    <BackOfficeLayout page={page} title={t('office.processing.title')}>
      <h1 class="govuk-heading-l">{t('office.processing.title')}</h1>
      <Tabs
        tabs={[
          { href: PROCESSING_INBOX, label: t('office.processing.tabRole'), current: view === 'role' },
          { href: `${PROCESSING_INBOX}?xem=cua-toi`, label: t('office.processing.tabMine'), current: view === 'mine' },
        ]}
      />
      {inbox.rows.length === 0 ? <p class="govuk-body">{t('office.processing.none')}</p> : <InboxTable page={page} label={t('office.processing.title')} rows={inbox.rows} columns={stepColumns(page, clock)} />}
      <PrevNext page={page} inbox={inbox} href={href} />
    </BackOfficeLayout>
  );
}

/** One small form per row: a fresh key, the log head shown, and the officers who hold the row's step role. */
function AssignForm({ page, row, officers }: { page: PageCtx; row: InboxRow; officers: Officer[] }) {
  const { t } = page;
  const eligible = officers.filter((o) => o.agencyId === row.agencyId && o.role === row.stepRole);
  const current = eligible.find((o) => o.id === row.assigneeId);
  if (eligible.length === 0) return <span class="govuk-body-s">{t('office.assign.nobody')}</span>;
  const id = `f-assign-${row.id}`;
  return (
    <form method="post" action={officeHref(row.id, '/phan-cong')} class="congso-inline-form">
      <Csrf token={page.csrf} />
      <input type="hidden" name="key" value={randomUUID()} />
      <input type="hidden" name="seq" value={String(row.lastSeq)} />
      <input type="hidden" name="back" value="phan-cong" />
      {current && <p class="govuk-body-s govuk-!-margin-bottom-1">{t('office.assign.current', { name: current.fullName })}</p>}
      {/* Named by aria-label, not a visually hidden label: an absolutely placed hidden element inside the scrolling
          table box would widen the page at 360 px. */}
      <select class="govuk-select" id={id} name="assigneeId" aria-label={t('office.assign.officerFor', { code: row.code ?? '' })}>
        <option value="">{t('office.assign.blank')}</option>
        {eligible.map((o) => (
          <option value={o.id} selected={o.id === row.assigneeId}>
            {o.fullName}
          </option>
        ))}
      </select>{' '}
      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" aria-label={`${t('office.assign.button')} ${row.code ?? ''}`}>
        {t('office.assign.button')}
      </button>
    </form>
  );
}

export function AssignmentPage({ page, inbox, officers, clock }: { page: PageCtx; inbox: InboxPage; officers: Officer[]; clock: Clock }) {
  const { t } = page;
  const columns: Column[] = [
    ...stepColumns(page, clock),
    { title: t('office.col.state'), cell: (r) => <StateTag page={page} state={r.state} /> },
    { title: t('office.col.assign'), cell: (r) => <AssignForm page={page} row={r} officers={officers} /> },
  ];
  return (
    <BackOfficeLayout page={page} title={t('office.assign.title')}>
      <h1 class="govuk-heading-l">{t('office.assign.title')}</h1>
      {inbox.rows.length === 0 ? <p class="govuk-body">{t('office.assign.none')}</p> : <InboxTable page={page} label={t('office.assign.title')} rows={inbox.rows} columns={columns} />}
      <PrevNext page={page} inbox={inbox} href={(n) => (n > 1 ? `${ASSIGN_INBOX}?trang=${n}` : ASSIGN_INBOX)} />
    </BackOfficeLayout>
  );
}
