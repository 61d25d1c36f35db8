package io.github.braingobrr.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Turns a {@link SyntheticCorpusConfig} into the list of recordings: patient ids and splits, sessions and
 * tokens, rates and montages per session, durations, missing electrodes and planted seizures. All draws come
 * from one generator seeded by the corpus seed, in a fixed order, so the plan is a pure function of the
 * config.
 */
final class CorpusPlanner {
    private CorpusPlanner() {}

    private static final long PLAN = 11;
    private static final long RECORDING = 12;
    /** Seconds kept free of seizure at each end of a seizure's slot. */
    private static final double MARGIN = 2;
    /** The shortest recording that can hold a seizure. */
    static final int MIN_SEIZURE_RECORDING = (int) (SeizureKind.MIN_SECONDS + 2 * MARGIN);

    private static final int FIRST_YEAR = 2002;
    private static final int LAST_YEAR = 2020;

    private static final class Session {
        final int patient;
        final int number;
        final int year;
        final int tokens;
        int rate;
        TuhMontage montage = TuhMontage.TCP_AR;

        Session(int patient, int number, int year, int tokens) {
            this.patient = patient;
            this.number = number;
            this.year = year;
            this.tokens = tokens;
        }
    }

    private static final class Draft {
        final Session session;
        final int token;
        int duration;
        boolean isShort;
        Set<String> missing = Set.of();
        List<PlantedSeizure> seizures = List.of();

        Draft(Session session, int token) {
            this.session = session;
            this.token = token;
        }
    }

    static List<SyntheticRecordingSpec> plan(SyntheticCorpusConfig c) {
        SplittableRandom r = new SplittableRandom(Seeds.derive(c.seed(), PLAN));
        List<String> ids = patientIds(r, c.patients());
        CorpusSplit[] splits = assignSplits(r, c);
        double[] alpha = new double[c.patients()];
        for (int p = 0; p < alpha.length; p++) {
            alpha[p] = Seeds.uniform(r, 8.5, 11.5);
        }

        List<Session> sessions = new ArrayList<>();
        for (int p = 0; p < c.patients(); p++) {
            int year = FIRST_YEAR + r.nextInt(13);
            int left = c.recordingsPerPatient();
            for (int number = 1; left > 0; number++) {
                int tokens = Math.min(left, 1 + r.nextInt(3));
                sessions.add(new Session(p, number, year, tokens));
                left -= tokens;
                year = Math.min(LAST_YEAR, year + r.nextInt(3));
            }
        }
        int[] order = shuffled(r, sessions.size());
        for (int i = 0; i < order.length; i++) {
            sessions.get(order[i]).rate =
                    c.samplingRates().get(i % c.samplingRates().size());
        }
        order = shuffled(r, sessions.size());
        int linkedEars = quota(c.linkedEarsFraction(), sessions.size(), 2);
        for (int i = 0; i < linkedEars; i++) {
            sessions.get(order[i]).montage = TuhMontage.TCP_LE;
        }

        List<Draft> drafts = new ArrayList<>();
        for (Session s : sessions) {
            for (int t = 0; t < s.tokens; t++) {
                drafts.add(new Draft(s, t));
            }
        }
        order = shuffled(r, drafts.size());
        int shorts = quota(c.shortFraction(), drafts.size(), 3);
        for (int i = 0; i < order.length; i++) {
            Draft d = drafts.get(order[i]);
            d.isShort = i < shorts;
            double nominal = c.minutesPerRecording() * 60 * (1 + c.durationJitter() * (2 * r.nextDouble() - 1));
            d.duration = d.isShort ? 15 + r.nextInt(45) : (int) Math.max(1, Math.round(nominal));
        }
        order = shuffled(r, drafts.size());
        int missing = quota(c.missingFzPzFraction(), drafts.size(), 3);
        for (int i = 0; i < missing; i++) {
            int which = r.nextInt(3);
            drafts.get(order[i]).missing = which == 0 ? Set.of("FZ") : which == 1 ? Set.of("PZ") : Set.of("FZ", "PZ");
        }

        SeizureKind[] kinds = SeizureKind.values().clone();
        int[] kindOrder = shuffled(r, kinds.length);
        int[] nextKind = {0};
        for (CorpusSplit split : CorpusSplit.values()) {
            List<Draft> inSplit = new ArrayList<>();
            for (Draft d : drafts) {
                if (splits[d.session.patient] == split) {
                    inSplit.add(d);
                }
            }
            int[] o = shuffled(r, inSplit.size());
            List<Draft> candidates = new ArrayList<>();
            for (int i : o) {
                candidates.add(inSplit.get(i));
            }
            candidates.sort(Comparator.comparingInt((Draft d) -> d.duration < MIN_SEIZURE_RECORDING ? 1 : 0)
                    .thenComparingInt(d -> d.isShort ? 1 : 0));
            int want = quota(c.seizureFraction(), candidates.size(), 1);
            for (int i = 0; i < want; i++) {
                Draft d = candidates.get(i);
                List<SyntheticSignal> signals = TuhLayouts.signals(d.session.montage, d.session.rate, d.missing);
                d.seizures = seizures(r, d.duration, d.session.montage, electrodes(signals), () -> {
                    SeizureKind k = kinds[kindOrder[nextKind[0] % kinds.length]];
                    nextKind[0]++;
                    return k;
                });
            }
        }

        List<SyntheticRecordingSpec> specs = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            Session s = d.session;
            specs.add(new SyntheticRecordingSpec(
                    splits[s.patient],
                    ids.get(s.patient),
                    s.number,
                    s.year,
                    d.token,
                    s.montage,
                    s.rate,
                    d.duration,
                    TuhLayouts.signals(s.montage, s.rate, d.missing),
                    d.seizures,
                    alpha[s.patient],
                    Seeds.derive(c.seed(), RECORDING, i)));
        }
        specs.sort(Comparator.comparing(SyntheticRecordingSpec::split)
                .thenComparing(spec -> spec.relativeEdfPath().toString()));
        return List.copyOf(specs);
    }

    /** {@code round(fraction · n)}, but at least one when the fraction is positive and {@code n >= minN}. */
    static int quota(double fraction, int n, int minN) {
        int count = (int) Math.round(fraction * n);
        if (fraction > 0 && count == 0 && n >= minN) {
            count = 1;
        }
        return Math.min(n, count);
    }

    private static List<String> patientIds(SplittableRandom r, int n) {
        Set<Integer> used = new HashSet<>();
        List<String> ids = new ArrayList<>(n);
        while (ids.size() < n) {
            int v = r.nextInt(SyntheticCorpusConfig.MAX_PATIENTS);
            if (used.add(v)) {
                char[] id = "aaaaaaaa".toCharArray();
                for (int i = 7; i >= 4; i--, v /= 26) {
                    id[i] = (char) ('a' + v % 26);
                }
                ids.add(new String(id));
            }
        }
        return ids;
    }

    private static CorpusSplit[] assignSplits(SplittableRandom r, SyntheticCorpusConfig c) {
        int n = c.patients();
        int dev = n >= 2 && c.devFraction() > 0 ? Math.max(1, (int) Math.round(c.devFraction() * n)) : 0;
        int eval = n >= 3 && c.evalFraction() > 0 ? Math.max(1, (int) Math.round(c.evalFraction() * n)) : 0;
        while (dev + eval > n - 1) {
            if (dev >= eval) {
                dev--;
            } else {
                eval--;
            }
        }
        CorpusSplit[] out = new CorpusSplit[n];
        Arrays.fill(out, CorpusSplit.TRAIN);
        int[] order = shuffled(r, n);
        for (int i = 0; i < dev + eval; i++) {
            out[order[i]] = i < dev ? CorpusSplit.DEV : CorpusSplit.EVAL;
        }
        return out;
    }

    private static int[] shuffled(SplittableRandom r, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static List<String> electrodes(List<SyntheticSignal> signals) {
        List<String> out = new ArrayList<>();
        for (SyntheticSignal s : signals) {
            if (s.source() == SyntheticSignal.Source.EEG) {
                out.add(s.electrode());
            }
        }
        return out;
    }

    private static boolean onTcpMontage(TuhMontage montage, String electrode) {
        for (String ch : montage.tcpChannels()) {
            String[] ends = ch.split("-");
            if (ends[0].equals(electrode) || ends[1].equals(electrode)) {
                return true;
            }
        }
        return false;
    }

    interface KindSource {
        SeizureKind next();
    }

    /** One to three non-overlapping seizures, each in its own equal slot of the recording. */
    static List<PlantedSeizure> seizures(
            SplittableRandom r, int duration, TuhMontage montage, List<String> present, KindSource kinds) {
        int k = 1 + (r.nextDouble() < 0.35 ? 1 : 0) + (r.nextDouble() < 0.1 ? 1 : 0);
        while (k > 0 && (double) duration / k - 2 * MARGIN < SeizureKind.MIN_SECONDS) {
            k--;
        }
        List<String> foci = new ArrayList<>();
        for (String e : present) {
            if (Electrodes.focusCandidate(e) && onTcpMontage(montage, e)) {
                foci.add(e);
            }
        }
        List<PlantedSeizure> out = new ArrayList<>();
        double slot = (double) duration / Math.max(1, k);
        for (int i = 0; i < k; i++) {
            SeizureKind kind = kinds.next();
            double room = slot - 2 * MARGIN;
            double longest = Math.min(kind.maxSeconds, room);
            double shortest = Math.min(kind.minSeconds, longest);
            long lengthTicks = Math.max(
                    SeizureKind.MIN_SECONDS * 10_000L, Math.round(Seeds.uniform(r, shortest, longest) * 10_000));
            double length = lengthTicks / 10_000.0;
            long startTicks = Math.round((i * slot + MARGIN + r.nextDouble() * Math.max(0, room - length)) * 10_000);
            double start = startTicks / 10_000.0;
            double stop = (startTicks + lengthTicks) / 10_000.0;
            double f0 = Seeds.uniform(r, kind.startHzLow, kind.startHzHigh);
            double f1 = Seeds.uniform(r, kind.endHzLow, Math.min(kind.endHzHigh, f0));
            double amplitude = Seeds.uniform(r, kind.amplitudeLow, kind.amplitudeHigh);
            String focus = kind.generalized ? "" : foci.get(r.nextInt(foci.size()));
            List<String> involved = new ArrayList<>();
            for (String e : present) {
                if (Electrodes.seizureCandidate(e)
                        && (kind.generalized
                                || Electrodes.seizureWeight(focus, e) >= Electrodes.INVOLVEMENT_THRESHOLD)) {
                    involved.add(e);
                }
            }
            List<String> channels = new ArrayList<>();
            for (String ch : montage.tcpChannels()) {
                String[] ends = ch.split("-");
                if (involved.contains(ends[0]) || involved.contains(ends[1])) {
                    channels.add(ch);
                }
            }
            out.add(new PlantedSeizure(kind.type, start, stop, focus, involved, channels, f0, f1, amplitude));
        }
        return out;
    }
}
