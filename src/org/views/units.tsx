import { BackOfficeLayout } from '../../platform/views/back-office.js';
import { Button, CheckboxField, Csrf, type FormState, SelectField, TextField } from '../../platform/views/form.js';
import type { PageCtx } from '../../platform/views/page.js';
import { TableWrap } from '../../platform/views/table-wrap.js';
import { showDate } from '../../platform/dates.js';
import { SUCCESSOR_SLOTS } from '../end-unit-validity.js';
import type { Link, UnitRow } from '../queries.js';
import { type Unit, type UnitLevel, allKinds, unitLevels } from '../unit-rules.js';
import { BackLink, Pagination, Problems, SummaryRow, Tag } from './shared.js';

export type UnitFilterView = { q: string; level: UnitLevel | ''; includeEnded: boolean; parentId: string | null; parentName: string | null };

export function unitListHref(f: UnitFilterView, pageNo: number): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.level) p.set('cap', f.level);
  if (f.includeEnded) p.set('het-hieu-luc', '1');
  if (f.parentId) p.set('cha', f.parentId);
  if (pageNo > 1) p.set('trang', String(pageNo));
  const s = p.toString();
  return `/quan-tri/don-vi-hanh-chinh${s ? `?${s}` : ''}`;
}

function Validity({ u, page }: { u: Unit; page: PageCtx }) {
  return (
    <>
      {showDate(u.validFrom)} – {u.validTo ? showDate(u.validTo) : page.t('unit.open')}
    </>
  );
}

function UnitStatus({ u, today, page }: { u: Unit; today: string; page: PageCtx }) {
  if (u.validFrom > today) return <Tag colour="yellow">{page.t('unit.notYet')}</Tag>;
  if (u.validTo && u.validTo < today) return <Tag colour="grey">{page.t('unit.ended.badge')}</Tag>;
  return <Tag colour="green">{page.t('unit.current')}</Tag>;
}

type ListProps = { page: PageCtx; rows: UnitRow[]; total: number; filter: UnitFilterView; pageNo: number; pages: number; canManage: boolean; today: string };

export function UnitListPage({ page, rows, total, filter, pageNo, pages, canManage, today }: ListProps) {
  const { t } = page;
  const levelOptions = unitLevels.map((l) => ({ value: l, label: t(`unit.level.${l}`) }));
  const form: FormState = { values: { q: filter.q, cap: filter.level, 'het-hieu-luc': filter.includeEnded ? 'on' : '' }, errors: {} };
  return (
    <BackOfficeLayout page={page} title={t('unit.title')}>
      <h1 class="govuk-heading-l">{t('unit.title')}</h1>
      {filter.parentName && <p class="govuk-body-l">{t('unit.parent')}: {filter.parentName}</p>}
      {canManage && (
        <a class="govuk-button" href="/quan-tri/don-vi-hanh-chinh/moi">
          {t('unit.new')}
        </a>
      )}
      <form method="get" action="/quan-tri/don-vi-hanh-chinh" role="search">
        {filter.parentId && <input type="hidden" name="cha" value={filter.parentId} />}
        <TextField name="q" label={t('unit.searchLabel')} form={form} t={t} width="30" spellcheck={false} />
        <SelectField name="cap" label={t('unit.level')} form={form} t={t} options={levelOptions} blank={t('unit.allLevels')} />
        <CheckboxField name="het-hieu-luc" label={t('unit.includeEnded')} form={form} t={t} />
        <Button secondary>{t('common.search')}</Button>
      </form>
      <p class="govuk-body" data-testid="unit-count">
        {t('unit.count', { count: total.toLocaleString('vi-VN') })}
      </p>
      {rows.length === 0 ? (
        <p class="govuk-body">{t('unit.none')}</p>
      ) : (
        <TableWrap label={t('unit.title')}>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-visually-hidden">{t('unit.title')}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">{t('unit.code')}</th>
                <th scope="col" class="govuk-table__header">{t('unit.name')}</th>
                <th scope="col" class="govuk-table__header">{t('unit.level')}</th>
                <th scope="col" class="govuk-table__header">{t('unit.parent')}</th>
                <th scope="col" class="govuk-table__header">{t('unit.validity')}</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((u) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{u.code}</td>
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/quan-tri/don-vi-hanh-chinh/${u.id}`}>
                      {u.name}
                    </a>
                  </td>
                  <td class="govuk-table__cell">{t(`unit.level.${u.level}`)}</td>
                  <td class="govuk-table__cell">{u.parentName ?? ''}</td>
                  <td class="govuk-table__cell">
                    <Validity u={u} page={page} /> <UnitStatus u={u} today={today} page={page} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination page={page} current={pageNo} pages={pages} href={(n) => unitListHref(filter, n)} />
    </BackOfficeLayout>
  );
}

function LinkTable({ page, caption, links }: { page: PageCtx; caption: string; links: Link[] }) {
  const { t } = page;
  return (
    <TableWrap label={caption}>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">{t('unit.code')}</th>
            <th scope="col" class="govuk-table__header">{t('unit.name')}</th>
            <th scope="col" class="govuk-table__header">{t('unit.validity')}</th>
            <th scope="col" class="govuk-table__header">{t('unit.part')}</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {links.map((l) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{l.unit.code}</td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/quan-tri/don-vi-hanh-chinh/${l.unit.id}`}>
                  {l.unit.name}
                </a>
              </td>
              <td class="govuk-table__cell">
                <Validity u={l.unit} page={page} />
              </td>
              <td class="govuk-table__cell">{t(`unit.part.${l.part}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

type Detail = { unit: Unit; parent: Unit | null; childCount: number; predecessors: Link[]; successors: Link[] };

export function UnitDetailPage({ page, d, canManage, today }: { page: PageCtx; d: Detail; canManage: boolean; today: string }) {
  const { t } = page;
  const u = d.unit;
  const base = `/quan-tri/don-vi-hanh-chinh/${u.id}`;
  return (
    <BackOfficeLayout page={page} title={u.name}>
      <BackLink href="/quan-tri/don-vi-hanh-chinh" page={page} />
      <span class="govuk-caption-l">{t(`unit.level.${u.level}`)}</span>
      <h1 class="govuk-heading-l">{u.name}</h1>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('unit.code')}>{u.code}</SummaryRow>
        <SummaryRow label={t('unit.kind')}>{u.kind}</SummaryRow>
        <SummaryRow label={t('unit.parent')}>
          {d.parent ? (
            <a class="govuk-link" href={`/quan-tri/don-vi-hanh-chinh/${d.parent.id}`}>
              {d.parent.name}
            </a>
          ) : (
            t('common.none')
          )}
        </SummaryRow>
        <SummaryRow label={t('unit.validity')}>
          <Validity u={u} page={page} /> <UnitStatus u={u} today={today} page={page} />
        </SummaryRow>
      </dl>
      {d.childCount > 0 && (
        <p class="govuk-body">
          <a class="govuk-link" href={`/quan-tri/don-vi-hanh-chinh?cha=${u.id}&het-hieu-luc=1`}>
            {t('unit.children', { count: d.childCount })}
          </a>
        </p>
      )}
      {canManage && (
        <div class="govuk-button-group">
          <a class="govuk-button govuk-button--secondary" href={`${base}/sua`}>
            {t('common.edit')}
          </a>
          {u.level !== 'province' && (
            <a class="govuk-button govuk-button--secondary" href={`${base}/chuyen`}>
              {t('unit.move')}
            </a>
          )}
          {!u.validTo && (
            <a class="govuk-button govuk-button--warning" href={`${base}/ket-thuc`}>
              {t('unit.end')}
            </a>
          )}
        </div>
      )}
      {d.predecessors.length > 0 && <LinkTable page={page} caption={t('unit.predecessors')} links={d.predecessors} />}
      {d.successors.length > 0 && <LinkTable page={page} caption={t('unit.successors')} links={d.successors} />}
    </BackOfficeLayout>
  );
}

const unitLabels = (page: PageCtx): Record<string, string> => ({
  code: page.t('unit.code'),
  name: page.t('unit.name'),
  kind: page.t('unit.kind'),
  level: page.t('unit.level'),
  parentCode: page.t('unit.parentCode'),
  validFrom: page.t('unit.validFrom'),
  validTo: page.t('unit.validTo'),
});

export function UnitFormPage({ page, form, unit }: { page: PageCtx; form: FormState; unit: Unit | null }) {
  const { t } = page;
  const title = unit ? t('unit.edit') : t('unit.new');
  const kinds = allKinds.map((k) => ({ value: k, label: k }));
  return (
    <BackOfficeLayout page={page} title={title}>
      <BackLink href={unit ? `/quan-tri/don-vi-hanh-chinh/${unit.id}` : '/quan-tri/don-vi-hanh-chinh'} page={page} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Problems page={page} form={form} labels={unitLabels(page)} />
          <h1 class="govuk-heading-l">{title}</h1>
          {unit && <p class="govuk-body">{t('unit.editHint')}</p>}
          <form method="post" action={unit ? `/quan-tri/don-vi-hanh-chinh/${unit.id}/sua` : '/quan-tri/don-vi-hanh-chinh/moi'} novalidate>
            <Csrf token={page.csrf} />
            {unit && <input type="hidden" name="version" value={form.values.version ?? String(unit.version)} />}
            {!unit && <SelectField name="level" label={t('unit.level')} form={form} t={t} options={unitLevels.map((l) => ({ value: l, label: t(`unit.level.${l}`) }))} />}
            <TextField name="code" label={t('unit.code')} hint={t('unit.codeHint')} form={form} t={t} width="10" inputmode="numeric" spellcheck={false} />
            <TextField name="name" label={t('unit.name')} form={form} t={t} />
            <SelectField name="kind" label={t('unit.kind')} form={form} t={t} options={kinds} />
            {!unit && <TextField name="parentCode" label={t('unit.parentCode')} hint={t('unit.parentCodeHint')} form={form} t={t} width="10" inputmode="numeric" spellcheck={false} />}
            <TextField name="validFrom" label={t('unit.validFrom')} hint={t('unit.dateHint')} form={form} t={t} width="10" />
            <Button>{t('common.save')}</Button>
          </form>
        </div>
      </div>
    </BackOfficeLayout>
  );
}

export function UnitEndPage({ page, form, unit }: { page: PageCtx; form: FormState; unit: Unit }) {
  const { t } = page;
  const slots = Array.from({ length: SUCCESSOR_SLOTS }, (_, i) => i + 1);
  const labels: Record<string, string> = { ...unitLabels(page) };
  for (const n of slots) {
    labels[`successor${n}Code`] = t('unit.successorCode', { n });
    labels[`successor${n}Part`] = t('unit.successorPart', { n });
  }
  const parts = [
    { value: 'full', label: t('unit.part.full') },
    { value: 'partial', label: t('unit.part.partial') },
  ];
  return (
    <BackOfficeLayout page={page} title={`${t('unit.end')}: ${unit.name}`}>
      <BackLink href={`/quan-tri/don-vi-hanh-chinh/${unit.id}`} page={page} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Problems page={page} form={form} labels={labels} />
          <span class="govuk-caption-l">{unit.name}</span>
          <h1 class="govuk-heading-l">{t('unit.end')}</h1>
          <p class="govuk-body">{t('unit.endIntro')}</p>
          <form method="post" action={`/quan-tri/don-vi-hanh-chinh/${unit.id}/ket-thuc`} novalidate>
            <Csrf token={page.csrf} />
            <input type="hidden" name="version" value={form.values.version ?? String(unit.version)} />
            <TextField name="validTo" label={t('unit.validTo')} hint={t('unit.dateHint')} form={form} t={t} width="10" />
            {slots.map((n) => (
              <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('unit.successorCode', { n })}</legend>
                <TextField name={`successor${n}Code`} label={t('unit.code')} form={form} t={t} width="10" inputmode="numeric" spellcheck={false} />
                <SelectField name={`successor${n}Part`} label={t('unit.part')} form={form} t={t} options={parts} />
              </fieldset>
            ))}
            <Button warning>{t('unit.end')}</Button>
          </form>
        </div>
      </div>
    </BackOfficeLayout>
  );
}

export function UnitMovePage({ page, form, unit, parent }: { page: PageCtx; form: FormState; unit: Unit; parent: Unit | null }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={`${t('unit.move')}: ${unit.name}`}>
      <BackLink href={`/quan-tri/don-vi-hanh-chinh/${unit.id}`} page={page} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Problems page={page} form={form} labels={{ parentCode: t('unit.newParent') }} />
          <span class="govuk-caption-l">{unit.name}</span>
          <h1 class="govuk-heading-l">{t('unit.move')}</h1>
          <p class="govuk-body">
            {t('unit.parent')}: {parent ? `${parent.name} (${parent.code})` : t('common.none')}
          </p>
          <form method="post" action={`/quan-tri/don-vi-hanh-chinh/${unit.id}/chuyen`} novalidate>
            <Csrf token={page.csrf} />
            <input type="hidden" name="version" value={form.values.version ?? String(unit.version)} />
            <TextField name="parentCode" label={t('unit.newParent')} form={form} t={t} width="10" inputmode="numeric" spellcheck={false} />
            <Button>{t('common.save')}</Button>
          </form>
        </div>
      </div>
    </BackOfficeLayout>
  );
}
