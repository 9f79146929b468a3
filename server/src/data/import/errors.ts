// Import problems are values, not exceptions: a code a program can match, the place (file, feature
// or row, id, field) and a reason a user can act on. The collector keeps the first N and counts the rest.
export const IMPORT_ERROR_CODES = [
  'file_not_found',
  'unsupported_format',
  'bad_encoding',
  'invalid_json',
  'not_feature_collection',
  'invalid_feature',
  'csv_syntax',
  'csv_column_count',
  'missing_column',
  'missing_id',
  'duplicate_id',
  'missing_field',
  'not_a_number',
  'not_an_integer',
  'not_a_boolean',
  'below_minimum',
  'value_not_allowed',
  'geometry_missing',
  'geometry_type',
  'geometry_empty',
  'geometry_malformed',
  'geometry_invalid',
  'coordinates_out_of_range',
  'coordinates_swapped',
  'outside_extent',
  'dataset_conflict',
  'id_in_other_dataset',
  'no_features',
  'unsupported_crs',
  'nul_character',
  'too_deeply_nested',
  'database',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export type ImportError = {
  code: ImportErrorCode;
  /** File name as given (base name in messages). */
  file: string;
  /** 'feature' (GeoJSON, 1-based index in `features`) or 'row' (CSV data row, 1-based). */
  unit?: 'feature' | 'row';
  index?: number;
  /** Line (and column) in the file when known: CSV rows, JSON syntax errors. */
  line?: number;
  column?: number;
  /** Byte offset in the (decompressed) file, for encoding errors. */
  byteOffset?: number;
  id?: string;
  field?: string;
  reason: string;
};

export function formatImportError(e: ImportError): string {
  const base = e.file.split(/[\\/]/).pop() ?? e.file;
  let place = base;
  if (e.unit && e.index !== undefined) place += ` ${e.unit} #${e.index}`;
  if (e.id !== undefined) place += ` (id=${e.id})`;
  const at: string[] = [];
  if (e.line !== undefined) at.push(e.column !== undefined ? `line ${e.line}, column ${e.column}` : `line ${e.line}`);
  if (e.byteOffset !== undefined) at.push(`byte ${e.byteOffset}`);
  if (at.length) place += ` (${at.join(', ')})`;
  return `${place}: ${e.field ? `${e.field}: ` : ''}${e.reason} [${e.code}]`;
}

export class ErrorCollector {
  readonly list: ImportError[] = [];
  private total = 0;
  constructor(readonly limit = 100) {}

  add(e: ImportError): void {
    this.total += 1;
    if (this.list.length < this.limit) this.list.push(e);
  }
  get count(): number {
    return this.total;
  }
  /** Errors counted but not kept. */
  get more(): number {
    return this.total - this.list.length;
  }
}

/** Thrown for problems that stop reading the file (syntax, encoding); the importer turns it into a value. */
export class FatalImportError extends Error {
  constructor(readonly error: ImportError) {
    super(formatImportError(error));
    this.name = 'FatalImportError';
  }
}
