package io.github.braingobrr.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: columns padded to their widest cell, two spaces apart, indented by two. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... header) {
        columns = header.length;
        rows.add(header);
    }

    Table row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("a row needs " + columns + " cells, got " + cells.length);
        }
        rows.add(cells);
        return this;
    }

    void print(PrintWriter out) {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder("  ");
            for (int c = 0; c < columns; c++) {
                sb.append(r[c]);
                if (c < columns - 1) {
                    sb.append(" ".repeat(width[c] - r[c].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** A number as Java's shortest round-trip form gives it, in plain notation ({@code 600}, {@code 0.3945312}). */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** A number to six significant digits, for summaries ({@code 3222.96}, {@code 1.25e-06}). */
    static String brief(double v) {
        if (!Double.isFinite(v) || v == Math.rint(v) && Math.abs(v) < 1e6) {
            return number(v);
        }
        String s = String.format(java.util.Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceFirst("0+$", "").replaceFirst("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }
}
