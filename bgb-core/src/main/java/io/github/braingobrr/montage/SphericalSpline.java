package io.github.braingobrr.montage;

/**
 * Spherical-spline interpolation (Perrin et al., 1989) with the parameters of MNE-Python's
 * {@code interpolate_bads} for EEG: stiffness m = 4, 50 Legendre terms, regularisation α = 1e-5, electrode
 * positions projected from a sphere fitted to the montage's electrodes (least squares on
 * {@code |p − c| − r}, leaving out low frontal points with z &lt; 0 and y &gt; 0).
 */
final class SphericalSpline {
    private static final int STIFFNESS = 4;
    private static final int LEGENDRE_TERMS = 50;
    private static final double ALPHA = 1e-5;
    private static final double[] G_FACTORS = gFactors();

    private SphericalSpline() {}

    /**
     * Weights {@code [to][from]} that map signals at {@code from} positions to the {@code to} positions, both
     * relative to the sphere's centre {@code origin}.
     */
    static double[][] matrix(double[][] from, double[][] to, double[] origin) {
        double[][] f = unitVectors(from, origin);
        double[][] t = unitVectors(to, origin);
        int n = f.length;
        double[][] c = new double[n + 1][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i][j] = g(dot(f[i], f[j]));
            }
            c[i][i] += ALPHA;
            c[i][n] = 1.0;
            c[n][i] = 1.0;
        }
        double[][] weights = new double[t.length][];
        for (int r = 0; r < t.length; r++) {
            double[] rhs = new double[n + 1];
            for (int j = 0; j < n; j++) {
                rhs[j] = g(dot(t[r], f[j]));
            }
            rhs[n] = 1.0;
            // C is symmetric, so the row [G_to_from, 1]·C⁻¹ is (C⁻¹·[G_to_from, 1]ᵀ)ᵀ
            double[] solved = solve(c, rhs);
            weights[r] = java.util.Arrays.copyOf(solved, n);
        }
        return weights;
    }

    /**
     * Centre {@code (x, y, z)} of the sphere fitted to {@code points}, leaving out low frontal points as MNE
     * does ({@code z < −1e-6} and {@code y > 1e-6}).
     */
    static double[] fitOrigin(double[][] points) {
        java.util.List<double[]> kept = new java.util.ArrayList<>();
        for (double[] p : points) {
            if (!(p[2] < -1e-6 && p[1] > 1e-6)) {
                kept.add(p);
            }
        }
        if (kept.size() < 4) {
            throw new IllegalArgumentException("a sphere fit needs at least 4 electrode positions, got " + kept.size());
        }
        double[][] pts = kept.toArray(new double[0][]);
        // start like MNE: per-axis median as centre, mean half-extent as radius
        double[] x = new double[4];
        for (int k = 0; k < 3; k++) {
            double[] axis = new double[pts.length];
            for (int i = 0; i < pts.length; i++) {
                axis[i] = pts[i][k];
            }
            java.util.Arrays.sort(axis);
            int m = axis.length / 2;
            x[k] = axis.length % 2 == 1 ? axis[m] : (axis[m - 1] + axis[m]) / 2;
        }
        double r0 = 0;
        for (double[] p : pts) {
            r0 += (Math.max(p[0], Math.max(p[1], p[2])) - Math.min(p[0], Math.min(p[1], p[2]))) / 2;
        }
        x[3] = r0 / pts.length;
        // Gauss-Newton on residuals |p − c| − r (geometric fit), damped when a step does not reduce the cost
        double cost = cost(pts, x);
        double lambda = 1e-6;
        for (int iter = 0; iter < 200; iter++) {
            double[][] jtj = new double[4][4];
            double[] jtr = new double[4];
            for (double[] p : pts) {
                double dx = p[0] - x[0];
                double dy = p[1] - x[1];
                double dz = p[2] - x[2];
                double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                double res = d - x[3];
                double[] jac = {-dx / d, -dy / d, -dz / d, -1.0};
                for (int a = 0; a < 4; a++) {
                    jtr[a] += jac[a] * res;
                    for (int b = 0; b < 4; b++) {
                        jtj[a][b] += jac[a] * jac[b];
                    }
                }
            }
            double[] trial = null;
            double trialCost = Double.POSITIVE_INFINITY;
            for (int attempt = 0; attempt < 30; attempt++) {
                double[][] damped = new double[4][4];
                double[] negGrad = new double[4];
                for (int a = 0; a < 4; a++) {
                    damped[a] = jtj[a].clone();
                    damped[a][a] *= 1 + lambda;
                    negGrad[a] = -jtr[a];
                }
                double[] step = solve(damped, negGrad);
                trial = new double[4];
                for (int a = 0; a < 4; a++) {
                    trial[a] = x[a] + step[a];
                }
                trialCost = cost(pts, trial);
                if (trialCost <= cost) {
                    lambda = Math.max(lambda / 10, 1e-12);
                    break;
                }
                lambda *= 10;
            }
            if (!(trialCost <= cost)) {
                break;
            }
            boolean converged = Math.abs(cost - trialCost) <= 1e-30 + 1e-15 * cost;
            x = trial;
            cost = trialCost;
            if (converged) {
                break;
            }
        }
        return new double[] {x[0], x[1], x[2]};
    }

    private static double cost(double[][] pts, double[] x) {
        double sum = 0;
        for (double[] p : pts) {
            double dx = p[0] - x[0];
            double dy = p[1] - x[1];
            double dz = p[2] - x[2];
            double res = Math.sqrt(dx * dx + dy * dy + dz * dz) - x[3];
            sum += res * res;
        }
        return sum;
    }

    /** g(cos γ) = Σₙ (2n+1)/(nᵐ(n+1)ᵐ·4π)·Pₙ(cos γ), by Clenshaw's recurrence for Legendre series. */
    static double g(double x) {
        double b1 = 0;
        double b2 = 0;
        for (int n = LEGENDRE_TERMS; n >= 1; n--) {
            // Legendre: P_{n+1} = ((2n+1)x P_n − n P_{n−1})/(n+1); Clenshaw with α_n = (2n+1)x/(n+1), β_{n+1} =
            // −(n+1)/(n+2)
            double alpha = (2.0 * n + 1) * x / (n + 1);
            double beta = -(n + 1.0) / (n + 2.0);
            double b0 = G_FACTORS[n] + alpha * b1 + beta * b2;
            b2 = b1;
            b1 = b0;
        }
        // f(x) = c0·P0 + b1·P1 + β₁·P0·b2, with P0 = 1, P1 = x, c0 = 0, β₁ = −1/2
        return b1 * x - 0.5 * b2;
    }

    private static double[] gFactors() {
        double[] f = new double[LEGENDRE_TERMS + 1];
        for (int n = 1; n <= LEGENDRE_TERMS; n++) {
            f[n] = (2.0 * n + 1) / (Math.pow(n, STIFFNESS) * Math.pow(n + 1, STIFFNESS) * 4 * Math.PI);
        }
        return f;
    }

    private static double[][] unitVectors(double[][] positions, double[] origin) {
        double[][] out = new double[positions.length][3];
        for (int i = 0; i < positions.length; i++) {
            double x = positions[i][0] - origin[0];
            double y = positions[i][1] - origin[1];
            double z = positions[i][2] - origin[2];
            double norm = Math.sqrt(x * x + y * y + z * z);
            out[i][0] = x / norm;
            out[i][1] = y / norm;
            out[i][2] = z / norm;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    /** Gaussian elimination with partial pivoting; {@code a} and {@code b} are not modified. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (m[pivot][col] == 0.0) {
                throw new IllegalArgumentException("singular system: electrode positions coincide");
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double factor = m[r][col] / m[col][col];
                if (factor != 0.0) {
                    for (int k = col; k <= n; k++) {
                        m[r][k] -= factor * m[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
