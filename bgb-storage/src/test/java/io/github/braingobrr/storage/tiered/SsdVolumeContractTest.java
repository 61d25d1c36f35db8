package io.github.braingobrr.storage.tiered;

import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.testing.BlobStoreContract;

class SsdVolumeContractTest extends BlobStoreContract {
    @Override
    protected BlobStore createStore() throws Exception {
        return SsdVolume.open(scratch.resolve("ssd"), 64L << 20);
    }
}
