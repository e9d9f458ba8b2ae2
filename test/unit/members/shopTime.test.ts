import { describe, expect, it } from 'vitest';
import { businessDayBounds, businessDayOf, shopLocalStamp } from '../../../electron/members/shopTime.js';

describe('shop time', () => {
  it('files a 23:30 Beijing sale under that day, whatever the UTC date', () => {
    const at = new Date('2025-03-10T15:30:00.000Z'); // 23:30 in Beijing
    expect(businessDayOf(at, 480)).toBe('2025-03-10');
    expect(shopLocalStamp(at, 480)).toBe('2025-03-10T23:30:00');
    expect(businessDayOf(new Date('2025-03-10T16:00:00.000Z'), 480)).toBe('2025-03-11');
  });

  it('a business day is the 24 hours from local midnight', () => {
    expect(businessDayBounds('2025-03-10', 480)).toEqual({ from: '2025-03-09T16:00:00.000Z', to: '2025-03-10T16:00:00.000Z' });
    expect(businessDayBounds('2025-03-10', 0)).toEqual({ from: '2025-03-10T00:00:00.000Z', to: '2025-03-11T00:00:00.000Z' });
  });
});
