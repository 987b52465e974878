// Changes to a text, as a checker's `edit` sends them to its worker (checker.js, worker.js).

/**
 * The text that `edits` make of `text`: a list of change lists, applied in turn; each change
 * list is `{ from, to, insert }` in the UTF-16 offsets of the text before it, not overlapping,
 * in any order. Throws, naming the change, when one does not fit.
 */
export function applyEdits(text, edits) {
  if (!Array.isArray(edits)) throw new TypeError('edits: expected a list of change lists');
  for (const changes of edits) text = applyChanges(text, changes);
  return text;
}

function applyChanges(text, changes) {
  if (!Array.isArray(changes)) throw new TypeError('edits: expected a list of { from, to, insert }');
  const sorted = [...changes].sort((a, b) => b?.from - a?.from);
  // From the last change to the first, so each one's offsets still hold.
  const length = text.length;
  let end = length;
  for (const change of sorted) {
    const { from, to, insert } = change ?? {};
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from > to || to > end || typeof insert !== 'string') {
      throw new RangeError(`edits: the change { from: ${from}, to: ${to} } does not fit a text of ${length} characters or overlaps another`);
    }
    text = text.slice(0, from) + insert + text.slice(to);
    end = from;
  }
  return text;
}
