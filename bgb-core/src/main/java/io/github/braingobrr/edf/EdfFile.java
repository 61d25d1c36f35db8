package io.github.braingobrr.edf;

import io.github.braingobrr.montage.ChannelNames;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

/**
 * An open EDF, EDF+ or BDF file, read lazily: {@link #open(Path)} reads only the header (and the first
 * record's time-keeping annotation); samples are decoded on request straight from the file through a memory
 * map (files) or positional reads (other channels), with no whole-file buffering.
 *
 * <pre>{@code
 * try (EdfFile edf = EdfFile.open(Path.of("rec.edf"))) {
 *     EdfSignal c3 = edf.signal("EEG C3-REF");
 *     float[] minute = edf.readPhysical(c3, Duration.ofSeconds(120), Duration.ofSeconds(60));
 *     edf.annotations().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Each signal keeps its native sampling rate. Sample indexes count the samples stored in the file, record
 * after record; in EDF+D files the records may have gaps in time, which {@link #segments()} exposes. Reads
 * are thread-safe. Closing the file closes the underlying channel.
 *
 * <p>Files opened from a {@link Path} are memory-mapped: if another process truncates the file while it is
 * open, reads past the new end fail with the JVM's {@link InternalError} rather than an {@link IOException}
 * ({@link EdfWriter} replaces files by rename, so it never does this).
 */
public final class EdfFile implements Closeable {
    private static final double GAP_TOLERANCE_SECONDS = 1e-6;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final String name;
    private final Diagnostics diagnostics;
    private final HeaderParser.Layout layout;
    private final EdfHeader header;
    private final List<EdfSignal> signals;
    private final int[] annotationSignals;
    private final List<List<TalParser.Tal>> firstRecordTals;
    private final int bytesPerSample;
    private final SampleReader reader;
    private volatile ByteSource source;
    private Timeline timeline;

    private EdfFile(String name, Diagnostics diagnostics, HeaderParser.Layout layout, ByteSource source)
            throws IOException {
        this.name = name;
        this.diagnostics = diagnostics;
        this.layout = layout;
        this.signals = layout.signals();
        this.bytesPerSample = layout.format().bytesPerSample();
        this.source = source;
        this.reader = new SampleReader(layout);
        this.annotationSignals = signals.stream()
                .filter(EdfSignal::isAnnotation)
                .mapToInt(EdfSignal::index)
                .toArray();
        this.firstRecordTals = layout.recordCount() > 0 ? recordTals(0) : List.of();
        this.header = layout.header(startOffset());
    }

    /** Opens a file leniently (see {@link EdfOptions}). */
    public static EdfFile open(Path path) throws IOException {
        return open(path, EdfOptions.LENIENT);
    }

    /** Opens a file; bad input raises {@link EdfFormatException}, deviations warn or fail per {@code options}. */
    public static EdfFile open(Path path, EdfOptions options) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return open(channel, path.toString(), options);
        } catch (IOException | RuntimeException | Error e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Opens a file over any seekable channel, leniently; {@code name} identifies it in messages. The file owns
     * the channel once this returns; if this throws, the channel is left open for the caller to close.
     */
    public static EdfFile open(SeekableByteChannel channel, String name) throws IOException {
        return open(channel, name, EdfOptions.LENIENT);
    }

    /** Opens a file over any seekable channel, with the given options (see {@link #open(SeekableByteChannel, String)}). */
    public static EdfFile open(SeekableByteChannel channel, String name, EdfOptions options) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(name, "name");
        Diagnostics diagnostics = new Diagnostics(name, options.strict());
        ChannelSource channelSource = new ChannelSource(channel, name);
        HeaderParser.Layout layout = HeaderParser.parse(channelSource, diagnostics);
        ByteSource source =
                MappedSource.over(channelSource, layout.dataOffset(), layout.recordSize(), layout.recordCount());
        return new EdfFile(name, diagnostics, layout, source);
    }

    /** The display name given at open (the path for files). */
    public String name() {
        return name;
    }

    /** The parsed main header. */
    public EdfHeader header() {
        return header;
    }

    /** All signals in header order, annotation signals included. */
    public List<EdfSignal> signals() {
        return signals;
    }

    /** The signals that hold samples, in header order (annotation signals left out). */
    public List<EdfSignal> dataSignals() {
        return signals.stream().filter(s -> !s.isAnnotation()).toList();
    }

    /** The signal at {@code index} in header order. */
    public EdfSignal signal(int index) {
        Objects.checkIndex(index, signals.size());
        return signals.get(index);
    }

    /**
     * The one signal that goes by {@code name}, a raw label or a normalized name (see {@link #signalsNamed}):
     * {@code signal("EEG FP1-REF")}, {@code signal("Fp1")} and {@code signal("FP1")} find the same signal.
     *
     * @throws NoSuchElementException when no signal goes by the name
     * @throws IllegalArgumentException when several do (duplicate labels: pick one with {@link #signal(int)})
     */
    public EdfSignal signal(String name) {
        List<EdfSignal> matches = signalsNamed(name);
        if (matches.isEmpty()) {
            throw new NoSuchElementException(this.name + ": no signal is labelled or named '" + name
                    + "'; the signals are "
                    + signals.stream().map(EdfFile::describe).collect(Collectors.joining(", ")));
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException(this.name + ": '" + name + "' names signals "
                    + matches.stream().map(s -> String.valueOf(s.index())).collect(Collectors.joining(", "))
                    + " (labels "
                    + matches.stream().map(s -> "'" + s.label() + "'").collect(Collectors.joining(", "))
                    + "); pick one by index with signal(int)");
        }
        return matches.get(0);
    }

    /**
     * The signals that go by {@code name}, in header order: those labelled exactly {@code name} (as written,
     * without trailing padding) if there are any; else those whose labels match it up to spaces, case, a leading
     * {@code EEG} and a reference suffix ({@code FP1} finds {@code EEG FP1-LE}); else those whose {@linkplain
     * EdfSignal#normalizedName() normalized name} matches its normalized form, synonyms included ({@code T7} finds
     * {@code EEG T3-REF}). Empty when no signal goes by the name; several when labels are duplicated.
     */
    public List<EdfSignal> signalsNamed(String name) {
        Objects.requireNonNull(name, "name");
        List<EdfSignal> exact =
                signals.stream().filter(s -> s.label().equals(name)).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        String normalized = ChannelNames.normalize(name);
        List<EdfSignal> direct = signals.stream()
                .filter(s -> ChannelNames.normalize(s.label()).equalsIgnoreCase(normalized))
                .toList();
        if (!direct.isEmpty()) {
            return direct;
        }
        String canonical = ChannelNames.name(name);
        return signals.stream()
                .filter(s -> s.normalizedName().equalsIgnoreCase(canonical))
                .toList();
    }

    /** Deviations from the specification found so far (header at open; annotations once they are read). */
    public List<EdfWarning> warnings() {
        return diagnostics.warnings();
    }

    /** All annotations of all annotation signals, in file order, time-keeping entries left out. */
    public List<EdfAnnotation> annotations() throws IOException {
        return timeline().annotations;
    }

    /**
     * The onset of every data record in seconds from the header start date/time: from the records'
     * time-keeping annotations when the file has an annotation signal, else record index × duration.
     */
    public double[] recordOnsets() throws IOException {
        return timeline().onsets.clone();
    }

    /** The gap-free runs of records: one for a continuous file, one more per gap in an EDF+D file. */
    public List<EdfSegment> segments() throws IOException {
        return timeline().segments;
    }

    /** Seconds from the header start date/time to stored sample {@code sample} of {@code signal}. */
    public double timeOf(EdfSignal signal, long sample) throws IOException {
        int i = indexOf(signal);
        if (sample < 0 || sample >= signals.get(i).sampleCount()) {
            throw new IllegalArgumentException(name + ": sample " + sample + " is outside signal '" + signal.label()
                    + "', which has " + signal.sampleCount() + " samples");
        }
        int spr = signal.samplesPerRecord();
        return timeline().onsets[(int) (sample / spr)] + (sample % spr) * header.recordDuration() / spr;
    }

    /** Reads {@code count} digital (stored) values of {@code signal} from stored sample {@code from} on. */
    public void readDigital(EdfSignal signal, long from, int[] dst, int off, int count) throws IOException {
        Objects.checkFromIndexSize(off, count, dst.length);
        read(List.of(signal), from, count, SampleReader.digital(new int[][] {dst}, off));
    }

    /** Reads {@code count} physical values of {@code signal} from stored sample {@code from} on, in float64. */
    public void readPhysical(EdfSignal signal, long from, double[] dst, int off, int count) throws IOException {
        Objects.checkFromIndexSize(off, count, dst.length);
        List<EdfSignal> one = List.of(signal);
        read(one, from, count, SampleReader.physical(one, new double[][] {dst}, off));
    }

    /**
     * Reads {@code count} physical values of {@code signal} from stored sample {@code from} on, computed in
     * float64 and rounded to float32.
     */
    public void readPhysical(EdfSignal signal, long from, float[] dst, int off, int count) throws IOException {
        Objects.checkFromIndexSize(off, count, dst.length);
        List<EdfSignal> one = List.of(signal);
        read(one, from, count, SampleReader.physical(one, new float[][] {dst}, off));
    }

    /**
     * Reads stored samples [{@code from}, {@code from + count}) of each of {@code signals} into {@code dst[k]}
     * (from index 0), in float64, in one pass over the data records they span: the fast way to read a window of
     * many channels. The sample indexes are the same for every signal, so signals at different rates cover
     * different spans of time (use {@link #readPhysical(List, Duration, Duration)} for one span of time).
     *
     * @throws IllegalArgumentException when a signal is an annotation signal, belongs to another file or is listed
     *     twice, when a range reaches outside a signal, or when {@code dst} does not hold one array per signal
     */
    public void readPhysical(List<EdfSignal> signals, long from, int count, double[][] dst) throws IOException {
        checkDestinations(signals.size(), count, dst.length, k -> dst[k].length);
        read(signals, from, count, SampleReader.physical(signals, dst, 0));
    }

    /**
     * Reads stored samples [{@code from}, {@code from + count}) of each of {@code signals} into {@code dst[k]}
     * (from index 0), computed in float64 and rounded to float32, in one pass over the data records they span (see
     * {@link #readPhysical(List, long, int, double[][])}).
     */
    public void readPhysical(List<EdfSignal> signals, long from, int count, float[][] dst) throws IOException {
        checkDestinations(signals.size(), count, dst.length, k -> dst[k].length);
        read(signals, from, count, SampleReader.physical(signals, dst, 0));
    }

    /** All physical values of {@code signal}, in float64. */
    public double[] readPhysical(EdfSignal signal) throws IOException {
        if (signal.sampleCount() > MAX_ARRAY) {
            throw new IllegalArgumentException(name + ": signal '" + signal.label() + "' has " + signal.sampleCount()
                    + " samples, too many for one array; read it in parts");
        }
        double[] out = new double[(int) signal.sampleCount()];
        readPhysical(signal, 0, out, 0, out.length);
        return out;
    }

    /**
     * The float32 physical values of {@code signal} in a span of recorded time: the samples whose time since
     * the first sample lies in [{@code from}, {@code from + length}). Time counts stored samples at the
     * signal's rate, so in EDF+D files it skips the gaps (use {@link #segments()} for wall-clock positions).
     *
     * @throws IllegalArgumentException when the span reaches outside the recording
     */
    public float[] readPhysical(EdfSignal signal, Duration from, Duration length) throws IOException {
        return readPhysical(List.of(signal), from, length)[0];
    }

    /**
     * The float32 physical values of each of {@code signals} in one span of recorded time (see {@link
     * #readPhysical(EdfSignal, Duration, Duration)}), each at its native rate, read in one pass over the data
     * records.
     *
     * @throws IllegalArgumentException when the span reaches outside the recording, or a signal is an annotation
     *     signal, belongs to another file or is listed twice
     */
    public float[][] readPhysical(List<EdfSignal> signals, Duration from, Duration length) throws IOException {
        if (from.isNegative() || length.isNegative()) {
            throw new IllegalArgumentException("from and length must not be negative: " + from + ", " + length);
        }
        int[] index = dataSignalIndexes(signals);
        int m = index.length;
        long[] first = new long[m];
        int[] count = new int[m];
        float[][] out = new float[m][];
        for (int k = 0; k < m; k++) {
            EdfSignal signal = signals.get(k);
            first[k] = sampleAt(signal, from);
            long end = sampleAt(signal, from.plus(length));
            if (end > signal.sampleCount()) {
                throw new IllegalArgumentException(name + ": " + from + " + " + length
                        + " reaches past the end of signal '" + signal.label() + "' (" + signal.sampleCount()
                        + " samples at " + signal.samplingRate() + " Hz)");
            }
            count[k] = Math.toIntExact(end - first[k]);
            out[k] = new float[count[k]];
        }
        reader.read(source(), index, first, count, SampleReader.physical(signals, out, 0));
        return out;
    }

    /**
     * A stable, JSON-ready view of the header, signals, segments, annotations and warnings: nested maps with
     * fixed key order, lists, strings, numbers, booleans and nulls. Reads the annotations if not yet read.
     */
    public Map<String, Object> info() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", name);
        m.put("format", header.format().name());
        m.put("version", header.version());
        m.put("patient", header.patientField());
        m.put("patientSubfields", header.patient().map(EdfFile::patientInfo).orElse(null));
        m.put("recording", header.recordingField());
        m.put(
                "recordingSubfields",
                header.recording().map(EdfFile::recordingInfo).orElse(null));
        m.put("startDate", header.startDateField());
        m.put("startTime", header.startTimeField());
        m.put("startDateTime", header.startDateTime().map(Object::toString).orElse(null));
        m.put("startOffset", header.startOffset());
        m.put("recordingStart", header.recordingStart().map(Object::toString).orElse(null));
        m.put("headerBytes", header.headerBytes());
        m.put("reserved", header.reservedField());
        m.put("recordCountField", header.recordCountField());
        m.put("recordCount", header.recordCount());
        m.put("recordDuration", header.recordDurationField());
        m.put("recordDurationSeconds", header.recordDuration());
        m.put("signalCount", header.signalCount());
        m.put("signals", signals.stream().map(EdfFile::signalInfo).toList());
        m.put("segments", segments().stream().map(EdfFile::segmentInfo).toList());
        m.put("annotations", annotations().stream().map(EdfFile::annotationInfo).toList());
        m.put("warnings", warnings().stream().map(EdfWarning::toString).toList());
        return m;
    }

    @Override
    public void close() throws IOException {
        ByteSource s = source;
        source = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public String toString() {
        return "EdfFile[" + name + ", " + header.format() + ", " + signals.size() + " signals, " + header.recordCount()
                + " records]";
    }

    // ---- reading

    /** Reads samples [from, from + count) of each signal, after checking the signals and the range. */
    private void read(List<EdfSignal> list, long from, int count, SampleReader.Sink sink) throws IOException {
        int[] index = dataSignalIndexes(list);
        for (EdfSignal s : list) {
            if (from < 0 || from > s.sampleCount() - count) {
                throw new IllegalArgumentException(name + ": samples [" + from + ", " + (from + count)
                        + ") are outside signal '" + s.label() + "', which has " + s.sampleCount() + " samples");
            }
        }
        long[] first = new long[index.length];
        int[] counts = new int[index.length];
        Arrays.fill(first, from);
        Arrays.fill(counts, count);
        reader.read(source(), index, first, counts, sink);
    }

    /** The header indexes of distinct data signals of this file. */
    private int[] dataSignalIndexes(List<EdfSignal> list) {
        int[] index = new int[list.size()];
        boolean[] seen = new boolean[signals.size()];
        for (int k = 0; k < index.length; k++) {
            EdfSignal signal = list.get(k);
            int i = indexOf(signal);
            if (signal.isAnnotation()) {
                throw new IllegalArgumentException(name + ": signal " + i + " '" + signal.label()
                        + "' is an annotation signal; read it with annotations()");
            }
            if (seen[i]) {
                throw new IllegalArgumentException(
                        name + ": signal " + i + " '" + signal.label() + "' is listed twice; list each signal once");
            }
            seen[i] = true;
            index[k] = i;
        }
        return index;
    }

    private void checkDestinations(int signalCount, int count, int arrays, IntUnaryOperator length) {
        if (arrays != signalCount) {
            throw new IllegalArgumentException(
                    "dst holds " + arrays + " arrays for " + signalCount + " signals; give one array per signal");
        }
        for (int k = 0; k < arrays; k++) {
            Objects.checkFromIndexSize(0, count, length.applyAsInt(k));
        }
    }

    private int indexOf(EdfSignal signal) {
        int i = signal.index();
        if (i < 0
                || i >= signals.size()
                || (signals.get(i) != signal && !signals.get(i).equals(signal))) {
            throw new IllegalArgumentException(name + ": signal '" + signal.label() + "' does not belong to this file");
        }
        return i;
    }

    private ByteSource source() throws ClosedChannelException {
        ByteSource s = source;
        if (s == null) {
            throw new ClosedChannelException();
        }
        return s;
    }

    /**
     * The stored-sample index of {@code signal} at recorded time {@code t}: the first sample whose time since the
     * first sample is at or after {@code t}, that is {@code ceil(t · samplesPerRecord / recordDuration)}, computed
     * exactly from the header's duration text. Time counts stored samples at the signal's rate, so in EDF+D files
     * it skips the gaps. The index equals {@link EdfSignal#sampleCount()} at the end of the recording and exceeds
     * it beyond; {@link #readPhysical(EdfSignal, Duration, Duration)} reads the samples between two such indexes.
     *
     * @throws IllegalArgumentException when {@code t} is negative or the signal belongs to another file
     */
    public long sampleIndex(EdfSignal signal, Duration t) {
        indexOf(signal);
        if (t.isNegative()) {
            throw new IllegalArgumentException(name + ": time must not be negative, got " + t);
        }
        return sampleAt(signal, t);
    }

    private long sampleAt(EdfSignal signal, Duration t) {
        if (layout.recordDuration().signum() == 0) {
            throw new IllegalArgumentException(name + ": the record duration is 0, so signal '" + signal.label()
                    + "' has no time axis; address its samples by index");
        }
        BigDecimal seconds = BigDecimal.valueOf(t.getSeconds()).add(BigDecimal.valueOf(t.getNano(), 9));
        return seconds.multiply(BigDecimal.valueOf(signal.samplesPerRecord()))
                .divide(layout.recordDuration(), 9, RoundingMode.HALF_EVEN)
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    // ---- annotations and record onsets

    /** The parsed TALs of one record, one list per annotation signal. */
    private List<List<TalParser.Tal>> recordTals(int record) throws IOException {
        List<List<TalParser.Tal>> out = new ArrayList<>(annotationSignals.length);
        ByteSource src = source();
        for (int a : annotationSignals) {
            int len = signals.get(a).samplesPerRecord() * bytesPerSample;
            byte[] bytes = new byte[len];
            long pos = layout.dataOffset() + (long) record * layout.recordSize() + layout.signalOffsets()[a];
            src.readBytes(pos, bytes, 0, len);
            out.add(TalParser.parse(bytes, len, pos, record, diagnostics));
        }
        return out;
    }

    private double startOffset() {
        if (firstRecordTals.isEmpty() || firstRecordTals.get(0).isEmpty()) {
            return 0;
        }
        TalParser.Tal first = firstRecordTals.get(0).get(0);
        return first.isTimeKeeping() ? first.onset().doubleValue() : 0;
    }

    private static final class Timeline {
        final double[] onsets;
        final List<EdfAnnotation> annotations;
        final List<EdfSegment> segments;

        Timeline(double[] onsets, List<EdfAnnotation> annotations, List<EdfSegment> segments) {
            this.onsets = onsets;
            this.annotations = annotations;
            this.segments = segments;
        }
    }

    private synchronized Timeline timeline() throws IOException {
        if (timeline == null) {
            timeline = buildTimeline();
        }
        return timeline;
    }

    private Timeline buildTimeline() throws IOException {
        int n = header.recordCount();
        double duration = header.recordDuration();
        double[] onsets = new double[n];
        List<EdfAnnotation> annotations = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (annotationSignals.length == 0) {
                onsets[r] = r * duration;
                continue;
            }
            List<List<TalParser.Tal>> tals = r == 0 ? firstRecordTals : recordTals(r);
            boolean timeKept = false;
            for (int a = 0; a < tals.size(); a++) {
                List<TalParser.Tal> list = tals.get(a);
                for (int t = 0; t < list.size(); t++) {
                    TalParser.Tal tal = list.get(t);
                    boolean timeKeeping = a == 0 && t == 0 && tal.isTimeKeeping();
                    if (timeKeeping) {
                        onsets[r] = tal.onset().doubleValue();
                        timeKept = true;
                    }
                    for (int x = timeKeeping ? 1 : 0; x < tal.texts().size(); x++) {
                        String text = tal.texts().get(x);
                        if (!text.isEmpty()) {
                            annotations.add(new EdfAnnotation(tal.onset().doubleValue(), tal.duration(), text, r));
                        }
                    }
                }
            }
            if (!timeKept) {
                onsets[r] = r == 0 ? 0 : onsets[r - 1] + duration;
                diagnostics.warn(
                        "record " + r + " annotations",
                        layout.dataOffset()
                                + (long) r * layout.recordSize()
                                + layout.signalOffsets()[annotationSignals[0]],
                        null,
                        "the record does not start with a time-keeping TAL ('+onset' 0x14 0x14 0x00); its onset is "
                                + "taken as " + onsets[r] + " s");
            }
        }
        return new Timeline(onsets, List.copyOf(annotations), segments(onsets, duration));
    }

    private List<EdfSegment> segments(double[] onsets, double duration) throws EdfFormatException {
        List<EdfSegment> out = new ArrayList<>();
        int first = 0;
        for (int r = 1; r <= onsets.length; r++) {
            if (r < onsets.length) {
                double expected = onsets[r - 1] + duration;
                double delta = onsets[r] - expected;
                if (Math.abs(delta) <= GAP_TOLERANCE_SECONDS) {
                    continue;
                }
                if (delta < 0) {
                    diagnostics.warn(
                            "record " + r + " annotations",
                            -1,
                            String.valueOf(onsets[r]),
                            "the record starts " + (-delta) + " s before the previous record ends; records must not "
                                    + "overlap or go back in time");
                }
            }
            out.add(new EdfSegment(first, r - first, onsets[first], (r - first) * duration));
            first = r;
        }
        if (out.size() > 1 && !header.format().isDiscontinuous()) {
            diagnostics.warn(
                    HeaderField.RESERVED.label,
                    HeaderField.RESERVED.offset,
                    header.reservedField(),
                    "the file claims to be continuous, but its records' time-keeping annotations show "
                            + (out.size() - 1) + " gap(s); segments() lists them");
        }
        return List.copyOf(out);
    }

    // ---- info

    private static Map<String, Object> patientInfo(EdfPatient p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", p.code());
        m.put("sex", p.sex());
        m.put("birthdate", p.birthdate());
        m.put("name", p.name());
        m.put("additional", p.additional());
        return m;
    }

    private static Map<String, Object> recordingInfo(EdfRecording r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startdate", r.startdate());
        m.put("adminCode", r.adminCode());
        m.put("technician", r.technician());
        m.put("equipment", r.equipment());
        m.put("additional", r.additional());
        return m;
    }

    /** {@code 0 'EEG FP1-REF' (Fp1)}: index, label and, where it differs, normalized name. */
    private static String describe(EdfSignal s) {
        String normalized = s.normalizedName();
        return s.index() + " '" + s.label() + "'" + (normalized.equals(s.label()) ? "" : " (" + normalized + ")");
    }

    private static Map<String, Object> signalInfo(EdfSignal s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", s.index());
        m.put("label", s.label());
        m.put("name", s.normalizedName());
        m.put("annotation", s.isAnnotation());
        m.put("transducer", s.transducer());
        m.put("unit", s.unit());
        m.put("physicalMin", s.physicalMinField());
        m.put("physicalMax", s.physicalMaxField());
        m.put("digitalMin", s.digitalMinField());
        m.put("digitalMax", s.digitalMaxField());
        m.put("prefilter", s.prefilter());
        m.put("samplesPerRecord", s.samplesPerRecord());
        m.put("samplingRate", s.samplingRate());
        m.put("sampleCount", s.sampleCount());
        return m;
    }

    private static Map<String, Object> segmentInfo(EdfSegment s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("firstRecord", s.firstRecord());
        m.put("recordCount", s.recordCount());
        m.put("onset", s.onset());
        m.put("duration", s.duration());
        return m;
    }

    private static Map<String, Object> annotationInfo(EdfAnnotation a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("onset", a.onset());
        m.put("duration", a.duration().isPresent() ? a.duration().getAsDouble() : null);
        m.put("text", a.text());
        m.put("record", a.record());
        return m;
    }
}
