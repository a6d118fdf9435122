import { BackOfficeLayout } from '../../platform/views/back-office.js';
import { Button, CheckboxField, Csrf, type FormState, SelectField, TextField } from '../../platform/views/form.js';
import type { PageCtx } from '../../platform/views/page.js';
import type { Agency } from '../agency-rules.js';
import { agencyTypes } from '../agency-rules.js';
import type { AgencyStatus } from '../queries.js';
import type { Unit } from '../unit-rules.js';
import { BackLink, Problems, SummaryRow, Tag } from './shared.js';

export type TreeNode = { agency: Agency; children: TreeNode[] };

function StatusTag({ page, active }: { page: PageCtx; active: boolean }) {
  return active ? <Tag colour="green">{page.t('common.active')}</Tag> : <Tag colour="grey">{page.t('common.inactive')}</Tag>;
}

function AgencyLink({ a }: { a: Agency }) {
  return (
    <a class="govuk-link" href={`/quan-tri/co-quan/${a.id}`}>
      {a.name}
    </a>
  );
}

/** Nested lists: the indentation comes from the list markup, so screen readers hear the levels too. */
function Tree({ page, nodes, top }: { page: PageCtx; nodes: TreeNode[]; top?: boolean }) {
  return (
    <ul class={`govuk-list${top ? '' : ' govuk-list--bullet'}`}>
      {nodes.map((n) => (
        <li>
          <AgencyLink a={n.agency} /> <span class="govuk-body-s congso-mono">{n.agency.code}</span> {!n.agency.active && <StatusTag page={page} active={false} />}
          {n.children.length > 0 && <Tree page={page} nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

type ListProps = {
  page: PageCtx;
  status: AgencyStatus;
  q: string;
  tree: TreeNode[] | null;
  flat: { agency: Agency; path: string[] }[];
  canCreateRoot: boolean;
};

export function AgencyListPage({ page, status, q, tree, flat, canCreateRoot }: ListProps) {
  const { t } = page;
  const form: FormState = { values: { q, 'trang-thai': status }, errors: {} };
  const statuses = [
    { value: 'active', label: t('agency.filterActive') },
    { value: 'inactive', label: t('agency.filterInactive') },
    { value: 'all', label: t('agency.filterAll') },
  ];
  const empty = tree ? tree.length === 0 : flat.length === 0;
  return (
    <BackOfficeLayout page={page} title={t('agency.title')}>
      <h1 class="govuk-heading-l">{t('agency.title')}</h1>
      {canCreateRoot && (
        <a class="govuk-button" href="/quan-tri/co-quan/moi">
          {t('agency.new')}
        </a>
      )}
      <form method="get" action="/quan-tri/co-quan" role="search">
        <TextField name="q" label={t('agency.searchLabel')} form={form} t={t} width="30" spellcheck={false} />
        <SelectField name="trang-thai" label={t('agency.filterStatus')} form={form} t={t} options={statuses} />
        <Button secondary>{t('common.search')}</Button>
      </form>
      {empty && <p class="govuk-body">{t('agency.none')}</p>}
      {tree && <Tree page={page} nodes={tree} top />}
      {!tree && flat.length > 0 && (
        <ul class="govuk-list">
          {flat.map(({ agency, path }) => (
            <li>
              <AgencyLink a={agency} /> <span class="govuk-body-s congso-mono">{agency.code}</span> {!agency.active && <StatusTag page={page} active={false} />}
              {path.length > 0 && (
                <div class="govuk-body-s govuk-!-margin-0">
                  {t('agency.path')}: {path.join(' › ')}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </BackOfficeLayout>
  );
}

export type AgencyPerms = { update: boolean; createChild: boolean; deactivate: boolean };

type Detail = { agency: Agency; parent: Agency | null; children: Agency[]; unit: Unit | null };

export function AgencyDetailPage({ page, d, perms, form }: { page: PageCtx; d: Detail; perms: AgencyPerms; form: FormState }) {
  const { t } = page;
  const a = d.agency;
  const base = `/quan-tri/co-quan/${a.id}`;
  return (
    <BackOfficeLayout page={page} title={a.name}>
      <BackLink href="/quan-tri/co-quan" page={page} />
      <Problems page={page} form={form} labels={{}} />
      <span class="govuk-caption-l">{t(`agency.type.${a.type}`)}</span>
      <h1 class="govuk-heading-l">{a.name}</h1>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('agency.code')}>
          <span class="congso-mono">{a.code}</span>
        </SummaryRow>
        <SummaryRow label={t('agency.status')}>
          <StatusTag page={page} active={a.active} />
        </SummaryRow>
        <SummaryRow label={t('agency.parent')}>{d.parent ? <AgencyLink a={d.parent} /> : t('agency.root')}</SummaryRow>
        {a.nameEn && <SummaryRow label={t('agency.nameEn')}>{a.nameEn}</SummaryRow>}
        {a.shortName && <SummaryRow label={t('agency.shortName')}>{a.shortName}</SummaryRow>}
        <SummaryRow label={t('agency.unit')}>{d.unit ? `${d.unit.name} (${d.unit.code})` : t('common.none')}</SummaryRow>
        <SummaryRow label={t('agency.address')}>{a.address ?? t('common.none')}</SummaryRow>
        <SummaryRow label={t('agency.phone')}>{a.phone ?? t('common.none')}</SummaryRow>
        <SummaryRow label={t('agency.email')}>{a.email ?? t('common.none')}</SummaryRow>
        <SummaryRow label={t('agency.website')}>
          {a.website ? (
            <a class="govuk-link" href={a.website} rel="noopener noreferrer">
              {a.website}
            </a>
          ) : (
            t('common.none')
          )}
        </SummaryRow>
        <SummaryRow label={t('agency.oneStop')}>{a.hasOneStopDesk ? t('common.yes') : t('common.no')}</SummaryRow>
      </dl>
      <p class="govuk-body">
        <a class="govuk-link" href={`/quan-tri/nguoi-dung?co-quan=${a.id}`}>
          {t('agency.users')}
        </a>
      </p>
      <div class="govuk-button-group">
        {perms.update && (
          <a class="govuk-button govuk-button--secondary" href={`${base}/sua`}>
            {t('common.edit')}
          </a>
        )}
        {perms.update && (
          <a class="govuk-button govuk-button--secondary" href={`${base}/di-chuyen`}>
            {t('agency.move')}
          </a>
        )}
        {perms.deactivate && (
          <form method="post" action={`${base}/${a.active ? 'ngung-hoat-dong' : 'hoat-dong-lai'}`}>
            <Csrf token={page.csrf} />
            <input type="hidden" name="version" value={String(a.version)} />
            <Button warning={a.active} secondary={!a.active}>
              {a.active ? t('agency.deactivate') : t('agency.reactivate')}
            </Button>
          </form>
        )}
      </div>
      <h2 class="govuk-heading-m">{t('agency.children')}</h2>
      {perms.createChild && a.active && (
        <a class="govuk-button govuk-button--secondary" href={`/quan-tri/co-quan/moi?cha=${a.id}`}>
          {t('agency.newChild')}
        </a>
      )}
      {d.children.length === 0 ? (
        <p class="govuk-body">{t('agency.noChildren')}</p>
      ) : (
        <ul class="govuk-list">
          {d.children.map((c) => (
            <li>
              <AgencyLink a={c} /> <span class="govuk-body-s congso-mono">{c.code}</span> {!c.active && <StatusTag page={page} active={false} />}
            </li>
          ))}
        </ul>
      )}
    </BackOfficeLayout>
  );
}

export const agencyLabels = (page: PageCtx): Record<string, string> => ({
  code: page.t('agency.code'),
  name: page.t('agency.name'),
  nameEn: page.t('agency.nameEn'),
  shortName: page.t('agency.shortName'),
  type: page.t('agency.type'),
  unitCode: page.t('agency.unit'),
  address: page.t('agency.address'),
  phone: page.t('agency.phone'),
  email: page.t('agency.email'),
  website: page.t('agency.website'),
  hasOneStopDesk: page.t('agency.oneStop'),
  parentId: page.t('agency.parent'),
});

/** Create (with parent) and edit share one form. */
export function AgencyFormPage({ page, form, agency, parent }: { page: PageCtx; form: FormState; agency: Agency | null; parent: Agency | null }) {
  const { t } = page;
  const title = agency ? t('agency.edit') : parent ? t('agency.newUnder', { parent: parent.name }) : t('agency.new');
  const back = agency ? `/quan-tri/co-quan/${agency.id}` : parent ? `/quan-tri/co-quan/${parent.id}` : '/quan-tri/co-quan';
  const types = agencyTypes.map((v) => ({ value: v, label: t(`agency.type.${v}`) }));
  return (
    <BackOfficeLayout page={page} title={title}>
      <BackLink href={back} page={page} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Problems page={page} form={form} labels={agencyLabels(page)} />
          <h1 class="govuk-heading-l">{title}</h1>
          <form method="post" action={agency ? `/quan-tri/co-quan/${agency.id}/sua` : '/quan-tri/co-quan/moi'} novalidate>
            <Csrf token={page.csrf} />
            {agency && <input type="hidden" name="version" value={form.values.version ?? String(agency.version)} />}
            {!agency && parent && <input type="hidden" name="parentId" value={parent.id} />}
            <TextField name="code" label={t('agency.code')} hint={t('agency.codeHint')} form={form} t={t} width="20" spellcheck={false} />
            <TextField name="name" label={t('agency.name')} form={form} t={t} />
            <TextField name="nameEn" label={t('agency.nameEn')} form={form} t={t} spellcheck={false} />
            <TextField name="shortName" label={t('agency.shortName')} form={form} t={t} width="20" />
            <SelectField name="type" label={t('agency.type')} form={form} t={t} options={types} />
            <TextField name="unitCode" label={t('agency.unit')} hint={t('agency.unitHint')} form={form} t={t} width="10" inputmode="numeric" spellcheck={false} />
            <TextField name="address" label={t('agency.address')} form={form} t={t} autocomplete="street-address" />
            <TextField name="phone" label={t('agency.phone')} form={form} t={t} type="tel" width="20" autocomplete="tel" />
            <TextField name="email" label={t('agency.email')} form={form} t={t} type="email" width="30" autocomplete="email" spellcheck={false} />
            <TextField name="website" label={t('agency.website')} form={form} t={t} type="url" width="30" spellcheck={false} />
            <CheckboxField name="hasOneStopDesk" label={t('agency.oneStop')} form={form} t={t} />
            <Button>{t('common.save')}</Button>
          </form>
        </div>
      </div>
    </BackOfficeLayout>
  );
}

export function AgencyMovePage({ page, form, agency, options }: { page: PageCtx; form: FormState; agency: Agency; options: { value: string; label: string }[] }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={`${t('agency.move')}: ${agency.name}`}>
      <BackLink href={`/quan-tri/co-quan/${agency.id}`} page={page} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Problems page={page} form={form} labels={{ parentId: t('agency.parent') }} />
          <span class="govuk-caption-l">{agency.name}</span>
          <h1 class="govuk-heading-l">{t('agency.move')}</h1>
          <p class="govuk-body">{t('agency.moveIntro', { name: agency.name })}</p>
          <form method="post" action={`/quan-tri/co-quan/${agency.id}/di-chuyen`} novalidate>
            <Csrf token={page.csrf} />
            <input type="hidden" name="version" value={form.values.version ?? String(agency.version)} />
            <SelectField name="parentId" label={t('agency.parent')} hint={t('agency.parentHint')} form={form} t={t} options={options} blank={t('agency.root')} />
            <Button>{t('common.save')}</Button>
          </form>
        </div>
      </div>
    </BackOfficeLayout>
  );
}
