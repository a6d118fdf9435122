import { formatVnDateTime } from '../../../platform/dates.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { inquiryKind, inquiryStatus } from '../../schema.js';
import { INBOX_PAGE_SIZE, type InboxFilters, type listInbox } from '../queries.js';
import { kindKey } from '../rules.js';
import { statusKey } from './status.js';

export const INBOX_PATH = '/quan-tri/cong-thong-tin/hoi-dap';

function href(f: InboxFilters, page: number): string {
  const q = new URLSearchParams();
  if (f.kind) q.set('loai', f.kind);
  if (f.status) q.set('trang-thai', f.status);
  if (page > 1) q.set('trang', String(page));
  const s = q.toString();
  return s ? `${INBOX_PATH}?${s}` : INBOX_PATH;
}

export function InboxPage({ page, filters, result }: { page: PageCtx; filters: InboxFilters; result: Awaited<ReturnType<typeof listInbox>> }) {
  const { t } = page;
  const pages = Math.max(1, Math.ceil(result.total / INBOX_PAGE_SIZE));
  return (
    <BackOfficeLayout page={page} title={t('inquiry.inbox')}>
      <h1 class="govuk-heading-l">{t('inquiry.inbox')}</h1>
      <form method="get" action={INBOX_PATH} class="congso-actions-inline">
        <div class="govuk-form-group">
          <label class="govuk-label" for="loai">
            {t('inquiry.kind.question')} / {t('inquiry.kind.feedback')}
          </label>
          <select class="govuk-select" id="loai" name="loai">
            <option value="">{t('inquiry.all')}</option>
            {inquiryKind.enumValues.map((k) => (
              <option value={k} selected={filters.kind === k}>
                {t(kindKey(k))}
              </option>
            ))}
          </select>
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="trang-thai">
            {t('inquiry.status')}
          </label>
          <select class="govuk-select" id="trang-thai" name="trang-thai">
            <option value="">{t('inquiry.all')}</option>
            {inquiryStatus.enumValues.map((s) => (
              <option value={s} selected={filters.status === s}>
                {t(statusKey(s))}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t('inquiry.filter')}
        </button>
      </form>
      {result.rows.length === 0 ? (
        <p class="govuk-body">{t('inquiry.none')}</p>
      ) : (
        <TableWrap label={t('inquiry.inbox')}>
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('inquiry.code')}</th>
                <th scope="col" class="govuk-table__header">{t('inquiry.subject')}</th>
                <th scope="col" class="govuk-table__header">{t('inquiry.site')}</th>
                <th scope="col" class="govuk-table__header">{t('inquiry.status')}</th>
                <th scope="col" class="govuk-table__header">{t('inquiry.receivedAt')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {result.rows.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <code class="congso-mono">{r.code}</code>
                  </td>
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`${INBOX_PATH}/${r.id}`}>
                      {r.subject}
                    </a>
                    <br />
                    <span class="govuk-body-s">{t(kindKey(r.kind))}</span>
                  </td>
                  <td class="govuk-table__cell">{r.siteName}</td>
                  <td class="govuk-table__cell">
                    <strong class="govuk-tag govuk-tag--grey">{t(statusKey(r.status))}</strong>
                  </td>
                  <td class="govuk-table__cell">{formatVnDateTime(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {pages > 1 && (
        <nav class="govuk-pagination" aria-label={t('inquiry.inbox')}>
          {filters.page > 1 && (
            <div class="govuk-pagination__prev">
              <a class="govuk-link govuk-pagination__link" href={href(filters, filters.page - 1)} rel="prev">
                <span class="govuk-pagination__link-title">← {filters.page - 1}</span>
              </a>
            </div>
          )}
          {filters.page < pages && (
            <div class="govuk-pagination__next">
              <a class="govuk-link govuk-pagination__link" href={href(filters, filters.page + 1)} rel="next">
                <span class="govuk-pagination__link-title">{filters.page + 1} →</span>
              </a>
            </div>
          )}
        </nav>
      )}
    </BackOfficeLayout>
  );
}
