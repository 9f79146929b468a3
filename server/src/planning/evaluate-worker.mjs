// A worker thread of evaluate-pool.ts: keeps its share of the facilities (whole settlements) between
// runs (a run then sends only parameters), and answers each run with the figure columns.
// Plain JavaScript that loads the TypeScript through tsx: a worker does not inherit the parent's
// loader everywhere (the test runner's, for one).
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { evaluateFigures, evaluateFiguresInTurn, figureColumnsFor } = await tsImport('./evaluate-share.ts', import.meta.url);
const { packColumns, packRows } = await tsImport('./figure-transfer.ts', import.meta.url);
let inputs = [];
parentPort.on('message', async (m) => {
  try {
    if (m.inputs) inputs = m.inputs;
    if (m.every) {
      // Each slice's rows sent as soon as they are evaluated (evaluate-pool.ts evaluateInThreadsInTurn).
      const out = figureColumnsFor(inputs.length);
      await evaluateFiguresInTurn(inputs, m.parameters, out, m.every, async (rows) => {
        const { columns, transfer } = packRows(out, rows);
        const at = Uint32Array.from(rows);
        parentPort.postMessage({ id: m.id, slice: { rows: at, figures: columns } }, [...transfer, at.buffer]);
      });
      parentPort.postMessage({ id: m.id, done: true });
      return;
    }
    // Typed arrays handed over, not the columns copied value by value (figure-transfer.ts).
    const { columns, transfer } = packColumns(evaluateFigures(inputs, m.parameters));
    parentPort.postMessage({ id: m.id, figures: columns }, transfer);
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});
