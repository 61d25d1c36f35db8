/** A blob store on a local directory, with atomic (temporary file, flush, rename) writes. */
package io.github.braingobrr.storage.local;
