/** Runnable examples of the bgb APIs. */
package io.github.braingobrr.examples;
