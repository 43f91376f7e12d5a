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

// The exact sum of decimal amounts as the API writes them ("1200.00", "845.5"), or null when one of them is
// not such an amount (the server says what is wrong with it). For a running total on a form only: the server
// does the book's arithmetic.
export function sumAmounts(amounts: string[]): string | null {
  let scale = 0;
  for (const text of amounts) {
    if (!/^\d+(\.\d+)?$/.test(text.trim())) return null;
    scale = Math.max(scale, text.trim().split('.')[1]?.length ?? 0);
  }
  let total = 0n;
  for (const text of amounts) {
    const [whole, part = ''] = text.trim().split('.');
    total += BigInt(whole + part.padEnd(scale, '0'));
  }
  const digits = total.toString().padStart(scale + 1, '0');
  return scale === 0 ? digits : digits.slice(0, -scale) + '.' + digits.slice(-scale);
}

// Today's date in the browser's zone as YYYY-MM-DD (a form's default; the book's business date is better when
// the page has it).
export function isoDate(at: Date = new Date()): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}
