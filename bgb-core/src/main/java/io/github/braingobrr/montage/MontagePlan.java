package io.github.braingobrr.montage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How one recording's signals become a montage: which source signal each electrode comes from, which
 * electrodes are interpolated or zero-filled, and each output channel as a weighted sum of source signals.
 * Immutable; built by {@link #resolve}.
 */
public final class MontagePlan {
    /** Reads one source signal, in microvolts, by its index in the recording's label list. */
    @FunctionalInterface
    public interface ChannelReader {
        /** The samples of source signal {@code sourceIndex}; the array is not modified. */
        double[] read(int sourceIndex) throws IOException;
    }

    private final Montage montage;
    private final String source;
    private final Map<String, String> sourceLabels;
    private final List<String> interpolated;
    private final List<String> zeroed;
    private final List<String> warnings;
    private final List<int[]> sources;
    private final List<double[]> weights;

    private MontagePlan(
            Montage montage,
            String source,
            Map<String, String> sourceLabels,
            List<String> interpolated,
            List<String> zeroed,
            List<String> warnings,
            List<int[]> sources,
            List<double[]> weights) {
        this.montage = montage;
        this.source = source;
        this.sourceLabels = Collections.unmodifiableMap(sourceLabels);
        this.interpolated = List.copyOf(interpolated);
        this.zeroed = List.copyOf(zeroed);
        this.warnings = List.copyOf(warnings);
        this.sources = sources;
        this.weights = weights;
    }

    /**
     * Matches {@code labels} (a recording's signal labels, in file order) to the montage's electrodes and applies
     * {@code policy} to the missing ones.
     *
     * @param source a name for the recording in messages (for example its path)
     * @throws MissingChannelsException when an electrode is missing and the policy does not fill it
     */
    public static MontagePlan resolve(Montage montage, List<String> labels, MissingChannelPolicy policy, String source)
            throws MissingChannelsException {
        List<String> electrodes = montage.electrodes();
        Map<String, Integer> index = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        // direct names first, synonyms (T7 for T3, …) only where the direct name is absent
        for (boolean synonyms : new boolean[] {false, true}) {
            for (int i = 0; i < labels.size(); i++) {
                String label = labels.get(i);
                String electrode = ChannelNames.canonical(label).orElse(null);
                if (electrode == null || !electrodes.contains(electrode)) {
                    continue;
                }
                boolean direct = ChannelNames.normalize(label).equalsIgnoreCase(electrode);
                if (direct == synonyms) {
                    continue;
                }
                Integer previous = index.get(electrode);
                if (previous == null) {
                    index.put(electrode, i);
                } else if (previous != i) {
                    warnings.add("labels '" + labels.get(previous) + "' and '" + label + "' both name electrode "
                            + electrode + "; using '" + labels.get(previous) + "'");
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String e : electrodes) {
            if (!index.containsKey(e)) {
                missing.add(e);
            }
        }
        List<String> unfilled = new ArrayList<>();
        for (String e : missing) {
            if (!policy.fills(e)) {
                unfilled.add(e);
            }
        }
        if (!unfilled.isEmpty()) {
            throw new MissingChannelsException(source, montage, missing, policy, labels);
        }
        Map<String, Map<Integer, Double>> combos = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            combos.put(e.getKey(), Map.of(e.getValue(), 1.0));
        }
        List<String> interpolated = new ArrayList<>();
        List<String> zeroed = new ArrayList<>();
        if (!missing.isEmpty()) {
            if (policy.action() == MissingChannelPolicy.Action.ZERO) {
                for (String e : missing) {
                    combos.put(e, Map.of());
                    zeroed.add(e);
                }
            } else {
                interpolate(electrodes, index, missing, combos, source, montage, policy, labels);
                interpolated.addAll(missing);
            }
        }
        List<int[]> sources = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        for (int k = 0; k < montage.size(); k++) {
            String[] pair = montage.pair(k);
            TreeMap<Integer, Double> sum = new TreeMap<>(combos.get(pair[0]));
            if (pair[1] != null) {
                combos.get(pair[1]).forEach((src, w) -> sum.merge(src, -w, Double::sum));
            }
            sum.values().removeIf(w -> w == 0.0);
            sources.add(sum.keySet().stream().mapToInt(Integer::intValue).toArray());
            weights.add(sum.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
        Map<String, String> used = new LinkedHashMap<>();
        for (String e : electrodes) {
            Integer i = index.get(e);
            if (i != null) {
                used.put(e, labels.get(i));
            }
        }
        return new MontagePlan(montage, source, used, interpolated, zeroed, warnings, sources, weights);
    }

    private static void interpolate(
            List<String> electrodes,
            Map<String, Integer> index,
            List<String> missing,
            Map<String, Map<Integer, Double>> combos,
            String source,
            Montage montage,
            MissingChannelPolicy policy,
            List<String> labels)
            throws MissingChannelsException {
        List<String> goods = new ArrayList<>();
        for (String e : electrodes) {
            if (index.containsKey(e)) {
                goods.add(e);
            }
        }
        if (goods.size() < 3) {
            throw new MissingChannelsException(source, montage, missing, policy, labels);
        }
        double[][] all = new double[electrodes.size()][];
        for (int i = 0; i < all.length; i++) {
            all[i] = StandardPositions.position(electrodes.get(i));
        }
        double[] origin = SphericalSpline.fitOrigin(all);
        double[][] from = goods.stream().map(StandardPositions::position).toArray(double[][]::new);
        double[][] to = missing.stream().map(StandardPositions::position).toArray(double[][]::new);
        double[][] w = SphericalSpline.matrix(from, to, origin);
        for (int r = 0; r < missing.size(); r++) {
            Map<Integer, Double> combo = new TreeMap<>();
            for (int j = 0; j < goods.size(); j++) {
                combo.put(index.get(goods.get(j)), w[r][j]);
            }
            combos.put(missing.get(r), combo);
        }
    }

    /** The montage. */
    public Montage montage() {
        return montage;
    }

    /** Output channel names, in order. */
    public List<String> channelNames() {
        return montage.channelNames();
    }

    /** For every electrode found in the recording, the label it was read from (electrode order). */
    public Map<String, String> sourceLabels() {
        return sourceLabels;
    }

    /** Electrodes filled by interpolation. */
    public List<String> interpolated() {
        return interpolated;
    }

    /** Electrodes filled with zeros. */
    public List<String> zeroed() {
        return zeroed;
    }

    /** Notes about ambiguous labels (for example two labels naming the same electrode). */
    public List<String> warnings() {
        return warnings;
    }

    /** Source-signal indices output channel {@code k} is computed from (ascending; empty for a zero channel). */
    public int[] sources(int k) {
        return sources.get(k).clone();
    }

    /** The weights of {@link #sources(int)}: output {@code k} = Σ weight·source. */
    public double[] weights(int k) {
        return weights.get(k).clone();
    }

    /** Every source-signal index the plan reads, ascending. */
    public int[] requiredSources() {
        TreeSet<Integer> all = new TreeSet<>();
        for (int[] s : sources) {
            for (int i : s) {
                all.add(i);
            }
        }
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Computes output channel {@code k} of {@code length} samples from the source signals, as a new array.
     *
     * @throws IOException from the reader, or when a source signal does not have {@code length} samples
     */
    public double[] compute(int k, int length, ChannelReader reader) throws IOException {
        int[] src = sources.get(k);
        double[] w = weights.get(k);
        double[] out = new double[length];
        for (int j = 0; j < src.length; j++) {
            double[] x = reader.read(src[j]);
            if (x.length != length) {
                throw new IOException(source + ": signal " + src[j] + " has " + x.length + " samples where " + length
                        + " were expected; the montage's channels must have equal lengths");
            }
            double weight = w[j];
            if (src.length == 1 && weight == 1.0) {
                System.arraycopy(x, 0, out, 0, length);
            } else {
                for (int i = 0; i < length; i++) {
                    out[i] += weight * x[i];
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "MontagePlan[" + montage.name().toLowerCase(Locale.ROOT) + " of " + source + ", interpolated "
                + interpolated + ", zeroed " + zeroed + "]";
    }
}
