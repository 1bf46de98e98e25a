// Run parameters: reading a trigger form's text into the JSON values a run starts with, checked the way the
// server checks them (a required parameter without a default must be given), and showing a run's values.
// The declared type is a hint for the form: it decides how the typed text becomes a JSON value.

import { h } from './dom.js';

/** The parameters a pipeline declares, with the server's defaults filled in (type "string", not required). */
export function declaredParameters(definition) {
  return (definition?.parameters ?? []).filter(p => p && p.name).map(p => ({
    name: String(p.name),
    type: String(p.type ?? 'string').toLowerCase(),
    required: p.required === true,
    hasDefault: p.default !== undefined && p.default !== null,
    default: p.default,
    description: p.description ?? '',
  }));
}

/** True when a run cannot start without a value: required and no default, exactly the server's rule. */
export function mustBeGiven(parameter) {
  return parameter.required && !parameter.hasDefault;
}

/** A default value as the form shows it: strings plain, everything else as JSON. */
export function showValue(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Turns the form's texts (name → string; '' when left empty) into the parameters object to send.
 * Empty fields are left out, so the pipeline's default applies. Returns {values, errors}; each error names the
 * parameter (as the server's field path does), says what is wrong with the value, and how to fix it.
 */
export function readParameters(pipelineId, declared, texts) {
  const values = {};
  const errors = [];
  for (const p of declared) {
    const text = String(texts[p.name] ?? '');
    const field = `parameters.${p.name}`;
    if (text.trim() === '') {
      if (mustBeGiven(p)) {
        errors.push({ name: p.name, message: `${field}: pipeline '${pipelineId}' requires this parameter. Enter a value.` });
      }
      continue;
    }
    const parsed = parse(p.type, text);
    if (parsed.error) errors.push({ name: p.name, message: `${field}: '${text}' ${parsed.error}` });
    else values[p.name] = parsed.value;
  }
  return { values, errors };
}

function parse(type, text) {
  const trimmed = text.trim();
  switch (type) {
    case 'integer':
      return /^-?\d+$/.test(trimmed) && Number.isSafeInteger(Number(trimmed))
        ? { value: Number(trimmed) }
        : { error: 'is not a whole number. Enter digits only, for example 7.' };
    case 'number': {
      const n = Number(trimmed);
      return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed) && Number.isFinite(n)
        ? { value: n }
        : { error: 'is not a number. Enter a number such as 2.5.' };
    }
    case 'boolean':
      return trimmed === 'true' || trimmed === 'false'
        ? { value: trimmed === 'true' }
        : { error: 'is not a boolean. Choose true or false.' };
    case 'object':
    case 'array': {
      let value;
      try { value = JSON.parse(trimmed); } catch (e) {
        return { error: `is not valid JSON (${e.message}). Enter ${type === 'object' ? 'an object such as {"key": "value"}' : 'an array such as [1, 2]'}.` };
      }
      const isArray = Array.isArray(value);
      const fits = type === 'array' ? isArray : value !== null && typeof value === 'object' && !isArray;
      return fits ? { value } : { error: `is not a JSON ${type}. Enter ${type === 'object' ? '{…}' : '[…]'}.` };
    }
    default:
      return { value: text };
  }
}

/** The parameter a server field path such as "$.parameters.region" names, or null. */
export function parameterOfPath(path) {
  const m = /^\$?\.?parameters\.(.+)$/.exec(String(path ?? ''));
  return m ? m[1] : null;
}

/** A run's parameter values as a definition list, one entry per name, for the run view. */
export function parameterList(parameters) {
  const entries = parameters && typeof parameters === 'object' && !Array.isArray(parameters) ? Object.entries(parameters) : [];
  if (entries.length === 0) return null;
  return h('dl', { class: 'params', 'data-testid': 'run-parameters' },
    entries.map(([name, value]) => h('div', { 'data-param': name },
      h('dt', { class: 'mono' }, name), h('dd', { class: 'mono' }, showValue(value)))));
}
