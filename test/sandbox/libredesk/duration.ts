/**
 * Go's `time.ParseDuration` (§5.4 `snoozed_until`): an optional sign, then one or more `<number><unit>` with
 * units ns, us (µs, μs), ms, s, m, h; decimals allowed (`1.5h`); the lone string "0" is zero. No `d`.
 * Returns nanoseconds, or `undefined` when Go would fail.
 */
const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

export function parseGoDuration(text: string): number | undefined {
	let rest = text;
	let sign = 1;
	if (rest.startsWith('-') || rest.startsWith('+')) {
		if (rest[0] === '-') sign = -1;
		rest = rest.slice(1);
	}
	if (rest === '0') return 0;
	if (rest === '') return undefined;
	let total = 0;
	const term = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;
	while (rest.length > 0) {
		const match = term.exec(rest);
		if (!match || (match[1] === '' && (match[2] ?? '') === '')) return undefined;
		total += Number(`${match[1] || '0'}.${match[2] ?? ''}`.replace(/\.$/, '')) * UNITS[match[3]];
		rest = rest.slice(match[0].length);
	}
	return sign * total;
}
