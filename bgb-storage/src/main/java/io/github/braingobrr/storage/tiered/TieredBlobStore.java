package io.github.braingobrr.storage.tiered;

import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.BlobNotFoundException;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BucketNotFoundException;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.InsufficientSpaceException;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.StorageAccessDeniedException;
import io.github.braingobrr.storage.StorageException;
import io.github.braingobrr.storage.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-through tiering: a decorator that serves reads from a fast {@link SsdVolume} and fills it from a
 * slow, authoritative store on a miss. Listings come from the slow store; writes and deletes go to the slow
 * store and drop the fast copy, so the next read fetches the new content.
 *
 * <p>When a blob cannot fit in the fast tier (larger than its budget, or the disk is full), it is read
 * straight from the slow store and a warning is logged; the read does not fail because of the cache.
 * Closing this store closes the fast tier; the slow store belongs to the caller.
 */
public final class TieredBlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(TieredBlobStore.class);

    private final SsdVolume fast;
    private final BlobStore slow;
    private final TierPolicy policy;

    /** Tiers {@code fast} over {@code slow}. */
    public TieredBlobStore(SsdVolume fast, BlobStore slow, TierPolicy policy) {
        this.fast = Objects.requireNonNull(fast, "fast");
        this.slow = Objects.requireNonNull(slow, "slow");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * The common case: {@code slow} (an S3 prefix) read through an SSD tier in {@code ssdDirectory} with a
     * budget of {@code capacityBytes}, fast tier first.
     */
    public static TieredBlobStore over(BlobStore slow, Path ssdDirectory, long capacityBytes) throws IOException {
        return new TieredBlobStore(SsdVolume.open(ssdDirectory, capacityBytes), slow, TierPolicy.FAST_FIRST);
    }

    /** The fast tier. */
    public SsdVolume fast() {
        return fast;
    }

    /** The slow, authoritative store. */
    public BlobStore slow() {
        return slow;
    }

    /** The policy in force. */
    public TierPolicy policy() {
        return policy;
    }

    @Override
    public Location root() {
        return slow.root();
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        return slow.list(prefix);
    }

    @Override
    public Optional<BlobInfo> find(String key) throws IOException {
        if (policy == TierPolicy.FAST_FIRST) {
            Optional<BlobInfo> local = fast.verified(key);
            if (local.isPresent()) {
                return local;
            }
        }
        return slow.find(key);
    }

    @Override
    public InputFile open(String key) throws IOException {
        Optional<BlobInfo> authoritative = policy == TierPolicy.SLOW_FIRST ? askSlow(key) : Optional.empty();
        Optional<InputFile> local = fast.openIfPresent(key);
        if (local.isPresent()) {
            if (authoritative.isEmpty() || sameContent(local.get(), key, authoritative.get())) {
                return local.get();
            }
            local.get().close();
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                fast.populate(key, slow, authoritative);
            } catch (InsufficientSpaceException full) {
                LOG.warn(
                        "{} does not fit in the SSD tier ({}); reading it from {} directly",
                        key,
                        full.getMessage(),
                        slow.root());
                return slow.open(key);
            }
            Optional<InputFile> filled = fast.openIfPresent(key);
            if (filled.isPresent()) {
                return filled.get();
            }
            // evicted between populate and open by another process: try once more
        }
        return slow.open(key);
    }

    private boolean sameContent(InputFile local, String key, BlobInfo authoritative) throws IOException {
        Optional<BlobInfo> copy = fast.verified(key);
        return copy.isPresent()
                && local.length() == authoritative.size()
                && authoritative
                        .crc32c()
                        .map(c -> c.equals(copy.get().crc32c().orElse(null)))
                        .orElse(true);
    }

    /**
     * SLOW_FIRST: what the slow store says now. A blob it no longer has is dropped from the fast tier; if it
     * cannot be reached, empty (and the fast copy, if any, is served).
     */
    private Optional<BlobInfo> askSlow(String key) throws IOException {
        try {
            Optional<BlobInfo> info = slow.find(key);
            if (info.isEmpty()) {
                fast.invalidate(key);
                throw new BlobNotFoundException(slow.root().resolve(key));
            }
            return info;
        } catch (BlobNotFoundException | BucketNotFoundException | StorageAccessDeniedException definite) {
            throw definite;
        } catch (StorageException unreachable) {
            if (fast.verified(key).isPresent()) {
                LOG.warn(
                        "cannot check {} against {} ({}); serving the verified SSD copy",
                        key,
                        slow.root(),
                        unreachable.getMessage());
                return Optional.empty();
            }
            throw unreachable;
        }
    }

    @Override
    public BlobInfo write(String key, Path source, WriteOptions options) throws IOException {
        BlobInfo written = slow.write(key, source, options);
        fast.invalidate(key);
        return written;
    }

    @Override
    public BlobInfo write(String key, InputStream source, WriteOptions options) throws IOException {
        BlobInfo written = slow.write(key, source, options);
        fast.invalidate(key);
        return written;
    }

    @Override
    public BlobInfo write(String key, byte[] content, WriteOptions options) throws IOException {
        BlobInfo written = slow.write(key, content, options);
        fast.invalidate(key);
        return written;
    }

    @Override
    public void delete(String key) throws IOException {
        slow.delete(key);
        fast.invalidate(key);
    }

    @Override
    public int deleteByPrefix(String prefix) throws IOException {
        int n = slow.deleteByPrefix(prefix);
        fast.deleteByPrefix(prefix);
        return n;
    }

    @Override
    public Optional<Path> localPath(String key) throws IOException {
        return fast.localPath(key);
    }

    /** Closes the fast tier (not the slow store, which the caller opened and closes). */
    @Override
    public void close() throws IOException {
        fast.close();
    }

    @Override
    public String toString() {
        return "TieredBlobStore[" + policy + ": " + fast + " over " + slow + "]";
    }
}
