// The server backend's type parsers (type-parsers.ts's values), shared by its pool and by the
// connection a transaction on a thread of its own uses (server-thread-worker.mjs).
import pg from 'pg';
import { OID, parseInt8, parseNumeric } from './type-parsers.ts';

export const serverTypeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.int8) return parseInt8;
    if (oid === OID.numeric) return parseNumeric;
    return pg.types.getTypeParser(oid, format);
  },
};
