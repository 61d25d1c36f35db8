package io.github.braingobrr.edf;

import static io.github.braingobrr.edf.EdfTesting.bytes;
import static io.github.braingobrr.edf.EdfTesting.open;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Files written by {@link EdfWriter} read back through {@link EdfFile} with everything intact. */
class EdfRoundTripTest {
    private static final List<Double> DURATIONS = List.of(0.1, 0.25, 0.5, 1.0, 2.0, 9.59375, 10.0, 30.0);

    record Sig(
            String label,
            String transducer,
            String unit,
            String prefilter,
            int spr,
            int dmin,
            int dmax,
            BigDecimal pmin,
            BigDecimal pmax) {}

    record Note(long onsetMillis, long durationMillis, String text) {}

    record Case(
            EdfFormat format,
            List<Sig> signals,
            int records,
            double duration,
            LocalDateTime start,
            List<Note> notes,
            List<Integer> gaps,
            long seed) {}

    private static Arbitrary<String> ascii(int max) {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(max).map(String::stripTrailing);
    }

    private static Arbitrary<BigDecimal> decimal8() {
        return Combinators.combine(
                        Arbitraries.integers().between(-9_999_999, 9_999_999),
                        Arbitraries.integers().between(0, 4))
                .as((unscaled, scale) -> BigDecimal.valueOf(unscaled, scale))
                .filter(d -> d.stripTrailingZeros().toPlainString().length() <= 8);
    }

    private static Arbitrary<Sig> signal(EdfFormat f) {
        Arbitrary<String> label = ascii(16).filter(s -> !s.isEmpty() && !EdfSignal.isAnnotationLabel(s));
        Arbitrary<int[]> digital = Arbitraries.integers()
                .between(f.digitalLimitMin(), f.digitalLimitMax() - 1)
                .flatMap(lo -> Arbitraries.integers()
                        .between(lo + 1, f.digitalLimitMax())
                        .map(hi -> new int[] {lo, hi}));
        Arbitrary<BigDecimal[]> physical = Combinators.combine(decimal8(), decimal8())
                .as((a, b) -> new BigDecimal[] {a, b})
                .filter(p -> p[0].compareTo(p[1]) != 0);
        return Combinators.combine(
                        label,
                        ascii(80),
                        ascii(8),
                        ascii(80),
                        Arbitraries.integers().between(1, 40),
                        digital,
                        physical)
                .as((l, t, u, p, spr, d, ph) -> new Sig(l, t, u, p, spr, d[0], d[1], ph[0], ph[1]));
    }

    private static Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0xa0, 0xd7ff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x1f300, 0x1faff)));
        return codePoint.list().ofMinSize(1).ofMaxSize(25).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(EdfFormat.values()).flatMap(f -> {
            Arbitrary<List<Sig>> signals = signal(f).list().ofMinSize(1).ofMaxSize(5);
            Arbitrary<Integer> records = Arbitraries.integers().between(0, 7);
            Arbitrary<Double> duration = Arbitraries.of(DURATIONS);
            Arbitrary<LocalDateTime> start = Combinators.combine(
                            Arbitraries.integers().between(1985, 2084),
                            Arbitraries.integers().between(1, 365),
                            Arbitraries.integers().between(0, 86399),
                            Arbitraries.integers().between(0, 9_999_999))
                    .as((y, day, sec, hundredNanos) -> LocalDateTime.of(y, 1, 1, 0, 0)
                            .plusDays(day - 1)
                            .plusSeconds(sec)
                            .plusNanos(f.isPlus() ? hundredNanos * 100L : 0));
            Arbitrary<List<Note>> notes = f.isPlus()
                    ? Combinators.combine(
                                    Arbitraries.longs().between(0, 70_000),
                                    Arbitraries.longs().between(-1, 100_000),
                                    text())
                            .as(Note::new)
                            .list()
                            .ofMaxSize(6)
                    : Arbitraries.just(List.of());
            Arbitrary<List<Integer>> gaps =
                    Arbitraries.of(0, 0, 1, 4, 2000).list().ofSize(7);
            return Combinators.combine(signals, records, duration, start, notes, gaps, Arbitraries.longs())
                    .as((s, r, d, st, n, g, seed) -> new Case(f, s, r, d, st, r == 0 ? List.of() : n, g, seed));
        });
    }

    @Property(tries = 150)
    void writtenFilesReadBackBitExactly(@ForAll("cases") Case c) throws IOException {
        Random random = new Random(c.seed());
        EdfWriter.Builder b =
                EdfWriter.builder(c.format()).startDateTime(c.start()).recordDuration(c.duration());
        List<int[]> data = new ArrayList<>();
        for (Sig s : c.signals()) {
            int[] d = new int[s.spr() * c.records()];
            int span = c.format().digitalLimitMax() - c.format().digitalLimitMin() + 1;
            Arrays.setAll(d, i -> c.format().digitalLimitMin() + random.nextInt(span));
            data.add(d);
            b.digitalSignal(
                    new EdfSignalSpec(
                            s.label(),
                            s.transducer(),
                            s.unit(),
                            s.pmin().doubleValue(),
                            s.pmax().doubleValue(),
                            s.dmin(),
                            s.dmax(),
                            s.prefilter(),
                            s.spr()),
                    d);
        }
        double total = c.records() * c.duration();
        List<Note> notes = new ArrayList<>();
        for (Note n : c.notes()) {
            Note fitted = new Note(n.onsetMillis() % Math.max(1, (long) (total * 1000)), n.durationMillis(), n.text());
            notes.add(fitted);
            if (fitted.durationMillis() < 0) {
                b.annotation(fitted.onsetMillis() / 1000.0, fitted.text());
            } else {
                b.annotation(fitted.onsetMillis() / 1000.0, fitted.durationMillis() / 1000.0, fitted.text());
            }
        }
        double[] onsets = new double[c.records()];
        if (c.format().isDiscontinuous()) {
            for (int r = 1; r < c.records(); r++) {
                onsets[r] = onsets[r - 1] + c.duration() + c.gaps().get(r);
            }
            b.recordOnsets(onsets);
        } else {
            Arrays.setAll(onsets, r -> r * c.duration());
        }

        try (EdfFile edf = open(bytes(b.build()), EdfOptions.STRICT)) {
            assertTrue(edf.warnings().isEmpty(), edf.warnings()::toString);
            EdfHeader h = edf.header();
            assertEquals(c.format(), h.format());
            assertEquals(c.records(), h.recordCount());
            assertEquals(c.duration(), h.recordDuration());
            assertEquals(c.signals().size() + (c.format().isPlus() ? 1 : 0), h.signalCount());
            if (c.records() > 0 || c.start().getNano() == 0) {
                assertEquals(c.start(), h.recordingStart().orElseThrow());
            }
            for (int i = 0; i < c.signals().size(); i++) {
                Sig s = c.signals().get(i);
                EdfSignal e = edf.signal(i);
                assertEquals(s.label(), e.label());
                assertEquals(s.transducer(), e.transducer());
                assertEquals(s.unit(), e.unit());
                assertEquals(s.prefilter(), e.prefilter());
                assertEquals(s.spr(), e.samplesPerRecord());
                assertEquals(s.spr() / c.duration(), e.samplingRate());
                assertEquals(s.dmin(), e.digitalMin());
                assertEquals(s.dmax(), e.digitalMax());
                assertEquals(0, s.pmin().compareTo(new BigDecimal(e.physicalMinField())), e.physicalMinField());
                assertEquals(0, s.pmax().compareTo(new BigDecimal(e.physicalMaxField())), e.physicalMaxField());
                int[] back = new int[data.get(i).length];
                edf.readDigital(e, 0, back, 0, back.length);
                assertArrayEquals(data.get(i), back, "digital values of " + s.label());
                double[] physical = edf.readPhysical(e);
                double pmin = s.pmin().doubleValue();
                double pmax = s.pmax().doubleValue();
                for (int k = 0; k < back.length; k++) {
                    double expected =
                            (back[k] - (double) s.dmin()) * (pmax - pmin) / (s.dmax() - (double) s.dmin()) + pmin;
                    assertEquals(expected, physical[k], 1e-12 * Math.abs(pmax - pmin) * (1 + Math.abs(back[k])));
                }
                if (back.length > 0) {
                    int from = random.nextInt(back.length);
                    int count = random.nextInt(back.length - from + 1);
                    int[] part = new int[count + 2];
                    edf.readDigital(e, from, part, 1, count);
                    assertArrayEquals(
                            Arrays.copyOfRange(data.get(i), from, from + count),
                            Arrays.copyOfRange(part, 1, count + 1));
                }
            }
            double fraction = c.start().getNano() / 1e9;
            assertEquals(c.records() > 0 ? fraction : 0, h.startOffset(), 1e-12);
            double[] gotOnsets = edf.recordOnsets();
            for (int r = 0; r < c.records(); r++) {
                assertEquals(onsets[r] + fraction, gotOnsets[r], 1e-9);
            }
            int gaps = 0;
            for (int r = 1; r < c.records(); r++) {
                gaps += Math.abs(onsets[r] - onsets[r - 1] - c.duration()) > 1e-9 ? 1 : 0;
            }
            assertEquals(c.records() == 0 ? 0 : gaps + 1, edf.segments().size());

            List<String> expected = new ArrayList<>();
            for (Note n : notes) {
                expected.add(key(n.onsetMillis(), n.durationMillis(), n.text()));
            }
            List<String> got = new ArrayList<>();
            for (EdfAnnotation a : edf.annotations()) {
                long onset = Math.round((a.onset() - h.startOffset()) * 1000);
                assertEquals(onset / 1000.0, a.onset() - h.startOffset(), 1e-9, "onset of " + a);
                long duration =
                        a.duration().isPresent() ? Math.round(a.duration().getAsDouble() * 1000) : -1;
                if (duration >= 0) {
                    assertEquals(duration / 1000.0, a.duration().getAsDouble(), 1e-12, "duration of " + a);
                }
                got.add(key(onset, duration, a.text()));
            }
            expected.sort(null);
            got.sort(null);
            assertEquals(expected, got);
        }
    }

    private static String key(long onsetMillis, long durationMillis, String text) {
        return onsetMillis + "/" + durationMillis + "/" + text;
    }

    @Provide
    Arbitrary<EdfFormat> dataFormats() {
        return Arbitraries.of(EdfFormat.EDF, EdfFormat.EDF_PLUS_C, EdfFormat.BDF, EdfFormat.BDF_PLUS_C);
    }

    @Property(tries = 100)
    void physicalValuesComeBackWithinHalfADigitalStep(
            @ForAll("dataFormats") EdfFormat format, @ForAll("cases") Case shape) throws IOException {
        Random random = new Random(shape.seed());
        Sig s = signal(format).sample();
        double lo = Math.min(s.pmin().doubleValue(), s.pmax().doubleValue());
        double hi = Math.max(s.pmin().doubleValue(), s.pmax().doubleValue());
        double[] physical = new double[s.spr() * 3];
        Arrays.setAll(physical, i -> lo + random.nextDouble() * (hi - lo));
        EdfWriter w = EdfWriter.builder(format)
                .signal(
                        EdfSignalSpec.of(
                                s.label(),
                                "uV",
                                s.pmin().doubleValue(),
                                s.pmax().doubleValue(),
                                s.dmin(),
                                s.dmax(),
                                s.spr()),
                        physical)
                .build();
        try (EdfFile edf = open(bytes(w), EdfOptions.STRICT)) {
            EdfSignal e = edf.signal(0);
            double step = Math.abs(e.gain());
            double[] back = edf.readPhysical(e);
            for (int i = 0; i < physical.length; i++) {
                assertEquals(physical[i], back[i], step / 2 + 1e-9 * (hi - lo), "sample " + i);
            }
        }
    }
}
