package io.github.braingobrr.storage.local;

import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.testing.BlobStoreContract;

class LocalBlobStoreContractTest extends BlobStoreContract {
    @Override
    protected BlobStore createStore() throws Exception {
        return LocalBlobStore.open(scratch.resolve("store"));
    }
}
