package io.github.braingobrr.cache;

import io.github.braingobrr.labels.LabelFormat;
import io.github.braingobrr.storage.BlobInfo;
import io.github.braingobrr.storage.Keys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds the recordings of a data tree (a local folder or a prefix of a remote store, {@link SourceTree}) under the
 * official TUSZ split policy: every {@code **}{@code /*.edf} (sorted by path, as the Python system's
 * {@code sorted(glob)}), its split from the first folder below the data directory, its patient from the stem, and the
 * label file beside it.
 */
final class SourceDiscovery {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SourceDiscovery.class);
    private static final int SHOWN = 10;

    private SourceDiscovery() {}

    /**
     * Every recording of every split, by split (in {@link CacheKeys#SPLITS} order), each list sorted by path.
     *
     * @throws SplitPolicyException for the first {@linkplain #find violation} of the split policy
     */
    static Map<String, List<SourceFile>> discover(SourceTree tree, LabelFormat labels) throws IOException {
        Found found = find(tree, labels);
        if (!found.violations().isEmpty()) {
            throw new SplitPolicyException(found.violations().get(0).message());
        }
        return found.bySplit();
    }

    /** One way the data directory breaks the split policy: the first file concerned, the problem, what to do. */
    record Violation(String file, String problem, String fix) {
        /** The sentence the builder refuses the data directory with. */
        String message() {
            return problem + fix;
        }
    }

    /**
     * The recordings of every split, and every violation of the split policy (a {@code val} folder, EDF files outside
     * the split folders, patients in two splits, two recordings of a split with one stem); the recordings of a
     * {@code val} folder or outside the split folders are left out.
     */
    record Found(Map<String, List<SourceFile>> bySplit, List<Violation> violations) {}

    /** Finds the recordings and checks the split policy, without throwing for a violation. */
    static Found find(SourceTree tree, LabelFormat labels) throws IOException {
        TreeMap<String, BlobInfo> found = new TreeMap<>();
        for (BlobInfo b : tree.listEdf()) {
            found.put(b.key(), b);
        }
        Map<String, List<SourceFile>> bySplit = new LinkedHashMap<>();
        for (String s : CacheKeys.SPLITS) {
            bySplit.put(s, new ArrayList<>());
        }
        List<String> val = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (Map.Entry<String, BlobInfo> e : found.entrySet()) {
            String rel = e.getKey();
            int slash = rel.indexOf('/');
            String first = slash < 0 ? "" : rel.substring(0, slash);
            if (first.equalsIgnoreCase("val")
                    || first.equalsIgnoreCase("valid")
                    || first.equalsIgnoreCase("validation")) {
                val.add(rel);
                continue;
            }
            List<SourceFile> list = bySplit.get(first);
            if (list == null) {
                outside.add(rel);
                continue;
            }
            BlobInfo edf = e.getValue();
            String name = Keys.nameOf(rel);
            String stem = name.substring(0, name.length() - 4);
            int us = stem.indexOf('_');
            String patient = us < 0 ? stem : stem.substring(0, us);
            list.add(new SourceFile(
                    first, rel, SourceTree.labelsKey(rel, labels), stem, patient, edf.size(), edf.lastModified()));
        }
        List<Violation> violations = new ArrayList<>();
        if (!val.isEmpty()) {
            violations.add(new Violation(
                    val.get(0),
                    val.size() + " EDF file(s) lie under a '"
                            + val.get(0).substring(0, val.get(0).indexOf('/')) + "' folder of " + tree.root()
                            + " (first: "
                            + val.get(0) + "); ",
                    "TUSZ and bgb call the validation split 'dev': rename the folder to " + tree.where("dev")));
        }
        if (!outside.isEmpty()) {
            String hint = CacheKeys.SPLITS.contains(tree.rootName())
                    ? "It looks like the data directory is itself a split folder; pass its parent " + tree.parent()
                    : "Pass the folder that holds train/, dev/ and eval/ (for TUSZ v2, its edf/ folder)";
            violations.add(new Violation(
                    outside.get(0),
                    outside.size() + " EDF file(s) are not under train/, dev/ or eval/ of " + tree.root() + " (first: "
                            + outside.subList(0, Math.min(SHOWN, outside.size())) + "). ",
                    hint + ", or move the files into a split folder."));
        }
        checkPatients(bySplit, violations);
        checkUniqueStems(bySplit, violations);
        return new Found(bySplit, List.copyOf(violations));
    }

    /** No patient may have recordings in two splits. */
    private static void checkPatients(Map<String, List<SourceFile>> bySplit, List<Violation> violations) {
        TreeMap<String, TreeSet<String>> splitsOf = new TreeMap<>();
        TreeMap<String, String> firstFile = new TreeMap<>();
        for (Map.Entry<String, List<SourceFile>> e : bySplit.entrySet()) {
            for (SourceFile f : e.getValue()) {
                TreeSet<String> splits = splitsOf.computeIfAbsent(f.patient(), k -> new TreeSet<>());
                splits.add(e.getKey());
                if (splits.size() > 1) {
                    firstFile.putIfAbsent(f.patient(), f.relativePath());
                }
            }
        }
        List<String> overlapping = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> e : splitsOf.entrySet()) {
            if (e.getValue().size() > 1) {
                overlapping.add(e.getKey() + " (" + String.join(", ", e.getValue()) + ")");
            }
        }
        if (!overlapping.isEmpty()) {
            violations.add(new Violation(
                    firstFile.firstEntry().getValue(),
                    overlapping.size() + " patient(s) have recordings in more than one split,"
                            + " which leaks patients between training and evaluation under the official_tusz policy: "
                            + String.join(", ", overlapping.subList(0, Math.min(SHOWN * 2, overlapping.size())))
                            + (overlapping.size() > SHOWN * 2 ? ", ..." : "")
                            + ". ",
                    "The patient is the file name before the first '_'; move each patient's recordings into one"
                            + " split."));
        }
    }

    /** Two recordings of a split with the same stem would write the same cache file. */
    private static void checkUniqueStems(Map<String, List<SourceFile>> bySplit, List<Violation> violations) {
        for (List<SourceFile> files : bySplit.values()) {
            Map<String, SourceFile> seen = new TreeMap<>();
            for (SourceFile f : files) {
                SourceFile before = seen.put(f.stem(), f);
                if (before != null) {
                    violations.add(new Violation(
                            f.relativePath(),
                            "two recordings of " + f.split() + " have the file name " + f.stem()
                                    + ".edf and would share one cache file: " + before.relativePath() + " and "
                                    + f.relativePath() + "; ",
                            "rename or remove one of them"));
                }
            }
        }
    }
}
