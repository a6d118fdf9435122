import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Unauthenticated } from '../../platform/errors.js';
import { setFlash } from '../../platform/http/cookies.js';
import { submitForm } from '../../platform/http/forms.js';
import type { MessageKey } from '../../platform/i18n/index.js';
import { sendPage } from '../../platform/views/render.js';
import type { FormState } from '../../platform/views/form.js';
import { inquiryKind, inquiryStatus } from '../schema.js';
import { answerInquiry } from './answer-inquiry.js';
import { assignInquiry } from './assign-inquiry.js';
import { publishInquiry } from './publish-inquiry.js';
import { listInbox } from './queries.js';
import { readInquiry } from './read-inquiry.js';
import { rejectInquiry } from './reject-inquiry.js';
import { INBOX_PATH, InboxPage } from './views/inbox.js';
import { InquiryPage } from './views/detail.js';

type Body = Record<string, string | undefined>;
type IdRoute = { Params: { id: string }; Body: Body };

const oneOf = <T extends string>(values: readonly T[], raw: string | undefined): T | undefined => (values as readonly string[]).includes(raw ?? '') ? (raw as T) : undefined;

/** The back office's inbox of questions and feedback, and the page where one is routed, answered and approved. */
export async function inquiryRoutes(app: FastifyInstance): Promise<void> {
  const mailDeps = () => ({ baseUrl: app.deps.config.baseUrl, secrets: app.deps.secrets });

  app.get<{ Querystring: Record<string, string | undefined> }>(INBOX_PATH, async (req, reply) => {
    if (!req.ctx.actor) throw new Unauthenticated();
    const page = Math.min(Math.max(Number.parseInt(req.query.trang ?? '1', 10) || 1, 1), 10_000);
    const filters = { kind: oneOf(inquiryKind.enumValues, req.query.loai), status: oneOf(inquiryStatus.enumValues, req.query['trang-thai']), page };
    return sendPage(reply, <InboxPage page={req.page()} filters={filters} result={await listInbox(req.ctx, filters)} />);
  });

  app.get<IdRoute>(`${INBOX_PATH}/:id`, async (req, reply) => sendPage(reply, <InquiryPage page={req.page()} d={await readInquiry(req.ctx, req.params.id)} />));

  /** Each action re-shows the item with its form's errors, or goes back to it with a message. */
  const action = (path: string, form: 'assign' | 'answer' | 'reject', done: MessageKey, run: (req: FastifyRequest<IdRoute>) => Promise<unknown>) =>
    app.post<IdRoute>(`${INBOX_PATH}/:id/${path}`, async (req, reply: FastifyReply) =>
      submitForm(
        reply,
        req.body,
        async () => {
          await run(req);
          setFlash(req, reply, req.t(done));
          return reply.redirect(`${INBOX_PATH}/${req.params.id}`, 303);
        },
        async (state: FormState) => <InquiryPage page={req.page()} d={await readInquiry(req.ctx, req.params.id)} forms={{ [form]: state }} />,
      ),
    );

  action('chuyen', 'assign', 'inquiry.assigned', (req) => assignInquiry(req.ctx, req.params.id, req.body));
  action('tra-loi', 'answer', 'inquiry.answered', (req) => answerInquiry(req.ctx, req.params.id, req.body));
  action('tu-choi', 'reject', 'inquiry.rejected', (req) => rejectInquiry(req.ctx, req.params.id, req.body, mailDeps()));
  app.post<IdRoute>(`${INBOX_PATH}/:id/cong-bo`, async (req, reply) => {
    await publishInquiry(req.ctx, req.params.id, req.body, mailDeps());
    setFlash(req, reply, req.t('inquiry.published'));
    return reply.redirect(`${INBOX_PATH}/${req.params.id}`, 303);
  });
}
