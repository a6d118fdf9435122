import { BackOfficeLayout } from '../../views/back-office.js';
import { ErrorSummary, type FormState, SelectField, TextField } from '../../views/form.js';
import type { PageCtx } from '../../views/page.js';
import { TableWrap } from '../../views/table-wrap.js';
import type { MessageKey } from '../../i18n/index.js';
import type { AgencyOption, AuditListRow } from '../queries.js';
import { actionGroups } from '../search-audit.js';
import { formatVnDateTime } from '../../dates.js';

export type AuditListProps = {
  page: PageCtx;
  form: FormState;
  agencies: AgencyOption[];
  /** Null when the filters were invalid and nothing was searched. */
  result: { rows: AuditListRow[]; names: Map<string, string>; hasNewer: boolean; hasOlder: boolean } | null;
};

const filterNames = ['nguoi', 'nhom', 'hanh-dong', 'loai-ban-ghi', 'ma-ban-ghi', 'co-quan', 'tu-ngay', 'den-ngay', 'ip'] as const;

/** The list address with the same filters and a new page position. */
function pageHref(values: FormState['values'], cursor: Record<string, number>): string {
  const q = new URLSearchParams();
  for (const name of filterNames) {
    const v = values[name];
    if (v) q.set(name, v);
  }
  for (const [k, v] of Object.entries(cursor)) q.set(k, String(v));
  return `/quan-tri/nhat-ky?${q.toString()}`;
}

function Filters({ page, form, agencies }: Pick<AuditListProps, 'page' | 'form' | 'agencies'>) {
  const { t } = page;
  const col = 'govuk-grid-column-one-third';
  return (
    <form method="get" action="/quan-tri/nhat-ky" novalidate>
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
          <h2 class="govuk-fieldset__heading">{t('audit.filters')}</h2>
        </legend>
        <div class="govuk-grid-row">
          <div class={col}>
            <TextField name="nguoi" label={t('audit.filter.person')} hint={t('audit.filter.personHint')} form={form} t={t} spellcheck={false} />
          </div>
          <div class={col}>
            <SelectField
              name="nhom"
              label={t('audit.filter.group')}
              form={form}
              t={t}
              blank={t('audit.filter.anyGroup')}
              options={actionGroups.map((g) => ({ value: g, label: t(`audit.group.${g}` as MessageKey) }))}
            />
          </div>
          <div class={col}>
            <TextField name="hanh-dong" label={t('audit.filter.action')} hint={t('audit.filter.actionHint')} form={form} t={t} spellcheck={false} />
          </div>
        </div>
        <div class="govuk-grid-row">
          <div class={col}>
            <TextField name="loai-ban-ghi" label={t('audit.filter.entityType')} hint={t('audit.filter.entityTypeHint')} form={form} t={t} spellcheck={false} />
          </div>
          <div class={col}>
            <TextField name="ma-ban-ghi" label={t('audit.filter.entityId')} form={form} t={t} spellcheck={false} />
          </div>
          <div class={col}>
            <SelectField name="co-quan" label={t('audit.filter.agency')} form={form} t={t} blank={t('audit.filter.anyAgency')} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
          </div>
        </div>
        <div class="govuk-grid-row">
          <div class={col}>
            <TextField name="tu-ngay" label={t('audit.filter.from')} hint={t('audit.filter.dateHint')} form={form} t={t} width="10" inputmode="numeric" />
          </div>
          <div class={col}>
            <TextField name="den-ngay" label={t('audit.filter.to')} hint={t('audit.filter.dateHint')} form={form} t={t} width="10" inputmode="numeric" />
          </div>
          <div class={col}>
            <TextField name="ip" label={t('audit.filter.ip')} form={form} t={t} width="20" spellcheck={false} />
          </div>
        </div>
      </fieldset>
      <div class="congso-actions-inline">
        <button type="submit" class="govuk-button" data-module="govuk-button">
          {t('audit.filter.apply')}
        </button>
        <a class="govuk-link govuk-!-margin-bottom-6" href="/quan-tri/nhat-ky">
          {t('audit.filter.clear')}
        </a>
      </div>
    </form>
  );
}

function Results({ page, form, result }: { page: PageCtx; form: FormState; result: NonNullable<AuditListProps['result']> }) {
  const { t } = page;
  const { rows, names } = result;
  if (rows.length === 0) {
    return (
      <p class="govuk-body" data-testid="audit-empty">
        {t('audit.empty')}
      </p>
    );
  }
  return (
    <>
      <TableWrap label={t('audit.title')}>
        <table class="govuk-table" data-testid="audit-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t('audit.title')}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('audit.col.seq')}</th>
              <th scope="col" class="govuk-table__header">{t('audit.col.at')}</th>
              <th scope="col" class="govuk-table__header">{t('audit.col.actor')}</th>
              <th scope="col" class="govuk-table__header">{t('audit.col.action')}</th>
              <th scope="col" class="govuk-table__header">{t('audit.col.record')}</th>
              <th scope="col" class="govuk-table__header">{t('audit.col.agency')}</th>
              <th scope="col" class="govuk-table__header">{t('audit.col.ip')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {rows.map((r) => (
              <tr class="govuk-table__row" data-seq={String(r.seq)}>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/quan-tri/nhat-ky/${r.seq}`}>
                    {r.seq}
                  </a>
                </td>
                <td class="govuk-table__cell">{formatVnDateTime(r.at, { seconds: true })}</td>
                <td class="govuk-table__cell">{r.actorLabel}</td>
                <td class="govuk-table__cell">
                  <code class="congso-mono">{r.action}</code>
                </td>
                <td class="govuk-table__cell">{r.entityType ? `${r.entityType}${r.entityId ? ` ${r.entityId}` : ''}` : ''}</td>
                <td class="govuk-table__cell">{r.agencyId ? (names.get(r.agencyId) ?? r.agencyId) : ''}</td>
                <td class="govuk-table__cell">{r.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {(result.hasNewer || result.hasOlder) && (
        <nav class="govuk-pagination govuk-pagination--block" aria-label={t('audit.pagination')}>
          {result.hasNewer && (
            <div class="govuk-pagination__prev">
              <a class="govuk-link govuk-pagination__link" href={pageHref(form.values, { sau: rows[0]!.seq })} rel="prev">
                <span class="govuk-pagination__link-title">{t('audit.newer')}</span>
              </a>
            </div>
          )}
          {result.hasOlder && (
            <div class="govuk-pagination__next">
              <a class="govuk-link govuk-pagination__link" href={pageHref(form.values, { truoc: rows[rows.length - 1]!.seq })} rel="next">
                <span class="govuk-pagination__link-title">{t('audit.older')}</span>
              </a>
            </div>
          )}
        </nav>
      )}
    </>
  );
}

export function AuditListPage({ page, form, agencies, result }: AuditListProps) {
  const { t } = page;
  const labels = {
    nguoi: t('audit.filter.person'),
    nhom: t('audit.filter.group'),
    'hanh-dong': t('audit.filter.action'),
    'loai-ban-ghi': t('audit.filter.entityType'),
    'ma-ban-ghi': t('audit.filter.entityId'),
    'co-quan': t('audit.filter.agency'),
    'tu-ngay': t('audit.filter.from'),
    'den-ngay': t('audit.filter.to'),
    ip: t('audit.filter.ip'),
  };
  return (
    <BackOfficeLayout page={page} title={t('audit.title')}>
      <ErrorSummary form={form} t={t} labels={labels} />
      <h1 class="govuk-heading-l">{t('audit.title')}</h1>
      <p class="govuk-body">{t('audit.intro')}</p>
      <Filters page={page} form={form} agencies={agencies} />
      {result && <Results page={page} form={form} result={result} />}
    </BackOfficeLayout>
  );
}
