// The side list of findings and the header badge.
import { describe, element, placeOf, signatureOf } from './diagnostics.js';

/** The key (keyOf) of each entry of the lists, and the signature each list shows. */
const keys = new WeakMap();
const shown = new WeakMap();

/**
 * Renders the report's findings into `list`, sorted by line (findings without a place in the
 * text first, as the report orders them). `onPick(diagnostic)` runs when one is clicked;
 * `signed` is the report's signatureOf, when the caller has it.
 */
export function renderProblems(list, report, onPick, signed = signatureOf(report)) {
  // Most key presses leave every finding where it was: then the list stays as it is.
  if (shown.get(list) === signed.signature) return;
  shown.set(list, signed.signature);
  // Otherwise only the entries that changed are built again (typing in a value changes the
  // one finding that quotes it).
  const old = new Map([...list.children].map((item) => [keys.get(item), item]));
  const items = (report?.diagnostics ?? []).map((diagnostic, i) => {
    const key = signed.keys[i];
    const kept = old.get(key);
    if (kept) {
      old.delete(key);
      kept.onPick = () => onPick(diagnostic);
      return kept;
    }
    const item = element('li', `pf-problem pf-${diagnostic.severity}`);
    keys.set(item, key);
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
  // The entries no longer there leave; new ones go in at their place; the others stay put.
  for (const stale of old.values()) stale.remove();
  items.forEach((item, i) => {
    if (list.children[i] !== item) list.insertBefore(item, list.children[i] ?? null);
  });
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
