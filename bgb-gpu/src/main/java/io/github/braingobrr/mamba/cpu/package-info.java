/** The pure-Java, multi-threaded reference backend. */
package io.github.braingobrr.mamba.cpu;
