// The side list of findings and the header badge.
import { describe, element, placeOf, signatureOf } from './diagnostics.js';

/**
 * Renders the report's findings into `list`, sorted by line (findings without a place in the
 * text first, as the report orders them). `onPick(diagnostic)` runs when one is clicked.
 */
export function renderProblems(list, report, onPick) {
  // Most key presses leave every finding where it was: then the list stays as it is.
  const signature = signatureOf(report);
  if (list.dataset.signature === signature) return;
  list.dataset.signature = signature;
  const items = (report?.diagnostics ?? []).map((diagnostic) => {
    const item = element('li', `pf-problem pf-${diagnostic.severity}`);
    item.dataset.code = diagnostic.code;
    item.dataset.severity = diagnostic.severity;
    if (diagnostic.span) item.dataset.line = String(diagnostic.span.start.line);
    const button = element('button', 'pf-problem-button');
    button.type = 'button';
    button.append(element('span', 'pf-place', placeOf(diagnostic)), describe(diagnostic));
    button.addEventListener('click', () => onPick(diagnostic));
    item.append(button);
    return item;
  });
  list.replaceChildren(...items);
}

/** `2 errors · 1 warning`, or `no problems`; the badge's class says which. */
export function renderBadge(badge, report) {
  if (!report) {
    badge.textContent = 'not checked';
    badge.className = 'pf-badge pf-badge-none';
    return;
  }
  const { errors, warnings } = report;
  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  badge.textContent = errors + warnings === 0 ? 'no problems' : `${plural(errors, 'error')} · ${plural(warnings, 'warning')}`;
  badge.className = `pf-badge ${errors ? 'pf-badge-error' : warnings ? 'pf-badge-warning' : 'pf-badge-ok'}`;
  badge.dataset.errors = String(errors);
  badge.dataset.warnings = String(warnings);
}
