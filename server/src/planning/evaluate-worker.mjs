// A worker thread of evaluate-pool.ts: keeps its share of the facilities (whole settlements) between
// runs, so its option memo (option-memo.ts) stays warm, and answers each run with the figure columns.
// Plain JavaScript that loads the TypeScript through tsx: a worker does not inherit the parent's
// loader everywhere (the test runner's, for one).
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { evaluateFigures } = await tsImport('./evaluate-share.ts', import.meta.url);
const { packColumns } = await tsImport('./figure-transfer.ts', import.meta.url);
let inputs = [];
parentPort.on('message', (m) => {
  try {
    if (m.inputs) inputs = m.inputs;
    // Typed arrays handed over, not the columns copied value by value (figure-transfer.ts).
    const { columns, transfer } = packColumns(evaluateFigures(inputs, m.parameters));
    parentPort.postMessage({ id: m.id, figures: columns }, transfer);
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});
