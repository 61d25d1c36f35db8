/** JMH benchmarks of the bgb modules. */
package io.github.braingobrr.benchmarks;
