/** Blob storage: locations, stores, tiers and transfers. Knows nothing about EEG. */
package io.github.braingobrr.storage;
