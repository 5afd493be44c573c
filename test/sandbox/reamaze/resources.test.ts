import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AGENT_TOKENS, type Sandbox, startSandbox } from './index.ts';
import { client } from './test-client.ts';

let sb: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
	sb = await startSandbox();
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const lee = { email: 'lee@acme.test', token: AGENT_TOKENS.lee };
const sam = { email: 'sam@acme.test', token: AGENT_TOKENS.sam };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('staff (§2.7)', () => {
	it('lists staff by created_at with roles, and creates staff', async () => {
		const list = await api.get('/staff');
		expect(list.body.staff.map((s: { email: string }) => s.email)).toEqual(['owner@acme.test', 'sam@acme.test', 'priya@acme.test', 'lee@acme.test']);
		expect(list.body.staff[3].role).toMatchObject({ name: 'Limited Agent', permissions: { 'access_reports?': false } });
		const created = await api.post('/staff', { staff: { name: 'New Agent', email: 'new@acme.test' } });
		expect(created.body).toMatchObject({ name: 'New Agent', email: 'new@acme.test', role: { name: 'Agent' } });
		expect((await api.get('/staff')).body.total_count).toBe(5);
		expect((await api.get('/channels', { auth: { email: 'new@acme.test', token: '' } })).status).toBe(403);
	});

	it('answers 422 for missing fields and a taken email', async () => {
		expect((await api.post('/staff', { staff: { email: 'x' } })).body).toEqual({ errors: { name: ["can't be blank"], email: ['is not a valid email address'] } });
		expect((await api.post('/staff', { staff: { name: 'Dup', email: 'SAM@acme.test' } })).body).toEqual({ errors: { email: ['has already been taken'] } });
	});
});

describe('channels (§2.8)', () => {
	it('answers {total_count, channels} and the bare channel', async () => {
		const list = await api.get('/channels');
		expect(Object.keys(list.body)).toEqual(['total_count', 'channels']);
		expect(list.body.channels.map((c: { slug: string; channel: number }) => [c.slug, c.channel])).toEqual([['support', 1], ['sales', 1], ['chat', 6], ['sms', 9]]);
		expect((await api.get('/channels?channel=6')).body.channels.map((c: { slug: string }) => c.slug)).toEqual(['chat']);
		const one = await api.get('/channels/support');
		expect(one.body).toMatchObject({ slug: 'support', email: 'support@acme.test', brand: { name: 'Acme', url: 'https://acme.reamaze.io' } });
		expect((await api.get('/channels/nope')).status).toBe(404);
	});
});

describe('articles (§2.9)', () => {
	it('lists with q and status, reads, creates under a topic and updates', async () => {
		const all = await api.get('/articles');
		expect(all.body).toMatchObject({ page_size: 30, total_count: 12 });
		expect((await api.get('/articles?status=2')).body.articles.map((a: { title: string }) => a.title).sort()).toEqual(['Handling chargebacks', 'Lost package procedure']);
		expect((await api.get('/articles?q=REFUND')).body.articles.map((a: { slug: string }) => a.slug)).toEqual(['refund-policy']);
		expect((await api.get('/topics/billing/articles')).body.total_count).toBe(4);
		const created = await api.post('/topics/billing/articles', { article: { title: 'Refund policy', body: 'Dup title', status: 1 } });
		expect(created.body).toMatchObject({ slug: 'refund-policy-1', status: 1, topic: { slug: 'billing', name: 'Billing & payments' }, author: { email: 'owner@acme.test' } });
		const updated = await api.put('/articles/refund-policy-1', { article: { status: 0, title: 'Refunds v2' } });
		expect(updated.body).toMatchObject({ slug: 'refund-policy-1', status: 0, title: 'Refunds v2' });
		expect((await api.get('/articles/refund-policy-1')).body.title).toBe('Refunds v2');
	});

	it('answers 404 for unknown topics and articles, 422 for bad bodies', async () => {
		expect((await api.post('/topics/nope/articles', { article: { title: 't', body: 'b' } })).status).toBe(404);
		expect((await api.get('/articles/nope')).status).toBe(404);
		expect((await api.post('/topics/billing/articles', { article: { body: 'b', status: 7 } })).body).toEqual({
			errors: { title: ["can't be blank"], status: ['is not included in the list'] },
		});
	});
});

describe('response templates (§2.10)', () => {
	it('answers {response_templates} with no counts and shows personal templates only to their owner', async () => {
		const owner = await api.get('/response_templates');
		expect(Object.keys(owner.body)).toEqual(['response_templates']);
		const ownerNames = owner.body.response_templates.map((t: { name: string }) => t.name);
		expect(ownerNames).toContain('My signature');
		expect(ownerNames).not.toContain('Sam quick reply');
		expect(ownerNames).toHaveLength(9);
		expect((await api.get('/response_templates?q=refund')).body.response_templates).toEqual([
			{ id: expect.any(Number), name: 'Refund issued', body: expect.stringContaining('refund'), response_template_group: { id: expect.any(Number), name: 'Billing' } },
		]);
		expect((await api.get('/response_templates?page=2')).body).toEqual({ response_templates: [] });
	});

	it('creates, reads and updates a template', async () => {
		const created = await api.post('/response_templates', { response_template: { name: 'Mine', body: 'Hello', is_personal: 1 } });
		expect(created.body).toEqual({ id: expect.any(Number), name: 'Mine', body: 'Hello', response_template_group: null });
		expect((await api.get(`/response_templates/${created.body.id}`, { auth: sam })).status).toBe(404);
		const updated = await api.put(`/response_templates/${created.body.id}`, { response_template: { body: 'Hi', is_personal: false } });
		expect(updated.body.body).toBe('Hi');
		expect((await api.get(`/response_templates/${created.body.id}`, { auth: sam })).body.name).toBe('Mine');
		expect((await api.post('/response_templates', { response_template: { name: 'x', is_personal: 3 } })).body).toEqual({
			errors: { body: ["can't be blank"], is_personal: ['is not included in the list'] },
		});
	});
});

describe('reports (§2.11)', () => {
	it('default to the last 30 days and answer the documented shapes', async () => {
		const volume = await api.get('/reports/volume');
		expect(Object.keys(volume.body.conversation_counts)).toHaveLength(31);
		expect(volume.body.end_date).toBe(day(0));
		const counted = Object.values(volume.body.conversation_counts as Record<string, number>).reduce((a, b) => a + b, 0);
		const since = Date.parse(`${volume.body.start_date}T00:00:00Z`);
		const created = sb.state.conversations().filter((c) => c.createdAt >= Date.now() - 30 * 86_400_000).length;
		expect(counted).toBe(created);
		expect(since).toBeLessThanOrEqual(Date.now() - 30 * 86_400_000);
		const time = await api.get('/reports/response_time');
		expect(time.body.summary).toMatchObject({ averages: { in_range: expect.any(Number) }, trends: { last_7_days: { average: expect.any(Number) } }, ratio: { under_1_day: expect.any(Number) } });
		const staff = await api.get('/reports/staff');
		expect(Object.keys(staff.body.report).sort()).toEqual(['Lee Chen', 'Olivia Owner', 'Priya Patel', 'Sam Rivera']);
		expect(staff.body.report['Sam Rivera']).toHaveProperty('responses_trend');
		const tags = await api.get('/reports/tags');
		expect(Object.values(tags.body.tags as Record<string, number>).every((n) => n > 0)).toBe(true);
		const summary = await api.get('/reports/channel_summary');
		expect(Object.values(summary.body.channels).map((c: any) => c.category.channel_type_name)).toEqual(['Email', 'Email', 'Chat', 'SMS']);
	});

	it('count exactly what the range holds', async () => {
		const volume = await api.get(`/reports/volume?start_date=${day(-1)}&end_date=${day(-1)}`);
		const start = Date.parse(`${day(-1)}T00:00:00Z`);
		const expected = sb.state.conversations().filter((c) => c.createdAt >= start && c.createdAt < start + 86_400_000).length;
		expect(volume.body).toEqual({ conversation_counts: { [day(-1)]: expected }, start_date: day(-1), end_date: day(-1) });
	});

	const ranges: [string, string, number][] = [
		['one day (date-only end includes its day)', `start_date=2024-05-01&end_date=2024-05-01`, 200],
		['exactly one year', `start_date=2024-01-01&end_date=2024-12-31`, 200],
		['shorter than one day', `start_date=2024-05-01T00:00:00Z&end_date=2024-05-01T12:00:00Z`, 422],
		['end before start', `start_date=2024-05-02&end_date=2024-05-01`, 422],
		['longer than one year', `start_date=2024-01-01&end_date=2025-01-01`, 422],
		['an unparseable date', `start_date=last-week`, 422],
	];
	it.each(ranges)('validates the range: %s', async (_name, query, status) => {
		for (const report of ['volume', 'response_time', 'staff', 'tags', 'channel_summary']) {
			expect((await api.get(`/reports/${report}?${query}`)).status).toBe(status);
		}
	});
});

describe('satisfaction ratings (§2.12)', () => {
	it('answers 403 unless the role has access_reports', async () => {
		const denied = await api.get('/satisfaction_ratings', { auth: lee });
		expect(denied.status).toBe(403);
		expect((await api.get('/satisfaction_ratings', { auth: sam })).status).toBe(200);
	});

	it('pages and filters with string ids', async () => {
		const all = sb.state.ratings();
		const list = await api.get('/satisfaction_ratings');
		expect(list.body).toMatchObject({ page_size: 30, total_count: all.length, page_count: Math.ceil(all.length / 30) });
		expect(list.body.satisfaction_ratings[0]).toMatchObject({ id: expect.any(String), conversation_id: expect.any(String), user_id: expect.any(String) });
		expect((await api.get('/satisfaction_ratings?rating=5')).body.total_count).toBe(all.filter((r) => r.rating === 5).length);
		const samId = String(sb.state.staff[1].id);
		expect((await api.get(`/satisfaction_ratings?assignee_id=${samId}`)).body.total_count).toBe(all.filter((r) => String(r.assigneeId) === samId).length);
		const cut = Date.now() - 10 * 86_400_000;
		const after = await api.get(`/satisfaction_ratings?created_after=${new Date(cut).toISOString()}`);
		expect(after.body.total_count).toBe(all.filter((r) => r.createdAt > cut).length);
		expect((await api.get('/satisfaction_ratings?rating=9')).status).toBe(422);
	});
});

describe('status page (§2.13)', () => {
	it('lists incidents as a bare array, newest first, and the active ones', async () => {
		const list = await api.get('/incidents');
		expect(Array.isArray(list.body)).toBe(true);
		expect(list.body.map((i: { status: string }) => i.status)).toEqual(['investigating', 'monitoring', 'resolved']);
		expect((await api.get('/incidents/active')).body).toHaveLength(2);
		expect((await api.get(`/incidents/${list.body[2].id}`)).body.title).toBe('Delayed email delivery');
		expect((await api.get('/incidents/nope')).status).toBe(404);
	});

	it('creates and updates incidents, reflecting them on systems', async () => {
		const systems = (await api.get('/systems')).body;
		expect(systems.map((s: { title: string }) => s.title)).toEqual(['Website', 'API', 'Email delivery', 'Live chat']);
		const website = systems[0];
		expect(website).toMatchObject({ status: 'operational', active_incidents: [] });
		const created = await api.post('/incidents', {
			incident: { title: 'Site down', updates_attributes: [{ status: 'investigating', message: 'Looking' }], incidents_systems_attributes: [{ system_id: website.id, status: 'major_outage' }] },
		});
		expect(created.body).toMatchObject({ title: 'Site down', status: 'investigating', incidents_systems: [{ system_id: website.id, status: 'major_outage', system: { title: 'Website' } }] });
		expect((await api.get('/systems')).body[0].status).toBe('major_outage');
		const resolved = await api.put(`/incidents/${created.body.id}`, {
			incident: { updates_attributes: [{ status: 'resolved', message: 'Fixed' }], incidents_systems_attributes: [{ system_id: website.id, status: 'operational' }] },
		});
		expect(resolved.body.updates.map((u: { status: string }) => u.status)).toEqual(['investigating', 'resolved']);
		expect(resolved.body.incidents_systems).toHaveLength(1);
		expect((await api.get('/systems')).body[0]).toMatchObject({ status: 'operational', active_incidents: [] });
	});

	it('answers 422 for bad statuses, a missing title and unknown systems', async () => {
		expect((await api.post('/incidents', { incident: { title: 'x', updates_attributes: [{ status: 'panicking', message: 'm' }] } })).body).toEqual({
			errors: { 'updates.status': ['must be one of investigating, identified, monitoring, resolved'] },
		});
		expect((await api.post('/incidents', { incident: { title: 'x', incidents_systems_attributes: [{ system_id: 'x', status: 'down' }] } })).status).toBe(422);
		expect((await api.post('/incidents', { incident: { title: 'x', incidents_systems_attributes: [{ system_id: 'nope', status: 'operational' }] } })).body).toEqual({
			error: 'System not found: nope',
		});
		expect((await api.post('/incidents', { incident: { updates_attributes: [] } })).body).toEqual({ errors: { title: ["can't be blank"] } });
		expect(sb.state.incidents()).toHaveLength(3);
	});
});
