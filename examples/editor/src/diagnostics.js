// A preflight report in CodeMirror's terms. Pure functions: the page and the tests share them.

/**
 * The document position of a preflight position: its 1-based line and its UTF-16 column
 * (JavaScript string index + 1), clamped into the document.
 */
export function toOffset(doc, { line, utf16_column: column }) {
  if (line > doc.lines) return doc.length;
  const at = doc.line(Math.max(1, line));
  return Math.min(at.from + Math.max(0, column - 1), at.to);
}

/** The range a diagnostic underlines, or null when it has no place in the text. */
export function rangeOf(doc, diagnostic) {
  if (!diagnostic.span) return null;
  const from = toOffset(doc, diagnostic.span.start);
  const to = Math.max(from, toOffset(doc, diagnostic.span.end));
  return { from, to };
}

/** What a finding says and where (line and UTF-16 column): equal keys, equal finding. */
function keyOf(d) {
  return JSON.stringify([d.code, d.severity, d.message, d.help,
    d.span?.start.line, d.span?.start.utf16_column, d.span?.end.line, d.span?.end.utf16_column]);
}

/** The keys of a report's findings, and its signature (equal signatures need no new
 * underlines or list). */
export function signatureOf(report) {
  const keys = (report?.diagnostics ?? []).map(keyOf);
  return { keys, signature: keys.join('\n') };
}

/** What the hover shows: code, message and help. Every word comes from the core, which never
 * quotes a secret's value. */
export function describe(diagnostic) {
  const box = element('div', 'pf-describe');
  const head = element('div', 'pf-describe-head');
  head.append(element('span', `pf-severity pf-${diagnostic.severity}`, diagnostic.severity), ' ',
    element('code', 'pf-code', diagnostic.code));
  box.append(head, withCode(element('div', 'pf-message'), diagnostic.message));
  if (diagnostic.help) box.append(withCode(element('div', 'pf-help'), diagnostic.help));
  return box;
}

/** Appends text to `parent`, with the core's `quoted` names and values set as code. */
function withCode(parent, text) {
  text.split('`').forEach((piece, i) => {
    if (piece) parent.append(i % 2 ? element('code', null, piece) : piece);
  });
  return parent;
}

/** `line 6, column 26`, or where a finding without a span belongs. */
export function placeOf(diagnostic) {
  if (!diagnostic.span) return diagnostic.pointer ? `not in the file: ${diagnostic.pointer}` : 'the whole file';
  const { line, utf16_column } = diagnostic.span.start;
  return `line ${line}, column ${utf16_column}`;
}

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
