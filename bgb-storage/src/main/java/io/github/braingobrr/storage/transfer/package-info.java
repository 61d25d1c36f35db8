/**
 * Whole-tree operations between stores: upload/sync, populate, verify and clean, each resumable, parallel,
 * reporting progress to a listener and returning per-file failures.
 */
package io.github.braingobrr.storage.transfer;
