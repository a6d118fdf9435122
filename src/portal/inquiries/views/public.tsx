import { formatVnDate } from '../../../platform/dates.js';
import type { MessageKey } from '../../../platform/i18n/index.js';
import { CheckboxField, Csrf, ErrorSummary, type FormState, TextArea, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import type { SiteScope } from '../../site/site-routes.js';
import { Pagination, withQuery } from '../../site/views/parts.js';
import { SiteLayout, siteHref } from '../../site/views/site-layout.js';
import { HONEYPOT_FIELD } from '../anti-spam.js';
import type { InquiryLookup, PublicInquiry } from '../queries.js';
import type { InquiryKind } from '../rules.js';
import { statusKey } from './status.js';

/** Where each kind lives on a site, and its words. */
export const kindPages = {
  question: { base: '/hoi-dap', title: 'inquiry.public.questionsTitle', none: 'inquiry.public.noQuestions', send: 'inquiry.public.ask' },
  feedback: { base: '/phan-anh', title: 'inquiry.public.feedbackTitle', none: 'inquiry.public.noFeedback', send: 'inquiry.public.send' },
} as const satisfies Record<InquiryKind, { base: string; title: MessageKey; none: MessageKey; send: MessageKey }>;

export const formPath = (kind: InquiryKind) => `${kindPages[kind].base}/gui`;
export const lookupPath = (kind: InquiryKind) => `${kindPages[kind].base}/tra-cuu`;

/** Text as people typed it: paragraphs follow blank lines, line breaks are kept by the stylesheet. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => (
          <p class="govuk-body congso-prewrap">{p}</p>
        ))}
    </>
  );
}

function Actions({ scope, kind, t }: { scope: SiteScope; kind: InquiryKind; t: PageCtx['t'] }) {
  return (
    <div class="govuk-button-group">
      <a class="govuk-button" href={siteHref(scope, formPath(kind))}>
        {t(kindPages[kind].send)}
      </a>
      <a class="govuk-link" href={siteHref(scope, lookupPath(kind))}>
        {t('inquiry.public.follow')}
      </a>
    </div>
  );
}

export function InquiryListPage(props: { page: PageCtx; scope: SiteScope; kind: InquiryKind; rows: PublicInquiry[]; total: number; pageNo: number; pageSize: number }) {
  const { page, scope, kind, rows, total, pageNo, pageSize } = props;
  const { t } = page;
  const path = siteHref(scope, kindPages[kind].base);
  return (
    <SiteLayout page={page} scope={scope} title={t(kindPages[kind].title)} breadcrumbs={[{ href: path, label: t(kindPages[kind].title) }]}>
      <h1 class="govuk-heading-l">{t(kindPages[kind].title)}</h1>
      <Actions scope={scope} kind={kind} t={t} />
      {rows.length === 0 ? (
        <p class="govuk-body">{t(kindPages[kind].none)}</p>
      ) : (
        <ul class="govuk-list congso-article-list">
          {rows.map((q) => (
            <li>
              <h2 class="govuk-heading-s govuk-!-margin-bottom-1">
                <a class="govuk-link" href={siteHref(scope, `${kindPages[kind].base}/${q.id}`)}>
                  {q.subject}
                </a>
              </h2>
              {q.publishedAt && <p class="govuk-body-s congso-secondary-text">{t('inquiry.public.answeredOn', { date: formatVnDate(q.publishedAt) })}</p>}
            </li>
          ))}
        </ul>
      )}
      <Pagination t={t} page={pageNo} total={total} pageSize={pageSize} href={(p) => withQuery(path, { trang: p })} />
    </SiteLayout>
  );
}

export function InquiryPublicPage({ page, scope, kind, q }: { page: PageCtx; scope: SiteScope; kind: InquiryKind; q: PublicInquiry }) {
  const { t } = page;
  const list = siteHref(scope, kindPages[kind].base);
  return (
    <SiteLayout page={page} scope={scope} title={q.subject} breadcrumbs={[{ href: list, label: t(kindPages[kind].title) }]}>
      <h1 class="govuk-heading-l">{q.subject}</h1>
      <p class="govuk-body-s congso-secondary-text">{t('inquiry.public.sentOn', { date: formatVnDate(q.createdAt) })}</p>
      <Paragraphs text={q.body} />
      {q.answer && (
        <>
          <h2 class="govuk-heading-m">{t('inquiry.public.answer')}</h2>
          {q.publishedAt && <p class="govuk-body-s congso-secondary-text">{t('inquiry.public.answeredOn', { date: formatVnDate(q.publishedAt) })}</p>}
          <Paragraphs text={q.answer} />
        </>
      )}
    </SiteLayout>
  );
}

export function InquiryFormPage({ page, scope, kind, form, stamp }: { page: PageCtx; scope: SiteScope; kind: InquiryKind; form: FormState; stamp: string }) {
  const { t } = page;
  const title = t(kindPages[kind].send);
  const labels = {
    askerName: t('inquiry.askerName'),
    askerEmail: t('inquiry.askerEmail'),
    askerPhone: t('inquiry.askerPhone'),
    askerAddress: t('inquiry.askerAddress'),
    subject: t('inquiry.subject'),
    body: t('inquiry.body'),
  };
  return (
    <SiteLayout page={page} scope={scope} title={title} breadcrumbs={[{ href: siteHref(scope, kindPages[kind].base), label: t(kindPages[kind].title) }]}>
      <ErrorSummary form={form} t={t} labels={labels} />
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{t('inquiry.public.askIntro')}</p>
      <form method="post" action={siteHref(scope, formPath(kind))} novalidate>
        <Csrf token={page.csrf} />
        <input type="hidden" name="stamp" value={stamp} />
        <div class="congso-honeypot" aria-hidden="true">
          <label for="f-website">{t('inquiry.public.honeypot')}</label>
          <input type="text" id="f-website" name={HONEYPOT_FIELD} tabindex={-1} autocomplete="off" />
        </div>
        <TextField name="askerName" label={labels.askerName} form={form} t={t} autocomplete="name" />
        <TextField name="askerEmail" label={labels.askerEmail} hint={t('inquiry.public.contactHint')} type="email" autocomplete="email" spellcheck={false} form={form} t={t} />
        <TextField name="askerPhone" label={labels.askerPhone} type="tel" autocomplete="tel" width="20" form={form} t={t} />
        <TextField name="askerAddress" label={labels.askerAddress} autocomplete="street-address" form={form} t={t} />
        <TextField name="subject" label={labels.subject} form={form} t={t} />
        <TextArea name="body" label={labels.body} rows={8} form={form} t={t} />
        <CheckboxField name="publicConsent" label={t('inquiry.publicConsent')} form={form} t={t} />
        <p class="govuk-body-s">{t('inquiry.public.privacy')}</p>
        <button type="submit" class="govuk-button" data-module="govuk-button">
          {t('inquiry.public.submit')}
        </button>
      </form>
    </SiteLayout>
  );
}

export function InquiryLookupPage(props: { page: PageCtx; scope: SiteScope; kind: InquiryKind; code: string; found: InquiryLookup | null; justSent: boolean }) {
  const { page, scope, kind, code, found, justSent } = props;
  const { t } = page;
  const title = t('inquiry.public.follow');
  const error = code !== '' && !found;
  return (
    <SiteLayout page={page} scope={scope} title={title} breadcrumbs={[{ href: siteHref(scope, kindPages[kind].base), label: t(kindPages[kind].title) }]}>
      {justSent && found && (
        <div class="govuk-panel govuk-panel--confirmation">
          <h1 class="govuk-panel__title">{t('inquiry.public.sent')}</h1>
          <div class="govuk-panel__body">{t('inquiry.public.sentText', { code: found.code })}</div>
        </div>
      )}
      {!justSent && <h1 class="govuk-heading-l">{title}</h1>}
      <form method="get" action={siteHref(scope, lookupPath(kind))}>
        <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="f-ma">
            {t('inquiry.public.lookupLabel')}
          </label>
          <div id="f-ma-hint" class="govuk-hint">
            {t('inquiry.public.lookupHint')}
          </div>
          {error && (
            <p id="f-ma-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">{t('inquiry.public.lookupLabel')}: </span>
              {t('inquiry.public.notFound')}
            </p>
          )}
          <input class={`govuk-input govuk-input--width-20${error ? ' govuk-input--error' : ''}`} id="f-ma" name="ma" type="text" value={code} spellcheck={false} autocomplete="off" aria-describedby={error ? 'f-ma-hint f-ma-error' : 'f-ma-hint'} />
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t('inquiry.public.lookupButton')}
        </button>
      </form>
      {found && (
        <>
          <h2 class="govuk-heading-m">{found.subject}</h2>
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">{t('inquiry.code')}</dt>
              <dd class="govuk-summary-list__value">{found.code}</dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">{t('inquiry.status')}</dt>
              <dd class="govuk-summary-list__value">
                <strong class="govuk-tag">{t(statusKey(found.status))}</strong>
              </dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">{t('inquiry.site')}</dt>
              <dd class="govuk-summary-list__value">{found.siteName}</dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">{t('inquiry.receivedAt')}</dt>
              <dd class="govuk-summary-list__value">{formatVnDate(found.createdAt)}</dd>
            </div>
          </dl>
          <h3 class="govuk-heading-s">{t('inquiry.public.question')}</h3>
          <Paragraphs text={found.body} />
          {found.answer ? (
            <>
              <h3 class="govuk-heading-s">{t('inquiry.public.answer')}</h3>
              <Paragraphs text={found.answer} />
            </>
          ) : found.rejectReason ? (
            <>
              <h3 class="govuk-heading-s">{t('inquiry.rejectReason')}</h3>
              <Paragraphs text={found.rejectReason} />
            </>
          ) : (
            <p class="govuk-inset-text">{t('inquiry.public.waiting')}</p>
          )}
        </>
      )}
    </SiteLayout>
  );
}
