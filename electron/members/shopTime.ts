// The shop's wall clock. Sales, recharges and reports are filed under the shop's local
// date and hour (a 23:30 sale belongs to that day's 日结, whatever the PC's time zone is
// set to). China has one zone and no daylight saving, so a fixed offset is exact; it is
// configurable for tests and for shops elsewhere.

/** China Standard Time, UTC+8. */
export const CHINA_UTC_OFFSET_MINUTES = 480;

export interface ShopClock {
  now(): Date;
  utcOffsetMinutes: number;
}

export function makeShopClock(now?: () => Date, utcOffsetMinutes = CHINA_UTC_OFFSET_MINUTES): ShopClock {
  return { now: now ?? (() => new Date()), utcOffsetMinutes };
}

/** 'YYYY-MM-DDTHH:MM:SS' in shop time: sorts as text, and its first 10 chars are the business day. */
export function shopLocalStamp(at: Date, utcOffsetMinutes: number): string {
  return new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
}

export function businessDayOf(at: Date, utcOffsetMinutes: number): string {
  return shopLocalStamp(at, utcOffsetMinutes).slice(0, 10);
}

/** The UTC instants [start, end) of a business day, for range queries on ISO columns. */
export function businessDayBounds(day: string, utcOffsetMinutes: number): { from: string; to: string } {
  const start = Date.parse(`${day}T00:00:00.000Z`) - utcOffsetMinutes * 60_000;
  return { from: new Date(start).toISOString(), to: new Date(start + 86_400_000).toISOString() };
}
