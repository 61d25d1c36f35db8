/**
 * Builds the bgb window cache on an Apache Spark cluster: {@link io.github.braingobrr.spark.SparkCacheBuild} plans on
 * the driver, runs the single-machine per-file step of {@code bgb-cache} in Spark tasks (balanced by EDF size) and
 * writes the manifests and metadata last; {@link io.github.braingobrr.spark.SparkCacheBuildMain} is its
 * {@code spark-submit} entry point.
 */
package io.github.braingobrr.spark;
