import { showDate } from '../../../platform/dates.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, Csrf, ErrorSummary, type FormState, SelectField, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import { type CalendarDay, dayKinds, weekdays } from '../rules.js';

function Back({ page, year }: { page: PageCtx; year: number }) {
  return (
    <a href={`/quan-tri/lich-lam-viec?nam=${year}`} class="govuk-back-link">
      {page.t('common.back')}
    </a>
  );
}

/** Adding (day null) or editing a special day. */
export function DayFormPage({ page, form, day, year }: { page: PageCtx; form: FormState; day: CalendarDay | null; year: number }) {
  const { t } = page;
  const title = day ? t('calendar.editDay', { date: showDate(day.day) }) : t('calendar.addDay');
  const labels = { day: t('calendar.day'), kind: t('calendar.kind'), name: t('calendar.name'), version: t('calendar.day') };
  const action = day ? `/quan-tri/lich-lam-viec/ngay/${day.id}/sua` : '/quan-tri/lich-lam-viec/ngay/moi';
  return (
    <BackOfficeLayout page={page} title={title}>
      <Back page={page} year={year} />
      <ErrorSummary form={form} t={t} labels={labels} />
      <h1 class="govuk-heading-l">{title}</h1>
      <form method="post" action={action} novalidate>
        <Csrf token={page.csrf} />
        {day && <input type="hidden" name="version" value={form.values.version ?? ''} />}
        <TextField name="day" label={t('calendar.day')} hint={t('calendar.dayHint')} form={form} t={t} width="10" inputmode="numeric" autocomplete="off" />
        <SelectField name="kind" label={t('calendar.kind')} form={form} t={t} options={dayKinds.map((k) => ({ value: k, label: t(`calendar.kind.${k}`) }))} blank="" />
        <TextField name="name" label={t('calendar.name')} form={form} t={t} width="30" />
        <Button>{t('common.save')}</Button>
      </form>
    </BackOfficeLayout>
  );
}

export function RemoveDayPage({ page, day }: { page: PageCtx; day: CalendarDay }) {
  const { t } = page;
  const date = showDate(day.day);
  return (
    <BackOfficeLayout page={page} title={t('calendar.removeDay', { date })}>
      <Back page={page} year={Number(day.day.slice(0, 4))} />
      <h1 class="govuk-heading-l">{t('calendar.removeDay', { date })}</h1>
      <p class="govuk-body">{t('calendar.removeIntro', { date, name: day.name })}</p>
      <form method="post" action={`/quan-tri/lich-lam-viec/ngay/${day.id}/xoa`}>
        <Csrf token={page.csrf} />
        <input type="hidden" name="version" value={String(day.version)} />
        <Button warning>{t('calendar.remove')}</Button>
      </form>
    </BackOfficeLayout>
  );
}

export function ConfirmYearPage({ page, form, year }: { page: PageCtx; form: FormState; year: number }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('calendar.confirmYear', { year })}>
      <Back page={page} year={year} />
      <ErrorSummary form={form} t={t} labels={{ notice: t('calendar.notice'), year: t('calendar.confirmYear', { year }) }} />
      <h1 class="govuk-heading-l">{t('calendar.confirmYear', { year })}</h1>
      <p class="govuk-body">{t('calendar.confirmIntro', { year })}</p>
      <form method="post" action={`/quan-tri/lich-lam-viec/${year}/xac-nhan`} novalidate>
        <Csrf token={page.csrf} />
        <TextField name="notice" label={t('calendar.notice')} hint={t('calendar.noticeHint')} form={form} t={t} />
        <Button>{t('calendar.confirmYear', { year })}</Button>
      </form>
    </BackOfficeLayout>
  );
}

export function HoursFormPage({ page, form, year }: { page: PageCtx; form: FormState; year: number }) {
  const { t } = page;
  const labels = Object.fromEntries(weekdays.map((wd) => [`d${wd}`, t(`calendar.weekday.${wd}`)]));
  return (
    <BackOfficeLayout page={page} title={t('calendar.hoursEdit')}>
      <Back page={page} year={year} />
      <ErrorSummary form={form} t={t} labels={labels} />
      <h1 class="govuk-heading-l">{t('calendar.hoursEdit')}</h1>
      <p class="govuk-body">{t('calendar.hoursIntro')}</p>
      <form method="post" action="/quan-tri/lich-lam-viec/gio-lam-viec" novalidate>
        <Csrf token={page.csrf} />
        <input type="hidden" name="version" value={form.values.version ?? ''} />
        {weekdays.map((wd) => (
          <TextField name={`d${wd}`} label={t(`calendar.weekday.${wd}`)} form={form} t={t} width="20" autocomplete="off" spellcheck={false} />
        ))}
        <Button>{t('common.save')}</Button>
      </form>
    </BackOfficeLayout>
  );
}
