/** §2.13 status page: incidents (bare arrays, per the Go model) and systems; IDs are UUID strings. */
import { notFound, refuse } from '../errors.ts';
import { inOrder } from '../query.ts';
import { route, type RouteContext } from '../router.ts';
import type { SandboxState } from '../state.ts';
import { iso } from '../time.ts';
import type { Incident, IncidentSystem, IncidentUpdate, StatusSystem } from '../types.ts';
import { isObject, type Json, Validation, wrapped } from '../validate.ts';

const UPDATE_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'];
const SYSTEM_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'];

/** An incident's status is its latest update's. */
function incidentStatus(incident: Incident): string {
	return incident.updates[incident.updates.length - 1]?.status ?? 'investigating';
}

const isActive = (incident: Incident): boolean => incidentStatus(incident) !== 'resolved';

function incidentView(state: SandboxState, incident: Incident): Record<string, unknown> {
	return {
		id: incident.id,
		title: incident.title,
		created_at: iso(incident.createdAt),
		updated_at: iso(incident.updatedAt),
		status: incidentStatus(incident),
		updates: incident.updates.map((u) => ({ id: u.id, status: u.status, message: u.message, created_at: iso(u.createdAt) })),
		incidents_systems: incident.systems.map((s) => {
			const system = state.db.systems.find((candidate) => candidate.id === s.systemId);
			return { id: s.id, system_id: s.systemId, status: s.status, system: system ? { id: system.id, title: system.title } : null };
		}),
	};
}

/** A system is as degraded as the latest active incident that names it says; otherwise operational. */
function systemView(state: SandboxState, system: StatusSystem): Record<string, unknown> {
	const active = state.incidents(system.brand).filter((i) => isActive(i) && i.systems.some((s) => s.systemId === system.id));
	const latest = active.sort((a, b) => b.updatedAt - a.updatedAt)[0];
	return {
		id: system.id,
		title: system.title,
		created_at: iso(system.createdAt),
		updated_at: iso(system.updatedAt),
		status: latest?.systems.find((s) => s.systemId === system.id)?.status ?? 'operational',
		active_incidents: active.map((i) => incidentView(state, i)),
	};
}

function incidentFromPath(ctx: RouteContext): Incident {
	const incident = ctx.state.incidents(ctx.brand.name).find((i) => i.id === ctx.params.id);
	if (!incident) throw notFound(`Incident not found: ${ctx.params.id}`);
	return incident;
}

interface IncidentInput {
	title?: string;
	updates: { status: string; message: string }[];
	systems: { id?: string; systemId: string; status: string }[];
}

/** `{incident: {title, updates_attributes: [{status, message}], incidents_systems_attributes: [{system_id, status}]}}` (§2.13). */
function readIncident(ctx: RouteContext, titleRequired: boolean): IncidentInput {
	const src = wrapped(ctx.body, 'incident');
	const v = new Validation();
	const title = titleRequired ? v.requiredString(src, 'title') : src.title === undefined ? undefined : v.requiredString(src, 'title');
	const list = (key: string): Json[] => {
		const value = src[key];
		if (value === undefined || value === null) return [];
		if (!Array.isArray(value) || !value.every(isObject)) {
			v.add(key, 'must be an array of hashes');
			return [];
		}
		return value;
	};
	const updates = list('updates_attributes').map((u) => {
		if (!UPDATE_STATUSES.includes(u.status as string)) v.add('updates.status', `must be one of ${UPDATE_STATUSES.join(', ')}`);
		const message = v.requiredString(u, 'message', 'updates.message');
		return { status: u.status as string, message: message ?? '' };
	});
	const systems = list('incidents_systems_attributes').map((s) => {
		if (!SYSTEM_STATUSES.includes(s.status as string)) v.add('incidents_systems.status', `must be one of ${SYSTEM_STATUSES.join(', ')}`);
		const systemId = v.requiredString(s, 'system_id', 'incidents_systems.system_id');
		return { id: typeof s.id === 'string' ? s.id : undefined, systemId: systemId ?? '', status: s.status as string };
	});
	v.done();
	for (const s of systems) {
		if (!ctx.state.systems(ctx.brand.name).some((system) => system.id === s.systemId)) throw refuse(`System not found: ${s.systemId}`);
	}
	return { title, updates, systems };
}

/** Rails nested attributes: updates are appended; a system entry with a known `id` or `system_id` is updated in place. */
function applyIncident(state: SandboxState, incident: Incident, input: IncidentInput, now: number): void {
	if (input.title !== undefined) incident.title = input.title;
	for (const u of input.updates) {
		const update: IncidentUpdate = { id: state.uuid(), status: u.status, message: u.message, createdAt: now };
		incident.updates.push(update);
	}
	for (const s of input.systems) {
		const existing = incident.systems.find((e) => e.id === s.id || e.systemId === s.systemId);
		if (existing) existing.status = s.status;
		else {
			const entry: IncidentSystem = { id: state.uuid(), systemId: s.systemId, status: s.status };
			incident.systems.push(entry);
		}
	}
	incident.updatedAt = now;
}

function create(ctx: RouteContext): unknown {
	const { state } = ctx;
	const input = readIncident(ctx, true);
	const now = state.tick();
	const incident: Incident = { id: state.uuid(), brand: ctx.brand.name, title: '', createdAt: now, updatedAt: now, updates: [], systems: [] };
	applyIncident(state, incident, input, now);
	state.db.incidents.push(incident);
	return incidentView(state, incident);
}

function update(ctx: RouteContext): unknown {
	const incident = incidentFromPath(ctx);
	applyIncident(ctx.state, incident, readIncident(ctx, false), ctx.state.tick());
	return incidentView(ctx.state, incident);
}

function incidents(ctx: RouteContext, filter: (incident: Incident) => boolean): unknown[] {
	const sorted = ctx.state
		.incidents(ctx.brand.name)
		.filter(filter)
		.sort((a, b) => b.createdAt - a.createdAt);
	return inOrder(sorted, ctx.query).map((i) => incidentView(ctx.state, i));
}

export const statusPageRoutes = [
	route('GET', '/incidents', (ctx) => incidents(ctx, () => true)),
	// §2.2 table: `/incidents/active` comes from the Slates client only [UNCERTAIN]; it must precede `/incidents/:id`.
	route('GET', '/incidents/active', (ctx) => incidents(ctx, isActive)),
	route('GET', '/incidents/:id', (ctx) => incidentView(ctx.state, incidentFromPath(ctx))),
	route('POST', '/incidents', create),
	route('PUT', '/incidents/:id', update),
	route('GET', '/systems', (ctx) => ctx.state.systems(ctx.brand.name).map((s) => systemView(ctx.state, s))),
];
