import type { Role } from '../../../platform/auth/permissions.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { BackOfficeLayout } from '../../../platform/views/back-office.js';
import { Button, CheckboxField, Csrf, ErrorSummary, type FormState, SelectField, TextField } from '../../../platform/views/form.js';
import type { PageCtx } from '../../../platform/views/page.js';
import type { AgencyOption } from '../queries.js';
import { roleLabel } from './parts.js';

function labels(t: Translate): Record<string, string> {
  return {
    username: t('users.username'),
    fullName: t('users.fullName'),
    agencyId: t('users.agency'),
    title: t('users.jobTitle'),
    email: t('users.email'),
    phone: t('users.phone'),
    roles: t('users.initialRoles'),
    active: t('users.active'),
  };
}

/** The first box carries the group's id, so the error summary's link lands on it. */
const checkboxId = (i: number) => (i === 0 ? 'f-roles' : `f-roles-${i}`);

function RoleCheckboxes({ t, form, offered, selected }: { t: Translate; form: FormState; offered: readonly Role[]; selected: readonly string[] }) {
  const error = form.errors.roles;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={`f-roles-hint${error ? ' f-roles-error' : ''}`}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('users.initialRoles')}</legend>
        <div id="f-roles-hint" class="govuk-hint">
          {t('users.initialRolesHint')}
        </div>
        {error && (
          <p id="f-roles-error" class="govuk-error-message">
            <span class="govuk-visually-hidden">{t('users.initialRoles')}: </span>
            {t(error.key, error.params)}
          </p>
        )}
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {offered.map((r, i) => (
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id={checkboxId(i)} name="roles" type="checkbox" value={r} checked={selected.includes(r)} />
              <label class="govuk-label govuk-checkboxes__label" for={checkboxId(i)}>
                {roleLabel(t, r)}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

function agencySelectOptions(agencies: AgencyOption[]) {
  return agencies.map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }));
}

export function CreateUserPage({ page, form, agencies, offeredRoles, selectedRoles }: { page: PageCtx; form: FormState; agencies: AgencyOption[]; offeredRoles: readonly Role[]; selectedRoles: readonly string[] }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('users.createTitle')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary form={form} t={t} labels={labels(t)} />
          <a class="govuk-back-link" href="/quan-tri/nguoi-dung">
            {t('common.back')}
          </a>
          <h1 class="govuk-heading-l">{t('users.createTitle')}</h1>
          <form method="post" action="/quan-tri/nguoi-dung/moi" novalidate>
            <Csrf token={page.csrf} />
            <TextField name="username" label={t('users.username')} hint={t('users.usernameHint')} form={form} t={t} autocomplete="off" spellcheck={false} width="20" />
            <TextField name="fullName" label={t('users.fullName')} form={form} t={t} autocomplete="off" />
            <SelectField name="agencyId" label={t('users.agency')} form={form} t={t} blank={t('users.chooseAgency')} options={agencySelectOptions(agencies)} />
            <TextField name="title" label={t('users.jobTitle')} form={form} t={t} />
            <TextField name="email" label={t('users.email')} form={form} t={t} type="email" autocomplete="off" spellcheck={false} />
            <TextField name="phone" label={t('users.phone')} form={form} t={t} type="tel" autocomplete="off" width="20" />
            <RoleCheckboxes t={t} form={form} offered={offeredRoles} selected={selectedRoles} />
            <Button>{t('common.create')}</Button>
          </form>
        </div>
      </div>
    </BackOfficeLayout>
  );
}

export function EditUserPage({ page, form, userId, username, agencies }: { page: PageCtx; form: FormState; userId: string; username: string; agencies: AgencyOption[] }) {
  const { t } = page;
  return (
    <BackOfficeLayout page={page} title={t('users.editTitle')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary form={form} t={t} labels={labels(t)} />
          <a class="govuk-back-link" href={`/quan-tri/nguoi-dung/${userId}`}>
            {t('common.back')}
          </a>
          <span class="govuk-caption-l">{username}</span>
          <h1 class="govuk-heading-l">{t('users.editTitle')}</h1>
          <form method="post" action={`/quan-tri/nguoi-dung/${userId}/sua`} novalidate>
            <Csrf token={page.csrf} />
            <input type="hidden" name="version" value={form.values.version ?? ''} />
            <TextField name="fullName" label={t('users.fullName')} form={form} t={t} autocomplete="off" />
            <SelectField name="agencyId" label={t('users.agency')} form={form} t={t} options={agencySelectOptions(agencies)} />
            <TextField name="title" label={t('users.jobTitle')} form={form} t={t} />
            <TextField name="email" label={t('users.email')} form={form} t={t} type="email" autocomplete="off" spellcheck={false} />
            <TextField name="phone" label={t('users.phone')} form={form} t={t} type="tel" autocomplete="off" width="20" />
            <CheckboxField name="active" label={t('users.active')} hint={t('users.activeHint')} form={form} t={t} />
            <div class="congso-actions-inline">
              <Button>{t('common.save')}</Button>
              <a class="govuk-link" href={`/quan-tri/nguoi-dung/${userId}`}>
                {t('common.cancel')}
              </a>
            </div>
          </form>
        </div>
      </div>
    </BackOfficeLayout>
  );
}
