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
  // Otherwise only the entries that changed are built again (typing in a value changes the
  // one finding that quotes it).
  const old = new Map([...list.children].map((item) => [item.dataset.signature, item]));
  const items = (report?.diagnostics ?? []).map((diagnostic) => {
    const key = signatureOf({ diagnostics: [diagnostic] });
    const kept = old.get(key);
    if (kept) {
      old.delete(key);
      kept.onPick = () => onPick(diagnostic);
      return kept;
    }
    const item = element('li', `pf-problem pf-${diagnostic.severity}`);
    item.dataset.signature = key;
    item.dataset.code = diagnostic.code;
    item.dataset.severity = diagnostic.severity;
    if (diagnostic.span) item.dataset.line = String(diagnostic.span.start.line);
    item.onPick = () => onPick(diagnostic);
    const button = element('button', 'pf-problem-button');
    button.type = 'button';
    button.append(element('span', 'pf-place', placeOf(diagnostic)), describe(diagnostic));
    button.addEventListener('click', () => item.onPick());
    item.append(button);
    return item;
  });
  if (items.length === list.children.length && items.every((item, i) => list.children[i] === item)) return;
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
