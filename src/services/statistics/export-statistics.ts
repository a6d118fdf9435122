import ExcelJS from 'exceljs';
import { showDate } from '../../platform/dates.js';
import { type Translate } from '../../platform/i18n/index.js';
import type { Indicators } from './report.js';
import type { StatisticsView } from './read-dossier-statistics.js';

export const REPORT_COLUMNS = ['carried', 'received', 'receivedOnline', 'receivedInPerson', 'receivedPost', 'early', 'onTime', 'late', 'inProgressOnTime', 'inProgressLate', 'paused', 'withdrawn', 'returned'] as const;
export const INDICATORS = ['onTimeRate', 'onlineShare', 'fullOnlineShare', 'onlinePaymentShare', 'digitisedShare', 'satisfaction'] as const satisfies readonly (keyof Indicators)[];

/** The report as a workbook: II.06a and the 766 indicators, with the period in the title, numbers as numbers. */
export async function statisticsWorkbook(view: StatisticsView, t: Translate): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'congso';
  const period = t('dstats.periodShown', { from: showDate(view.fromDay), to: showDate(view.toDay) });

  const report = wb.addWorksheet('II.06a');
  report.addRow([t('dstats.report.caption')]).font = { bold: true };
  report.addRow([period]);
  report.addRow([t('dstats.agency'), ...REPORT_COLUMNS.map((c) => t(`dstats.col.${c}`))]).font = { bold: true };
  for (const r of view.rows) report.addRow([r.agencyName, ...REPORT_COLUMNS.map((c) => r[c])]);
  report.addRow([t('dstats.total'), ...REPORT_COLUMNS.map((c) => view.total[c])]).font = { bold: true };
  report.getColumn(1).width = 45;

  const ind = wb.addWorksheet('766');
  ind.addRow([t('dstats.indicators.caption')]).font = { bold: true };
  ind.addRow([period]);
  ind.addRow([t('dstats.agency'), ...INDICATORS.map((c) => t(`dstats.ind.${c}`))]).font = { bold: true };
  for (const r of [...view.rows.map((r) => ({ name: r.agencyName, i: r.indicators })), { name: t('dstats.total'), i: view.indicators }]) {
    const row = ind.addRow([r.name, ...INDICATORS.map((c) => r.i[c])]);
    for (let c = 2; c <= INDICATORS.length + 1; c++) row.getCell(c).numFmt = '0.0%';
  }
  ind.getColumn(1).width = 45;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
