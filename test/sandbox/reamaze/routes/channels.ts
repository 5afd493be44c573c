/** §2.8 channels: `{total_count, channels}` with no page fields, and the bare channel by slug. */
import { notFound } from '../errors.ts';
import { route } from '../router.ts';
import { channelView } from '../views.ts';

export const channelRoutes = [
	route('GET', '/channels', (ctx) => {
		// §2.8: the Slates client filters with `?channel=<type>` [UNCERTAIN]; honouring it costs nothing.
		const type = ctx.query.get('channel');
		const channels = ctx.state.channels(ctx.brand.name).filter((c) => type === undefined || String(c.channel) === type);
		return { total_count: channels.length, channels: channels.map((c) => channelView(ctx.state, c)) };
	}),
	route('GET', '/channels/:slug', (ctx) => {
		const channel = ctx.state.channel(ctx.brand.name, ctx.params.slug);
		if (!channel) throw notFound(`Channel not found: ${ctx.params.slug}`);
		return channelView(ctx.state, channel);
	}),
];
