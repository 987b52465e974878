// The findings in the text: a wavy underline per finding, and its description on hover.
// A layer of its own rather than @codemirror/lint's, to keep a key press cheap: a new report
// changes the editor only where underlines moved. Typing at the end of an underlined value
// stretches its underline (CodeMirror maps it through the edit), so while a value is being
// typed its finding usually keeps its place and only its message is replaced, which redraws
// nothing. Class names are @codemirror/lint's (`cm-lintRange-error`, `cm-tooltip-lint`), so
// styles and tests written for it apply.
import { StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, hoverTooltip, WidgetType } from '@codemirror/view';

import { describe, rangeOf } from './diagnostics.js';

/** Sets the underlines: a decoration per place a finding is at. */
const setUnderlines = StateEffect.define();

const underlines = StateField.define({
  create: () => Decoration.none,
  update(marks, transaction) {
    if (transaction.docChanged) marks = marks.map(transaction.changes);
    for (const effect of transaction.effects) if (effect.is(setUnderlines)) marks = effect.value;
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/**
 * The places the underlines of each view stand for (`index` in a decoration's spec):
 * `{ range, severity, diagnostics }`, the findings at one range. Beside the state, not in it:
 * when a report keeps every place, its findings replace the old ones here without a
 * transaction, so the editor does no work.
 */
const placesShown = new WeakMap();

/** A finding at an empty range (the end of the text): a small mark at that point. */
class PointWidget extends WidgetType {
  constructor(severity) {
    super();
    this.severity = severity;
  }

  eq(other) {
    return other.severity === this.severity;
  }

  toDOM() {
    const point = document.createElement('span');
    point.className = `cm-lintPoint cm-lintPoint-${this.severity}`;
    return point;
  }
}

/** The decoration of place `index` of the list shown. */
function decoration({ range: { from, to }, severity }, index) {
  if (from === to) return Decoration.widget({ widget: new PointWidget(severity), side: 1, index, severity }).range(from);
  return Decoration.mark({ class: `cm-lintRange cm-lintRange-${severity}`, inclusiveEnd: true, index, severity })
    .range(from, to);
}

/** Whether each of `marks` stands where place `index` of `places` is, with its severity. */
function samePlaces(marks, places) {
  let count = 0;
  for (const cursor = marks.iter(); cursor.value; cursor.next(), count++) {
    const { index, severity } = cursor.value.spec;
    const want = places[index];
    if (!want || cursor.from !== want.range.from || cursor.to !== want.range.to || severity !== want.severity) return false;
  }
  return count === places.length;
}

const RANK = { error: 3, warning: 2, info: 1 };

/** The findings of `report` grouped by range (one underline per range, in the colour of its
 * most severe finding), ordered by start and end. */
function placesOf(doc, report) {
  const placed = [];
  for (const diagnostic of report?.diagnostics ?? []) {
    const range = rangeOf(doc, diagnostic);
    if (range) placed.push({ range, diagnostic });
  }
  placed.sort((a, b) => a.range.from - b.range.from || a.range.to - b.range.to);
  const places = [];
  for (const { range, diagnostic } of placed) {
    const last = places.at(-1);
    if (last && last.range.from === range.from && last.range.to === range.to) {
      last.diagnostics.push(diagnostic);
      if ((RANK[diagnostic.severity] ?? 0) > (RANK[last.severity] ?? 0)) last.severity = diagnostic.severity;
    } else {
      places.push({ range, severity: diagnostic.severity, diagnostics: [diagnostic] });
    }
  }
  return places;
}

/**
 * Shows the findings of `report` (null: none). When they sit where the current underlines
 * are, only the findings behind them are replaced: the editor redraws nothing.
 */
export function showFindings(view, report) {
  const places = placesOf(view.state.doc, report);
  placesShown.set(view, places);
  if (!samePlaces(view.state.field(underlines), places)) {
    view.dispatch({ effects: setUnderlines.of(Decoration.set(places.map(decoration), true)) });
  }
}

/** The findings under `pos`, described, as a tooltip. */
const hover = hoverTooltip((view, pos, side) => {
  const marks = view.state.field(underlines);
  const shown = placesShown.get(view) ?? [];
  const here = [];
  let start = pos;
  let end = pos;
  marks.between(pos, pos, (from, to, value) => {
    const inside = from === to || ((pos > from || side > 0) && (pos < to || side < 0));
    if (!inside) return;
    here.push(...(shown[value.spec.index]?.diagnostics ?? []));
    start = Math.min(start, from);
    end = Math.max(end, to);
  });
  if (!here.length) return null;
  return {
    pos: start,
    end,
    above: true,
    create() {
      const dom = document.createElement('ul');
      dom.className = 'cm-tooltip-lint';
      for (const diagnostic of here) {
        const item = document.createElement('li');
        item.className = `cm-diagnostic cm-diagnostic-${diagnostic.severity}`;
        item.append(describe(diagnostic));
        dom.append(item);
      }
      return { dom };
    },
  };
});

/** A wavy line under the text, as @codemirror/lint draws it. */
function wavy(color) {
  const path = `<path d="m0 2.5 l2 -1.5 l1 0 l2 1.5 l1 0" stroke="${color}" fill="none" stroke-width=".7"/>`;
  return `url('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" width="6" height="3">${encodeURIComponent(path)}</svg>')`;
}

const theme = EditorView.baseTheme({
  '.cm-lintRange': { backgroundPosition: 'left bottom', backgroundRepeat: 'repeat-x', paddingBottom: '0.7px' },
  '.cm-lintRange-error': { backgroundImage: wavy('#f11') },
  '.cm-lintRange-warning': { backgroundImage: wavy('orange') },
  '.cm-tooltip-lint': { padding: 0, margin: 0, listStyle: 'none' },
  '.cm-diagnostic': { padding: '3px 6px 3px 8px', display: 'block', whiteSpace: 'pre-wrap' },
  '.cm-diagnostic-error': { borderLeft: '5px solid #d11' },
  '.cm-diagnostic-warning': { borderLeft: '5px solid orange' },
  '.cm-lintPoint': {
    position: 'relative',
    '&:after': {
      content: '""', position: 'absolute', bottom: 0, left: '-2px',
      borderLeft: '3px solid transparent', borderRight: '3px solid transparent', borderBottom: '4px solid #d11',
    },
  },
  '.cm-lintPoint-warning': { '&:after': { borderBottomColor: 'orange' } },
});

/** The extension: underlines, hover and their styles. */
export const findingsLayer = [underlines, hover, theme];
