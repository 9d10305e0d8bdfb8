// How numbers, dates and durations read on the page.

const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
});

export function formatDateTime(iso) {
  return dateTime.format(new Date(iso));
}

export function formatNumber(n) {
  return n.toLocaleString();
}

/** "+12" or "-100". */
export function formatSigned(n) {
  return n < 0 ? `-${formatNumber(-n)}` : `+${formatNumber(n)}`;
}

export function plural(n, one, many = `${one}s`) {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

export function formatDuration(startIso, endIso) {
  const minutes = Math.round((new Date(endIso) - new Date(startIso)) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${minutes / 60} h`;
}

/** One set as a player says it: "20 reps" or "45 s". */
export function formatAmount(set) {
  return set.seconds ? `${formatNumber(set.seconds)} s` : plural(set.reps, "rep");
}
