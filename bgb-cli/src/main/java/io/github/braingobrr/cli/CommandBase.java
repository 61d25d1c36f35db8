package io.github.braingobrr.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What every leaf command shares: its streams, JSON output, progress bars and usage errors. */
abstract class CommandBase implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Spec
    CommandSpec spec;

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints {@code value} (maps, lists, strings, numbers, booleans, nulls) as indented JSON on standard output. */
    final void printJson(Object value) {
        PrintWriter out = out();
        try {
            JSON.writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }

    /** A progress bar on standard error, shown as {@code --progress} says. */
    final Progress progress(String task, long max, String unit) {
        BgbCommand root = (BgbCommand) spec.root().userObject();
        return Progress.start(root.progress, err(), task, max, unit);
    }

    /** How {@code s3://} locations are reached. */
    final io.github.braingobrr.storage.StoreOptions storeOptions() {
        return ((BgbCommand) spec.root().userObject()).storeOptions;
    }

    /** Opens the store at a folder or {@code s3://bucket/prefix}. */
    final io.github.braingobrr.storage.BlobStore openStore(String where) throws IOException {
        io.github.braingobrr.storage.Location location;
        try {
            location = io.github.braingobrr.storage.Location.parse(where);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return io.github.braingobrr.storage.BlobStores.open(location, storeOptions());
    }

    /** A transfer listener drawing {@code progress} in bytes. */
    static io.github.braingobrr.storage.transfer.ProgressListener bytes(Progress progress) {
        return new io.github.braingobrr.storage.transfer.ProgressListener() {
            private long done;

            @Override
            public void onProgress(io.github.braingobrr.storage.transfer.TransferProgress p) {
                progress.max(p.bytesTotal());
                progress.stepBy(p.bytesDone() - done);
                done = p.bytesDone();
                progress.message(p.filesDone() + "/" + p.filesTotal() + " files");
            }
        };
    }

    /** Opens the cache at a folder or {@code s3://bucket/prefix}. */
    final io.github.braingobrr.cache.Cache openCache(String where) throws IOException {
        io.github.braingobrr.storage.Location location;
        try {
            location = io.github.braingobrr.storage.Location.parse(where);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return io.github.braingobrr.cache.Cache.open(location, storeOptions());
    }

    /** A usage error (exit code 2): the message, then this command's usage. */
    final ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
