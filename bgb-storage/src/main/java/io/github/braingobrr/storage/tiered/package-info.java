/**
 * Tiering: the SSD volume (a managed, checksum-verified, crash-safe local cache with a capacity budget and
 * cross-process locks) and a read-through decorator that serves from it and fills it from a slower store.
 */
package io.github.braingobrr.storage.tiered;
