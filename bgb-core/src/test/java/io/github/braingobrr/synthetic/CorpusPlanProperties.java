package io.github.braingobrr.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CorpusPlanProperties {

    private static final Pattern EDF_PATH = Pattern.compile(
            "(train|dev|eval)/([a-z]{8})/s(\\d{3})_(\\d{4})/(01_tcp_ar|02_tcp_le)/\\2_s\\3_t(\\d{3})\\.edf");

    private static final Set<String> TYPES =
            Set.of("fnsz", "cpsz", "spsz", "gnsz", "absz", "tnsz", "cnsz", "tcsz", "atsz", "mysz");

    @Provide
    Arbitrary<SyntheticCorpusConfig> configs() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 14),
                        Arbitraries.integers().between(1, 5),
                        Arbitraries.doubles().between(0.1, 4),
                        Arbitraries.longs(),
                        Arbitraries.of(List.of(256), List.of(250, 256, 400, 512), List.of(400, 512)),
                        Arbitraries.of(0.0, 0.1, 0.5, 1.0),
                        Arbitraries.of(0.0, 0.1, 0.5),
                        Arbitraries.of(0.0, 0.1, 1.0))
                .as((patients, recordings, minutes, seed, rates, seizures, shorts, missing) ->
                        new SyntheticCorpusConfig(
                                patients,
                                recordings,
                                minutes,
                                0.2,
                                seed,
                                rates,
                                0.2,
                                0.1,
                                seizures,
                                shorts,
                                missing,
                                1.0 / 3));
    }

    private static String path(SyntheticRecordingSpec s) {
        return s.relativeEdfPath().toString().replace('\\', '/');
    }

    @Property(tries = 60)
    void thePlanIsAFunctionOfTheConfig(@ForAll("configs") SyntheticCorpusConfig c) {
        assertEquals(c.plan(), c.toBuilder().build().plan());
    }

    @Example
    void anotherSeedGivesAnotherCorpus() {
        var a = SyntheticCorpus.builder().seed(1).plan();
        var b = SyntheticCorpus.builder().seed(2).plan();
        assertEquals(a.size(), b.size());
        assertNotEquals(
                a.stream().map(CorpusPlanProperties::path).toList(),
                b.stream().map(CorpusPlanProperties::path).toList());
    }

    @Property(tries = 60)
    void pathsFollowTheTuszV2Layout(@ForAll("configs") SyntheticCorpusConfig c) {
        List<SyntheticRecordingSpec> plan = c.plan();
        assertEquals(c.patients() * c.recordingsPerPatient(), plan.size());
        Set<String> seen = new HashSet<>();
        for (SyntheticRecordingSpec s : plan) {
            String p = path(s);
            Matcher m = EDF_PATH.matcher(p);
            assertTrue(m.matches(), p);
            assertTrue(seen.add(p), "duplicate " + p);
            assertEquals(s.split().directory(), m.group(1));
            assertEquals(s.patient(), m.group(2));
            assertEquals(s.patient(), s.stem().split("_")[0], "patient id = stem before the first '_'");
            assertEquals(s.session(), Integer.parseInt(m.group(3)));
            assertEquals(s.sessionYear(), Integer.parseInt(m.group(4)));
            assertEquals(s.montage().directory(), m.group(5));
            assertEquals(s.token(), Integer.parseInt(m.group(6)));
            String stem = s.stem();
            assertEquals(
                    p.replace(".edf", ".csv"), s.relativeCsvPath().toString().replace('\\', '/'));
            assertEquals(
                    p.replace(".edf", ".csv_bi"),
                    s.relativeCsvBiPath().toString().replace('\\', '/'));
            assertTrue(p.endsWith("/" + stem + ".edf"));
            for (SyntheticSignal sig : s.signals()) {
                if (sig.source() == SyntheticSignal.Source.EEG) {
                    String suffix = s.montage() == TuhMontage.TCP_AR ? "-REF" : "-LE";
                    assertEquals("EEG " + sig.electrode() + suffix, sig.label());
                }
            }
        }
        List<String> sorted = new ArrayList<>();
        for (CorpusSplit split : CorpusSplit.values()) {
            plan.stream()
                    .filter(s -> s.split() == split)
                    .map(CorpusPlanProperties::path)
                    .sorted()
                    .forEach(sorted::add);
        }
        assertEquals(sorted, plan.stream().map(CorpusPlanProperties::path).toList(), "split order, then path order");
    }

    @Property(tries = 60)
    void splitsArePatientDisjointAndNonEmptyWhenTheyCanBe(@ForAll("configs") SyntheticCorpusConfig c) {
        Map<String, CorpusSplit> splitOf = new HashMap<>();
        for (SyntheticRecordingSpec s : c.plan()) {
            CorpusSplit before = splitOf.putIfAbsent(s.patient(), s.split());
            assertTrue(before == null || before == s.split(), s.patient() + " is in two splits");
        }
        assertEquals(c.patients(), splitOf.size());
        Map<CorpusSplit, Integer> counts = new TreeMap<>();
        splitOf.values().forEach(v -> counts.merge(v, 1, Integer::sum));
        assertTrue(counts.getOrDefault(CorpusSplit.TRAIN, 0) >= 1);
        assertEquals(c.patients() >= 2, counts.getOrDefault(CorpusSplit.DEV, 0) >= 1, counts.toString());
        assertEquals(c.patients() >= 3, counts.getOrDefault(CorpusSplit.EVAL, 0) >= 1, counts.toString());
    }

    @Property(tries = 60)
    void seizuresLieInsideTheRecordingAndFollowTheRules(@ForAll("configs") SyntheticCorpusConfig c) {
        for (SyntheticRecordingSpec s : c.plan()) {
            double previousStop = 0;
            for (PlantedSeizure z : s.seizures()) {
                String where = s.stem() + " " + z;
                assertTrue(TYPES.contains(z.type().code()), where);
                assertTrue(z.startSeconds() >= previousStop + 1, where);
                assertTrue(z.stopSeconds() <= s.durationSeconds() - 1, where);
                assertTrue(z.durationSeconds() >= 10 - 1e-9 && z.durationSeconds() <= 120 + 1e-9, where);
                assertEquals(z.startSeconds(), Math.round(z.startSeconds() * 1e4) / 1e4, where);
                assertEquals(z.stopSeconds(), Math.round(z.stopSeconds() * 1e4) / 1e4, where);
                assertTrue(z.startFrequencyHz() >= 3 && z.startFrequencyHz() <= 8, where);
                assertTrue(z.endFrequencyHz() >= 3 && z.endFrequencyHz() <= z.startFrequencyHz(), where);
                assertTrue(s.electrodes().containsAll(z.electrodes()), where);
                if (z.generalized()) {
                    assertEquals(s.montage().tcpChannels(), z.channels(), where);
                } else {
                    assertTrue(z.electrodes().contains(z.focus()), where);
                    assertTrue(z.electrodes().size() < s.electrodes().size(), "focal means a subset: " + where);
                }
                for (String ch : s.montage().tcpChannels()) {
                    String[] ends = ch.split("-");
                    boolean involved =
                            z.electrodes().contains(ends[0]) || z.electrodes().contains(ends[1]);
                    assertEquals(involved, z.channels().contains(ch), ch + " in " + where);
                }
                previousStop = z.stopSeconds();
            }
        }
    }

    @Property(tries = 60)
    void featuresAppearWhenAskedFor(@ForAll("configs") SyntheticCorpusConfig c) {
        List<SyntheticRecordingSpec> plan = c.plan();
        int n = plan.size();
        long shorts = plan.stream().filter(s -> s.durationSeconds() < 60).count();
        long missing =
                plan.stream().filter(s -> !s.missingElectrodes().isEmpty()).count();
        if (c.shortFraction() > 0 && n >= 3) {
            assertTrue(shorts >= 1, "no recording shorter than 60 s");
        }
        if (c.shortFraction() == 0 && c.minutesPerRecording() * 60 * (1 - c.durationJitter()) >= 60) {
            assertEquals(0, shorts);
        }
        if (c.missingFzPzFraction() > 0 && n >= 3) {
            assertTrue(missing >= 1, "no recording without Fz/Pz");
        }
        if (c.missingFzPzFraction() == 0) {
            assertEquals(0, missing);
        }
        for (SyntheticRecordingSpec s : plan) {
            assertTrue(
                    Set.of("FZ", "PZ").containsAll(s.missingElectrodes()),
                    s.missingElectrodes().toString());
            for (String e : s.missingElectrodes()) {
                assertEquals(-1, s.signalIndex(s.montage().eegLabel(e)));
            }
        }
        for (CorpusSplit split : CorpusSplit.values()) {
            List<SyntheticRecordingSpec> in =
                    plan.stream().filter(s -> s.split() == split).toList();
            boolean canHold = in.stream().anyMatch(s -> s.durationSeconds() >= 14);
            long withSeizures =
                    in.stream().filter(SyntheticRecordingSpec::hasSeizures).count();
            if (c.seizureFraction() > 0 && canHold) {
                assertTrue(withSeizures >= 1, "split " + split + " has no seizure");
            }
            if (c.seizureFraction() == 0) {
                assertEquals(0, withSeizures);
            }
        }
    }

    @Property(tries = 60)
    void sessionsShareRateAndMontageAndNumberContiguously(@ForAll("configs") SyntheticCorpusConfig c) {
        List<SyntheticRecordingSpec> plan = c.plan();
        Map<String, List<SyntheticRecordingSpec>> bySession = new TreeMap<>();
        for (SyntheticRecordingSpec s : plan) {
            assertTrue(c.samplingRates().contains(s.samplingRate()));
            bySession
                    .computeIfAbsent(s.patient() + "/" + s.sessionDirectory(), k -> new ArrayList<>())
                    .add(s);
        }
        for (List<SyntheticRecordingSpec> session : bySession.values()) {
            for (int t = 0; t < session.size(); t++) {
                assertEquals(t, session.get(t).token());
                assertEquals(session.get(0).samplingRate(), session.get(t).samplingRate());
                assertEquals(session.get(0).montage(), session.get(t).montage());
            }
        }
        if (bySession.size() >= c.samplingRates().size()) {
            assertEquals(
                    Set.copyOf(c.samplingRates()),
                    plan.stream()
                            .map(SyntheticRecordingSpec::samplingRate)
                            .collect(java.util.stream.Collectors.toSet()));
        }
        Map<String, Set<Integer>> sessions = new HashMap<>();
        plan.forEach(
                s -> sessions.computeIfAbsent(s.patient(), k -> new HashSet<>()).add(s.session()));
        for (Set<Integer> numbers : sessions.values()) {
            for (int i = 1; i <= numbers.size(); i++) {
                assertTrue(numbers.contains(i), "sessions numbered 1.." + numbers.size() + ": " + numbers);
            }
        }
    }

    @Example
    void theDefaultCorpusMixesMontagesRatesAndSeizureTypes() {
        List<SyntheticRecordingSpec> plan =
                SyntheticCorpus.builder().patients(20).plan();
        assertEquals(
                Set.of(TuhMontage.TCP_AR, TuhMontage.TCP_LE),
                plan.stream().map(SyntheticRecordingSpec::montage).collect(java.util.stream.Collectors.toSet()));
        assertEquals(
                Set.of(250, 256, 400, 512),
                plan.stream().map(SyntheticRecordingSpec::samplingRate).collect(java.util.stream.Collectors.toSet()));
        Set<String> types = new HashSet<>();
        boolean focal = false;
        boolean generalized = false;
        for (SyntheticRecordingSpec s : plan) {
            for (PlantedSeizure z : s.seizures()) {
                types.add(z.type().code());
                focal |= !z.generalized();
                generalized |= z.generalized();
            }
        }
        assertEquals(TYPES, types, "every planted type appears once there are ten or more seizures");
        assertTrue(focal && generalized);
        assertTrue(plan.stream().anyMatch(s -> !s.hasSeizures()));
        assertFalse(plan.stream().allMatch(s -> s.durationSeconds() >= 60));
    }
}
