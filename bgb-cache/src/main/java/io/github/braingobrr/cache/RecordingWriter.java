package io.github.braingobrr.cache;

import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpyArrayWriter;
import io.github.braingobrr.npy.NpyDtype;
import io.github.braingobrr.npy.NpyHeader;
import io.github.braingobrr.npy.NpyOrder;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.npy.NpzWriter;
import io.github.braingobrr.preprocess.Recording;
import io.github.braingobrr.preprocess.Window;
import io.github.braingobrr.preprocess.WindowCategory;
import io.github.braingobrr.preprocess.Windower;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one preprocessed recording as a cache file, streaming: one window (or one block of samples) at a time goes
 * from the recording into the archive, so the windows of a recording are never all in memory. The file appears at its
 * path only when complete ({@link NpzWriter} writes under a temporary name and renames).
 */
final class RecordingWriter {
    /** Samples per block when the continuous layout interleaves channels. */
    private static final int BLOCK = 4096;

    private RecordingWriter() {}

    /**
     * Writes {@code rec} to {@code target} and returns the category of each window.
     *
     * @param meta the description stored in the file, without its window count (filled in here)
     */
    static List<WindowCategory> write(
            Recording rec,
            Windower windower,
            CacheLayout layout,
            NpzCompression compression,
            FileMeta meta,
            Path target)
            throws IOException {
        List<Window> windows = rec.windows(windower);
        List<WindowCategory> categories = new ArrayList<>(windows.size());
        for (Window w : windows) {
            categories.add(w.category());
        }
        FileMeta complete = new FileMeta(
                layout,
                meta.source(),
                meta.fingerprint(),
                meta.configHash(),
                windows.size(),
                rec.channelNames(),
                rec.samplingRate(),
                windower.windowSamples(rec.samplingRate()),
                windower.strideSamples(rec.samplingRate()));
        NpzWriter npz = NpzWriter.create(target);
        try {
            if (layout == CacheLayout.WINDOWS) {
                writeWindows(npz, rec, windows, complete.windowSamples(), compression);
            } else {
                writeContinuous(npz, rec, windows, complete.windowSamples());
            }
            npz.write(CacheKeys.META_MEMBER, NpyArray.ofStrings(new String[] {complete.toJson()}));
            npz.close();
        } catch (IOException | RuntimeException e) {
            npz.abort();
            throw e;
        }
        return categories;
    }

    private static void writeWindows(
            NpzWriter npz, Recording rec, List<Window> windows, int length, NpzCompression compression)
            throws IOException {
        int channels = rec.channelCount();
        int n = windows.size();
        float[] buf = new float[channels * length];
        NpyArrayWriter w = npz.member("windows", NpyHeader.of(NpyDtype.FLOAT32, n, channels, length), compression);
        for (Window win : windows) {
            for (int c = 0; c < channels; c++) {
                win.channel(c).get(buf, c * length, length);
            }
            w.write(buf);
        }
        w.close();
        float[] labels = new float[length];
        NpyArrayWriter l = npz.member("labels", NpyHeader.of(NpyDtype.FLOAT32, n, length), compression);
        for (Window win : windows) {
            win.labels().get(labels, 0, length);
            l.write(labels);
        }
        l.close();
    }

    private static void writeContinuous(NpzWriter npz, Recording rec, List<Window> windows, int length)
            throws IOException {
        int channels = rec.channelCount();
        int n = rec.sampleCount();
        FloatBuffer[] ch = new FloatBuffer[channels];
        for (int c = 0; c < channels; c++) {
            ch[c] = rec.channel(c);
        }
        float[][] block = new float[channels][BLOCK];
        float[] interleaved = new float[channels * BLOCK];
        NpyArrayWriter s = npz.member(
                "signals",
                new NpyHeader(NpyDtype.FLOAT32, new long[] {channels, n}, NpyOrder.FORTRAN),
                NpzCompression.STORED);
        for (int t0 = 0; t0 < n; t0 += BLOCK) {
            int len = Math.min(BLOCK, n - t0);
            for (int c = 0; c < channels; c++) {
                ch[c].get(t0, block[c], 0, len);
            }
            for (int t = 0; t < len; t++) {
                for (int c = 0; c < channels; c++) {
                    interleaved[t * channels + c] = block[c][t];
                }
            }
            s.write(interleaved, 0, len * channels);
        }
        s.close();
        FloatBuffer mask = rec.mask();
        byte[] bytes = new byte[BLOCK];
        NpyArrayWriter l = npz.member("labels", NpyHeader.of(NpyDtype.UINT8, n), NpzCompression.STORED);
        for (int t0 = 0; t0 < n; t0 += BLOCK) {
            int len = Math.min(BLOCK, n - t0);
            for (int t = 0; t < len; t++) {
                bytes[t] = mask.get(t0 + t) > 0 ? (byte) 1 : (byte) 0;
            }
            l.write(len == BLOCK ? bytes : java.util.Arrays.copyOf(bytes, len));
        }
        l.close();
        long[] starts = new long[windows.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = windows.get(i).start();
        }
        npz.write("window_starts", NpyArray.of(starts));
        npz.write("window_length", NpyArray.scalar((long) length));
    }
}
