package io.github.braingobrr.synthetic;

import java.util.Locale;

/**
 * TUSZ v2 label files for a synthetic recording ({@code csv_v1.0.0}, LF line ends, times with four
 * decimals). The per-channel {@code .csv} covers the whole recording on each of the 22 TCP channels with
 * contiguous rows: {@code bckg} between seizures and the seizure type where the channel is involved. The
 * {@code .csv_bi} follows the TUSZ v2.0.x reference convention: only the {@code seiz} rows when there are
 * seizures, a single whole-recording {@code bckg} row otherwise.
 */
final class TuszLabelText {
    private TuszLabelText() {}

    static final String MONTAGE_FILE = "$NEDC_NFC/lib/nedc_eas_default_montage.txt";

    static String csv(SyntheticRecordingSpec spec) {
        StringBuilder b = header(spec);
        double duration = spec.durationSeconds();
        for (String channel : spec.montage().tcpChannels()) {
            double t = 0;
            for (PlantedSeizure z : spec.seizures()) {
                if (!z.channels().contains(channel)) {
                    continue;
                }
                if (z.startSeconds() > t) {
                    row(b, channel, t, z.startSeconds(), "bckg");
                }
                row(b, channel, z.startSeconds(), z.stopSeconds(), z.type());
                t = z.stopSeconds();
            }
            if (t < duration) {
                row(b, channel, t, duration, "bckg");
            }
        }
        return b.toString();
    }

    static String csvBi(SyntheticRecordingSpec spec) {
        StringBuilder b = header(spec);
        if (spec.seizures().isEmpty()) {
            row(b, "TERM", 0, spec.durationSeconds(), "bckg");
        }
        for (PlantedSeizure z : spec.seizures()) {
            row(b, "TERM", z.startSeconds(), z.stopSeconds(), "seiz");
        }
        return b.toString();
    }

    private static StringBuilder header(SyntheticRecordingSpec spec) {
        StringBuilder b = new StringBuilder(4096);
        b.append("# version = csv_v1.0.0\n");
        b.append("# bname = ").append(spec.stem()).append('\n');
        b.append(String.format(Locale.ROOT, "# duration = %.2f secs\n", (double) spec.durationSeconds()));
        b.append("# montage_file = ").append(MONTAGE_FILE).append('\n');
        b.append("#\n");
        b.append("channel,start_time,stop_time,label,confidence\n");
        return b;
    }

    private static void row(StringBuilder b, String channel, double start, double stop, String label) {
        b.append(channel)
                .append(String.format(Locale.ROOT, ",%.4f,%.4f,", start, stop))
                .append(label)
                .append(",1.0000\n");
    }
}
