import { type MessageKey, type MessageParams, translate } from '../i18n/index.js';
import type { MailMessage } from './mailer.js';

export type MailContent = {
  subject: MessageKey;
  /** Paragraphs in order; a link paragraph shows its label and the URL itself, for mail readers without HTML. */
  body: ({ text: MessageKey } | { link: MessageKey; url: string })[];
  params: MessageParams;
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * One message in Vietnamese with the English version below it, as plain text and simple HTML. Every value is
 * escaped in the HTML, names included, since they are whatever a person typed.
 */
export function composeMail(to: string, content: MailContent): MailMessage {
  const text: string[] = [];
  const html: string[] = [];
  for (const locale of ['vi', 'en'] as const) {
    const t = (key: MessageKey) => translate(locale, key, content.params);
    if (locale === 'en') {
      text.push('', '----------------------------------------', '');
      html.push('<hr>');
    }
    html.push(`<div lang="${locale}">`);
    for (const part of content.body) {
      if ('text' in part) {
        text.push(t(part.text), '');
        html.push(`<p>${escapeHtml(t(part.text))}</p>`);
      } else {
        if (!/^https?:\/\//.test(part.url)) throw new Error('mail links must be http(s) URLs');
        text.push(`${t(part.link)}: ${part.url}`, '');
        html.push(`<p><a href="${escapeHtml(part.url)}">${escapeHtml(t(part.link))}</a><br>${escapeHtml(part.url)}</p>`);
      }
    }
    html.push('</div>');
  }
  const subject = `${translate('vi', content.subject, content.params)} / ${translate('en', content.subject, content.params)}`;
  return {
    to,
    subject,
    text: text.join('\n').trimEnd() + '\n',
    html: `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${html.join('\n')}</body></html>`,
  };
}
