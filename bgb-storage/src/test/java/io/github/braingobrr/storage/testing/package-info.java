/**
 * Test fixtures shipped in the bgb-storage test-jar for other modules: an in-process S3 server
 * ({@link io.github.braingobrr.storage.testing.S3ProxyServer}), a shaping and fault-injecting loopback proxy,
 * counting and failing store decorators, and the contract every store must meet.
 */
package io.github.braingobrr.storage.testing;
