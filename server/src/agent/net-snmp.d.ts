// Types for the part of net-snmp 3.x that Baylanys uses (the package ships none). Only
// snmp-client.ts (poller side) and simulator/snmp-device.ts (device side) import the module.
declare module 'net-snmp' {
  import type { EventEmitter } from 'node:events';

  export type RawVarbind = { oid: string; type: number; value: unknown };

  export interface Session extends EventEmitter {
    get(oids: string[], cb: (error: Error | null, varbinds: RawVarbind[]) => void): void;
    subtree(
      oid: string,
      maxRepetitions: number,
      feed: (varbinds: RawVarbind[]) => boolean | void,
      done: (error: Error | null) => void,
    ): void;
    close(): void;
  }

  export type V3User = {
    name: string;
    level: number;
    authProtocol?: number;
    authKey?: string;
    privProtocol?: number;
    privKey?: string;
  };

  export type SessionOptions = {
    port?: number;
    retries?: number;
    timeout?: number;
    backoff?: number;
    transport?: 'udp4' | 'udp6';
    version?: number;
    idBitsSize?: 16 | 32;
    dgramModule?: unknown;
  };

  export interface MibRequest {
    oid: string;
    operation: number;
    instanceNode: { value: unknown };
    done(error?: { errorStatus: number }): void;
  }

  export type ProviderDefinition = {
    name: string;
    type: number;
    oid: string;
    scalarType?: number;
    maxAccess: number;
    tableColumns?: { number: number; name: string; type: number; maxAccess: number }[];
    tableIndex?: { columnName: string }[];
    tableAugments?: string;
    handler?: (req: MibRequest) => void;
  };

  export interface Mib {
    registerProvider(def: ProviderDefinition): void;
    setScalarValue(name: string, value: unknown): void;
    addTableRow(name: string, row: unknown[]): void;
  }

  export interface Authorizer {
    addCommunity(community: string): void;
    addUser(user: V3User): void;
  }

  export interface Agent {
    getMib(): Mib;
    getAuthorizer(): Authorizer;
    close(cb?: () => void): void;
  }

  export type AgentOptions = {
    port: number;
    address?: string | null;
    transport?: 'udp4';
    disableAuthorization?: boolean;
    engineID?: string;
    dgramModule?: unknown;
  };

  class RequestTimedOutError extends Error {
    readonly timedOut: true;
  }
  class ResponseInvalidError extends Error {
    readonly code: number;
  }
  class RequestFailedError extends Error {
    readonly status: number;
  }

  const snmp: {
    Version1: number;
    Version2c: number;
    Version3: number;
    SecurityLevel: { noAuthNoPriv: number; authNoPriv: number; authPriv: number };
    AuthProtocols: { md5: number; sha: number; sha256: number };
    PrivProtocols: { des: number; aes: number; aes256b: number; aes256r: number };
    ObjectType: Record<string, number>;
    MibProviderType: { Scalar: number; Table: number };
    MaxAccess: Record<string, number>;
    ErrorStatus: Record<string, number>;
    ResponseInvalidCode: Record<string, number>;
    RequestTimedOutError: typeof RequestTimedOutError;
    ResponseInvalidError: typeof ResponseInvalidError;
    RequestFailedError: typeof RequestFailedError;
    createSession(target: string, community: string, options: SessionOptions): Session;
    createV3Session(target: string, user: V3User, options: SessionOptions): Session;
    createAgent(options: AgentOptions, callback: (error: Error | null, data: unknown) => void): Agent;
  };
  export default snmp;
}
