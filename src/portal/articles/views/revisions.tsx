import { formatVnDateTime } from '../../../platform/dates.js';
import type { MessageKey } from '../../../platform/i18n/index.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { BackLink } from '../../../org/views/shared.js';
import type { Article } from '../article-rules.js';
import type { RevisionRow } from '../queries.js';
import type { Piece, RevisionDiff } from '../revision-diff.js';
import { articleHref } from './parts.js';

const fieldLabel: Record<string, MessageKey> = {
  title: 'article.titleField',
  summary: 'article.summary',
  body: 'article.body',
  slug: 'article.slug',
  categoryId: 'article.category',
  tags: 'article.tags',
  coverFileId: 'article.cover',
  coverAlt: 'article.coverAlt',
  authorName: 'article.authorName',
  source: 'article.source',
  featured: 'article.featured',
};

/** Removed words struck through and added ones underlined, each also marked in words for screen readers and print. */
function Pieces({ page, pieces }: { page: PageCtx; pieces: Piece[] }) {
  return (
    <p class="govuk-body congso-diff">
      {pieces.map((p) =>
        p.op === 'same' ? (
          p.text
        ) : p.op === 'del' ? (
          <del>
            <span class="govuk-visually-hidden">[{page.t('article.diffRemoved')}: </span>−{p.text}
            <span class="govuk-visually-hidden">]</span>
          </del>
        ) : (
          <ins>
            <span class="govuk-visually-hidden">[{page.t('article.diffAdded')}: </span>+{p.text}
            <span class="govuk-visually-hidden">]</span>
          </ins>
        ),
      )}
    </p>
  );
}

type Props = { page: PageCtx; article: Article; revisions: RevisionRow[]; diff: RevisionDiff | null; from: number; to: number };

export function RevisionsPage({ page, article, revisions, diff, from, to }: Props) {
  const { t } = page;
  const options = revisions.map((r) => r.number);
  return (
    <BackOfficeLayout page={page} title={t('article.revisions')}>
      <BackLink href={articleHref(article.id)} page={page} />
      <span class="govuk-caption-l">{article.title}</span>
      <h1 class="govuk-heading-l">{t('article.revisions')}</h1>
      <TableWrap label={t('article.revisions')}>
        <table class="govuk-table">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">#</th>
              <th scope="col" class="govuk-table__header">{t('article.titleField')}</th>
              <th scope="col" class="govuk-table__header">{t('article.savedBy')}</th>
              <th scope="col" class="govuk-table__header">{t('article.savedAt')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {revisions.map((r) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{r.number}</td>
                <td class="govuk-table__cell">{r.title}</td>
                <td class="govuk-table__cell">{r.savedBy ?? '—'}</td>
                <td class="govuk-table__cell">{formatVnDateTime(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {options.length > 1 && (
        <form method="get" action={articleHref(article.id, '/lich-su')} class="congso-filters">
          {(['tu', 'den'] as const).map((name) => (
            <div class="govuk-form-group">
              <label class="govuk-label" for={`f-${name}`}>
                {t(name === 'tu' ? 'article.compareFrom' : 'article.compareTo')}
              </label>
              <select class="govuk-select" id={`f-${name}`} name={name}>
                {options.map((n) => (
                  <option value={String(n)} selected={n === (name === 'tu' ? from : to)}>
                    {t('article.revision', { n })}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
            {t('article.compare')}
          </button>
        </form>
      )}
      {diff && (
        <section data-testid="diff">
          <h2 class="govuk-heading-m">{t('article.diffTitle', { from: diff.from, to: diff.to })}</h2>
          <p class="govuk-body-s">{t('article.diffLegend')}</p>
          {diff.texts.map((d) => (
            <>
              <h3 class="govuk-heading-s">{t(fieldLabel[d.field]!)}</h3>
              {d.changed ? <Pieces page={page} pieces={d.pieces} /> : <p class="govuk-body">{t('article.diffNoChange')}</p>}
            </>
          ))}
          {diff.fields.length > 0 && (
            <>
              <h3 class="govuk-heading-s">{t('article.changedFields')}</h3>
              <dl class="govuk-summary-list">
                {diff.fields.map((f) => (
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{fieldLabel[f.field] ? t(fieldLabel[f.field]!) : f.field}</dt>
                    <dd class="govuk-summary-list__value">
                      <del>−{f.before}</del> <ins>+{f.after}</ins>
                    </dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </section>
      )}
    </BackOfficeLayout>
  );
}
