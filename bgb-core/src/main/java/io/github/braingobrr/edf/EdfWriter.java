package io.github.braingobrr.edf;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes EDF, EDF+ (C or D) and BDF/BDF+ files, with annotations in EDF+ files.
 *
 * <pre>{@code
 * EdfWriter.builder(EdfFormat.EDF_PLUS_C)
 *         .startDateTime(LocalDateTime.of(2024, 5, 1, 9, 30))
 *         .recordDuration(1)
 *         .signal(EdfSignalSpec.of("EEG FP1-REF", "uV", -5000, 5000, -32768, 32767, 250), fp1)
 *         .annotation(12.5, 30, "seiz")
 *         .build()
 *         .write(Path.of("out.edf"));
 * }</pre>
 *
 * <p>{@link Builder#build()} checks everything (field lengths, ASCII, ranges, data lengths, NaN) so that
 * writing fails only on I/O. {@link #write(Path)} is atomic: it writes a temporary file beside the target
 * and renames it, so readers never see a partial file and an existing file survives a failed write.
 * Records are streamed one batch at a time; data arrays are referenced, not copied, until written.
 *
 * <p>A signal too long to hold in memory is given as a {@link SampleSource} instead of an array
 * ({@link Builder#signal(EdfSignalSpec, long, SampleSource)}): the writer asks it for one batch of records
 * (about a megabyte of file) at a time, in order, so memory stays at the batch size whatever the length.
 */
public final class EdfWriter {
    private static final Logger LOG = LoggerFactory.getLogger(EdfWriter.class);
    private static final int BATCH_BYTES = 1 << 20;
    /** How much rounding a physical range to 8 characters may widen it. */
    private static final double MAX_RANGE_WIDENING = 1.001;
    /** The most data records the 8-character record-count field holds. */
    private static final int MAX_RECORDS = 99_999_999;

    /**
     * A signal's physical values, produced on demand while the file is written: each {@link #write} reads
     * every sample once, in increasing order, a span of whole records at a time.
     */
    @FunctionalInterface
    public interface SampleSource {
        /**
         * Puts samples {@code [first, first + count)} of the signal, in its physical unit, into {@code
         * dst[offset .. offset + count)}.
         */
        void read(long first, double[] dst, int offset, int count) throws IOException;
    }

    private final EdfFormat format;
    private final byte[] header;
    private final List<Channel> channels;
    private final List<byte[]> annotationRecords;
    private final int annotationBytes;
    private final int recordCount;
    private final int recordSize;

    private EdfWriter(
            EdfFormat format,
            byte[] header,
            List<Channel> channels,
            List<byte[]> annotationRecords,
            int annotationBytes,
            int recordCount,
            int recordSize) {
        this.format = format;
        this.header = header;
        this.channels = channels;
        this.annotationRecords = annotationRecords;
        this.annotationBytes = annotationBytes;
        this.recordCount = recordCount;
        this.recordSize = recordSize;
    }

    /** Starts a file of the given format. */
    public static Builder builder(EdfFormat format) {
        return new Builder(format);
    }

    /** The number of data records the file will have. */
    public int recordCount() {
        return recordCount;
    }

    /** The size of the file in bytes. */
    public long size() {
        return header.length + (long) recordCount * recordSize;
    }

    /**
     * Writes the file atomically: to a temporary file in the target's directory (created if missing), forced
     * to disk, then renamed over {@code target}.
     */
    public void write(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + random + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                write(out);
                out.force(true);
            }
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        LOG.debug("wrote {} ({} bytes, {} records)", absolute, size(), recordCount);
    }

    /**
     * Streams the file to {@code out}, a batch of records at a time (not atomic; the channel stays open).
     *
     * @throws IOException from the channel or from a {@link SampleSource}
     * @throws IllegalArgumentException when a {@link SampleSource} produces NaN (the message names the signal
     *     and the sample)
     */
    public void write(WritableByteChannel out) throws IOException {
        writeFully(out, ByteBuffer.wrap(header));
        int perBatch = Math.max(1, Math.min(recordCount, BATCH_BYTES / Math.max(1, recordSize)));
        ByteBuffer buf = ByteBuffer.allocate(perBatch * recordSize).order(ByteOrder.LITTLE_ENDIAN);
        int[][] digital = new int[channels.size()][];
        int widest = 0;
        for (int c = 0; c < digital.length; c++) {
            digital[c] = new int[perBatch * channels.get(c).spr];
            widest = Math.max(widest, channels.get(c).source != null ? digital[c].length : 0);
        }
        double[] scratch = new double[widest];
        byte[] padding = new byte[annotationBytes];
        for (int first = 0; first < recordCount; first += perBatch) {
            int records = Math.min(perBatch, recordCount - first);
            for (int c = 0; c < digital.length; c++) {
                channels.get(c).load(first, records, digital[c], scratch);
            }
            for (int r = 0; r < records; r++) {
                for (int c = 0; c < digital.length; c++) {
                    channels.get(c).encode(r, digital[c], buf, format.bytesPerSample());
                }
                if (format.isPlus()) {
                    byte[] tal = annotationRecords.get(first + r);
                    buf.put(tal);
                    buf.put(padding, 0, annotationBytes - tal.length);
                }
            }
            buf.flip();
            writeFully(out, buf);
            buf.clear();
        }
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    /** One data signal's samples (an array of physical or digital values, or a source) and how to quantize them. */
    private static final class Channel {
        final String name;
        final int spr;
        final double[] physical;
        final int[] digital;
        final SampleSource source;
        final double gain;
        final double offset;
        final int lo;
        final int hi;

        Channel(String name, int spr, Builder.SignalData data, double gain, double offset, int lo, int hi) {
            this.name = name;
            this.spr = spr;
            this.physical = data.physical();
            this.digital = data.digital();
            this.source = data.source();
            this.gain = gain;
            this.offset = offset;
            this.lo = lo;
            this.hi = hi;
        }

        int quantize(double p) {
            double d = Math.rint((p - offset) / gain);
            return d <= lo ? lo : d >= hi ? hi : (int) d;
        }

        /** The digital values of {@code records} records from {@code firstRecord} on, into {@code out}. */
        void load(int firstRecord, int records, int[] out, double[] scratch) throws IOException {
            int n = records * spr;
            int from = firstRecord * spr;
            if (digital != null) {
                System.arraycopy(digital, from, out, 0, n);
            } else if (physical != null) {
                for (int i = 0; i < n; i++) {
                    out[i] = quantize(physical[from + i]);
                }
            } else {
                source.read((long) firstRecord * spr, scratch, 0, n);
                for (int i = 0; i < n; i++) {
                    double p = scratch[i];
                    if (Double.isNaN(p)) {
                        throw new IllegalArgumentException(
                                name + ": sample " + ((long) firstRecord * spr + i) + " from its source is NaN");
                    }
                    out[i] = quantize(p);
                }
            }
        }

        /** Puts record {@code record} of the loaded batch into {@code buf}. */
        void encode(int record, int[] loaded, ByteBuffer buf, int bps) {
            int from = record * spr;
            for (int i = from; i < from + spr; i++) {
                int d = loaded[i];
                if (bps == 2) {
                    buf.putShort((short) d);
                } else {
                    buf.put((byte) d).put((byte) (d >> 8)).put((byte) (d >> 16));
                }
            }
        }
    }

    /** Collects the header, signals and annotations of a file; {@link #build()} validates them. */
    public static final class Builder {
        private final EdfFormat format;
        private String patientField;
        private EdfPatient patient = EdfPatient.unknown();
        private String recordingField;
        private EdfRecording recording = EdfRecording.of("", "", "");
        private LocalDateTime start = LocalDateTime.of(2000, 1, 1, 0, 0);
        private double recordDuration = 1;
        private final List<SignalData> signals = new ArrayList<>();
        private final List<Note> annotations = new ArrayList<>();
        private double[] recordOnsets;

        private record SignalData(
                EdfSignalSpec spec, double[] physical, int[] digital, SampleSource source, long length) {
            SignalData {
                Objects.requireNonNull(spec, "spec");
            }
        }

        private record Note(double onset, OptionalDouble duration, String text) {}

        private Builder(EdfFormat format) {
            this.format = Objects.requireNonNull(format, "format");
        }

        /** EDF+ patient subfields (the default is all unknown: {@code X X X X}). */
        public Builder patient(EdfPatient patient) {
            this.patient = Objects.requireNonNull(patient, "patient");
            this.patientField = null;
            return this;
        }

        /** The patient field verbatim (up to 80 ASCII characters), instead of EDF+ subfields. */
        public Builder patientField(String field) {
            this.patientField = Objects.requireNonNull(field, "field");
            return this;
        }

        /** EDF+ recording subfields; the Startdate subfield is taken from {@link #startDateTime}. */
        public Builder recording(EdfRecording recording) {
            this.recording = Objects.requireNonNull(recording, "recording");
            this.recordingField = null;
            return this;
        }

        /** The recording field verbatim (up to 80 ASCII characters), instead of EDF+ subfields. */
        public Builder recordingField(String field) {
            this.recordingField = Objects.requireNonNull(field, "field");
            return this;
        }

        /**
         * The date and time of the first sample (default 2000-01-01 00:00). Fractions of a second are kept
         * in EDF+/BDF+ files (in the first record's time-keeping annotation), rounded to 100 ns.
         */
        public Builder startDateTime(LocalDateTime start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /** Seconds per data record (default 1); 0 only for annotation-only files. */
        public Builder recordDuration(double seconds) {
            this.recordDuration = seconds;
            return this;
        }

        /** Adds a data signal with physical values, quantized to the spec's digital range. */
        public Builder signal(EdfSignalSpec spec, double[] physical) {
            signals.add(
                    new SignalData(spec, Objects.requireNonNull(physical, "physical"), null, null, physical.length));
            return this;
        }

        /**
         * Adds a data signal of {@code sampleCount} physical values that {@code source} produces while the file is
         * written, quantized to the spec's digital range; nothing is read before {@link EdfWriter#write}. Use it for
         * signals too long to hold in memory.
         */
        public Builder signal(EdfSignalSpec spec, long sampleCount, SampleSource source) {
            if (sampleCount < 0) {
                throw new IllegalArgumentException(
                        "signal '" + spec.label() + "': sample count must not be negative, got " + sampleCount);
            }
            signals.add(new SignalData(spec, null, null, Objects.requireNonNull(source, "source"), sampleCount));
            return this;
        }

        /** Adds a data signal with digital values, written as they are. */
        public Builder digitalSignal(EdfSignalSpec spec, int[] digital) {
            signals.add(new SignalData(spec, null, Objects.requireNonNull(digital, "digital"), null, digital.length));
            return this;
        }

        /** Adds an annotation without duration, {@code onset} seconds after the first sample. */
        public Builder annotation(double onset, String text) {
            annotations.add(new Note(onset, OptionalDouble.empty(), Objects.requireNonNull(text, "text")));
            return this;
        }

        /** Adds an annotation {@code onset} seconds after the first sample, lasting {@code duration} seconds. */
        public Builder annotation(double onset, double duration, String text) {
            annotations.add(new Note(onset, OptionalDouble.of(duration), Objects.requireNonNull(text, "text")));
            return this;
        }

        /**
         * For EDF+D/BDF+D: the onset of each data record in seconds after the first sample; the first must be
         * 0 and each must be at least one record duration after the previous. Without it records are contiguous.
         */
        public Builder recordOnsets(double... onsets) {
            this.recordOnsets = onsets.clone();
            return this;
        }

        /**
         * Checks everything and lays out the file.
         *
         * @throws IllegalArgumentException naming the field or signal that cannot be written
         */
        public EdfWriter build() {
            boolean annotationOnly = signals.isEmpty();
            if (annotationOnly && !format.isPlus()) {
                throw new IllegalArgumentException("a " + format + " file needs at least one data signal");
            }
            if (!format.isPlus() && !annotations.isEmpty()) {
                throw new IllegalArgumentException(
                        "annotations need an EDF+ or BDF+ format, not " + format + "; use EDF_PLUS_C");
            }
            if (recordOnsets != null && !format.isDiscontinuous()) {
                throw new IllegalArgumentException("record onsets need EDF_PLUS_D or BDF_PLUS_D, not " + format);
            }
            BigDecimal duration = duration(annotationOnly);
            int records = recordCount(annotationOnly);
            checkRecordOnsets(records);
            if (records == 0 && !annotations.isEmpty()) {
                throw new IllegalArgumentException("annotations need at least one data record to hold them");
            }

            LocalDateTime whole = start.truncatedTo(ChronoUnit.SECONDS);
            BigDecimal fraction = BigDecimal.valueOf(start.getNano(), 9).setScale(7, RoundingMode.HALF_EVEN);
            if (fraction.signum() != 0 && !format.isPlus()) {
                throw new IllegalArgumentException("a start time with fractions of a second needs an EDF+/BDF+ "
                        + "format (plain EDF has whole seconds only): " + start);
            }

            List<Channel> channels = new ArrayList<>();
            List<String[]> signalFields = new ArrayList<>();
            for (int i = 0; i < signals.size(); i++) {
                SignalData s = signals.get(i);
                String[] f = signalFields(i, s.spec());
                signalFields.add(f);
                channels.add(channel(i, s, f));
            }
            List<byte[]> tals = new ArrayList<>();
            int annotationSamples = 0;
            if (format.isPlus()) {
                tals = annotationRecords(records, duration, fraction);
                int longest = tals.stream().mapToInt(b -> b.length).max().orElse(0);
                annotationSamples = Math.max(1, (longest + format.bytesPerSample() - 1) / format.bytesPerSample());
                signalFields.add(new String[] {
                    format.annotationLabel(),
                    "",
                    "",
                    "-1",
                    "1",
                    String.valueOf(format.digitalLimitMin()),
                    String.valueOf(format.digitalLimitMax()),
                    "",
                    String.valueOf(annotationSamples),
                    ""
                });
            }
            long recordSize = (long) annotationSamples * format.bytesPerSample();
            for (SignalData s : signals) {
                recordSize += (long) s.spec().samplesPerRecord() * format.bytesPerSample();
            }
            if (recordSize > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException(
                        "a data record of " + recordSize + " bytes is too large; " + "use a shorter record duration");
            }
            byte[] header = header(whole, duration, records, signalFields);
            return new EdfWriter(
                    format,
                    header,
                    List.copyOf(channels),
                    List.copyOf(tals),
                    annotationSamples * format.bytesPerSample(),
                    records,
                    (int) recordSize);
        }

        private BigDecimal duration(boolean annotationOnly) {
            if (!Double.isFinite(recordDuration) || recordDuration < 0 || (recordDuration == 0 && !annotationOnly)) {
                throw new IllegalArgumentException(
                        "record duration must be positive (0 only for annotation-only " + "files): " + recordDuration);
            }
            BigDecimal d = BigDecimal.valueOf(recordDuration);
            if (Decimals.plain(d).length() > HeaderField.RECORD_DURATION.width) {
                throw new IllegalArgumentException("record duration " + recordDuration + " s cannot be written "
                        + "exactly in 8 characters; choose a rounder duration");
            }
            return d;
        }

        private int recordCount(boolean annotationOnly) {
            if (annotationOnly) {
                return recordOnsets != null ? recordOnsets.length : 1;
            }
            int records = -1;
            for (SignalData s : signals) {
                int spr = s.spec().samplesPerRecord();
                if (spr < 1) {
                    throw new IllegalArgumentException(
                            "signal '" + s.spec().label() + "': samples per record must be at least 1, not " + spr);
                }
                long length = s.length();
                if (length % spr != 0) {
                    throw new IllegalArgumentException("signal '" + s.spec().label() + "' has " + length
                            + " samples, not a whole number of records of " + spr + " samples");
                }
                long filled = length / spr;
                if (records >= 0 && filled != records) {
                    throw new IllegalArgumentException("signal '" + s.spec().label() + "' fills " + filled
                            + " records, but the signals before it fill " + records);
                }
                if (filled > MAX_RECORDS) {
                    throw new IllegalArgumentException("signal '" + s.spec().label() + "' fills " + filled
                            + " records, more than the header's 8-character record count holds; use longer records");
                }
                records = (int) filled;
            }
            return records;
        }

        private void checkRecordOnsets(int records) {
            if (recordOnsets == null) {
                return;
            }
            if (recordOnsets.length != records) {
                throw new IllegalArgumentException(
                        recordOnsets.length + " record onsets given for " + records + " data records");
            }
            for (int r = 0; r < records; r++) {
                double min = r == 0 ? 0 : recordOnsets[r - 1] + recordDuration;
                if (!Double.isFinite(recordOnsets[r]) || (r == 0 ? recordOnsets[0] != 0 : recordOnsets[r] < min)) {
                    throw new IllegalArgumentException("record onset " + r + " is " + recordOnsets[r]
                            + "; the first must be 0 and each at least one record duration after the previous");
                }
            }
        }

        private String[] signalFields(int i, EdfSignalSpec s) {
            String what = "signal " + i + " '" + s.label() + "'";
            if (EdfSignal.isAnnotationLabel(s.label())) {
                throw new IllegalArgumentException(what + ": the annotation label is reserved for annotations");
            }
            if (s.digitalMin() >= s.digitalMax()
                    || s.digitalMin() < format.digitalLimitMin()
                    || s.digitalMax() > format.digitalLimitMax()) {
                throw new IllegalArgumentException(what + ": digital range " + s.digitalMin() + ".." + s.digitalMax()
                        + " must be increasing and within " + format.digitalLimitMin() + ".."
                        + format.digitalLimitMax());
            }
            if (!Double.isFinite(s.physicalMin()) || !Double.isFinite(s.physicalMax())) {
                throw new IllegalArgumentException(what + ": physical range must be finite");
            }
            boolean inverted = s.physicalMin() > s.physicalMax();
            String pmin = Decimals.fit(s.physicalMin(), 8, inverted ? RoundingMode.CEILING : RoundingMode.FLOOR);
            String pmax = Decimals.fit(s.physicalMax(), 8, inverted ? RoundingMode.FLOOR : RoundingMode.CEILING);
            double width = Math.abs(s.physicalMax() - s.physicalMin());
            if (pmin == null
                    || pmax == null
                    || Math.abs(Double.parseDouble(pmax) - Double.parseDouble(pmin)) > width * MAX_RANGE_WIDENING) {
                throw new IllegalArgumentException(what + ": physical range " + s.physicalMin() + ".."
                        + s.physicalMax() + " cannot be written in two 8-character fields without losing "
                        + "precision; express the signal in another unit (for example uV instead of V)");
            }
            return new String[] {
                s.label(),
                s.transducer(),
                s.unit(),
                pmin,
                pmax,
                String.valueOf(s.digitalMin()),
                String.valueOf(s.digitalMax()),
                s.prefilter(),
                String.valueOf(s.samplesPerRecord()),
                ""
            };
        }

        private Channel channel(int i, SignalData s, String[] fields) {
            EdfSignalSpec spec = s.spec();
            double pmin = Double.parseDouble(fields[3]);
            double pmax = Double.parseDouble(fields[4]);
            double gain = (pmax - pmin) / ((double) spec.digitalMax() - spec.digitalMin());
            double offset = pmin - spec.digitalMin() * gain;
            if (s.physical() != null) {
                for (int k = 0; k < s.physical().length; k++) {
                    if (Double.isNaN(s.physical()[k])) {
                        throw new IllegalArgumentException(
                                "signal " + i + " '" + spec.label() + "': sample " + k + " is NaN");
                    }
                }
            } else if (s.digital() != null) {
                for (int k = 0; k < s.digital().length; k++) {
                    int d = s.digital()[k];
                    if (d < format.digitalLimitMin() || d > format.digitalLimitMax()) {
                        throw new IllegalArgumentException("signal " + i + " '" + spec.label() + "': digital sample "
                                + k + " = " + d + " does not fit a " + format.bytesPerSample() * 8 + "-bit sample");
                    }
                }
            }
            return new Channel(
                    "signal " + i + " '" + spec.label() + "'",
                    spec.samplesPerRecord(),
                    s,
                    gain,
                    offset,
                    spec.digitalMin(),
                    spec.digitalMax());
        }

        /** Each record's TAL bytes: its time-keeping TAL, then the annotations that fall in it. */
        private List<byte[]> annotationRecords(int records, BigDecimal duration, BigDecimal fraction) {
            List<StringBuilder> texts = new ArrayList<>(records);
            for (int r = 0; r < records; r++) {
                BigDecimal onset = recordOnsets != null
                        ? BigDecimal.valueOf(recordOnsets[r])
                        : duration.multiply(BigDecimal.valueOf(r));
                texts.add(new StringBuilder(onset(fraction.add(onset))).append("\u0014\u0014\u0000"));
            }
            for (Note n : annotations) {
                checkNote(n);
                StringBuilder tal = new StringBuilder(onset(fraction.add(BigDecimal.valueOf(n.onset()))));
                if (n.duration().isPresent()) {
                    tal.append('\u0015').append(Decimals.plain(n.duration().getAsDouble()));
                }
                tal.append('\u0014').append(n.text()).append("\u0014\u0000");
                texts.get(recordOf(n.onset(), records)).append(tal);
            }
            List<byte[]> out = new ArrayList<>(records);
            for (StringBuilder sb : texts) {
                out.add(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            return out;
        }

        private static void checkNote(Note n) {
            if (!Double.isFinite(n.onset())) {
                throw new IllegalArgumentException("annotation '" + n.text() + "': onset must be finite");
            }
            if (n.duration().isPresent()
                    && (!Double.isFinite(n.duration().getAsDouble())
                            || n.duration().getAsDouble() < 0)) {
                throw new IllegalArgumentException("annotation '" + n.text() + "': duration must be finite and >= 0");
            }
            if (n.text().isEmpty()) {
                throw new IllegalArgumentException("annotation at " + n.onset() + " s: the text must not be empty");
            }
            if (n.text().chars().anyMatch(c -> c == 0 || c == 0x14 || c == 0x15)) {
                throw new IllegalArgumentException("annotation at " + n.onset()
                        + " s: the text must not contain the TAL separators U+0000, U+0014, U+0015");
            }
        }

        private int recordOf(double onset, int records) {
            int r;
            if (recordOnsets != null) {
                int k = Arrays.binarySearch(recordOnsets, onset);
                r = k >= 0 ? k : -k - 2;
            } else {
                r = recordDuration == 0 ? 0 : (int) Math.min(records - 1L, (long) Math.floor(onset / recordDuration));
            }
            return Math.max(0, Math.min(records - 1, r));
        }

        private static String onset(BigDecimal seconds) {
            return (seconds.signum() < 0 ? "" : "+") + Decimals.plain(seconds);
        }

        private byte[] header(LocalDateTime whole, BigDecimal duration, int records, List<String[]> signalFields) {
            int ns = signalFields.size();
            byte[] h = new byte[HeaderField.BLOCK * (ns + 1)];
            Arrays.fill(h, (byte) ' ');
            if (format.isBdf()) {
                h[0] = (byte) 0xff;
                put(h, 1, 7, "BIOSEMI", HeaderField.VERSION.label);
            } else {
                put(h, HeaderField.VERSION, "0");
            }
            LocalDate date = whole.toLocalDate();
            put(h, HeaderField.PATIENT, patientField != null ? patientField : Subfields.composePatient(patient));
            put(h, HeaderField.RECORDING, recordingField != null ? recordingField : composeRecording(date));
            put(h, HeaderField.START_DATE, headerDate(date));
            put(
                    h,
                    HeaderField.START_TIME,
                    String.format(
                            Locale.ROOT, "%02d.%02d.%02d", whole.getHour(), whole.getMinute(), whole.getSecond()));
            put(h, HeaderField.HEADER_BYTES, String.valueOf(h.length));
            put(h, HeaderField.RESERVED, format.reservedText());
            put(h, HeaderField.RECORD_COUNT, String.valueOf(records));
            put(h, HeaderField.RECORD_DURATION, Decimals.plain(duration));
            put(h, HeaderField.SIGNAL_COUNT, String.valueOf(ns));
            SignalField[] fields = SignalField.values();
            for (int i = 0; i < ns; i++) {
                for (int f = 0; f < fields.length; f++) {
                    SignalField sf = fields[f];
                    put(h, (int) sf.offset(ns, i), sf.width, signalFields.get(i)[f], sf.describe(i));
                }
            }
            return h;
        }

        private String composeRecording(LocalDate date) {
            String formatted = Subfields.formatDate(date);
            if (!recording.startdate().isEmpty() && !recording.startdate().equals(formatted)) {
                throw new IllegalArgumentException("recording Startdate '" + recording.startdate()
                        + "' disagrees with the start date " + formatted + "; leave it empty");
            }
            return Subfields.composeRecording(date, recording);
        }

        private String headerDate(LocalDate date) {
            int year = date.getYear();
            if (year < 1985 || (year > 2084 && !format.isPlus())) {
                throw new IllegalArgumentException("start year " + year + " cannot be written in " + format
                        + " (EDF covers 1985-2084; EDF+ also later years)");
            }
            String yy = year > 2084 ? "yy" : String.format(Locale.ROOT, "%02d", year % 100);
            return String.format(Locale.ROOT, "%02d.%02d.%s", date.getDayOfMonth(), date.getMonthValue(), yy);
        }

        private static void put(byte[] h, HeaderField f, String value) {
            put(h, f.offset, f.width, value, f.label);
        }

        private static void put(byte[] h, int offset, int width, String value, String field) {
            if (value.length() > width) {
                throw new IllegalArgumentException(
                        field + " '" + value + "' is longer than its " + width + " characters");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    throw new IllegalArgumentException(field + " '" + value + "' has character U+"
                            + String.format("%04X", (int) c) + "; EDF header fields must be printable ASCII");
                }
                h[offset + i] = (byte) c;
            }
        }
    }
}
