/**
 * Running queued Office.js operations in syncs that Excel on the web accepts:
 *   - operations are packed greedily into batches under the byte budget (estimates from
 *     payload.ts REQUEST_BYTES, calibrated against Microsoft's client runtime);
 *   - before each batch the event loop gets a turn (a macrotask), so building the requests of a
 *     large write never blocks the task pane (and the custom functions sharing its runtime) for
 *     long;
 *   - when Excel still refuses a request for its size (`RequestPayloadSizeLimitExceeded`, nothing
 *     of it applied), the batch is split in two and each half retried; a single operation that
 *     can split itself (a block of values or number formats) is split by rows. Only an operation
 *     that cannot be made smaller fails the write.
 */
import { packBatches, REQUEST_BYTES } from "./payload";
import { errorCode } from "./run";

export interface WriteOp {
  /** Estimated request bytes of the calls this operation queues. */
  bytes: number;
  /**
   * Queues the calls (no sync). `attempt` changes on every try, so an operation that caches
   * proxy objects (a range used by several calls) makes new ones for a retried request.
   */
  apply(attempt: number): void;
  /** The same work as two or more smaller operations, when it can be split (row blocks). */
  split?(): WriteOp[];
}

export const SIZE_ERRORS = new Set(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded"]);

/** Gives the event loop a turn (a macrotask, so pending input and timers run first). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface BatchOptions {
  budget: number;
  signal?: AbortSignal;
  /** Queued before each batch's operations (e.g. suspendApiCalculationUntilNextSync). */
  before?: (index: number) => void;
  /** Queued after the operations of the last batch (e.g. loads that must see the finished work). */
  last?: () => void;
  /** After each successful sync: how many operations are done of how many. */
  onSynced?: (done: number, total: number, estimatedBytes: number) => void;
}

let attempts = 0;

/** Runs `ops` in as few syncs as the budget allows, splitting on Excel's size errors. */
export async function runBatches(
  context: Excel.RequestContext,
  ops: WriteOp[],
  options: BatchOptions,
): Promise<number> {
  const room = Math.max(1, options.budget - REQUEST_BYTES.perSync);
  const queue = packBatches(ops, (op) => op.bytes, room);
  const total = ops.length;
  let done = 0;
  let syncs = 0;
  while (queue.length > 0) {
    const batch = queue.shift()!;
    options.signal?.throwIfAborted();
    await yieldToEventLoop();
    options.signal?.throwIfAborted();
    const attempt = ++attempts;
    options.before?.(syncs);
    for (const op of batch) op.apply(attempt);
    if (queue.length === 0) options.last?.();
    try {
      await context.sync();
    } catch (error) {
      if (!SIZE_ERRORS.has(errorCode(error) ?? "")) throw error;
      const smaller = splitBatch(batch);
      if (!smaller) throw error;
      queue.unshift(...smaller);
      continue;
    }
    syncs++;
    done += batch.length;
    options.onSynced?.(
      done,
      total,
      batch.reduce((n, op) => n + op.bytes, 0),
    );
  }
  return syncs;
}

/** Two halves of a batch, or its single operation split; null when nothing can be made smaller. */
function splitBatch(batch: WriteOp[]): WriteOp[][] | null {
  if (batch.length > 1) {
    const half = Math.ceil(batch.length / 2);
    return [batch.slice(0, half), batch.slice(half)];
  }
  const parts = batch[0].split?.();
  return parts && parts.length > 1 ? parts.map((p) => [p]) : null;
}
