// minewatch in a language other than English: numbers, dates and country names written by the
// browser's Intl. index.html imports this only for such a page (its messages are compiled into
// that language's widget); the widget awaits `window.minewatchLocale`, the formats below.

const LOCALES = { ru: 'ru-RU', kk: 'kk-KZ', zh: 'zh-CN', fa: 'fa-IR' };
const DAY = 86400;

/** Intl's formats for `lang` (ru, kk, zh or fa), made once each. */
export function formats(lang) {
  const locale = LOCALES[lang];
  // A browser without the language's data writes January as "M01" (ICU's root locale): then
  // numbers take Russian as written in Kazakhstan (the same separators) and months are numbers.
  const supported = new Intl.DateTimeFormat(locale, { month: 'short' }).format(0) !== 'M01';
  const tag = supported ? locale : 'ru-KZ';
  // Persian dates are Solar Hijri with the Gregorian date beside them; months of published
  // shares and the times on the charts stay Gregorian, as the data are.
  const twoCalendars = lang === 'fa';
  const gregorian = twoCalendars ? `${tag}-u-ca-gregory` : tag;
  const month = supported ? 'short' : '2-digit';
  const made = new Map();
  const made1 = (key, make) => {
    if (!made.has(key)) made.set(key, make());
    return made.get(key);
  };
  const utc = { timeZone: 'UTC' };
  const dateOptions = {
    Day: { ...utc, day: 'numeric', month, year: 'numeric' },
    AxisDay: { ...utc, day: 'numeric', month, year: 'numeric' },
    DayMonth: { ...utc, day: 'numeric', month },
    MonthName: { ...utc, month },
    Month: { ...utc, month, year: 'numeric' },
    Numeric: { ...utc, year: 'numeric', month: '2-digit', day: '2-digit' },
    NumericTime: { ...utc, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  };
  const dateIn = (calendarTag, style, t) =>
    made1(`${calendarTag} ${style}`, () => new Intl.DateTimeFormat(calendarTag, dateOptions[style])).format(t * 1000);
  const spanIn = (calendarTag, first, last) => {
    if (first === last) return dateIn(calendarTag, 'Day', first);
    const format = made1(`${calendarTag} span`, () => new Intl.DateTimeFormat(calendarTag, dateOptions.Day));
    return format.formatRange(first * 1000, last * 1000);
  };
  const names = supported ? new Intl.DisplayNames([locale], { type: 'region' }) : null;
  return {
    number: (x, digits) => made1(`n${digits}`, () => new Intl.NumberFormat(tag, {
      minimumFractionDigits: digits, maximumFractionDigits: digits,
    })).format(x),
    percent: (fraction, digits, signed) => made1(`p${digits}${signed}`, () => new Intl.NumberFormat(tag, {
      style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits,
      signDisplay: signed ? 'exceptZero' : 'auto',
    })).format(fraction),
    date: (t, style) => {
      if (twoCalendars && style === 'Day') return `${dateIn(tag, style, t)} (${dateIn(gregorian, style, t)})`;
      return dateIn(twoCalendars ? gregorian : tag, style, t);
    },
    daySpan: (start, end) => {
      const last = Math.max(start, end - DAY);
      if (twoCalendars) return `${spanIn(tag, start, last)} (${spanIn(gregorian, start, last)})`;
      return spanIn(tag, start, last);
    },
    country: (code) => (names ? names.of(code) : null) ?? null,
  };
}
