// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

// Warn before an idle session ends, and let the person extend it without losing what they typed.
const warning = document.querySelector('[data-session-expires]');
if (warning) {
  const expiresAt = Date.parse(warning.getAttribute('data-session-expires'));
  const lead = 2 * 60 * 1000;
  const show = () => {
    warning.hidden = false;
    const button = warning.querySelector('button');
    if (button) button.focus();
  };
  const delay = expiresAt - Date.now() - lead;
  setTimeout(show, Math.max(0, delay));
}
