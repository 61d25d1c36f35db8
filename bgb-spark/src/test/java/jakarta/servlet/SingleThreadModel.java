package jakarta.servlet;

/**
 * Test classpath shim: the tests need Servlet 6 for the in-process S3 server's Jetty, and Spark's own (shaded) Jetty,
 * which registers the driver's metrics servlet even with the UI off, still checks servlets against this interface of
 * Servlet 5, which Servlet 6 removed. Nothing implements it; it exists only so that the check can load.
 */
@Deprecated
public interface SingleThreadModel {}
