/**
 * `rotate`: re-seal every value that is not sealed with the current key (and any still in clear);
 * `legacy`: seal only values still in clear; `person-keys`: also recompute every person key, after
 * DATA_HMAC_KEY changed.
 */
export interface RotateDataKeysCommand {
  mode: 'legacy' | 'rotate' | 'person-keys';
  /** Rows per transaction. */
  batchSize?: number;
}
