package io.github.braingobrr.synthetic;

import io.github.braingobrr.edf.EdfFormat;
import io.github.braingobrr.edf.EdfWriter;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The samples of a {@link SyntheticRecordingSpec}, generated on demand in physical units (µV for EEG).
 *
 * <p>Any sample range of any signal can be read on its own, in any order, and the values never depend on
 * how a signal is split into reads: reading a minute at a time gives exactly the same doubles as reading
 * the whole signal. Nothing is cached, so memory stays at the size of the caller's buffers; read spans of
 * several seconds or more, since each read synthesises the (about eight-second) blocks it touches.
 *
 * <p>EEG signals are independent 1/f^β background per electrode, plus a shared alpha rhythm weighted
 * towards the occiput, a little 60 Hz line noise, and the planted seizures on their electrodes. ECG signals
 * carry QRS complexes; flat signals are zero. Every value lies within the signal's physical range.
 *
 * <p>Instances are cheap; they are not meant for concurrent use, so give each thread its own.
 */
public final class SyntheticRecording {

    private static final long PARAMETERS = 1;
    private static final long NOISE = 2;
    private static final long ALPHA = 3;
    private static final long SIGNAL = 4;
    private static final long BEATS = 5;
    private static final double ALPHA_WIDTH_HZ = 0.4;
    private static final double LINE_HZ = 60;
    private static final double ECG_NOISE_RMS = 4;

    private final SyntheticRecordingSpec spec;
    private final BlockSynthesis blocks;
    private final double[] noiseShape;
    private final double[] alphaShape;
    private final int alphaFirstBin;
    private final int alphaLastBin;
    private final long alphaSeed;
    private final double backgroundRms;
    private final double alphaRms;
    private final double lineAmplitude;
    private final double ecgAmplitude;
    private final double rrSeconds;

    private SyntheticRecording(SyntheticRecordingSpec spec) {
        this.spec = spec;
        this.blocks = new BlockSynthesis(spec.samplingRate());
        SplittableRandom r = new SplittableRandom(Seeds.derive(spec.seed(), PARAMETERS));
        double beta = Seeds.uniform(r, 1.6, 2.2);
        this.backgroundRms = Seeds.uniform(r, 10, 20);
        this.alphaRms = Seeds.uniform(r, 10, 20);
        this.lineAmplitude = Seeds.uniform(r, 0.5, 3);
        this.ecgAmplitude = Seeds.uniform(r, 300, 700);
        this.rrSeconds = Seeds.uniform(r, 0.7, 1.0);
        this.alphaSeed = Seeds.derive(spec.seed(), ALPHA);

        int bins = blocks.bins();
        noiseShape = new double[bins];
        double power = 0;
        for (int k = 1; k < bins; k++) {
            double f = blocks.frequency(k);
            noiseShape[k] = Math.pow(f * f + 1, -beta / 4);
            power += noiseShape[k] * noiseShape[k];
        }
        scale(noiseShape, 1 / Math.sqrt(power));

        double fa = spec.alphaFrequencyHz();
        int lo = Math.max(1, (int) Math.floor((fa - 4 * ALPHA_WIDTH_HZ) / blocks.frequency(1)));
        int hi = Math.min(bins - 1, (int) Math.ceil((fa + 4 * ALPHA_WIDTH_HZ) / blocks.frequency(1)));
        alphaShape = new double[bins];
        power = 0;
        for (int k = lo; k <= hi; k++) {
            double z = (blocks.frequency(k) - fa) / ALPHA_WIDTH_HZ;
            alphaShape[k] = Math.exp(-0.5 * z * z);
            power += alphaShape[k] * alphaShape[k];
        }
        scale(alphaShape, 1 / Math.sqrt(power));
        alphaFirstBin = lo;
        alphaLastBin = hi;
    }

    private static void scale(double[] a, double factor) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= factor;
        }
    }

    /** The generator for a spec. */
    public static SyntheticRecording of(SyntheticRecordingSpec spec) {
        return new SyntheticRecording(spec);
    }

    /** The spec this recording was generated from. */
    public SyntheticRecordingSpec spec() {
        return spec;
    }

    /** The signals, in EDF order. */
    public List<SyntheticSignal> signals() {
        return spec.signals();
    }

    /** Number of signals. */
    public int signalCount() {
        return spec.signals().size();
    }

    /** Total samples of a signal: samples per record × number of records. */
    public long sampleCount(int signal) {
        return (long) signal(signal).samplingRate() * spec.numberOfRecords();
    }

    /** Reads {@code length} samples of a signal starting at {@code firstSample} into a new array. */
    public double[] read(int signal, long firstSample, int length) {
        double[] out = new double[length];
        read(signal, firstSample, out, 0, length);
        return out;
    }

    /** Reads the whole of one signal ({@link #sampleCount} values, 8 bytes each). */
    public double[] readSignal(int signal) {
        long n = sampleCount(signal);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("signal " + signal + " of " + spec.stem() + " has " + n
                    + " samples, more than one array holds; read it in ranges");
        }
        return read(signal, 0, (int) n);
    }

    /**
     * Writes samples {@code [firstSample, firstSample + length)} of a signal, in physical units, into
     * {@code destination[offset .. offset + length)}.
     *
     * @throws IllegalArgumentException if the signal index or the sample range is outside the recording, or
     *     the destination range is outside the array
     */
    public void read(int signal, long firstSample, double[] destination, int offset, int length) {
        SyntheticSignal s = signal(signal);
        long total = sampleCount(signal);
        if (length < 0 || firstSample < 0 || firstSample > total - length) {
            throw new IllegalArgumentException("samples " + firstSample + "+" + length + " of signal '" + s.label()
                    + "' lie outside 0.." + total + " in " + spec.stem());
        }
        if (offset < 0 || offset > destination.length - length) {
            throw new IllegalArgumentException(
                    "destination range " + offset + "+" + length + " lies outside an array of " + destination.length);
        }
        Arrays.fill(destination, offset, offset + length, 0.0);
        switch (s.source()) {
            case EEG:
                addEeg(s, firstSample, destination, offset, length);
                break;
            case ECG:
                addNoise(s, ECG_NOISE_RMS, 0, firstSample, destination, offset, length);
                Ecg.add(
                        Seeds.derive(spec.seed(), BEATS),
                        rrSeconds,
                        ecgAmplitude,
                        spec.samplingRate(),
                        firstSample,
                        destination,
                        offset,
                        length);
                break;
            case FLAT:
                break;
        }
        for (int i = offset; i < offset + length; i++) {
            destination[i] = Math.max(s.edf().physicalMin(), Math.min(s.edf().physicalMax(), destination[i]));
        }
    }

    /**
     * The plain-EDF file of this recording, as TUSZ v2 stores it: the spec's patient and recording fields and
     * start, one-second records, every signal streamed from this generator while the file is written (so a long
     * recording never sits in memory).
     */
    EdfWriter edfWriter() {
        EdfWriter.Builder b = EdfWriter.builder(EdfFormat.EDF)
                .patientField(spec.patientField())
                .recordingField(spec.recordingField())
                .startDateTime(spec.startDateTime())
                .recordDuration(spec.recordDurationSeconds());
        for (int i = 0; i < signalCount(); i++) {
            int signal = i;
            b.signal(
                    spec.signals().get(i).edf(),
                    sampleCount(i),
                    (first, dst, offset, count) -> read(signal, first, dst, offset, count));
        }
        return b.build();
    }

    private SyntheticSignal signal(int index) {
        if (index < 0 || index >= spec.signals().size()) {
            throw new IllegalArgumentException("signal index " + index + " is outside 0.."
                    + (spec.signals().size() - 1) + " in " + spec.stem());
        }
        return spec.signals().get(index);
    }

    private SplittableRandom signalRandom(SyntheticSignal s) {
        return new SplittableRandom(Seeds.derive(spec.seed(), SIGNAL, s.label().hashCode()));
    }

    private void addEeg(SyntheticSignal s, long first, double[] dst, int offset, int count) {
        String electrode = s.electrode();
        SplittableRandom r = signalRandom(s);
        double rms = backgroundRms * Seeds.uniform(r, 0.8, 1.2);
        double lineGain = lineAmplitude * Seeds.uniform(r, 0.5, 1.5);
        double linePhase = Seeds.uniform(r, 0, 2 * Math.PI);
        addNoise(s, rms, alphaRms * Electrodes.alphaWeight(electrode), first, dst, offset, count);
        int rate = spec.samplingRate();
        if (LINE_HZ < rate / 2.0 && count > 0) {
            // 60 Hz has a whole number of cycles per second, so one second of it repeats exactly
            double w = 2 * Math.PI * LINE_HZ / rate;
            int period = Math.min(rate, count);
            int phase0 = (int) (first % rate);
            double[] line = new double[period];
            for (int i = 0; i < period; i++) {
                line[i] = lineGain * Math.sin(w * ((phase0 + i) % rate) + linePhase);
            }
            for (int i = 0; i < count; i++) {
                dst[offset + i] += line[i % rate];
            }
        }
        for (PlantedSeizure z : spec.seizures()) {
            if (z.electrodes().contains(electrode)) {
                SpikeWave.add(
                        z,
                        Electrodes.seizureWeight(z.focus(), electrode),
                        Electrodes.seizureLagSeconds(z.focus(), electrode),
                        rate,
                        first,
                        dst,
                        offset,
                        count);
            }
        }
    }

    /** 1/f^β background of the given RMS plus, when {@code alphaGain > 0}, the shared alpha rhythm. */
    private void addNoise(
            SyntheticSignal s, double rms, double alphaGain, long first, double[] dst, int offset, int count) {
        long noiseSeed = Seeds.derive(spec.seed(), NOISE, s.label().hashCode());
        int bins = blocks.bins();
        double[] deviates = new double[2 * bins];
        blocks.add(first, dst, offset, count, (block, packed) -> {
            Seeds.deviates(new SplittableRandom(Seeds.derive(noiseSeed, block)), deviates, 2 * (bins - 1));
            for (int k = 1; k < bins; k++) {
                double a = rms * noiseShape[k];
                packed[2 * k] = a * deviates[2 * (k - 1)];
                packed[2 * k + 1] = a * deviates[2 * (k - 1) + 1];
            }
            if (alphaGain > 0) {
                int n = alphaLastBin - alphaFirstBin + 1;
                Seeds.deviates(new SplittableRandom(Seeds.derive(alphaSeed, block)), deviates, 2 * n);
                for (int k = alphaFirstBin; k <= alphaLastBin; k++) {
                    double a = alphaGain * alphaShape[k];
                    packed[2 * k] += a * deviates[2 * (k - alphaFirstBin)];
                    packed[2 * k + 1] += a * deviates[2 * (k - alphaFirstBin) + 1];
                }
            }
        });
    }
}
