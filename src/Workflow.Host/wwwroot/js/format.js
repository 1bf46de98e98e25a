// Formatting of times, durations, statuses and schedules, shared by all views.

import { h } from './dom.js';

/** Parses an API duration ("5m", "1h30m", "00:05:00", "PT5M") to seconds; null when absent or unknown. */
export function parseDuration(value) {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return value;
  const text = String(value).trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  let m = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(text);
  if (m) return (m[1] ? -1 : 1) * ((+(m[2] ?? 0)) * 86400 + (+m[3]) * 3600 + (+m[4]) * 60 + (+m[5]));
  m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(text);
  if (m) return (+(m[1] ?? 0)) * 86400 + (+(m[2] ?? 0)) * 3600 + (+(m[3] ?? 0)) * 60 + (+(m[4] ?? 0));
  const units = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  let total = 0;
  let any = false;
  for (const part of text.matchAll(/([\d.]+)\s*(ms|s|m|h|d|w)/g)) {
    total += Number(part[1]) * units[part[2]];
    any = true;
  }
  return any ? total : null;
}

/** Seconds as a short human duration: 850ms, 42s, 3m 05s, 2h 10m, 3d 4h. */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '—';
  if (seconds < 1) return `${Math.max(0, Math.round(seconds * 1000))}ms`;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1).replace(/\.0$/, '') : Math.round(seconds)}s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

export function toMillis(value) {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Seconds between two API timestamps; a missing end means "until now". */
export function secondsBetween(start, end, now = Date.now()) {
  const a = toMillis(start);
  if (a === null) return null;
  const b = toMillis(end) ?? now;
  return Math.max(0, (b - a) / 1000);
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
});
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A timestamp in the browser's zone; today's show only the time. The full ISO value is in the tooltip. */
export function formatTime(value) {
  const ms = toMillis(value);
  if (ms === null) return '—';
  const date = new Date(ms);
  const today = new Date();
  return date.toDateString() === today.toDateString() ? timeOnly.format(date) : dateTime.format(date);
}

export function timeCell(value) {
  return h('time', { datetime: value ?? undefined, title: value ?? undefined }, formatTime(value));
}

/** "in 3m", "5m ago". */
export function relative(value, now = Date.now()) {
  const ms = toMillis(value);
  if (ms === null) return '';
  const delta = (ms - now) / 1000;
  return delta >= 0 ? `in ${formatDuration(delta)}` : `${formatDuration(-delta)} ago`;
}

const STATUS_LABELS = { 'retry-wait': 'retry wait' };

/** A coloured status pill; the status word is always written out, colour is never the only cue. */
export function statusBadge(status) {
  const value = status ?? 'unknown';
  return h('span', { class: `badge status-${value}`, 'data-status': value }, STATUS_LABELS[value] ?? value);
}

export const ACTIVE_RUN = new Set(['queued', 'running', 'suspended']);
export const ACTIVE_TASK = new Set(['pending', 'running', 'retry-wait']);

/** One schedule as a short sentence: "cron 0 2 * * * (Europe/Berlin)", "every 5m", "once at …". */
export function describeSchedule(schedule) {
  const zone = schedule.timeZone && schedule.timeZone !== 'UTC' ? schedule.timeZone : 'UTC';
  let text;
  switch (schedule.kind ?? 'cron') {
    case 'interval': text = `every ${schedule.every ?? '?'}`; break;
    case 'once': text = `once at ${formatTime(schedule.at)}`; break;
    default: text = `${schedule.cron ?? '?'} (${zone})`;
  }
  return schedule.name ? `${schedule.name}: ${text}` : text;
}

/** Kebab-case API words as a label: "sla-at-risk" → "SLA at risk". */
export function humanize(value) {
  if (!value) return '';
  const text = String(value).replace(/-/g, ' ');
  return text.replace(/\bsla\b/i, 'SLA').replace(/^\w/, c => c.toUpperCase());
}
