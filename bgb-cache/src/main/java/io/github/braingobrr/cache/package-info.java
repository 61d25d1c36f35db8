/** The preprocessed window cache: builder, manifests, validation, sampling and window readers. */
package io.github.braingobrr.cache;
