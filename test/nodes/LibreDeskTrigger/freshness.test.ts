import { describe, expect, it } from 'vitest';

import { checkFreshness, DEFAULT_MAX_AGE_SECONDS, parseTimestamp } from '../../../nodes/LibreDeskTrigger/freshness';

const now = Date.parse('2026-08-08T07:16:38Z');
const at = (offsetSeconds: number) => new Date(now + offsetSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('replay window (§12.3: the body\'s `timestamp` is the only freshness proof)', () => {
	it('defaults to five minutes', () => {
		expect(DEFAULT_MAX_AGE_SECONDS).toBe(300);
	});

	it('accepts deliveries up to the window on both sides of now', () => {
		for (const offset of [0, -1, -299, -300, 299, 300]) expect(checkFreshness(at(offset), now, 300), String(offset)).toEqual({ fresh: true });
	});

	it('refuses an older delivery as a replay', () => {
		expect(checkFreshness(at(-301), now, 300)).toEqual({
			fresh: false,
			stale: true,
			reason: 'the delivery is 301 s old; at most 300 s are accepted (replay protection)',
		});
		expect(checkFreshness(at(-3600), now, 300)).toMatchObject({ fresh: false, stale: true });
	});

	it('refuses a delivery dated too far in the future', () => {
		expect(checkFreshness(at(301), now, 300)).toEqual({
			fresh: false,
			stale: true,
			reason: "the delivery is dated 301 s in the future; at most 300 s are accepted (check both servers' clocks)",
		});
	});

	it('applies a configured window', () => {
		expect(checkFreshness(at(-61), now, 60)).toMatchObject({ fresh: false, stale: true });
		expect(checkFreshness(at(-59), now, 60)).toEqual({ fresh: true });
	});

	it('0 turns the check off, even for a missing timestamp', () => {
		expect(checkFreshness(at(-86_400), now, 0)).toEqual({ fresh: true });
		expect(checkFreshness(undefined, now, 0)).toEqual({ fresh: true });
	});

	it('refuses a missing or non-RFC 3339 timestamp (not stale: malformed)', () => {
		for (const value of [undefined, null, 1786173398, '', '2026-08-08', 'yesterday', '2026-08-08 07:16:38', '2026-13-45T99:99:99Z']) {
			expect(checkFreshness(value, now, 300), String(value)).toEqual({ fresh: false, stale: false, reason: 'the delivery has no RFC 3339 "timestamp"' });
		}
	});

	it('reads offsets and fractions', () => {
		expect(parseTimestamp('2026-08-08T09:16:38+02:00')).toBe(now);
		expect(parseTimestamp('2026-08-08T07:16:38.250Z')).toBe(now + 250);
		expect(parseTimestamp('2026-08-08T07:16:38z')).toBe(now);
	});
});
