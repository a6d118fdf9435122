import type { FastifyInstance, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { hasSystemWideGrant, requirePermission, requireSystemWide } from '../../platform/auth/authorize.js';
import { Conflict, NotFound } from '../../platform/errors.js';
import { setFlash } from '../../platform/http/cookies.js';
import { formValues, submitForm } from '../../platform/http/forms.js';
import { emptyForm } from '../../platform/views/form.js';
import { sendPage } from '../../platform/views/render.js';
import { idOrNotFound } from '../../platform/validation.js';
import { changeFieldStatus } from './change-field-status.js';
import { createField } from './create-field.js';
import { editField } from './edit-field.js';
import { listFields } from './queries.js';
import { procedureFields } from './schema.js';
import { FieldFormPage, FieldListPage } from './views/fields.js';
import { FIELDS } from './views/parts.js';

type Body = Record<string, string | undefined>;
type IdParams = { Params: { id: string } };

/** Fields of procedures: anyone keeping procedures reads the list; changing it needs a province-wide grant. */
export async function fieldRoutes(app: FastifyInstance): Promise<void> {
  app.get(FIELDS, async (req, reply) => {
    await requirePermission(req.ctx, 'procedure.manage', null);
    return sendPage(reply, <FieldListPage page={req.page()} fields={await listFields(req.ctx.db)} canManage={hasSystemWideGrant(req.ctx.actor, 'procedure.manage')} />);
  });

  app.get(`${FIELDS}/moi`, async (req, reply) => {
    requireSystemWide(req.ctx, 'procedure.manage');
    return sendPage(reply, <FieldFormPage page={req.page()} form={emptyForm} field={null} />);
  });

  app.post<{ Body: Body }>(`${FIELDS}/moi`, async (req, reply) =>
    submitForm(
      reply,
      req.body,
      async () => {
        await createField(req.ctx, req.body);
        setFlash(req, reply, req.t('proc.fields.created'));
        return reply.redirect(FIELDS, 303);
      },
      (form) => <FieldFormPage page={req.page()} form={form} field={null} />,
    ),
  );

  async function load(req: FastifyRequest<IdParams>) {
    requireSystemWide(req.ctx, 'procedure.manage');
    const [f] = await req.ctx.db.select().from(procedureFields).where(eq(procedureFields.id, idOrNotFound(req.params.id)));
    if (!f) throw new NotFound();
    return f;
  }

  app.get<IdParams>(`${FIELDS}/:id/sua`, async (req, reply) => {
    const f = await load(req);
    const form = { values: { code: f.code, name: f.name, nameEn: f.nameEn ?? '', version: String(f.version) }, errors: {} };
    return sendPage(reply, <FieldFormPage page={req.page()} form={form} field={f} />);
  });

  app.post<IdParams & { Body: Body }>(`${FIELDS}/:id/sua`, async (req, reply) => {
    const f = await load(req);
    try {
      return await submitForm(
        reply,
        req.body,
        async () => {
          await editField(req.ctx, f.id, req.body);
          setFlash(req, reply, req.t('common.saved'));
          return reply.redirect(FIELDS, 303);
        },
        (form) => <FieldFormPage page={req.page()} form={form} field={f} />,
      );
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
      const form = { values: { ...formValues(req.body), version: String(err.params?.version ?? '') }, errors: { _form: { key: err.messageKey, params: err.params } } };
      return sendPage(reply, <FieldFormPage page={req.page()} form={form} field={f} />, 409);
    }
  });

  for (const [path, active] of [
    ['/ap-dung', true],
    ['/ngung', false],
  ] as const) {
    app.post<IdParams & { Body: Body }>(`${FIELDS}/:id${path}`, async (req, reply) => {
      await changeFieldStatus(req.ctx, req.params.id, active, req.body);
      setFlash(req, reply, req.t(active ? 'proc.fields.activated' : 'proc.fields.deactivated'));
      return reply.redirect(FIELDS, 303);
    });
  }
}
