package io.github.braingobrr.cli;

import io.github.braingobrr.npy.Npy;
import io.github.braingobrr.npy.NpyHeader;
import io.github.braingobrr.npy.NpyReader;
import io.github.braingobrr.npy.NpyStats;
import io.github.braingobrr.npy.NpzEntry;
import io.github.braingobrr.npy.NpzReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bgb npz info}: what an archive holds. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = {
            "List the members of a .npz archive: dtype, shape, memory order, compression and sizes. A .npy file is"
                    + " shown as one member.",
            "Only the archive's directory and each member's header are read, unless --stats or --verify asks for"
                    + " the data."
        })
final class NpzInfoCommand extends CommandBase {
    @Parameters(paramLabel = "FILE", description = "The .npz archive (or .npy file).")
    Path file;

    @Option(names = "--json", description = "Print the information as JSON.")
    boolean json;

    @Option(
            names = "--stats",
            description = "Also read every numeric member and show its min, max, mean and NaN count.")
    boolean stats;

    @Option(names = "--verify", description = "Also check every member's CRC-32.")
    boolean verify;

    @Override
    public Integer call() throws IOException {
        List<Map<String, Object>> members = new ArrayList<>();
        List<String> shapes = new ArrayList<>(); // as NumPy prints them, for the text table
        boolean npy = isNpy(file);
        if (npy) {
            try (NpyReader r = Npy.open(file)) {
                Map<String, Object> m = member(file.getFileName().toString(), r.header());
                shapes.add(r.header().shapeString());
                m.put("compression", "none");
                m.put("size", Files.size(file));
                m.put("formatVersion", r.formatVersion());
                m.put("dataOffset", r.dataOffset());
                addStats(m, r);
                members.add(m);
            }
        } else {
            try (NpzReader npz = NpzReader.open(file)) {
                if (verify) {
                    npz.verify();
                }
                for (NpzEntry e : npz.entries()) {
                    Map<String, Object> m = member(e.name(), e.header());
                    shapes.add(e.header() == null ? "" : e.header().shapeString());
                    m.put("file", e.fileName());
                    m.put("compression", e.compression().name().toLowerCase(Locale.ROOT));
                    m.put("size", e.size());
                    m.put("compressedSize", e.compressedSize());
                    m.put("crc32", String.format(Locale.ROOT, "%08x", e.crc32()));
                    m.put("dataOffset", e.dataOffset() < 0 ? null : e.dataOffset());
                    if (e.isArray()) {
                        try (NpyReader r = npz.open(e.name())) {
                            addStats(m, r);
                        }
                    }
                    members.add(m);
                }
            }
        }
        if (json) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("file", file.toString());
            info.put("format", npy ? "npy" : "npz");
            info.put("size", Files.size(file));
            info.put("verified", verify && !npy);
            info.put("members", members);
            printJson(info);
        } else {
            print(members, shapes, npy);
        }
        return 0;
    }

    private static boolean isNpy(Path file) throws IOException {
        byte[] magic = new byte[6];
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(magic, 0, 6) == 6 && (magic[0] & 0xff) == 0x93 && magic[1] == 'N';
        }
    }

    private static Map<String, Object> member(String name, NpyHeader h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("dtype", h == null ? null : h.dtype().descr());
        m.put("shape", h == null ? null : Arrays.stream(h.shape()).boxed().toList());
        m.put("order", h == null ? null : h.order().name().toLowerCase(Locale.ROOT));
        return m;
    }

    private void addStats(Map<String, Object> m, NpyReader r) throws IOException {
        if (!stats) {
            return;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        try {
            NpyStats st = NpyStats.of(r);
            s.put("count", st.count());
            s.put("nanCount", st.nanCount());
            s.put("min", st.min());
            s.put("max", st.max());
            s.put("mean", st.mean());
        } catch (UnsupportedOperationException e) {
            s = null; // strings and complex numbers have no statistics
        }
        m.put("stats", s);
    }

    private void print(List<Map<String, Object>> members, List<String> shapes, boolean npy) {
        var out = out();
        out.println(file + (npy ? " (a single .npy array)" : "") + ": " + members.size() + " member(s)"
                + (verify && !npy ? ", CRC-32 verified" : ""));
        List<String> header = new ArrayList<>(List.of("name", "dtype", "shape", "order", "compression", "size"));
        if (!npy) {
            header.add("stored");
        }
        if (stats) {
            header.addAll(List.of("min", "max", "mean", "NaNs"));
        }
        Table t = new Table(header.toArray(String[]::new));
        for (int i = 0; i < members.size(); i++) {
            Map<String, Object> m = members.get(i);
            List<String> row = new ArrayList<>();
            row.add((String) m.get("name"));
            row.add(m.get("dtype") == null ? "(not .npy)" : (String) m.get("dtype"));
            row.add(shapes.get(i));
            row.add(m.get("order") == null ? "" : (String) m.get("order"));
            row.add((String) m.get("compression"));
            row.add(String.valueOf(m.get("size")));
            if (!npy) {
                row.add(String.valueOf(m.get("compressedSize")));
            }
            if (stats) {
                @SuppressWarnings("unchecked")
                Map<String, Object> s = (Map<String, Object>) m.get("stats");
                if (s == null) {
                    row.addAll(List.of("-", "-", "-", "-"));
                } else {
                    row.add(Table.brief((Double) s.get("min")));
                    row.add(Table.brief((Double) s.get("max")));
                    row.add(Table.brief((Double) s.get("mean")));
                    row.add(String.valueOf(s.get("nanCount")));
                }
            }
            t.row(row.toArray(String[]::new));
        }
        t.print(out);
        out.flush();
    }
}
