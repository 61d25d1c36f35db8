package io.github.braingobrr.storage.tiered;

/** The contract for an SSD tier read-through over S3, authoritative store first. */
class TieredSlowFirstContractTest extends TieredFastFirstContractTest {
    @Override
    protected TierPolicy policy() {
        return TierPolicy.SLOW_FIRST;
    }
}
