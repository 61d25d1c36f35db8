package io.github.braingobrr.synthetic;

import java.util.Map;

/**
 * Approximate scalp positions of the electrodes the generator uses (a flat projection: x to the right
 * ear, y to the nose, the 10-20 outer ring at radius 1), and the spatial rules derived from them: the
 * posterior weighting of the alpha rhythm and the weight and lag of a seizure discharge at an electrode.
 */
final class Electrodes {
    private Electrodes() {}

    /** Standard deviation of a focal seizure's spatial spread, in head radii. */
    static final double FOCAL_SPREAD = 0.4;

    /** Electrodes whose focal weight falls below this are not involved. */
    static final double INVOLVEMENT_THRESHOLD = 0.3;

    private static final Map<String, double[]> POSITIONS = Map.ofEntries(
            ring("FP1", 342),
            ring("FP2", 18),
            ring("F7", 306),
            ring("F8", 54),
            ring("T3", 270),
            ring("T4", 90),
            ring("T5", 234),
            ring("T6", 126),
            ring("O1", 198),
            ring("O2", 162),
            Map.entry("F3", new double[] {-0.40, 0.52}),
            Map.entry("F4", new double[] {0.40, 0.52}),
            Map.entry("C3", new double[] {-0.50, 0.0}),
            Map.entry("C4", new double[] {0.50, 0.0}),
            Map.entry("P3", new double[] {-0.40, -0.52}),
            Map.entry("P4", new double[] {0.40, -0.52}),
            Map.entry("FZ", new double[] {0.0, 0.50}),
            Map.entry("CZ", new double[] {0.0, 0.0}),
            Map.entry("PZ", new double[] {0.0, -0.50}),
            Map.entry("A1", new double[] {-1.15, 0.0}),
            Map.entry("A2", new double[] {1.15, 0.0}),
            Map.entry("T1", new double[] {-0.95, 0.30}),
            Map.entry("T2", new double[] {0.95, 0.30}),
            Map.entry("OZ", new double[] {0.0, -1.0}),
            Map.entry("LOC", new double[] {-0.45, 1.15}),
            Map.entry("ROC", new double[] {0.45, 1.15}));

    private static Map.Entry<String, double[]> ring(String name, double degreesFromNose) {
        double a = Math.toRadians(degreesFromNose);
        return Map.entry(name, new double[] {Math.sin(a), Math.cos(a)});
    }

    /** Whether the generator knows the electrode's position. */
    static boolean known(String electrode) {
        return POSITIONS.containsKey(electrode);
    }

    /** Whether a seizure may involve the electrode (scalp and ear electrodes, not the eye channels). */
    static boolean seizureCandidate(String electrode) {
        return known(electrode) && !electrode.equals("LOC") && !electrode.equals("ROC");
    }

    /** Whether the electrode may be the focus of a focal seizure (scalp, not ears or eyes). */
    static boolean focusCandidate(String electrode) {
        return seizureCandidate(electrode) && !electrode.startsWith("A");
    }

    private static double[] at(String electrode) {
        double[] p = POSITIONS.get(electrode);
        if (p == null) {
            throw new IllegalArgumentException("no scalp position for electrode '" + electrode + "'");
        }
        return p;
    }

    static double distance(String a, String b) {
        double[] p = at(a);
        double[] q = at(b);
        return Math.hypot(p[0] - q[0], p[1] - q[1]);
    }

    /** Relative alpha amplitude: 1 at the occiput, falling to a floor of 0.05 over the frontal poles. */
    static double alphaWeight(String electrode) {
        double posterior = Math.min(1.0, Math.max(0.0, (0.3 - at(electrode)[1]) / 1.25));
        return Math.max(0.05, Math.pow(posterior, 1.5));
    }

    /** Discharge weight at an electrode: Gaussian fall-off from a focus, or frontal-dominant when generalized. */
    static double seizureWeight(String focus, String electrode) {
        if (focus.isEmpty()) {
            return 0.55 + 0.35 * (at(electrode)[1] + 1) / 2;
        }
        double d = distance(focus, electrode);
        return Math.exp(-d * d / (2 * FOCAL_SPREAD * FOCAL_SPREAD));
    }

    /** Discharge lag at an electrode, seconds: propagation from the focus, or front-to-back when generalized. */
    static double seizureLagSeconds(String focus, String electrode) {
        if (focus.isEmpty()) {
            return 0.015 * (1 - Math.min(1.0, at(electrode)[1])) / 2;
        }
        return 0.02 * distance(focus, electrode);
    }
}
