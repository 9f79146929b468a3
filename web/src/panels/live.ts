// Live site status over server-sent events (GET /api/sites/events, event `status`). EventSource
// reconnects by itself; the indicator says when updates are paused.
export type StatusEvent = { siteId: string; status: string; at?: string };

export function connectLive(onStatus: (e: StatusEvent) => void, onState: (live: boolean) => void): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource('/api/sites/events');
  source.addEventListener('open', () => onState(true));
  source.addEventListener('error', () => {
    onState(false);
    // A server without monitoring answers 404: stop retrying instead of polling it forever.
    if (source.readyState === EventSource.CLOSED) source.close();
  });
  source.addEventListener('status', (ev) => {
    try {
      const data = JSON.parse((ev as MessageEvent<string>).data) as StatusEvent;
      if (data && typeof data.siteId === 'string' && typeof data.status === 'string') onStatus(data);
    } catch {
      /* a malformed event is ignored; the next one carries the full status again */
    }
  });
  return () => source.close();
}
