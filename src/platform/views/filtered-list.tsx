import type { ComponentChildren } from 'preact';
import { Pagination } from '../../org/views/shared.js';
import type { PageCtx } from './page.js';
import { TableWrap } from './table-wrap.js';

/** A list page's address for page n with its filters, so pagination links keep what the person chose. */
export function listHref(base: string, params: Record<string, string | undefined>, n: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  if (n > 1) p.set('trang', String(n));
  const s = p.toString();
  return s ? `${base}?${s}` : base;
}

/** The filters above a list: a GET form, so a filtered list is an address one can bookmark or share. */
export function FilterForm({ action, submit, children }: { action: string; submit: string; children: ComponentChildren }) {
  return (
    <form method="get" action={action} class="congso-filters">
      {children}
      <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
        {submit}
      </button>
    </form>
  );
}

export type Column<R> = { header: string; cell: (row: R) => ComponentChildren };

type ResultsProps<R> = {
  page: PageCtx;
  /** Names the scrolling table for screen readers. */
  label: string;
  count: ComponentChildren;
  countTestId: string;
  none: string;
  columns: Column<R>[];
  rows: R[];
  current: number;
  pages: number;
  href: (n: number) => string;
};

/** The count, the table of one page of rows (or a sentence when there is none), and the pagination. */
export function ListResults<R>({ page, label, count, countTestId, none, columns, rows, current, pages, href }: ResultsProps<R>) {
  return (
    <>
      <p class="govuk-body" data-testid={countTestId}>
        {count}
      </p>
      {rows.length === 0 ? (
        <p class="govuk-body">{none}</p>
      ) : (
        <TableWrap label={label}>
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                {columns.map((c) => (
                  <th scope="col" class="govuk-table__header">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((r) => (
                <tr class="govuk-table__row">
                  {columns.map((c) => (
                    <td class="govuk-table__cell">{c.cell(r)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination page={page} current={current} pages={pages} href={href} />
    </>
  );
}
