import { BackLink, Problems, SummaryRow, Tag } from '../../../org/views/shared.js';
import { formatVnDateTime } from '../../../platform/dates.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, Csrf, type FormState, SelectField, TextArea, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import type { AgencyOption, ProcedureDetail } from '../queries.js';
import { LEGACY_LEVELS, LEVELS, type ProcedureField, TIERS } from '../rules.js';
import { CellSelect, PROCS, levelKey, procHref, statusKey, tierKey, versionHref } from './parts.js';

export type CatalogueChoices = { fields: ProcedureField[]; owners: AgencyOption[]; agencies: AgencyOption[] };

export function catalogueLabels(page: PageCtx, rows: number): Record<string, string> {
  const { t } = page;
  const labels: Record<string, string> = {
    code: t('proc.code'),
    name: t('proc.name'),
    nameEn: t('proc.nameEn'),
    fieldId: t('proc.field'),
    level: t('proc.level'),
    legacyLevel: t('proc.legacyLevel'),
    tier: t('proc.tier'),
    ownerAgencyId: t('proc.owner'),
    result: t('proc.result'),
    timeDays: t('proc.timeDays'),
  };
  for (let i = 0; i < rows; i++) {
    labels[`agency.${i}`] = `${t('proc.agency')} (${t('proc.rowN', { n: i + 1 })})`;
    labels[`desk.${i}`] = `${t('proc.desk')} (${t('proc.rowN', { n: i + 1 })})`;
  }
  return labels;
}

function AgencyRows({ page, form, choices, rows }: { page: PageCtx; form: FormState; choices: CatalogueChoices; rows: number }) {
  const { t } = page;
  const agencies = choices.agencies.map((a) => ({ value: a.id, label: a.name }));
  const desks = choices.agencies.filter((a) => a.oneStop).map((a) => ({ value: a.id, label: a.name }));
  return (
    <fieldset class="govuk-fieldset" aria-describedby="agencies-hint">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{t('proc.agencies')}</legend>
      <div id="agencies-hint" class="govuk-hint">
        {t('proc.agenciesHint')}
      </div>
      <input type="hidden" name="rows.agency" value={String(rows)} />
      <TableWrap label={t('proc.agencies')}>
        <table class="govuk-table">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('proc.agency')}</th>
              <th scope="col" class="govuk-table__header">{t('proc.desk')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {Array.from({ length: rows }, (_, i) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <CellSelect name={`agency.${i}`} label={`${t('proc.agency')} (${t('proc.rowN', { n: i + 1 })})`} form={form} t={t} blank={t('proc.chooseAgency')} options={agencies} />
                </td>
                <td class="govuk-table__cell">
                  <CellSelect name={`desk.${i}`} label={`${t('proc.desk')} (${t('proc.rowN', { n: i + 1 })})`} form={form} t={t} blank={t('proc.chooseAgency')} options={desks} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Button secondary name="_add" value="agency">
        {t('proc.addRows')}
      </Button>
    </fieldset>
  );
}

function CatalogueFields({ page, form, choices }: { page: PageCtx; form: FormState; choices: CatalogueChoices }) {
  const { t } = page;
  // An inactive field stays selectable for the procedure already in it, so saving does not move it.
  const fields = choices.fields.filter((f) => f.active || f.id === form.values.fieldId);
  return (
    <>
      <TextField name="code" label={t('proc.code')} hint={t('proc.codeHint')} form={form} t={t} width="20" spellcheck={false} />
      <TextArea name="name" label={t('proc.name')} form={form} t={t} rows={2} />
      <TextField name="nameEn" label={t('proc.nameEn')} form={form} t={t} />
      <SelectField name="fieldId" label={t('proc.field')} form={form} t={t} blank="" options={fields.map((f) => ({ value: f.id, label: f.name }))} />
      <SelectField name="level" label={t('proc.level')} form={form} t={t} blank="" options={LEVELS.map((l) => ({ value: l, label: t(levelKey(l)) }))} />
      <SelectField name="legacyLevel" label={t('proc.legacyLevel')} form={form} t={t} blank={t('proc.legacyNone')} options={LEGACY_LEVELS.map((n) => ({ value: String(n), label: t('proc.legacyLevel.n', { n }) }))} />
      <SelectField name="tier" label={t('proc.tier')} form={form} t={t} blank="" options={TIERS.map((x) => ({ value: x, label: t(tierKey(x)) }))} />
      <SelectField name="ownerAgencyId" label={t('proc.owner')} form={form} t={t} blank="" options={choices.owners.map((a) => ({ value: a.id, label: a.name }))} />
    </>
  );
}

export function ProcedureNewPage({ page, form, choices, rows }: { page: PageCtx; form: FormState; choices: CatalogueChoices; rows: number }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('proc.new')}>
      <BackLink href={PROCS} page={page} />
      <Problems page={page} form={form} labels={catalogueLabels(page, rows)} />
      <h1 class="govuk-heading-l">{t('proc.new')}</h1>
      <form method="post" action={`${PROCS}/moi`} novalidate>
        <Csrf token={page.csrf} />
        <CatalogueFields page={page} form={form} choices={choices} />
        <TextArea name="result" label={t('proc.result')} form={form} t={t} rows={2} />
        <TextField name="timeDays" label={t('proc.timeDays')} hint={t('proc.daysHint')} form={form} t={t} width="5" inputmode="decimal" />
        <AgencyRows page={page} form={form} choices={choices} rows={rows} />
        <Button>{t('common.save')}</Button>
      </form>
    </BackOfficeLayout>
  );
}

export function ProcedureEditPage({ page, form, choices, rows, detail }: { page: PageCtx; form: FormState; choices: CatalogueChoices; rows: number; detail: ProcedureDetail }) {
  const { t } = page;
  const p = detail.procedure;
  return (
    <BackOfficeLayout page={page} title={t('proc.edit')}>
      <BackLink href={procHref(p.id)} page={page} />
      <Problems page={page} form={form} labels={catalogueLabels(page, rows)} />
      <span class="govuk-caption-l">{p.code}</span>
      <h1 class="govuk-heading-l">{t('proc.edit')}</h1>
      <form method="post" action={procHref(p.id, '/sua')} novalidate>
        <Csrf token={page.csrf} />
        <input type="hidden" name="version" value={form.values.version ?? String(p.version)} />
        <CatalogueFields page={page} form={form} choices={choices} />
        <AgencyRows page={page} form={form} choices={choices} rows={rows} />
        <Button>{t('common.save')}</Button>
      </form>
    </BackOfficeLayout>
  );
}

export function ProcedurePage({ page, detail, form }: { page: PageCtx; detail: ProcedureDetail; form: FormState }) {
  const { t } = page;
  const p = detail.procedure;
  const draft = detail.versions.find((v) => v.status === 'draft');
  return (
    <BackOfficeLayout page={page} title={p.name}>
      <BackLink href={PROCS} page={page} />
      <Problems page={page} form={form} labels={{}} />
      <span class="govuk-caption-l">{p.code}</span>
      <h1 class="govuk-heading-l">{p.name}</h1>
      <p class="govuk-body">
        <Tag colour={p.active ? 'green' : 'grey'}>{t(p.active ? 'common.active' : 'common.inactive')}</Tag>
      </p>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('proc.field')}>{detail.field.name}</SummaryRow>
        <SummaryRow label={t('proc.level')}>
          {t(levelKey(p.level))}
          {p.legacyLevel ? ` (${t('proc.legacyLevel.n', { n: p.legacyLevel })})` : ''}
        </SummaryRow>
        <SummaryRow label={t('proc.tier')}>{t(tierKey(p.tier))}</SummaryRow>
        <SummaryRow label={t('proc.owner')}>{detail.ownerName}</SummaryRow>
        <SummaryRow label={t('proc.agencies')}>
          <ul class="govuk-list">
            {detail.agencies.map((a) => (
              <li>
                {a.agencyName} — {t('proc.desk')}: {a.deskName}
              </li>
            ))}
          </ul>
        </SummaryRow>
      </dl>
      <div class="govuk-button-group">
        <a class="govuk-button govuk-button--secondary" href={procHref(p.id, '/sua')}>
          {t('proc.edit')}
        </a>
        {draft ? (
          <a class="govuk-button" href={versionHref(p.id, draft.id, '/sua')}>
            {t('proc.editDraft')}
          </a>
        ) : (
          <form method="post" action={procHref(p.id, '/ban-nhap')}>
            <Csrf token={page.csrf} />
            <Button>{t('proc.startDraft')}</Button>
          </form>
        )}
      </div>
      <h2 class="govuk-heading-m">{t('proc.versions')}</h2>
      <TableWrap label={t('proc.versions')}>
        <table class="govuk-table">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">{t('proc.versions')}</th>
              <th scope="col" class="govuk-table__header">{t('proc.status')}</th>
              <th scope="col" class="govuk-table__header">{t('proc.publishedAt')}</th>
              <th scope="col" class="govuk-table__header">{t('proc.note')}</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {detail.versions.map((v) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={versionHref(p.id, v.id)}>
                    {t('proc.versionN', { n: v.number })}
                  </a>
                </td>
                <td class="govuk-table__cell">
                  <Tag colour={v.status === 'published' ? 'green' : v.status === 'draft' ? 'yellow' : 'grey'}>{t(statusKey(v.status))}</Tag>
                </td>
                <td class="govuk-table__cell">{v.publishedAt ? formatVnDateTime(v.publishedAt) : ''}</td>
                <td class="govuk-table__cell">{v.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2 class="govuk-heading-m">{t(p.active ? 'proc.deactivate' : 'proc.activate')}</h2>
      <p class="govuk-body">{t('proc.inactiveNote')}</p>
      <form method="post" action={procHref(p.id, p.active ? '/ngung' : '/ap-dung')}>
        <Csrf token={page.csrf} />
        <input type="hidden" name="version" value={String(p.version)} />
        {p.active ? <Button warning>{t('proc.deactivate')}</Button> : <Button secondary>{t('proc.activate')}</Button>}
      </form>
    </BackOfficeLayout>
  );
}
