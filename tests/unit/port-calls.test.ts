// Calls over a message port (db/port-calls.ts), as the database threads, the write thread and the
// job thread's relay use them: a real MessageChannel, the far side answering by hand.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { portCalls } from '../../server/src/db/port-calls.ts';
import { StatementCancelled } from '../../server/src/db/statement-scope.ts';

describe('calls over a port', () => {
  const open: MessagePort[] = [];
  afterEach(() => {
    for (const p of open.splice(0)) p.close();
  });
  /** Our end, and the messages the far end received (it answers only when told to). */
  function channel() {
    const { port1, port2 } = new MessageChannel();
    open.push(port1, port2);
    const received: Record<string, unknown>[] = [];
    const arrived: (() => void)[] = [];
    port2.on('message', (m: Record<string, unknown>) => {
      received.push(m);
      arrived.splice(0).forEach((f) => f());
    });
    const next = (n: number) => new Promise<void>((resolve) => {
      const check = () => (received.length >= n ? resolve() : arrived.push(check));
      check();
    });
    return { calls: portCalls(port1), far: port2, received, next };
  }

  it('settles each call by its own reply, in whatever order the replies come', async () => {
    const { calls, far, received, next } = channel();
    const a = calls.send({ op: 'query', sql: 'a' });
    const b = calls.send({ op: 'query', sql: 'b' });
    await next(2);
    expect(received).toEqual([{ op: 'query', sql: 'a', id: 1 }, { op: 'query', sql: 'b', id: 2 }]);
    far.postMessage({ id: 2, ok: true, rows: ['B'] });
    far.postMessage({ ready: true }); // not a reply: ignored
    far.postMessage({ id: 1, ok: true, rows: ['A'] });
    expect(await a).toEqual(['A']);
    expect(await b).toEqual(['B']);
  });

  it('gives an error reply back as an Error with the database fields', async () => {
    const { calls, far, next } = channel();
    const a = calls.send({ op: 'query' });
    await next(1);
    far.postMessage({ id: 1, ok: false, error: { message: 'duplicate key', code: '23505', constraint: 't_pkey' } });
    const err = await a.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ message: 'duplicate key', code: '23505', constraint: 't_pkey' });
  });

  it('an abort fails the call at once, tells which id to drop, and its late reply is ignored', async () => {
    const { calls, far, received, next } = channel();
    const ac = new AbortController();
    const dropped: number[] = [];
    const a = calls.send({ op: 'query' }, ac.signal, (id) => dropped.push(id));
    const b = calls.send({ op: 'query' });
    await next(2);
    ac.abort(new StatementCancelled('client_gone'));
    await expect(a).rejects.toBeInstanceOf(StatementCancelled);
    expect(dropped).toEqual([1]);
    far.postMessage({ id: 1, ok: true, rows: ['late'] });
    far.postMessage({ id: 2, ok: true, rows: ['B'] });
    expect(await b).toEqual(['B']);
    // Already aborted: nothing is sent.
    await expect(calls.send({ op: 'query', sql: 'never' }, ac.signal)).rejects.toBeInstanceOf(StatementCancelled);
    // A call answered before its request ends is not dropped afterwards.
    const later = new AbortController();
    const c = calls.send({ op: 'query', sql: 'c' }, later.signal, (id) => dropped.push(id));
    await next(3);
    far.postMessage({ id: 3, ok: true, rows: ['C'] });
    expect(await c).toEqual(['C']);
    later.abort(new StatementCancelled('client_gone'));
    expect(dropped).toEqual([1]);
    expect(received.map((m) => m.sql)).toEqual([undefined, undefined, 'c']);
  });

  it('a call whose drop cannot be sent still fails as cancelled', async () => {
    const { calls, next } = channel();
    const ac = new AbortController();
    const a = calls.send({ op: 'query' }, ac.signal, () => {
      throw new Error('port closed');
    });
    await next(1);
    ac.abort(new StatementCancelled('time_budget'));
    await expect(a).rejects.toBeInstanceOf(StatementCancelled);
  });

  it('a message that cannot be copied fails its own call only', async () => {
    const { calls, far, received, next } = channel();
    await expect(calls.send({ op: 'query', params: [() => 1] })).rejects.toThrow();
    const b = calls.send({ op: 'query', sql: 'b' });
    await next(1);
    expect(received).toEqual([{ op: 'query', sql: 'b', id: 2 }]);
    far.postMessage({ id: 2, ok: true, rows: [] });
    expect(await b).toEqual([]);
  });

  it('once the thread is gone, waiting and later calls fail with the first cause', async () => {
    const { calls, next } = channel();
    const a = calls.send({ op: 'query' });
    await next(1);
    expect(calls.isDead()).toBe(false);
    calls.fail(new Error('the thread hit an error'));
    calls.fail(new Error('the thread stopped (exit 1)'));
    await expect(a).rejects.toThrow('the thread hit an error');
    await expect(calls.send({ op: 'query' })).rejects.toThrow('the thread hit an error');
    expect(calls.isDead()).toBe(true);
  });
});
