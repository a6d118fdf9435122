import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { BackLink } from '../../../org/views/shared.js';
import { filePath } from '../../urls.js';
import type { Article } from '../article-rules.js';
import type { AttachmentRow } from '../queries.js';
import { articleHref } from './parts.js';

/** The article as readers will see its body; the HTML was sanitised when it was saved. */
export function PreviewPage({ page, article: a, cover, attachments }: { page: PageCtx; article: Article; cover: { id: string; name: string } | null; attachments: AttachmentRow[] }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={`${t('article.preview')}: ${a.title}`}>
      <BackLink href={articleHref(a.id)} page={page} />
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">{t('article.previewNote')}</strong>
      </div>
      <article class="congso-article" lang={a.locale}>
        <h1 class="govuk-heading-xl">{a.title}</h1>
        {a.summary && <p class="govuk-body-l">{a.summary}</p>}
        {cover && (
          <img
            src={`${filePath(cover.id, cover.name)}?w=960`}
            srcset={`${filePath(cover.id, cover.name)}?w=480 480w, ${filePath(cover.id, cover.name)}?w=960 960w, ${filePath(cover.id, cover.name)}?w=1600 1600w`}
            sizes="(min-width: 960px) 960px, 100vw"
            alt={a.coverAlt ?? ''}
            class="congso-article__cover"
          />
        )}
        <div class="congso-article__body" data-testid="article-body" dangerouslySetInnerHTML={{ __html: a.body }} />
        {attachments.length > 0 && (
          <>
            <h2 class="govuk-heading-m">{t('article.attachments')}</h2>
            <ul class="govuk-list">
              {attachments.map((f) => (
                <li>
                  <a class="govuk-link" href={filePath(f.fileId, f.name)}>
                    {f.label ?? f.name}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </article>
    </BackOfficeLayout>
  );
}
