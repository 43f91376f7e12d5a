// How amounts, rates and dates read on the page. The API sends amounts as exact decimal strings; they are
// only ever formatted here, never added up (the server does the arithmetic).

const formatters = new Map<string, Intl.NumberFormat>();

export function money(amount: string | null | undefined, currency: string): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formatters.set(currency, formatter);
  }
  return formatter.format(Number(amount));
}

export function percent(rate: string | null | undefined): string {
  return rate === null || rate === undefined ? '—' : rate + ' %';
}

export function date(value: string | null | undefined): string {
  return value ?? '—';
}

export function words(code: string): string {
  return code.replaceAll('_', ' ');
}

export function instant(value: string): string {
  return value.replace('T', ' ').replace('Z', ' UTC');
}
