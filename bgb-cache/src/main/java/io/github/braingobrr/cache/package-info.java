/**
 * The preprocessed window cache on any store (local directory, SSD tier, {@code s3://…}): building it, keeping its
 * manifests honest, and reading it one window at a time.
 *
 * <p>Entry points, named after what you have in hand:
 *
 * <ul>
 *   <li>an EDF tree: {@link io.github.braingobrr.cache.CacheBuilder#from(java.nio.file.Path)} … {@code .to(…)}
 *       {@code .build()} → {@link io.github.braingobrr.cache.BuildResult} (per-split counts, failures, timings);
 *       progress through a {@link io.github.braingobrr.cache.BuildListener};
 *   <li>the same EDF tree before a long build: {@link io.github.braingobrr.cache.Preflight#check(PreflightRequest)}
 *       of a {@link io.github.braingobrr.cache.PreflightRequest} → {@link io.github.braingobrr.cache.PreflightReport}
 *       (what would fail and why, with the fix; seizure counts, window and size estimates, the cache location's state),
 *       from headers and label files only;
 *   <li>a cache location: {@link io.github.braingobrr.cache.Cache#open(io.github.braingobrr.storage.Location)} →
 *       {@link io.github.braingobrr.cache.Cache#split(String)} → {@link io.github.braingobrr.cache.CacheSplit}:
 *       {@code manifest()} (validated, rebuilt when stale), {@code scan()}, {@code validate()},
 *       {@code open(cacheFile)} → {@link io.github.braingobrr.cache.WindowReader}, {@code batches(windows)} →
 *       {@link io.github.braingobrr.cache.BatchIterator};
 *   <li>checks: {@link io.github.braingobrr.cache.CacheValidator} → {@link io.github.braingobrr.cache.ValidationReport}
 *       of {@link io.github.braingobrr.cache.CacheProblem}s;
 *   <li>at a glance: {@link io.github.braingobrr.cache.Cache#status()} or
 *       {@link io.github.braingobrr.cache.CacheStatus#of(io.github.braingobrr.storage.BlobStore)} →
 *       {@link io.github.braingobrr.cache.CacheStatus} (per split files, bytes, manifest state and why, windows,
 *       failures; metadata, last build and populate times);
 *   <li>two tiers: {@link io.github.braingobrr.cache.CacheTransfers} ({@code upload}, {@code populate},
 *       {@code verify}, {@code clean});
 *   <li>training: {@link io.github.braingobrr.cache.Manifest#requireSeizureWindows()} and the balanced sampler in
 *       {@link io.github.braingobrr.cache.sampling}.
 * </ul>
 *
 * <p>On disk (compatible with the Python system): {@code <root>/<split>/<stem>_windows.npz} (or
 * {@code _continuous.npz}, see {@link io.github.braingobrr.cache.CacheLayout}), {@code <root>/<split>/manifest.json}
 * ({@link io.github.braingobrr.cache.Manifest}), {@code <root>/<split>/_dataset_index.json}
 * ({@link io.github.braingobrr.cache.DatasetIndex}) and {@code <root>/.cache_metadata.json}
 * ({@link io.github.braingobrr.cache.CacheMetadata}). Environment variables {@code BGB_LIMIT_FILES},
 * {@code BGB_SMOKE_TEST} and {@code BGB_FORCE_MANIFEST_REBUILD} are read when an operation runs.
 */
package io.github.braingobrr.cache;
