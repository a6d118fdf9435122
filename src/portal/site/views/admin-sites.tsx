import type { MessageKey } from '../../../platform/i18n/index.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, CheckboxField, Csrf, type FormState, SelectField, TextArea, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { BackLink, Problems, SummaryRow, Tag } from '../../../org/views/shared.js';
import { siteBase, sitePath } from '../../urls.js';
import type { CategoryRow } from '../admin/category-rules.js';
import { menuAreas } from '../admin/site-rules.js';
import type { Site } from '../chrome.js';
import type { siteMenuItems } from '../../schema.js';

export const ADMIN_BASE = '/quan-tri/cong-thong-tin/trang';
type MenuItemRow = typeof siteMenuItems.$inferSelect;

export function siteLabels(page: PageCtx): Record<string, string> {
  const { t } = page;
  const keys: Record<string, MessageKey> = {
    agencyId: 'site.admin.agency',
    name: 'site.admin.name',
    nameEn: 'site.admin.nameEn',
    slug: 'site.admin.slug',
    host: 'site.admin.host',
    tagline: 'site.admin.tagline',
    taglineEn: 'site.admin.taglineEn',
    primaryColor: 'site.admin.primaryColor',
    accentColor: 'site.admin.accentColor',
    address: 'site.address',
    phone: 'site.phone',
    fax: 'site.fax',
    email: 'site.email',
    footerText: 'site.admin.footerText',
    footerTextEn: 'site.admin.footerTextEn',
    isMain: 'site.admin.isMain',
    label: 'site.admin.label',
    labelEn: 'site.admin.labelEn',
    href: 'site.admin.href',
    area: 'site.admin.area',
    description: 'site.admin.description',
    parentId: 'site.admin.parent',
  };
  return Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, t(v)]));
}

export function SiteListPage({ page, rows, canCreate }: { page: PageCtx; rows: { site: Site; agencyName: string }[]; canCreate: boolean }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('site.admin.title')}>
      <h1 class="govuk-heading-l">{t('site.admin.title')}</h1>
      <p class="govuk-body">{t('site.admin.intro')}</p>
      {canCreate && (
        <p class="govuk-body">
          <a class="govuk-button" href={`${ADMIN_BASE}/moi`}>
            {t('site.admin.new')}
          </a>
        </p>
      )}
      {rows.length === 0 ? (
        <p class="govuk-body">{t('site.admin.none')}</p>
      ) : (
        <TableWrap label={t('site.admin.title')}>
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  {t('site.admin.name')}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t('site.admin.agency')}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t('site.admin.slug')}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t('common.status')}
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map(({ site, agencyName }) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`${ADMIN_BASE}/${site.id}`}>
                      {site.name}
                    </a>
                    {site.isMain && (
                      <>
                        {' '}
                        <Tag colour="grey">{t('site.admin.main')}</Tag>
                      </>
                    )}
                  </td>
                  <td class="govuk-table__cell">{agencyName}</td>
                  <td class="govuk-table__cell">{sitePath(siteBase(site), '/')}</td>
                  <td class="govuk-table__cell">{site.active ? <Tag colour="green">{t('common.active')}</Tag> : <Tag colour="grey">{t('common.inactive')}</Tag>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </BackOfficeLayout>
  );
}

export function SiteFormPage({ page, form, site, agencies, canMakeMain }: { page: PageCtx; form: FormState; site: Site | null; agencies: { id: string; name: string }[]; canMakeMain: boolean }) {
  const { t } = page;
  const title = site ? t('site.admin.edit') : t('site.admin.new');
  return (
    <BackOfficeLayout page={page} title={title}>
      <BackLink href={site ? `${ADMIN_BASE}/${site.id}` : ADMIN_BASE} page={page} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Problems page={page} form={form} labels={siteLabels(page)} />
          {site && <span class="govuk-caption-l">{site.name}</span>}
          <h1 class="govuk-heading-l">{title}</h1>
          <form method="post" action={site ? `${ADMIN_BASE}/${site.id}/sua` : `${ADMIN_BASE}/moi`} novalidate>
            <Csrf token={page.csrf} />
            {site && <input type="hidden" name="version" value={form.values.version ?? String(site.version)} />}
            {!site && <SelectField name="agencyId" label={t('site.admin.agency')} form={form} t={t} options={agencies.map((a) => ({ value: a.id, label: a.name }))} />}
            <TextField name="name" label={t('site.admin.name')} form={form} t={t} />
            <TextField name="nameEn" label={t('site.admin.nameEn')} form={form} t={t} spellcheck={false} />
            <TextField name="slug" label={t('site.admin.slug')} hint={t('site.admin.slugHint')} form={form} t={t} width="20" spellcheck={false} />
            <TextField name="host" label={t('site.admin.host')} hint={t('site.admin.hostHint')} form={form} t={t} width="30" spellcheck={false} />
            <TextField name="tagline" label={t('site.admin.tagline')} form={form} t={t} />
            <TextField name="taglineEn" label={t('site.admin.taglineEn')} form={form} t={t} spellcheck={false} />
            <TextField name="primaryColor" label={t('site.admin.primaryColor')} hint={t('site.admin.colourHint')} form={form} t={t} width="10" spellcheck={false} />
            <TextField name="accentColor" label={t('site.admin.accentColor')} hint={t('site.admin.colourHint')} form={form} t={t} width="10" spellcheck={false} />
            <TextField name="address" label={t('site.address')} form={form} t={t} autocomplete="street-address" />
            <TextField name="phone" label={t('site.phone')} form={form} t={t} type="tel" width="20" />
            <TextField name="fax" label={t('site.fax')} form={form} t={t} type="tel" width="20" />
            <TextField name="email" label={t('site.email')} form={form} t={t} type="email" width="30" spellcheck={false} />
            <TextArea name="footerText" label={t('site.admin.footerText')} form={form} t={t} rows={3} />
            <TextArea name="footerTextEn" label={t('site.admin.footerTextEn')} form={form} t={t} rows={3} />
            {!site && canMakeMain && <CheckboxField name="isMain" label={t('site.admin.isMain')} form={form} t={t} />}
            {site && !site.isMain && <CheckboxField name="active" label={t('site.admin.active')} form={form} t={t} />}
            <Button>{t('common.save')}</Button>
          </form>
        </div>
      </div>
    </BackOfficeLayout>
  );
}

function PostButton({ page, action, label, hiddenLabel, version }: { page: PageCtx; action: string; label: string; hiddenLabel: string; version?: number }) {
  return (
    <form method="post" action={action}>
      <Csrf token={page.csrf} />
      {version !== undefined && <input type="hidden" name="version" value={String(version)} />}
      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-0" aria-label={hiddenLabel}>
        {label}
      </button>
    </form>
  );
}

export function SiteDetailPage({ page, site, items, categories, menuForm }: { page: PageCtx; site: Site; items: MenuItemRow[]; categories: CategoryRow[]; menuForm: FormState }) {
  const { t } = page;
  const base = `${ADMIN_BASE}/${site.id}`;
  const publicHome = sitePath(siteBase(site), '/');
  return (
    <BackOfficeLayout page={page} title={site.name}>
      <BackLink href={ADMIN_BASE} page={page} />
      <Problems page={page} form={menuForm} labels={siteLabels(page)} />
      <h1 class="govuk-heading-l">{site.name}</h1>
      <p class="govuk-body congso-actions-inline">
        <a class="govuk-button govuk-!-margin-0" href={`${base}/sua`}>
          {t('site.admin.edit')}
        </a>
        <a class="govuk-link" href={publicHome}>
          {t('site.admin.view')}
        </a>
      </p>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('site.admin.slug')}>{publicHome}</SummaryRow>
        {site.host && <SummaryRow label={t('site.admin.host')}>{site.host}</SummaryRow>}
        <SummaryRow label={t('site.admin.primaryColor')}>{site.primaryColor}</SummaryRow>
        <SummaryRow label={t('common.status')}>{site.active ? t('common.active') : t('common.inactive')}</SummaryRow>
      </dl>

      <h2 class="govuk-heading-l">{t('site.admin.menus')}</h2>
      {menuAreas.map((area) => {
        const list = items.filter((i) => i.area === area);
        return (
          <section aria-labelledby={`menu-${area}`}>
            <h3 class="govuk-heading-m" id={`menu-${area}`}>
              {t(`site.admin.area.${area}`)}
            </h3>
            {list.length === 0 ? (
              <p class="govuk-body">{t('site.admin.emptyMenu')}</p>
            ) : (
              <TableWrap label={t(`site.admin.area.${area}`)}>
                <table class="govuk-table">
                  <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                      <th scope="col" class="govuk-table__header">
                        {t('site.admin.label')}
                      </th>
                      <th scope="col" class="govuk-table__header">
                        {t('site.admin.href')}
                      </th>
                      <th scope="col" class="govuk-table__header">
                        {t('common.actions')}
                      </th>
                    </tr>
                  </thead>
                  <tbody class="govuk-table__body">
                    {list.map((item, i) => (
                      <tr class="govuk-table__row">
                        <td class="govuk-table__cell">{item.label}</td>
                        <td class="govuk-table__cell congso-mono">{item.href}</td>
                        <td class="govuk-table__cell">
                          <div class="congso-actions-inline">
                            <a class="govuk-link" href={`${base}/menu/${item.id}/sua`}>
                              {t('common.edit')}
                              <span class="govuk-visually-hidden"> {item.label}</span>
                            </a>
                            {i > 0 && <PostButton page={page} action={`${base}/menu/${item.id}/len`} label={t('site.admin.up')} hiddenLabel={t('site.admin.moveUp', { label: item.label })} />}
                            {i < list.length - 1 && <PostButton page={page} action={`${base}/menu/${item.id}/xuong`} label={t('site.admin.down')} hiddenLabel={t('site.admin.moveDown', { label: item.label })} />}
                            <PostButton page={page} action={`${base}/menu/${item.id}/xoa`} label={t('site.admin.remove')} hiddenLabel={t('site.admin.removeItem', { label: item.label })} />
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>
        );
      })}
      <h3 class="govuk-heading-m">{t('site.admin.addItem')}</h3>
      <form method="post" action={`${base}/menu`} novalidate>
        <Csrf token={page.csrf} />
        <SelectField name="area" label={t('site.admin.area')} form={menuForm} t={t} options={menuAreas.map((a) => ({ value: a, label: t(`site.admin.area.${a}`) }))} />
        <TextField name="label" label={t('site.admin.label')} form={menuForm} t={t} />
        <TextField name="labelEn" label={t('site.admin.labelEn')} form={menuForm} t={t} spellcheck={false} />
        <TextField name="href" label={t('site.admin.href')} hint={t('site.admin.hrefHint')} form={menuForm} t={t} spellcheck={false} />
        <Button>{t('site.admin.addItem')}</Button>
      </form>

      <h2 class="govuk-heading-l">{t('site.admin.categories')}</h2>
      <p class="govuk-body">
        <a class="govuk-button govuk-button--secondary" href={`${base}/chuyen-muc/moi`}>
          {t('site.admin.newCategory')}
        </a>
      </p>
      {categories.length === 0 ? (
        <p class="govuk-body">{t('site.admin.noCategories')}</p>
      ) : (
        <TableWrap label={t('site.admin.categories')}>
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  {t('site.admin.categoryName')}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t('site.admin.slug')}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t('common.status')}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t('common.actions')}
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {categories.map((c) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{c.parentId ? `— ${c.name}` : c.name}</td>
                  <td class="govuk-table__cell congso-mono">{c.slug}</td>
                  <td class="govuk-table__cell">{c.active ? <Tag colour="green">{t('common.active')}</Tag> : <Tag colour="grey">{t('common.inactive')}</Tag>}</td>
                  <td class="govuk-table__cell">
                    <div class="congso-actions-inline">
                      <a class="govuk-link" href={`${base}/chuyen-muc/${c.id}/sua`}>
                        {t('common.edit')}
                        <span class="govuk-visually-hidden"> {c.name}</span>
                      </a>
                      {c.active ? (
                        <PostButton page={page} action={`${base}/chuyen-muc/${c.id}/ngung`} label={t('site.admin.deactivate')} hiddenLabel={t('site.admin.deactivateCategory', { name: c.name })} version={c.version} />
                      ) : (
                        <PostButton page={page} action={`${base}/chuyen-muc/${c.id}/hien-thi`} label={t('site.admin.reactivate')} hiddenLabel={t('site.admin.reactivateCategory', { name: c.name })} version={c.version} />
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </BackOfficeLayout>
  );
}

export function MenuItemFormPage({ page, site, item, form }: { page: PageCtx; site: Site; item: MenuItemRow; form: FormState }) {
  const { t } = page;
  const back = `${ADMIN_BASE}/${site.id}`;
  return (
    <BackOfficeLayout page={page} title={t('site.admin.editItem')}>
      <BackLink href={back} page={page} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Problems page={page} form={form} labels={siteLabels(page)} />
          <span class="govuk-caption-l">{site.name}</span>
          <h1 class="govuk-heading-l">{t('site.admin.editItem')}</h1>
          <form method="post" action={`${back}/menu/${item.id}/sua`} novalidate>
            <Csrf token={page.csrf} />
            <input type="hidden" name="originalLabel" value={form.values.originalLabel ?? item.label} />
            <input type="hidden" name="originalHref" value={form.values.originalHref ?? item.href} />
            <TextField name="label" label={t('site.admin.label')} form={form} t={t} />
            <TextField name="labelEn" label={t('site.admin.labelEn')} form={form} t={t} spellcheck={false} />
            <TextField name="href" label={t('site.admin.href')} hint={t('site.admin.hrefHint')} form={form} t={t} spellcheck={false} />
            <Button>{t('common.save')}</Button>
          </form>
        </div>
      </div>
    </BackOfficeLayout>
  );
}

export function CategoryFormPage({ page, site, category, parents, form }: { page: PageCtx; site: Site; category: CategoryRow | null; parents: CategoryRow[]; form: FormState }) {
  const { t } = page;
  const back = `${ADMIN_BASE}/${site.id}`;
  const title = category ? t('site.admin.editCategory') : t('site.admin.newCategory');
  return (
    <BackOfficeLayout page={page} title={title}>
      <BackLink href={back} page={page} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Problems page={page} form={form} labels={{ ...siteLabels(page), name: t('site.admin.categoryName'), nameEn: t('site.admin.categoryNameEn') }} />
          <span class="govuk-caption-l">{site.name}</span>
          <h1 class="govuk-heading-l">{title}</h1>
          <form method="post" action={category ? `${back}/chuyen-muc/${category.id}/sua` : `${back}/chuyen-muc/moi`} novalidate>
            <Csrf token={page.csrf} />
            {category && <input type="hidden" name="version" value={form.values.version ?? String(category.version)} />}
            <TextField name="name" label={t('site.admin.categoryName')} form={form} t={t} />
            <TextField name="nameEn" label={t('site.admin.categoryNameEn')} form={form} t={t} spellcheck={false} />
            <TextField name="slug" label={t('site.admin.slug')} hint={t('site.admin.categorySlugHint')} form={form} t={t} width="30" spellcheck={false} />
            <TextArea name="description" label={t('site.admin.description')} form={form} t={t} rows={3} />
            <SelectField
              name="parentId"
              label={t('site.admin.parent')}
              form={form}
              t={t}
              blank={t('site.admin.noParent')}
              options={parents.filter((p) => !p.parentId && p.id !== category?.id).map((p) => ({ value: p.id, label: p.name }))}
            />
            <Button>{t('common.save')}</Button>
          </form>
        </div>
      </div>
    </BackOfficeLayout>
  );
}
