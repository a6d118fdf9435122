import { formatVnDateTime } from '../../../platform/dates.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, CheckboxField, Csrf, type FormState, SelectField, TextArea, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { BackLink, Problems } from '../../../org/views/shared.js';
import { filePath } from '../../urls.js';
import type { Article } from '../article-rules.js';
import type { AttachmentRow, SiteOption } from '../queries.js';
import { ARTICLES, articleHref, articleLabels, StatusTag } from './parts.js';
import { WorkflowPanel, type WorkflowPerms } from './workflow.js';

export type ArticleDetail = {
  article: Article;
  siteName: string;
  cover: { id: string; name: string } | null;
  attachments: AttachmentRow[];
  returnNote: { note: string; by: string; at: Date } | null;
  translation: { id: string; title: string } | null;
  original: { id: string; title: string } | null;
  perms: WorkflowPerms;
};

type Props = {
  page: PageCtx;
  form: FormState;
  sites: SiteOption[];
  categories: { id: string; name: string; siteId: string }[];
  detail: ArticleDetail | null;
  translationOf?: { id: string; title: string } | null;
  status?: number;
};

/** The rich-text editor enhances the body's textarea when scripts run; without them the textarea is the editor. */
function EditorAssets() {
  return (
    <>
      <link rel="stylesheet" href="/assets/trix.css" />
      <link rel="stylesheet" href="/assets/article-editor.css" />
      <script src="/assets/trix.umd.min.js" defer></script>
      <script src="/assets/article-editor.js" defer></script>
    </>
  );
}

function ArticleFields({ page, form, categories, detail }: { page: PageCtx; form: FormState; categories: Props['categories']; detail: ArticleDetail | null }) {
  const { t } = page;
  return (
    <>
      <TextField name="title" label={t('article.titleField')} form={form} t={t} required />
      {detail && <TextField name="slug" label={t('article.slug')} hint={t('article.slugHint')} form={form} t={t} width="30" />}
      <SelectField name="categoryId" label={t('article.category')} form={form} t={t} blank={t('article.noCategory')} options={categories.map((c) => ({ value: c.id, label: c.name }))} />
      <TextArea name="summary" label={t('article.summary')} form={form} t={t} rows={3} />
      <div data-rich-text="f-body">
        <TextArea name="body" label={t('article.body')} hint={t('article.bodyHint')} form={form} t={t} rows={16} />
      </div>
      <TextField name="tags" label={t('article.tags')} hint={t('article.tagsHint')} form={form} t={t} />
      <TextField name="authorName" label={t('article.authorName')} form={form} t={t} width="30" />
      <TextField name="source" label={t('article.source')} form={form} t={t} />
      {detail?.article.coverFileId && <TextField name="coverAlt" label={t('article.coverAlt')} form={form} t={t} />}
      <CheckboxField name="featured" label={t('article.featured')} form={form} t={t} />
    </>
  );
}

export function ArticleNewPage({ page, form, sites, categories, translationOf }: Props) {
  const { t } = page;
  const title = translationOf ? t('article.newTranslation') : t('article.new');
  return (
    <BackOfficeLayout page={page} title={title}>
      <BackLink href={translationOf ? articleHref(translationOf.id) : ARTICLES} page={page} />
      <h1 class="govuk-heading-l">{title}</h1>
      {translationOf && <p class="govuk-body">{t('article.translationOf', { title: translationOf.title })}</p>}
      <Problems page={page} form={form} labels={articleLabels(page)} />
      <form method="post" action={`${ARTICLES}/moi`} novalidate>
        <Csrf token={page.csrf} />
        {translationOf ? (
          <input type="hidden" name="translationOfId" value={translationOf.id} />
        ) : (
          <>
            <SelectField name="siteId" label={t('article.site')} form={form} t={t} options={sites.map((s) => ({ value: s.id, label: s.name }))} />
            <SelectField
              name="kind"
              label={t('article.kind')}
              form={form}
              t={t}
              options={[
                { value: 'news', label: t('article.kind.news') },
                { value: 'page', label: t('article.kind.page') },
              ]}
            />
          </>
        )}
        <ArticleFields page={page} form={form} categories={categories} detail={null} />
        <Button>{t('common.save')}</Button>
      </form>
      <EditorAssets />
    </BackOfficeLayout>
  );
}

function UploadForm({ page, action, children }: { page: PageCtx; action: string; children: preact.ComponentChildren }) {
  // The token comes first: the server checks it before it reads the file (see readMultipartForm).
  return (
    <form method="post" action={action} enctype="multipart/form-data">
      <Csrf token={page.csrf} />
      {children}
    </form>
  );
}

function CoverAndAttachments({ page, detail, form }: { page: PageCtx; detail: ArticleDetail; form: FormState }) {
  const { t } = page;
  const a = detail.article;
  const version = String(a.version);
  const err = (name: string) => form.errors[name];
  return (
    <>
      <h2 class="govuk-heading-m">{t('article.cover')}</h2>
      {detail.cover ? (
        <>
          <img src={`${filePath(detail.cover.id, detail.cover.name)}?w=480`} alt={a.coverAlt ?? ''} class="congso-cover-preview" width={240} />
          <form method="post" action={articleHref(a.id, '/anh-dai-dien/xoa')}>
            <Csrf token={page.csrf} />
            <input type="hidden" name="version" value={version} />
            <Button secondary>{t('article.coverRemove')}</Button>
          </form>
        </>
      ) : (
        <p class="govuk-body">{t('article.noCover')}</p>
      )}
      <UploadForm page={page} action={articleHref(a.id, '/anh-dai-dien')}>
        <input type="hidden" name="version" value={version} />
        <div class={`govuk-form-group${err('cover') ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="f-cover">
            {t('article.coverFile')}
          </label>
          {err('cover') && <p class="govuk-error-message">{t(err('cover')!.key, err('cover')!.params)}</p>}
          <input class="govuk-file-upload" id="f-cover" name="cover" type="file" accept="image/jpeg,image/png,image/webp" />
        </div>
        <TextField name="coverAlt" label={t('article.coverAlt')} form={{ values: { coverAlt: a.coverAlt ?? '' }, errors: {} }} t={t} />
        <Button secondary>{t('article.cover')}</Button>
      </UploadForm>

      <h2 class="govuk-heading-m">{t('article.attachments')}</h2>
      {detail.attachments.length === 0 ? (
        <p class="govuk-body">{t('article.noAttachments')}</p>
      ) : (
        <ul class="govuk-list">
          {detail.attachments.map((f) => (
            <li>
              <a class="govuk-link" href={filePath(f.fileId, f.name)}>
                {f.label ?? f.name}
              </a>{' '}
              <span class="govuk-body-s">({Math.max(1, Math.round(f.size / 1024))} KB)</span>
              <form method="post" action={articleHref(a.id, `/dinh-kem/${f.fileId}/xoa`)} class="congso-inline-form">
                <Csrf token={page.csrf} />
                <Button secondary>{t('article.attachmentRemove')}</Button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <UploadForm page={page} action={articleHref(a.id, '/dinh-kem')}>
        <div class={`govuk-form-group${err('attachment') ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="f-attachment">
            {t('article.attachmentFile')}
          </label>
          {err('attachment') && <p class="govuk-error-message">{t(err('attachment')!.key, err('attachment')!.params)}</p>}
          <input class="govuk-file-upload" id="f-attachment" name="attachment" type="file" />
        </div>
        <TextField name="label" label={t('article.attachmentLabel')} form={{ values: {}, errors: {} }} t={t} />
        <Button secondary>{t('article.attachmentAdd')}</Button>
      </UploadForm>
    </>
  );
}

export function ArticleEditPage({ page, form, categories, detail }: Props) {
  const { t } = page;
  const d = detail!;
  const a = d.article;
  return (
    <BackOfficeLayout page={page} title={a.title}>
      <BackLink href={ARTICLES} page={page} />
      <span class="govuk-caption-l">
        {d.siteName} · {t('article.version', { n: a.version })}
      </span>
      <h1 class="govuk-heading-l">{a.title}</h1>
      <p class="govuk-body">
        <StatusTag page={page} status={a.status} />
        {a.status === 'scheduled' && a.scheduledAt && <span> {t('article.scheduledFor', { at: formatVnDateTime(a.scheduledAt) })}</span>}
        {a.status === 'published' && a.publishedAt && <span> {formatVnDateTime(a.publishedAt)}</span>}
      </p>
      {d.returnNote && a.status === 'draft' && (
        <div class="govuk-inset-text" data-testid="return-note">
          {t('article.lastReturnNote', { by: d.returnNote.by, at: formatVnDateTime(d.returnNote.at), note: d.returnNote.note })}
        </div>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={articleHref(a.id, '/xem-truoc')}>
          {t('article.preview')}
        </a>
        {' · '}
        <a class="govuk-link" href={articleHref(a.id, '/lich-su')}>
          {t('article.revisions')}
        </a>
        {d.original && (
          <>
            {' · '}
            <a class="govuk-link" href={articleHref(d.original.id)}>
              {d.original.title}
            </a>
          </>
        )}
        {a.locale === 'vi' &&
          (d.translation ? (
            <>
              {' · '}
              <a class="govuk-link" href={articleHref(d.translation.id)}>
                {t('article.translation')}
              </a>
            </>
          ) : (
            d.perms.write && (
              <>
                {' · '}
                <a class="govuk-link" href={`${ARTICLES}/moi?ban-dich-cua=${a.id}`}>
                  {t('article.newTranslation')}
                </a>
              </>
            )
          ))}
      </p>
      <WorkflowPanel page={page} article={a} perms={d.perms} form={form} />
      {d.perms.write && a.status !== 'archived' && (
        <>
          <h2 class="govuk-heading-m">{t('article.edit')}</h2>
          <Problems page={page} form={form} labels={articleLabels(page)} />
          <form method="post" action={articleHref(a.id)} novalidate>
            <Csrf token={page.csrf} />
            <input type="hidden" name="version" value={form.values.version ?? String(a.version)} />
            <ArticleFields page={page} form={form} categories={categories} detail={d} />
            <Button>{t('common.save')}</Button>
          </form>
          <CoverAndAttachments page={page} detail={d} form={form} />
          <EditorAssets />
        </>
      )}
    </BackOfficeLayout>
  );
}
