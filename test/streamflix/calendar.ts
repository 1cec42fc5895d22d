/** ISO date strings (YYYY-MM-DD) compare correctly as text; these helpers move between months. */
export function monthOf(isoDate: string): string {
  return `${isoDate.slice(0, 7)}-01`;
}

export function addMonths(monthStart: string, months: number): string {
  const year = Number(monthStart.slice(0, 4));
  const index = Number(monthStart.slice(5, 7)) - 1 + months;
  const targetYear = year + Math.floor(index / 12);
  const targetMonth = (((index % 12) + 12) % 12) + 1;
  return `${targetYear}-${String(targetMonth).padStart(2, '0')}-01`;
}

export function lastDayOf(monthStart: string): string {
  const year = Number(monthStart.slice(0, 4));
  const month = Number(monthStart.slice(5, 7));
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${monthStart.slice(0, 8)}${String(day).padStart(2, '0')}`;
}
