// Syntax highlighting per input format.
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { StreamLanguage } from '@codemirror/language';
import { properties } from '@codemirror/legacy-modes/mode/properties';

const env = StreamLanguage.define(properties);

/** The language extension for `yaml`, `json` or `env` text. */
export function languageFor(format) {
  switch (format) {
    case 'json': return json();
    case 'env': return env;
    default: return yaml();
  }
}
