import type { Translate } from '../../../platform/i18n/index.js';
import { counterRows } from '../../stats/queries.js';
import type { SiteScope } from '../site-routes.js';

const number = new Intl.NumberFormat('vi-VN');

/**
 * The visit counters in the footer (Decree 42 practice: online now, today, week, month, year, total). A cached page
 * shows them as of its render; the cache keeps pages a few minutes at most, so they keep moving.
 */
export function VisitorCounters({ scope, t }: { scope: SiteScope; t: Translate }) {
  const c = scope.counters;
  if (!c) return null;
  const items = counterRows(t, c);
  return (
    <section class="congso-visits" aria-labelledby="visits-heading">
      <h2 id="visits-heading" class="govuk-heading-s">
        {t('stats.counters')}
      </h2>
      <dl class="congso-visits__list">
        {items.map(([label, value]) => (
          <div class="congso-visits__item">
            <dt class="govuk-body-s">{label}</dt>
            <dd class="govuk-body-s" data-visits>
              {number.format(value)}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
