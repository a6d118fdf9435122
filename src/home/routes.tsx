import type { FastifyInstance } from 'fastify';
import { Layout } from '../platform/views/layout.js';
import type { PageCtx } from '../platform/views/page.js';
import { sendPage } from '../platform/views/render.js';
import { siteGet } from '../portal/site/site-routes.js';
import { siteHome } from '../portal/site/public-routes.js';

/** The landing page shown at "/" while the province has no portal site yet (a fresh install without demo data). */
function HomePage({ page }: { page: PageCtx }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('home.title')} serviceName={page.provinceName} serviceHref="/" subtitle={t('home.subtitle')}>
      <h1 class="govuk-heading-xl">{t('home.heading', { province: page.provinceName })}</h1>
      <p class="govuk-body-l">{t('home.lead')}</p>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-m">{t('home.citizens')}</h2>
          <p class="govuk-body">{t('home.citizensText')}</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/dang-nhap">
              {t('home.citizenSignIn')}
            </a>
          </p>
        </div>
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-m">{t('home.officials')}</h2>
          <p class="govuk-body">{t('home.officialsText')}</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/quan-tri">
              {t('home.officialSignIn')}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

/** "/" is the provincial portal's home (or the home of the site whose host name the request came by). */
export async function homeRoutes(app: FastifyInstance): Promise<void> {
  siteGet(app, '/', siteHome, { fallback: (req, reply) => sendPage(reply, <HomePage page={req.page()} />) });
}
