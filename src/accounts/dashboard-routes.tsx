import type { FastifyInstance } from 'fastify';
import { inArray } from 'drizzle-orm';
import { agencies } from '../org/schema.js';
import { BackOfficeLayout } from '../platform/views/back-office.js';
import { Csrf } from '../platform/views/form.js';
import type { PageCtx } from '../platform/views/page.js';
import { sendPage } from '../platform/views/render.js';
import type { RoleGrant } from '../platform/context.js';

function DashboardPage({ page, name, agency, grants, agencyNames }: { page: PageCtx; name: string; agency: string | null; grants: RoleGrant[]; agencyNames: Map<string, string> }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('dashboard.title')}>
      <h1 class="govuk-heading-l">{t('dashboard.welcome', { name })}</h1>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('dashboard.agency')}</dt>
          <dd class="govuk-summary-list__value">{agency ?? t('common.none')}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('dashboard.roles')}</dt>
          <dd class="govuk-summary-list__value">
            <ul class="govuk-list">
              {grants.map((g) => (
                <li>
                  {t(`role.${g.role}`)}
                  {g.agencyId ? ` – ${agencyNames.get(g.agencyId) ?? ''}` : ''}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <div class="congso-actions-inline">
        <a class="govuk-button govuk-button--secondary" href="/quan-tri/doi-mat-khau">
          {t('password.changeTitle')}
        </a>
        <a class="govuk-button govuk-button--secondary" href="/quan-tri/tai-khoan/xac-thuc-2-buoc">
          {t('mfa.manage')}
        </a>
        <form method="post" action="/quan-tri/dang-xuat-tat-ca">
          <Csrf token={page.csrf} />
          <button type="submit" class="govuk-button govuk-button--warning">
            {t('dashboard.signOutEverywhere')}
          </button>
        </form>
      </div>
    </BackOfficeLayout>
  );
}

export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  app.get('/quan-tri', async (req, reply) => {
    const s = req.session!;
    const ids = [...new Set([s.user.agencyId, ...s.actor.grants.map((g) => g.agencyId)].filter((x): x is string => x !== null))];
    const rows = ids.length ? await req.ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, ids)) : [];
    const names = new Map(rows.map((r) => [r.id, r.name]));
    const agency = s.user.agencyId ? (names.get(s.user.agencyId) ?? null) : null;
    return sendPage(reply, <DashboardPage page={req.page()} name={s.user.fullName} agency={agency} grants={s.actor.grants} agencyNames={names} />);
  });
}
