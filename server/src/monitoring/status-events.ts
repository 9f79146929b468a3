// In-process fan-out of site status changes (recordSamples → SSE). When the agent runs as a
// separate process its writes do not pass through here; the SSE route also watches site_state.
import { EventEmitter } from 'node:events';
import type { SiteStatus } from './rules/site-state.ts';

export type StatusChange = { siteId: string; status: SiteStatus; at: string };

export const siteStatusEvents = new EventEmitter<{ status: [StatusChange] }>();
siteStatusEvents.setMaxListeners(0); // one listener per open SSE connection
