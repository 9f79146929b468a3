// The human-readable import report printed by the CLI. Pure: report in, text out.
import path from 'node:path';
import { formatImportError } from './errors.ts';
import type { ImportReport } from './import-layer.ts';

export function formatReport(r: ImportReport): string {
  const lines: string[] = [];
  const file = path.basename(r.file);
  const mode = r.dryRun ? ' (dry run: nothing is written)' : '';
  lines.push(`Import of ${file} into layer ${r.layer}${mode}`);
  lines.push(`  dataset ${r.dataset.id} — ${r.dataset.title}; licence: ${r.dataset.licence}; provenance: ${r.dataset.provenance}`);
  lines.push(`  read ${r.read}, valid ${r.valid}, invalid ${r.invalid}`);
  const would = r.dryRun || !r.written ? 'would ' : '';
  if (r.repaired) lines.push(`  ${r.repaired} invalid geometr${r.repaired === 1 ? 'y' : 'ies'} repaired with ST_MakeValid (see properties.geometry_repaired)`);
  lines.push(`  ${would}insert ${r.inserted}, ${would}update ${r.updated}, unchanged ${r.unchanged}`);
  if (r.written) {
    lines.push(r.layerVersion !== null ? `  written; layer ${r.layer} is now at version ${r.layerVersion}` : '  written; nothing changed, layer version kept');
  } else if (!r.dryRun) {
    const hint = r.errorCount && !r.skipInvalid && r.valid > 0 ? '; --skip-invalid writes the valid rows only' : '';
    lines.push(`  NOTHING WRITTEN: ${r.errorCount} error(s), the import was rolled back${hint}`);
  }
  if (r.attachment) {
    const a = r.attachment;
    lines.push(`  facilities without a settlement: ${a.attached} attached to the nearest within 3 km, ${a.orphans} orphan(s)` +
      (a.orphans ? ` (${a.orphanIds.slice(0, 5).join(', ')}${a.orphans > 5 ? ', …' : ''})` : ''));
  }
  if (r.dataset.licence === 'unspecified') lines.push('  note: no --licence given; the dataset records the licence as "unspecified"');
  if (r.errorCount) {
    lines.push(r.moreErrors ? `Errors (first ${r.errors.length} of ${r.errorCount}):` : `Errors (${r.errorCount}):`);
    for (const e of r.errors) lines.push(`  ${formatImportError(e)}`);
    if (r.moreErrors) lines.push(`  … and ${r.moreErrors} more error(s) not listed`);
  }
  lines.push(`  took ${(r.durationMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}
