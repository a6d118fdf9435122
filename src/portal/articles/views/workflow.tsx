import { Button, Csrf, type FormState, TextArea, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import type { Article } from '../article-rules.js';
import { articleHref } from './parts.js';

/** What the person may do with this article, worked out by the route with the same checks the use cases make. */
export type WorkflowPerms = { write: boolean; publish: boolean; isLastAuthor: boolean };

function ActionForm({ page, action, version, children }: { page: PageCtx; action: string; version?: number; children: preact.ComponentChildren }) {
  return (
    <form method="post" action={action} class="congso-workflow-form">
      <Csrf token={page.csrf} />
      {version !== undefined && <input type="hidden" name="version" value={String(version)} />}
      {children}
    </form>
  );
}

/** Only the steps the person may take from the article's status are shown. */
export function WorkflowPanel({ page, article: a, perms, form }: { page: PageCtx; article: Article; perms: WorkflowPerms; form: FormState }) {
  const { t } = page;
  const s = a.status;
  const canSubmit = perms.write && (s === 'draft' || s === 'unpublished');
  const canApprove = perms.publish && !perms.isLastAuthor && (s === 'draft' || s === 'submitted' || s === 'unpublished');
  const canReturn = perms.publish && (s === 'submitted' || s === 'scheduled');
  const canUnpublish = perms.publish && s === 'published';
  const canArchive = perms.publish && s !== 'archived';
  if (!canSubmit && !canApprove && !canReturn && !canUnpublish && !canArchive) return null;
  const scheduleForm: FormState = { values: { scheduledAt: form.values.scheduledAt }, errors: form.errors.scheduledAt ? { scheduledAt: form.errors.scheduledAt } : {} };
  const noteForm: FormState = { values: { note: form.values.note }, errors: form.errors.note ? { note: form.errors.note } : {} };
  return (
    <div class="congso-workflow" data-testid="workflow">
      <h2 class="govuk-heading-m">{t('article.actions')}</h2>
      {canSubmit && (
        <ActionForm page={page} action={articleHref(a.id, '/gui-duyet')}>
          <Button>{t('article.submit')}</Button>
        </ActionForm>
      )}
      {canApprove && (
        <>
          <ActionForm page={page} action={articleHref(a.id, '/dang')} version={a.version}>
            <Button>{t('article.publish')}</Button>
          </ActionForm>
          <ActionForm page={page} action={articleHref(a.id, '/dang')} version={a.version}>
            <TextField name="scheduledAt" label={t('article.scheduledAt')} hint={t('article.scheduledAtHint')} form={scheduleForm} t={t} width="20" />
            <Button secondary>{t('article.schedule')}</Button>
          </ActionForm>
        </>
      )}
      {canReturn && (
        <ActionForm page={page} action={articleHref(a.id, '/tra-lai')}>
          <TextArea name="note" label={t('article.returnNote')} form={noteForm} t={t} rows={3} />
          <Button secondary>{t('article.returnToDraft')}</Button>
        </ActionForm>
      )}
      {canUnpublish && (
        <ActionForm page={page} action={articleHref(a.id, '/go-bai')}>
          <Button warning>{t('article.unpublish')}</Button>
        </ActionForm>
      )}
      {canArchive && (
        <ActionForm page={page} action={articleHref(a.id, '/luu-tru')}>
          <Button secondary>{t('article.archive')}</Button>
        </ActionForm>
      )}
    </div>
  );
}
